/**
 * The in-page side of the benchmark, run in an isolated world (as a content script is). The
 * runner calls `__ccBench.<method>()` through the DevTools protocol; every measurement starts in a
 * task of its own (a timer), so the browser's long-task accounting sees it as it would see ours.
 */
import { floor, textStats } from './floor.ts';
import { markJs } from './markjs.ts';
import { clearNaive, naive } from './naive.ts';
import { prepareRuntime, startEngine, type Session } from './ours.ts';
import { loadRuntime, runtimeTimings, type ContentRuntime } from '../../src/content/runtime.ts';
import { storeLibrary, type PublishedLibrary } from '../../src/shared/library-store.ts';
import type { FeedBatch, MarkJsRun, OursRun, SyncRun, TextStats } from './protocol.ts';

const longTasks: { start: number; duration: number }[] = [];
const keepTasks = (entries: PerformanceEntryList): void => {
  for (const e of entries) longTasks.push({ start: e.startTime, duration: e.duration });
};
const taskObserver = new PerformanceObserver((list) => keepTasks(list.getEntries()));
taskObserver.observe({ type: 'longtask' });

/**
 * Long animation frames (50 ms or more): unlike `longtask`, they include the rendering work
 * (style, layout, paint) that our stylesheet and highlights make the browser do. We keep the
 * rendering part of each: from renderStart to the frame's end.
 */
interface AnimationFrameEntry extends PerformanceEntry {
  readonly renderStart: number;
}
const longRenders: { start: number; duration: number }[] = [];
const keepRenders = (entries: PerformanceEntryList): void => {
  for (const e of entries as AnimationFrameEntry[]) {
    if (e.renderStart > 0) longRenders.push({ start: e.startTime, duration: e.startTime + e.duration - e.renderStart });
  }
};
const frameObserver = new PerformanceObserver((list) => keepRenders(list.getEntries()));
try {
  frameObserver.observe({ type: 'long-animation-frame' });
} catch {
  // No Long Animation Frames API: rendering is then seen only through the trace tool.
}

/** Entries are delivered to observers later; take the ones still queued before reading. */
function collectEntries(): void {
  keepTasks(taskObserver.takeRecords());
  keepRenders(frameObserver.takeRecords());
}

/** Runs `fn` in a new task and resolves with its result. */
function inTask<T>(fn: () => T | Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      Promise.resolve().then(fn).then(resolve, reject);
    }, 0);
  });
}

/**
 * Resolves once the frames after our last change were produced and reported: a long animation
 * frame's entry is queued after that frame ends, so reading entries right after the frame that
 * renders our last highlights would miss it.
 */
async function afterFramesReported(): Promise<void> {
  await afterNextPaint();
  await afterNextPaint();
  await new Promise((resolve) => setTimeout(resolve, 100));
}

/** Resolves once the next frame has been produced (the rendering of new highlights included). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  });
}

function longTasksSince(from: number): number[] {
  collectEntries();
  return longTasks.filter((t) => t.start >= from - 1).map((t) => t.duration);
}

function longRendersSince(from: number): number[] {
  collectEntries();
  return longRenders.filter((t) => t.start >= from - 1).map((t) => t.duration);
}

let runtime: ContentRuntime | null = null;
let runtimeMs = 0;
let session: Session | null = null;

function stopOurs(): void {
  session?.abort.abort();
  session = null;
}

function ready(): ContentRuntime {
  if (runtime === null) throw new Error('call prepare() first');
  return runtime;
}

async function ours(): Promise<OursRun> {
  stopOurs();
  const m = ready();
  const from = performance.now();
  const { s, t0 } = await inTask(() => ({ t0: performance.now(), s: startEngine(m) }));
  session = s;
  await s.engine.whenIdle();
  const wallMs = performance.now() - t0;
  await afterFramesReported();
  const stats = s.engine.stats;
  return {
    workMs: stats.busyMs + s.startOverheadMs,
    wallMs,
    longestSliceMs: Math.max(stats.longestSliceMs, s.firstTaskMs),
    slices: stats.slices,
    marks: stats.marks,
    longTasks: longTasksSince(from),
    longRenders: longRendersSince(from),
  };
}

/** The infinite-scroll page: starts ours (unless `withEngine` is false) and waits until it has read the page. */
async function feedStart(withEngine: boolean): Promise<{ initialWorkMs: number }> {
  stopOurs();
  feedFrom = performance.now();
  if (!withEngine) return { initialWorkMs: 0 };
  const m = ready();
  const s = await inTask(() => startEngine(m));
  session = s;
  await s.engine.whenIdle();
  await afterNextPaint();
  return { initialWorkMs: s.engine.stats.busyMs + s.startOverheadMs };
}

let feedFrom = 0;

/** Appends the template's paragraphs once; resolves when ours has settled and the frame is painted. */
async function feedStep(): Promise<FeedBatch> {
  const container = document.getElementById('cc-bench-feed');
  const template = document.getElementById('cc-bench-feed-items');
  if (!container || !(template instanceof HTMLTemplateElement)) throw new Error('not the feed page');
  const stats = session?.engine.stats;
  const busy = stats?.busyMs ?? 0;
  const slices = stats?.slices ?? 0;
  const marks = stats?.marks ?? 0;
  if (stats) stats.longestSliceMs = 0;
  const t0 = await inTask(() => {
    container.append(template.content.cloneNode(true));
    return performance.now();
  });
  // The observer's records arrive in a microtask; from then on the engine has work queued.
  await Promise.resolve();
  await session?.engine.whenIdle();
  const wallMs = performance.now() - t0;
  await afterNextPaint();
  return {
    workMs: (stats?.busyMs ?? 0) - busy,
    wallMs,
    slices: (stats?.slices ?? 0) - slices,
    longestSliceMs: stats?.longestSliceMs ?? 0,
    marks: (stats?.marks ?? 0) - marks,
  };
}

/** One content-script start's data work with a published library, each step in its own task. */
interface PackStartRun {
  /**
   * Reading the stored stories (what every frame pays, marking or not): a structured clone stands
   * for storage handing them over.
   */
  readonly readMs: number;
  /**
   * Opening the stored packs (parse and check), merging the stories and compiling the matcher:
   * what runtime.ts does before the first scan, only in a frame that marks.
   */
  readonly buildMs: number;
  readonly entities: number;
}

let packRevision = 1_000_000;

/** The bench page has no background: cards are not opened here, so their stories are never asked for. */
const noBackground = (): Promise<never> => Promise.reject(new Error('no background in the bench'));

async function packStart(published: PublishedLibrary, reps: number): Promise<PackStartRun[]> {
  const runs: PackStartRun[] = [];
  // As the background stores it.
  const stored = storeLibrary(published);
  for (let i = 0; i < reps; i += 1) {
    const { copy, readMs } = await inTask(() => {
      const t0 = performance.now();
      const copy = structuredClone(stored);
      return { copy, readMs: performance.now() - t0 };
    });
    // A new revision each time: the runtime is built, never taken from the cache.
    packRevision += 1;
    const runtime = await loadRuntime({ ...copy, revision: packRevision }, noBackground);
    runs.push({ readMs, buildMs: runtimeTimings.compileMs, entities: runtime.entityIds.length });
  }
  return runs;
}

const api = {
  /** The start-up cost with story packs: `published` as the background would publish it. */
  packStart,
  stats: (): TextStats => textStats(document.body),
  /** Node count and a checksum of all text: equal before and after means the DOM was left as it was. */
  fingerprint: (): string => `${document.getElementsByTagName('*').length}:${floor(document.documentElement).count}`,
  /** Loads the dataset and compiles the matcher (as the content script does before its first scan); returns ms. */
  prepare: async (): Promise<number> => {
    if (runtime === null) {
      const prepared = await inTask(prepareRuntime);
      runtime = prepared.runtime;
      runtimeMs = prepared.ms;
    }
    return runtimeMs;
  },
  floor: (): Promise<SyncRun> => inTask(() => floor(document.body)),
  naive: (): Promise<SyncRun> => inTask(() => naive(document.body)),
  clearNaive: (): void => clearNaive(),
  ours,
  /** Starts ours and leaves its marks in place (for the heap figure); clearOurs() ends it. */
  clearOurs: (): void => stopOurs(),
  feedStart,
  feedStep,
  /** Long tasks since feedStart(). */
  feedLongTasks: (): number[] => longTasksSince(feedFrom),
  feedLongRenders: (): number[] => longRendersSince(feedFrom),
  markJs: async (): Promise<MarkJsRun> => {
    const from = performance.now();
    const run = await inTask(() => markJs(document.body));
    await afterNextPaint();
    return { ...run, longTasks: longTasksSince(from), longRenders: longRendersSince(from) };
  },
};

export type BenchApi = typeof api;
(globalThis as unknown as { __ccBench: BenchApi }).__ccBench = api;
