/**
 * Measures one page in Chromium: floor, ours and naive interleaved on one load (same DOM; marks
 * removed between repetitions), the heap our marks keep, then mark.js on fresh loads.
 * Every figure is taken twice: in-page wall time (performance.now) and the main thread's CPU
 * time (DevTools `Performance.getMetrics` ThreadTime), which a busy shared machine disturbs less.
 * One scan per page runs under a Chromium trace (bench/lib/trace.ts) for the longest main-thread
 * task it causes, rendering included: the cold scan where it is kept apart from the medians, else
 * one more scan after the repetitions.
 */
import type { Browser, Page } from 'puppeteer-core';
import type { FeedBatch, MarkJsRun, OursRun, SyncRun, TextStats } from '../inject/protocol.ts';
import type { MarkJsPlan, RepsPlan, TracePlan } from './pages.ts';
import { max, median } from './stats.ts';
import { mainThreadTasks, startTrace, stopTrace, TraceTooLarge, type MainThreadTask } from './trace.ts';
import { EvaluationTimeout, isolatedWorld, type World } from './world.ts';

export interface Scripts {
  /** The harness bundle (ours from src/, floor, naive, mark.js driver). */
  readonly harness: string;
  /** mark.js itself (dist/mark.min.js). */
  readonly markJs: string;
}

export interface Timed<T> {
  readonly value: T;
  /** Main-thread CPU time. */
  readonly cpuMs: number;
  /** Style recalculation and layout on the main thread (rendering work the run caused). */
  readonly styleMs: number;
  readonly layoutMs: number;
}

/**
 * One scan of ours under a Chromium trace: the main thread's tasks from the start of the scan
 * until the frames after its last mark were produced, whatever caused them (our slices, or the
 * style, layout and paint our stylesheet and highlights make the browser do).
 */
export type ScanTrace =
  | {
      readonly traced: true;
      /** 'cold': the first scan on the page (kept apart from the medians); 'extra': one more scan after the repetitions. */
      readonly scan: 'cold' | 'extra';
      readonly categories: readonly string[];
      readonly bytes: number;
      readonly events: number;
      /** Wall time the tracing added around the scan: starting, stopping, reading and analysing the trace. */
      readonly overheadMs: number;
      /** Wall time of the extra scan (0 when the cold scan was traced). */
      readonly extraScanMs: number;
      /** The traced scan's own figures (work: the sum of our slices; wall: until the last mark). */
      readonly workMs: number;
      readonly wallMs: number;
      readonly longest: MainThreadTask | null;
      /** The longest task whose script part dominates: one of our slices. */
      readonly longestScript: MainThreadTask | null;
      /** The longest task whose style + layout + paint dominates: rendering our marks caused. */
      readonly longestRender: MainThreadTask | null;
      /** Every task of TRACE_LIST_MS or more, in order. */
      readonly tasks: readonly MainThreadTask[];
    }
  | { readonly traced: false; readonly reason: string };

/** Tasks of this length or more are listed in the JSON (the longest ones are kept whatever their length). */
export const TRACE_LIST_MS = 16;

export interface PageFigures {
  readonly stats: TextStats;
  readonly htmlBytes: number;
  readonly loadMs: number;
  readonly runtimeMs: number;
  readonly reps: number;
  /** Our scans and naive left the page's DOM exactly as it was (node count and text checksum). */
  readonly domUnchanged: boolean;
  readonly floor: { readonly ms: readonly number[]; readonly cpuMs: readonly number[] };
  readonly ours: {
    readonly cold: OursRun;
    readonly runs: readonly OursRun[];
    readonly cpuMs: readonly number[];
    /** Style recalculation during each run: adopting the marks' stylesheet restyles the page. */
    readonly styleMs: readonly number[];
    readonly coldStyleMs: number;
    readonly heap: { readonly jsBytes: number; readonly blinkBytes: number };
    readonly trace: ScanTrace;
  };
  readonly naive: { readonly ms: readonly number[]; readonly cpuMs: readonly number[]; readonly marks: number };
  readonly markJs: {
    readonly ms: readonly number[];
    readonly cpuMs: readonly number[];
    readonly marks: number | null;
    /** Repetitions that did not finish within the timeout (their time is a lower bound). */
    readonly timedOut: number;
    readonly timeoutMs: number;
    readonly longTasks: readonly number[];
    readonly longRenders: readonly number[];
  };
}

export const VIEWPORT = { width: 1280, height: 800 } as const;

/** Cumulative main-thread figures of the renderer, in ms. */
async function rendererTimes(world: World): Promise<{ cpu: number; style: number; layout: number }> {
  const { metrics } = await world.client.send('Performance.getMetrics');
  const get = (name: string): number => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { cpu: get('ThreadTime'), style: get('RecalcStyleDuration'), layout: get('LayoutDuration') };
}

async function timed<T>(world: World, expression: string, timeoutMs?: number): Promise<Timed<T>> {
  const before = await rendererTimes(world);
  const value = await world.run<T>(expression, timeoutMs);
  const after = await rendererTimes(world);
  return {
    value,
    cpuMs: after.cpu - before.cpu,
    styleMs: after.style - before.style,
    layoutMs: after.layout - before.layout,
  };
}

export async function openPage(
  browser: Browser,
  url: string,
  scripts: Scripts,
  withMarkJs = false,
): Promise<{ page: Page; world: World; loadMs: number }> {
  const page = await browser.newPage();
  await page.setViewport(VIEWPORT);
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'load', timeout: 180_000 });
  const loadMs = performance.now() - t0;
  const world = await isolatedWorld(page);
  await world.client.send('Performance.enable');
  await world.run(scripts.harness);
  if (withMarkJs) await world.run(scripts.markJs);
  return { page, world, loadMs };
}

export interface MeasureOptions {
  readonly plan: RepsPlan;
  readonly markJs: MarkJsPlan;
  /** How the page's first scan is traced. */
  readonly trace: TracePlan;
  readonly log: (line: string) => void;
  /** Prints how long each step took (to see where the benchmark's own time goes). */
  readonly verbose?: boolean;
}

export async function measurePage(
  browser: Browser,
  url: string,
  htmlBytes: number,
  scripts: Scripts,
  options: MeasureOptions,
): Promise<PageFigures> {
  let last = performance.now();
  const step = (what: string): void => {
    if (!options.verbose) return;
    const now = performance.now();
    options.log(`    ${what}: ${((now - last) / 1000).toFixed(1)} s`);
    last = now;
  };
  const { page, world, loadMs } = await openPage(browser, url, scripts);
  step('load');
  const plan = options.plan;
  let figures: Omit<PageFigures, 'markJs'>;
  let markJs: PageFigures['markJs'];
  try {
    const stats = await world.run<TextStats>('__ccBench.stats()');
    const before = await world.run<string>('__ccBench.fingerprint()');
    const runtimeMs = await world.run<number>('__ccBench.prepare()');
    step('stats, fingerprint, runtime');
    let cold: Timed<OursRun> | null = null;
    let trace: ScanTrace | null = null;
    if (plan.warmup) {
      // The first scan on a page is the one a reader gets: kept apart (cold JIT), and traced; then the others warm up.
      ({ run: cold, trace } = await tracedScan(world, 'cold', options));
      await world.run('__ccBench.clearOurs()');
      await world.run('__ccBench.floor()');
      await world.run('__ccBench.naive()');
      await world.run('__ccBench.clearNaive()');
      step('cold scan and warm-up');
    }
    const floorMs: number[] = [];
    const floorCpu: number[] = [];
    const ours: OursRun[] = [];
    const oursCpu: number[] = [];
    const oursStyle: number[] = [];
    const heap: { js: number; blink: number }[] = [];
    const naiveMs: number[] = [];
    const naiveCpu: number[] = [];
    let naiveMarks = 0;
    const t0 = performance.now();
    // Each measurement starts from a collected heap; ours' marks are kept until the heap is read again.
    for (let r = 0; r < plan.reps && (r < plan.minReps || performance.now() - t0 < plan.capMs); r++) {
      await world.heapAfterGc();
      step('gc');
      const f = await timed<SyncRun>(world, '__ccBench.floor()');
      step('floor');
      floorMs.push(f.value.ms);
      floorCpu.push(f.cpuMs);
      const empty = await world.heapAfterGc();
      const o = await timed<OursRun>(world, '__ccBench.ours()');
      step('gc, ours');
      const full = await world.heapAfterGc();
      await world.run('__ccBench.clearOurs()');
      step('gc, clear');
      cold ??= o;
      ours.push(o.value);
      oursCpu.push(o.cpuMs);
      oursStyle.push(o.styleMs);
      heap.push({ js: full.js - empty.js, blink: full.embedder - empty.embedder });
      await world.heapAfterGc();
      const n = await timed<SyncRun>(world, '__ccBench.naive()');
      await world.run('__ccBench.clearNaive()');
      naiveMs.push(n.value.ms);
      naiveCpu.push(n.cpuMs);
      naiveMarks = n.value.count;
      step('gc, naive, clear');
    }
    if (cold === null) throw new Error('no scan');
    if (trace === null) {
      // No warm-up: the cold scan is one of the repetitions, so tracing it would disturb their medians; one more scan, traced.
      ({ trace } = await tracedScan(world, 'extra', options));
      await world.run('__ccBench.clearOurs()');
      step('traced scan');
    }
    if (!trace.traced) options.log(`    not traced: ${trace.reason}`);
    const after = await world.run<string>('__ccBench.fingerprint()');
    figures = {
      stats,
      htmlBytes,
      loadMs,
      runtimeMs,
      reps: ours.length,
      domUnchanged: before === after,
      floor: { ms: floorMs, cpuMs: floorCpu },
      ours: {
        cold: cold.value,
        runs: ours,
        cpuMs: oursCpu,
        styleMs: oursStyle,
        coldStyleMs: cold.styleMs,
        heap: { jsBytes: median(heap.map((h) => h.js)) ?? 0, blinkBytes: median(heap.map((h) => h.blink)) ?? 0 },
        trace,
      },
      naive: { ms: naiveMs, cpuMs: naiveCpu, marks: naiveMarks },
    };
    step('fingerprint');
    // Ours and naive leave the DOM as it was (checked above), so mark.js's first run can use this load.
    markJs = await measureMarkJs(browser, url, scripts, options, before === after ? world : null);
    step('mark.js');
  } finally {
    await page.close();
    step('close');
  }
  return { ...figures, markJs };
}

const longestOf = (tasks: readonly MainThreadTask[]): MainThreadTask | null =>
  tasks.reduce<MainThreadTask | null>((a, b) => (a === null || b.ms > a.ms ? b : a), null);

/**
 * One scan of ours (marks left in place, as after `__ccBench.ours()`) under a Chromium trace,
 * with the page plan's categories. A trace over the plan's size limit is dropped, and the reason
 * recorded: the scan's figures stand either way.
 */
async function tracedScan(
  world: World,
  scan: 'cold' | 'extra',
  options: MeasureOptions,
): Promise<{ run: Timed<OursRun>; trace: ScanTrace }> {
  const { categories, maxBytes } = options.trace;
  const t0 = performance.now();
  await startTrace(world.page, categories);
  const t1 = performance.now();
  let run: Timed<OursRun>;
  try {
    run = await timed<OursRun>(world, '__ccBench.ours()');
  } catch (error) {
    // Tracing is the browser's: stop it, or the next page could not trace.
    await world.page.tracing.stop().catch(() => undefined);
    throw error;
  }
  const t2 = performance.now();
  let trace: ScanTrace;
  try {
    const { events, bytes } = await stopTrace(world.page, maxBytes);
    const tasks = mainThreadTasks(events);
    trace = {
      traced: true,
      scan,
      categories,
      bytes,
      events: events.length,
      overheadMs: t1 - t0 + (performance.now() - t2),
      extraScanMs: scan === 'extra' ? t2 - t1 : 0,
      workMs: run.value.workMs,
      wallMs: run.value.wallMs,
      longest: longestOf(tasks),
      longestScript: longestOf(tasks.filter((t) => t.kind === 'script')),
      longestRender: longestOf(tasks.filter((t) => t.kind === 'render')),
      tasks: tasks.filter((t) => t.ms >= TRACE_LIST_MS),
    };
  } catch (error) {
    if (!(error instanceof TraceTooLarge)) throw error;
    trace = { traced: false, reason: `${error.message} (categories ${categories.join(', ')})` };
  }
  return { run, trace };
}

/** mark.js changes the DOM, so each repetition gets an untouched DOM: `first` (a load ours left as it was), then fresh loads. A run past the timeout is stopped and counted as a lower bound. */
async function measureMarkJs(
  browser: Browser,
  url: string,
  scripts: Scripts,
  options: MeasureOptions,
  first: World | null,
): Promise<PageFigures['markJs']> {
  const { reps, minReps, timeoutMs, capMs } = options.markJs;
  const ms: number[] = [];
  const cpuMs: number[] = [];
  const longTasks: number[] = [];
  const longRenders: number[] = [];
  let marks: number | null = null;
  let timedOut = 0;
  let spent = 0;
  for (let r = 0; r < reps && (r < minReps || spent < capMs); r++) {
    let world = r === 0 ? first : null;
    let page: Page | null = null;
    if (world === null) ({ page, world } = await openPage(browser, url, scripts));
    try {
      await world.run(scripts.markJs);
      await world.heapAfterGc();
      const run = await timed<MarkJsRun>(world, '__ccBench.markJs()', timeoutMs);
      ms.push(run.value.ms);
      cpuMs.push(run.cpuMs);
      marks = run.value.marks;
      longTasks.push(...run.value.longTasks);
      longRenders.push(...run.value.longRenders);
      spent += run.value.ms;
    } catch (error) {
      if (!(error instanceof EvaluationTimeout)) throw error;
      timedOut++;
      ms.push(timeoutMs);
      options.log(`    mark.js did not finish within ${timeoutMs / 1000} s: recorded as a lower bound`);
      // The page is stuck or was stopped: nothing more to do on it.
      break;
    } finally {
      await page?.close().catch(() => undefined);
    }
  }
  return { ms, cpuMs, marks, timedOut, timeoutMs, longTasks, longRenders };
}

export interface FeedStep {
  readonly batch: FeedBatch;
  /** Main-thread CPU for the append, our reaction and the next frame. */
  readonly cpuMs: number;
  readonly styleMs: number;
  readonly layoutMs: number;
}

export interface FeedFigures {
  readonly batchTextBytes: number;
  readonly pageTextBytesBefore: number;
  readonly finalTextBytes: number;
  readonly initialWorkMs: number;
  /** With ours running. */
  readonly steps: readonly FeedStep[];
  /** The same appends on a fresh load without ours: what the page costs by itself. */
  readonly baseline: readonly FeedStep[];
  readonly longTasks: readonly number[];
  /** Long rendering of frames with ours, and without (the page's own layout of what it appended). */
  readonly longRenders: readonly number[];
  readonly baselineLongRenders: readonly number[];
  /** A full scan of the page as it stands after the last batch, for comparison. */
  readonly finalFullScan: OursRun;
}

async function feedRun(browser: Browser, url: string, scripts: Scripts, batches: number, withEngine: boolean) {
  const { page, world } = await openPage(browser, url, scripts);
  try {
    const before = await world.run<TextStats>('__ccBench.stats()');
    await world.run('__ccBench.prepare()');
    const { initialWorkMs } = await world.run<{ initialWorkMs: number }>(`__ccBench.feedStart(${withEngine})`);
    const steps: FeedStep[] = [];
    for (let b = 0; b < batches; b++) {
      const t = await timed<FeedBatch>(world, '__ccBench.feedStep()');
      steps.push({ batch: t.value, cpuMs: t.cpuMs, styleMs: t.styleMs, layoutMs: t.layoutMs });
    }
    const longTasks = await world.run<number[]>('__ccBench.feedLongTasks()');
    const longRenders = await world.run<number[]>('__ccBench.feedLongRenders()');
    await world.run('__ccBench.clearOurs()');
    const after = await world.run<TextStats>('__ccBench.stats()');
    let finalFullScan: OursRun | null = null;
    if (withEngine) {
      await world.run('__ccBench.ours()');
      await world.run('__ccBench.clearOurs()');
      finalFullScan = await world.run<OursRun>('__ccBench.ours()');
      await world.run('__ccBench.clearOurs()');
    }
    return { before, after, initialWorkMs, steps, longTasks, longRenders, finalFullScan };
  } finally {
    await page.close();
  }
}

/** The infinite-scroll page: `batches` appends, once with ours and once without (fresh loads). */
export async function measureFeed(
  browser: Browser,
  url: string,
  scripts: Scripts,
  batches: number,
  batchTextBytes: number,
): Promise<FeedFigures> {
  const baseline = await feedRun(browser, url, scripts, batches, false);
  const ours = await feedRun(browser, url, scripts, batches, true);
  if (ours.finalFullScan === null) throw new Error('no final scan');
  return {
    batchTextBytes,
    pageTextBytesBefore: ours.before.textBytes,
    finalTextBytes: ours.after.textBytes,
    initialWorkMs: ours.initialWorkMs,
    steps: ours.steps,
    baseline: baseline.steps,
    longTasks: ours.longTasks,
    longRenders: ours.longRenders,
    baselineLongRenders: baseline.longRenders,
    finalFullScan: ours.finalFullScan,
  };
}

/** Medians and worst values of one page's figures, for the JSON and the table. */
export function summarizePage(f: PageFigures): {
  floorMs: number | null;
  floorCpuMs: number | null;
  oursMs: number | null;
  oursCpuMs: number | null;
  oursWallMs: number | null;
  oursStyleMs: number | null;
  naiveMs: number | null;
  markJsMs: number | null;
  markJsLowerBound: boolean;
  /** From the trace of one scan: the longest main-thread task during it and the frames after it, whatever its kind (null: not traced). */
  longestTask: MainThreadTask | null;
  longestTaskMs: number | null;
  /** From the trace: the longest task our own script dominates, and the longest the browser's rendering dominates. */
  longestScriptTaskMs: number | null;
  longestRenderTaskMs: number | null;
  /** Without a trace: the longest of our slices, `longtask` entries and long animation frames' rendering parts. */
  longestObservedMs: number;
  longestSliceMs: number;
  /** The rendering part of long animation frames (LoAF, 50 ms or more); misses the frame that adopts our stylesheet. */
  longestRenderMs: number;
  longestTaskMedianMs: number | null;
  longTasks: number[];
  longRenders: number[];
} {
  const longest = f.ours.runs.map((r) => r.longestSliceMs);
  const longTasks = f.ours.runs.flatMap((r) => r.longTasks);
  const longRenders = f.ours.runs.flatMap((r) => r.longRenders);
  const trace = f.ours.trace.traced ? f.ours.trace : null;
  return {
    floorMs: median(f.floor.ms),
    floorCpuMs: median(f.floor.cpuMs),
    oursMs: median(f.ours.runs.map((r) => r.workMs)),
    oursCpuMs: median(f.ours.cpuMs),
    oursWallMs: median(f.ours.runs.map((r) => r.wallMs)),
    oursStyleMs: median(f.ours.styleMs),
    naiveMs: median(f.naive.ms),
    markJsMs: median(f.markJs.ms),
    markJsLowerBound: f.markJs.timedOut > 0,
    longestTask: trace?.longest ?? null,
    longestTaskMs: trace ? (trace.longest?.ms ?? 0) : null,
    longestScriptTaskMs: trace ? (trace.longestScript?.ms ?? 0) : null,
    longestRenderTaskMs: trace ? (trace.longestRender?.ms ?? 0) : null,
    longestObservedMs: max([...longest, ...longTasks, ...longRenders]),
    longestSliceMs: max([...longest, ...longTasks]),
    longestRenderMs: max(longRenders),
    longestTaskMedianMs: median(longest),
    longTasks,
    longRenders,
  };
}
