/**
 * Chromium traces around a piece of work on a page: what the renderer's main thread did, task by
 * task, split into our JavaScript, style recalculation, layout, paint and garbage collection.
 * The engine's own slice timing (and `longtask` entries, which end before rendering) cannot see
 * the browser's rendering work that our stylesheet and highlights cause; a trace can.
 * Used by bench/trace.ts (every long task of one scan) and by the benchmark (the longest task of
 * the first scan on each page).
 */
import type { Page } from 'puppeteer-core';

export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

/** Every category the split below can use (bench/trace.ts). */
export const TRACE_CATEGORIES: readonly string[] = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink',
  'cppgc',
  'disabled-by-default-v8.gc',
  'toplevel',
];

/**
 * The categories the benchmark traces with: tasks (toplevel, and DevTools' `RunTask`, which also
 * wraps the tasks that resume `scheduler.yield()` continuations), style, layout, paint, script
 * entry points and V8's collections (devtools.timeline), microtasks (v8.execute) and Blink's
 * collector: the same tasks and parts as TRACE_CATEGORIES, without the verbose `blink` and `v8`
 * categories. A scan's trace is then well under a MB on the real pages and ~6 MB for the 20 MB
 * page's first scan.
 */
export const BENCH_TRACE_CATEGORIES: readonly string[] = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'cppgc',
];

/** The parts of a task, in the order they are printed. */
export const PARTS = ['style', 'layout', 'paint', 'gc', 'script'] as const;
export type Part = (typeof PARTS)[number];

/** Trace event names grouped into what a reader of the profile cares about. */
const PART_EVENTS: readonly (readonly [Part, RegExp])[] = [
  ['style', /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet)$/],
  ['layout', /^Layout$/],
  ['paint', /^(Paint|PrePaint|PaintImage|Layerize|UpdateLayer|CompositeLayers)$/],
  ['gc', /^(MajorGC|MinorGC|V8\.GC.*|BlinkGC\..*|CppGC\..*)$/],
  ['script', /^(FunctionCall|EvaluateScript|v8\.callFunction|v8\.run|RunMicrotasks|TimerFire|FireAnimationFrame)$/],
];

/** What dominates a task: our JavaScript, the browser's rendering (style + layout + paint), GC, or none of those. */
export type TaskKind = 'script' | 'render' | 'gc' | 'other';

export interface MainThreadTask {
  /** Start, in ms from the first main-thread event of the trace. */
  readonly startMs: number;
  readonly ms: number;
  /** Time in each part (outermost events of the part only; a forced layout inside script counts in both). */
  readonly parts: Readonly<Record<Part, number>>;
  readonly kind: TaskKind;
}

export interface Trace {
  readonly events: readonly TraceEvent[];
  /** Size of the trace as Chromium returned it. */
  readonly bytes: number;
}

export async function startTrace(page: Page, categories: readonly string[] = TRACE_CATEGORIES): Promise<void> {
  await page.tracing.start({ categories: [...categories] });
}

/** Stops tracing; throws when the trace is larger than `maxBytes` (it would not parse, or take too long). */
export async function stopTrace(page: Page, maxBytes = 400 * 1024 * 1024): Promise<Trace> {
  const buffer = await page.tracing.stop();
  if (!buffer) throw new Error('no trace');
  if (buffer.length > maxBytes) throw new TraceTooLarge(buffer.length, maxBytes);
  const { traceEvents } = JSON.parse(Buffer.from(buffer).toString('utf8')) as { traceEvents: TraceEvent[] };
  return { events: traceEvents, bytes: buffer.length };
}

export class TraceTooLarge extends Error {
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`trace of ${(bytes / 1024 / 1024).toFixed(0)} MB, over ${(maxBytes / 1024 / 1024).toFixed(0)} MB`);
  }
}

const end = (e: TraceEvent): number => e.ts + (e.dur ?? 0);
/**
 * A task: DevTools' `RunTask` and the scheduler's `ThreadControllerImpl::RunTask` (they nest).
 * Without DevTools' category, a task resuming a `scheduler.yield()` continuation shows only as a
 * microtask checkpoint outside any task event: counted then as a task of its own.
 */
const isTask = (e: TraceEvent): boolean =>
  e.name === 'RunTask' ||
  e.name === 'ThreadControllerImpl::RunTask' ||
  e.name === 'BlinkScheduler_PerformMicrotaskCheckpoint';

/** Earlier first; at one start, the longer first (so an event comes before those it contains). */
function byStart(a: TraceEvent, b: TraceEvent): number {
  return (
    a.ts - b.ts ||
    (b.dur ?? 0) - (a.dur ?? 0) ||
    (a.name === 'ThreadControllerImpl::RunTask' ? -1 : b.name === 'ThreadControllerImpl::RunTask' ? 1 : 0)
  );
}

/** Keeps the events not contained in an earlier one of the list (which must be sorted by `byStart`, one thread). */
function outermost(sorted: readonly TraceEvent[]): TraceEvent[] {
  const out: TraceEvent[] = [];
  let reach = -Infinity;
  for (const e of sorted) {
    if (end(e) <= reach) continue;
    out.push(e);
    reach = Math.max(reach, end(e));
  }
  return out;
}

function kindOf(ms: number, parts: Readonly<Record<Part, number>>): TaskKind {
  const render = parts.style + parts.layout + parts.paint;
  const other = Math.max(0, ms - parts.script - render - parts.gc);
  const ranked: [TaskKind, number][] = [
    ['script', parts.script],
    ['render', render],
    ['gc', parts.gc],
    ['other', other],
  ];
  return ranked.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/**
 * The outermost tasks of `minMs` or more on the renderers' main threads (CrRendererMain), in
 * order, each split into its parts. The two task events Chromium emits nest; the outer one counts.
 */
export function mainThreadTasks(events: readonly TraceEvent[], minMs = 0): MainThreadTask[] {
  const mainThreads = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X') continue;
    const thread = `${e.pid}:${e.tid}`;
    if (!mainThreads.has(thread)) continue;
    let list = byThread.get(thread);
    if (!list) byThread.set(thread, (list = []));
    list.push(e);
  }
  let t0 = Infinity;
  for (const list of byThread.values()) for (const e of list) t0 = Math.min(t0, e.ts);
  const tasks: MainThreadTask[] = [];
  for (const list of byThread.values()) {
    list.sort(byStart);
    const long = outermost(list.filter(isTask)).filter((t) => (t.dur ?? 0) >= minMs * 1000);
    let from = 0;
    for (const task of long) {
      // Events are sorted by start: skip to the task's, then read until its end.
      while (from < list.length && (list[from]?.ts ?? Infinity) < task.ts) from++;
      const inside = new Map<Part, TraceEvent[]>(PARTS.map((p) => [p, []]));
      for (let i = from; i < list.length; i++) {
        const e = list[i];
        if (e === undefined || e.ts >= end(task)) break;
        if (e === task || isTask(e)) continue;
        const part = PART_EVENTS.find(([, re]) => re.test(e.name))?.[0];
        if (part) inside.get(part)?.push(e);
      }
      const parts = Object.fromEntries(
        PARTS.map((p) => [p, outermost(inside.get(p) ?? []).reduce((s, e) => s + (e.dur ?? 0), 0) / 1000]),
      ) as Record<Part, number>;
      const ms = (task.dur ?? 0) / 1000;
      tasks.push({ startMs: (task.ts - t0) / 1000, ms, parts, kind: kindOf(ms, parts) });
    }
  }
  return tasks.sort((a, b) => a.startMs - b.startMs);
}

/** "style 180.2, paint 26.0": the parts of a task worth printing. */
export function describeParts(parts: Readonly<Record<Part, number>>): string {
  return PARTS.filter((p) => parts[p] > 0.05)
    .map((p) => `${p} ${parts[p].toFixed(1)}`)
    .join(', ');
}
