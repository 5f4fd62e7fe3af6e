/**
 * Runs work in slices of SLICE_BUDGET_MS, yielding to the page between them, and counts how
 * long each slice really took (wall clock). A failing slice is logged and its item dropped by
 * the caller's `recover`, so one odd node cannot stop marking for the rest of the page.
 */
import { SLICE_BUDGET_MS } from './constants.ts';
import { yieldToPage } from './yield.ts';

export interface SliceStats {
  slices: number;
  busyMs: number;
  longestSliceMs: number;
  /** Slices that took 16 ms or more (a frame) and 50 ms or more (a long task). */
  slicesOver16: number;
  slicesOver50: number;
}

export interface SliceWork {
  /** Works until `deadline` (performance.now()); returns true when work is left. */
  run(deadline: number): boolean;
  /** Drops whatever made run() throw. */
  recover(): void;
  /** Called each time the work ran out. */
  idle(): void;
}

/** Consecutive failing slices after which we stop rather than spin. */
const MAX_FAILURES = 8;

export class Slicer {
  private running = false;

  constructor(
    private readonly work: SliceWork,
    private readonly stats: SliceStats,
    private readonly signal: AbortSignal,
  ) {}

  get busy(): boolean {
    return this.running;
  }

  /** Starts the loop unless it runs already (it then picks the new work up). */
  kick(): void {
    if (!this.running && !this.signal.aborted) void this.loop();
  }

  private async loop(): Promise<void> {
    this.running = true;
    let failures = 0;
    try {
      while (!this.signal.aborted) {
        const start = performance.now();
        let more: boolean;
        try {
          more = this.work.run(start + SLICE_BUDGET_MS);
          failures = 0;
        } catch (error) {
          console.debug('[Context Cards] a slice failed', error);
          this.work.recover();
          more = ++failures < MAX_FAILURES;
        }
        this.count(performance.now() - start);
        if (!more) break;
        await yieldToPage();
      }
    } finally {
      this.running = false;
    }
    if (!this.signal.aborted) this.work.idle();
  }

  private count(took: number): void {
    const s = this.stats;
    s.slices++;
    s.busyMs += took;
    if (took > s.longestSliceMs) s.longestSliceMs = took;
    if (took >= 16) s.slicesOver16++;
    if (took >= 50) s.slicesOver50++;
  }
}
