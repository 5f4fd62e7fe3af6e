/**
 * bench/results/latest.json and the printed table: per page the text, the four contenders, the
 * longest task and the heap; then the summary the aims are judged on.
 */
import type { CardLatency } from './card-latency.ts';
import type { ShippedSizes } from './bytes.ts';
import type { FeedFigures, PageFigures, ScanTrace } from './measure.ts';
import { summarizePage } from './measure.ts';
import type { BenchPage } from './pages.ts';
import { max, median, round, slope } from './stats.ts';
import { PARTS, type MainThreadTask, type Part } from './trace.ts';

/** The aims of the performance issue. */
export const AIMS = {
  oursOverFloorMax: 2,
  markJsOverOursMin: 50,
  /** The mark.js aim is for pages with more text than this. */
  markJsMinTextBytes: 50_000,
  longTaskMs: 50,
  /** Work per appended batch, last ten over first ten: "grows with what was added, not with the page". */
  feedGrowthMax: 1.5,
} as const;

const r1 = (v: number | null): number | null => round(v, 1);
const r2 = (v: number | null): number | null => round(v, 2);
const ratio = (a: number | null, b: number | null): number | null =>
  a === null || b === null || b <= 0 ? null : a / b;

function taskResult(t: MainThreadTask | null) {
  return (
    t && {
      ms: r1(t.ms),
      startMs: r1(t.startMs),
      kind: t.kind,
      parts: Object.fromEntries(PARTS.map((p) => [p, r1(t.parts[p])])) as Record<Part, number | null>,
    }
  );
}

function traceResult(t: ScanTrace) {
  if (!t.traced) return { traced: false as const, reason: t.reason };
  return {
    traced: true as const,
    scan: t.scan,
    categories: t.categories,
    bytes: t.bytes,
    events: t.events,
    overheadMs: r1(t.overheadMs),
    extraScanMs: r1(t.extraScanMs),
    workMs: r1(t.workMs),
    wallMs: r1(t.wallMs),
    longest: taskResult(t.longest),
    longestScript: taskResult(t.longestScript),
    longestRender: taskResult(t.longestRender),
    tasks: t.tasks.map(taskResult),
  };
}

function pageResult(page: BenchPage, f: PageFigures) {
  const s = summarizePage(f);
  const heapBytes = f.ours.heap.jsBytes + f.ours.heap.blinkBytes;
  const oursRuns = f.ours.runs;
  return {
    id: page.id,
    label: page.label,
    kind: page.kind,
    large: page.large,
    ...(page.file ? { file: page.file } : {}),
    htmlBytes: f.htmlBytes,
    textBytes: f.stats.textBytes,
    textNodes: f.stats.textNodes,
    elements: f.stats.elements,
    floorMs: r1(s.floorMs),
    oursMs: r1(s.oursMs),
    naiveMs: r1(s.naiveMs),
    markJsMs: r1(s.markJsMs),
    markJsLowerBound: s.markJsLowerBound,
    /** From a trace of one scan (detail.ours.trace): the longest main-thread task during it and the frames after it; null when not traced. */
    longestTaskMs: r1(s.longestTaskMs),
    longestTaskKind: s.longestTask?.kind ?? null,
    /** The longest traced task our script dominates, and the longest the browser's rendering (style + layout + paint) dominates. */
    longestScriptTaskMs: r1(s.longestScriptTaskMs),
    longestRenderTaskMs: r1(s.longestRenderTaskMs),
    /** Our longest slice by the engine's clock (and any `longtask` entry) over the repetitions. */
    longestSliceMs: r1(s.longestSliceMs),
    /** Long animation frames' rendering parts (50 ms or more): kept for comparison, they miss the frame that adopts our stylesheet. */
    longestRenderMs: r1(s.longestRenderMs),
    /** Without a trace, the longest of the figures above (slices, longtask, long animation frames). */
    longestObservedMs: r1(s.longestObservedMs),
    heapBytes,
    ratios: {
      oursOverFloor: r2(ratio(s.oursMs, s.floorMs)),
      oursOverFloorCpu: r2(ratio(s.oursCpuMs, s.floorCpuMs)),
      markJsOverOurs: r1(ratio(s.markJsMs, s.oursMs)),
      naiveOverOurs: r2(ratio(s.naiveMs, s.oursMs)),
    },
    domUnchanged: f.domUnchanged,
    detail: {
      reps: f.reps,
      loadMs: r1(f.loadMs),
      runtimeMs: r1(f.runtimeMs),
      floor: { medianMs: r1(s.floorMs), cpuMs: r1(s.floorCpuMs), samplesMs: f.floor.ms.map(r1) },
      ours: {
        workMs: r1(s.oursMs),
        wallMs: r1(s.oursWallMs),
        cpuMs: r1(s.oursCpuMs),
        styleMs: r1(s.oursStyleMs),
        coldStyleMs: r1(f.ours.coldStyleMs),
        coldWorkMs: r1(f.ours.cold.workMs),
        coldWallMs: r1(f.ours.cold.wallMs),
        slices: median(oursRuns.map((o) => o.slices)),
        marks: oursRuns[0]?.marks ?? 0,
        longestSliceMedianMs: r1(s.longestTaskMedianMs),
        longestSliceMaxMs: r1(max(oursRuns.map((o) => o.longestSliceMs))),
        coldLongestSliceMs: r1(f.ours.cold.longestSliceMs),
        longTasksMs: s.longTasks.map(r1),
        longRendersMs: s.longRenders.map(r1),
        trace: traceResult(f.ours.trace),
        heapJsBytes: f.ours.heap.jsBytes,
        heapBlinkBytes: f.ours.heap.blinkBytes,
        samplesWorkMs: oursRuns.map((o) => r1(o.workMs)),
      },
      naive: {
        medianMs: r1(s.naiveMs),
        cpuMs: r1(median(f.naive.cpuMs)),
        marks: f.naive.marks,
        samplesMs: f.naive.ms.map(r1),
      },
      markJs: {
        medianMs: r1(s.markJsMs),
        lowerBound: s.markJsLowerBound,
        reps: f.markJs.ms.length,
        timedOut: f.markJs.timedOut,
        timeoutMs: f.markJs.timeoutMs,
        marks: f.markJs.marks,
        cpuMs: r1(median(f.markJs.cpuMs)),
        samplesMs: f.markJs.ms.map(r1),
        longTasksMs: f.markJs.longTasks.map(r1),
        longRendersMs: f.markJs.longRenders.map(r1),
      },
    },
  };
}

export type PageResult = ReturnType<typeof pageResult>;

/** Medians over consecutive groups of ten batches. */
function byTens(values: readonly number[]): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < values.length; i += 10) out.push(r1(median(values.slice(i, i + 10))));
  return out;
}

function feedResult(feed: FeedFigures) {
  const work = feed.steps.map((s) => s.batch.workMs);
  const cpu = feed.steps.map((s) => s.cpuMs);
  const baseCpu = feed.baseline.map((s) => s.cpuMs);
  // What ours adds to each append, rendering of the marks included: CPU with ours minus CPU without.
  const added = cpu.map((c, i) => c - (baseCpu[i] ?? 0));
  const firstTen = median(work.slice(0, 10));
  const lastTen = median(work.slice(-10));
  const addedFirst = median(added.slice(0, 10));
  const addedLast = median(added.slice(-10));
  // Page text before each batch: the page grows by one batch each time.
  const pageMb = work.map((_, i) => (feed.pageTextBytesBefore + i * feed.batchTextBytes) / (1024 * 1024));
  const fullScanShare = feed.finalFullScan.workMs * (feed.batchTextBytes / Math.max(1, feed.finalTextBytes));
  return {
    batches: work.length,
    batchTextBytes: feed.batchTextBytes,
    pageTextBytesBefore: feed.pageTextBytesBefore,
    pageTextBytesAfter: feed.finalTextBytes,
    initialWorkMs: r1(feed.initialWorkMs),
    batchWorkMedianMs: r1(median(work)),
    firstTenMedianMs: r1(firstTen),
    lastTenMedianMs: r1(lastTen),
    /** Our work per batch, last ten over first ten: 1 when it follows the change, 100 if it followed the page. */
    growth: r2(ratio(lastTen, firstTen)),
    /** Slope of our work per batch over the page's size: 0 when the work follows the change only. */
    msPerMbOfPage: r2(slope(pageMb, work)),
    /** Main-thread CPU ours adds per batch (with ours minus without), rendering of the marks included. */
    addedCpuFirstTenMs: r1(addedFirst),
    addedCpuLastTenMs: r1(addedLast),
    addedCpuMsPerMbOfPage: r2(slope(pageMb, added)),
    /** A full scan of the final page, and its share for one batch's worth of text. */
    finalFullScanMs: r1(feed.finalFullScan.workMs),
    fullScanShareMs: r1(fullScanShare),
    totalBatchWorkMs: r1(work.reduce((a, b) => a + b, 0)),
    longestSliceMs: r1(max(feed.steps.map((s) => s.batch.longestSliceMs))),
    /** Frames of 50 ms or more: rendering with ours, and without ours (the page laying out its appends). */
    longestRenderMs: r1(max(feed.longRenders)),
    longRendersCount: feed.longRenders.length,
    baselineLongestRenderMs: r1(max(feed.baselineLongRenders)),
    baselineLongRendersCount: feed.baselineLongRenders.length,
    longTasksMs: feed.longTasks.map(r1),
    workByTensMs: byTens(work),
    cpuByTensMs: byTens(cpu),
    baselineCpuByTensMs: byTens(baseCpu),
    styleByTensMs: byTens(feed.steps.map((s) => s.styleMs)),
    baselineStyleByTensMs: byTens(feed.baseline.map((s) => s.styleMs)),
    batchWorkMs: work.map(r1),
    batchWallMs: feed.steps.map((s) => r1(s.batch.wallMs)),
  };
}

export interface Environment {
  readonly browser: string;
  readonly cpus: number;
  readonly loadAverageBefore: readonly number[];
  readonly loadAverageAfter: readonly number[];
  readonly node: string;
  readonly date: string;
  readonly reps: number;
  readonly quick: boolean;
  readonly durationS: number;
}

export function buildResults(input: {
  measured: readonly { page: BenchPage; figures: PageFigures }[];
  feed: FeedFigures | null;
  card: CardLatency | null;
  sizes: ShippedSizes;
  environment: Environment;
}) {
  const pages = input.measured.map(({ page, figures }) => pageResult(page, figures));
  const worst = <T>(items: readonly T[], key: (t: T) => number | null, pick: 'max' | 'min'): T | null => {
    let best: T | null = null;
    let bestValue = 0;
    for (const item of items) {
      const v = key(item);
      if (v === null) continue;
      if (best === null || (pick === 'max' ? v > bestValue : v < bestValue)) {
        best = item;
        bestValue = v;
      }
    }
    return best;
  };
  const worstFloor = worst(pages, (p) => p.ratios.oursOverFloor, 'max');
  const smallestMark = worst(pages, (p) => p.ratios.markJsOverOurs, 'min');
  // The mark.js aim holds for every page with more than 50 kB of text (a page with less is done in
  // a few ms either way); a lower bound (mark.js timed out) counts as its bound.
  const large = pages.filter((p) => p.textBytes > AIMS.markJsMinTextBytes);
  const smallestMarkLarge = worst(large, (p) => p.ratios.markJsOverOurs, 'min');
  // The longest task on each page: from its trace, or (a page not traced) the longest slice or frame observed.
  const longestTask = (p: PageResult): number | null => p.longestTaskMs ?? p.longestObservedMs;
  const longest = worst(pages, longestTask, 'max');
  const longestScript = worst(pages, (p) => p.longestScriptTaskMs, 'max');
  const longestRenderTask = worst(pages, (p) => p.longestRenderTaskMs, 'max');
  const longestSlice = worst(pages, (p) => p.longestSliceMs, 'max');
  const longestRender = worst(pages, (p) => p.longestRenderMs, 'max');
  const untraced = pages.flatMap((p) =>
    p.detail.ours.trace.traced ? [] : [{ page: p.id, reason: p.detail.ours.trace.reason }],
  );
  const feed = input.feed ? feedResult(input.feed) : null;
  const { sizes, card } = input;
  return {
    generatedBy: 'npm run bench (bench/run.ts)',
    environment: input.environment,
    pages,
    incremental: feed,
    cardLatency: card && {
      available: card.available,
      ...(card.reason ? { reason: card.reason } : {}),
      hoverDelayMs: card.hoverDelayMs,
      medianMs: r1(card.medianMs),
      pointerToPaintMedianMs: r1(card.pointerToPaintMedianMs),
      samplesMs: card.samples.map(r1),
    },
    bytes: {
      contentScript: sizes.contentScript,
      popup: sizes.popup,
      budgetGzip: sizes.budgetGzip,
      withinBudget: sizes.withinBudget,
      contentScriptParts: sizes.contentScriptParts,
    },
    summary: {
      worstOursOverFloor: worstFloor && { ratio: worstFloor.ratios.oursOverFloor, page: worstFloor.id },
      smallestMarkJsOverOurs: smallestMark && {
        ratio: smallestMark.ratios.markJsOverOurs,
        page: smallestMark.id,
        lowerBound: smallestMark.markJsLowerBound,
      },
      smallestMarkJsOverOursLargePages: smallestMarkLarge && {
        ratio: smallestMarkLarge.ratios.markJsOverOurs,
        page: smallestMarkLarge.id,
        lowerBound: smallestMarkLarge.markJsLowerBound,
      },
      /** The longest main-thread task of a scan, from traces (detail.ours.trace); `traced: false` when that page had none. */
      longestTaskMs: longest && {
        ms: longestTask(longest),
        page: longest.id,
        traced: longest.detail.ours.trace.traced,
        kind: longest.longestTaskKind,
        parts: longest.detail.ours.trace.traced ? (longest.detail.ours.trace.longest?.parts ?? null) : null,
        sliceMs: longest.longestSliceMs,
        scriptMs: longest.longestScriptTaskMs,
        renderMs: longest.longestRenderTaskMs,
      },
      longestScriptTaskMs: longestScript && { ms: longestScript.longestScriptTaskMs, page: longestScript.id },
      longestRenderTaskMs: longestRenderTask && {
        ms: longestRenderTask.longestRenderTaskMs,
        page: longestRenderTask.id,
      },
      longestSliceMs: longestSlice && { ms: longestSlice.longestSliceMs, page: longestSlice.id },
      /** Long animation frames' rendering parts: kept for comparison; the trace figures above are the ones judged. */
      longestRenderMs: longestRender && { ms: longestRender.longestRenderMs, page: longestRender.id },
      untraced,
      contentScriptGzipBytes: sizes.contentScript.gzip,
      contentScriptBudgetGzipBytes: sizes.budgetGzip,
      popupGzipBytes: sizes.popup.gzip,
      incrementalGrowth: feed?.growth ?? null,
      cardLatencyMs: card?.medianMs === null || card === null ? null : r1(card.medianMs),
      aims: {
        oursWithin2xFloor:
          worstFloor !== null && (worstFloor.ratios.oursOverFloor ?? Infinity) <= AIMS.oursOverFloorMax,
        markJs50xOnLargePages:
          smallestMarkLarge !== null && (smallestMarkLarge.ratios.markJsOverOurs ?? 0) >= AIMS.markJsOverOursMin,
        noTaskOf50ms:
          longest !== null &&
          (longestTask(longest) ?? Infinity) < AIMS.longTaskMs &&
          (feed === null || (feed.longestSliceMs ?? 0) < AIMS.longTaskMs),
        incrementalProportional: feed !== null && (feed.growth ?? Infinity) <= AIMS.feedGrowthMax,
        contentScriptWithinBudget: sizes.withinBudget,
      },
    },
  };
}

export type BenchResults = ReturnType<typeof buildResults>;

const fmt = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined ? '-' : v.toFixed(digits);
const kb = (bytes: number): string => (bytes / 1024).toFixed(0);

/** The table, as printed and as pasted into the README (Markdown). */
export function tableLines(results: BenchResults): string[] {
  const lines = [
    '| page | text KB | text nodes | floor ms | ours ms | ours/floor | ours wall ms | + style ms | naive ms | mark.js ms | mark.js/ours | longest slice ms | longest render ms | heap KB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const p of results.pages) {
    const lb = p.markJsLowerBound ? '>' : '';
    lines.push(
      `| ${p.label} | ${kb(p.textBytes)} | ${p.textNodes} | ${fmt(p.floorMs)} | ${fmt(p.oursMs)} | ${fmt(p.ratios.oursOverFloor, 2)} | ${fmt(p.detail.ours.wallMs, 0)} | ${fmt(p.detail.ours.styleMs, 0)} | ${fmt(p.naiveMs)} | ${lb}${fmt(p.markJsMs, 0)} | ${lb}${fmt(p.ratios.markJsOverOurs, 0)} | ${fmt(p.longestSliceMs)} | ${p.detail.ours.trace.traced ? fmt(p.longestRenderTaskMs) : 'not traced'} | ${kb(p.heapBytes)} |`,
    );
  }
  return lines;
}

export function printTable(results: BenchResults, log: (line: string) => void): void {
  log('');
  for (const line of tableLines(results)) log(line);
  const s = results.summary;
  const f = results.incremental;
  const c = results.cardLatency;
  const b = results.bytes;
  log('');
  log(
    `worst ours/floor ${fmt(s.worstOursOverFloor?.ratio ?? null, 2)} (${s.worstOursOverFloor?.page ?? '-'}); aim <= ${AIMS.oursOverFloorMax}: ${s.aims.oursWithin2xFloor ? 'met' : 'MISSED'}`,
  );
  log(
    `smallest mark.js/ours on pages with more than 50 kB of text ${s.smallestMarkJsOverOursLargePages?.lowerBound ? '>' : ''}${fmt(s.smallestMarkJsOverOursLargePages?.ratio ?? null, 0)} (${s.smallestMarkJsOverOursLargePages?.page ?? '-'}); aim >= ${AIMS.markJsOverOursMin}: ${s.aims.markJs50xOnLargePages ? 'met' : 'MISSED'}`,
  );
  const lt = s.longestTaskMs;
  const ltParts = lt?.parts ? Object.entries(lt.parts).filter(([, v]) => (v ?? 0) > 0.05) : [];
  log(
    `longest task of ours (traced) ${fmt(lt?.ms ?? null)} ms (${lt?.page ?? '-'}${lt?.kind ? `, ${lt.kind}` : ''}${ltParts.length > 0 ? `: ${ltParts.map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}` : ''}${lt && !lt.traced ? ', not traced: slices and frames observed' : ''}); ` +
      `longest script task ${fmt(s.longestScriptTaskMs?.ms ?? null)} ms (${s.longestScriptTaskMs?.page ?? '-'}), our longest slice ${fmt(s.longestSliceMs?.ms ?? null)} ms (${s.longestSliceMs?.page ?? '-'}); ` +
      `longest rendering task our marks caused ${fmt(s.longestRenderTaskMs?.ms ?? null)} ms (${s.longestRenderTaskMs?.page ?? '-'}); aim < ${AIMS.longTaskMs}: ${s.aims.noTaskOf50ms ? 'met' : 'MISSED'}`,
  );
  for (const u of s.untraced) log(`  not traced: ${u.page}: ${u.reason}`);
  if (f) {
    log(
      `infinite scroll: ${f.batches} appends of ${kb(f.batchTextBytes)} KB text; our work per append ${fmt(f.firstTenMedianMs)} ms (first ten) -> ${fmt(f.lastTenMedianMs)} ms (last ten), growth ${fmt(f.growth, 2)}, ` +
        `${fmt(f.msPerMbOfPage, 2)} ms per MB of page; CPU we add per append incl. rendering ${fmt(f.addedCpuFirstTenMs)} -> ${fmt(f.addedCpuLastTenMs)} ms; ` +
        `a full scan of the final ${kb(f.pageTextBytesAfter)} KB page: ${fmt(f.finalFullScanMs)} ms; longest slice ${fmt(f.longestSliceMs)} ms; ` +
        `frames of 50 ms or more: ${f.longRendersCount} with us (longest ${fmt(f.longestRenderMs)} ms), ${f.baselineLongRendersCount} without (${fmt(f.baselineLongestRenderMs)} ms); ` +
        `aim growth <= ${AIMS.feedGrowthMax}: ${s.aims.incrementalProportional ? 'met' : 'MISSED'}`,
    );
  }
  if (c)
    log(
      c.available
        ? `card latency (delay expired -> card painted): median ${fmt(c.medianMs)} ms over ${c.samplesMs.length} hovers (delay ${c.hoverDelayMs} ms)`
        : `card latency: not measured: ${c.reason ?? ''}`,
    );
  log(
    `bytes: content script ${b.contentScript.bytes} B, ${b.contentScript.gzip} B gzipped (budget ${b.budgetGzip} B: ${b.withinBudget ? 'within' : 'OVER'}); popup JS ${b.popup.bytes} B, ${b.popup.gzip} B gzipped`,
  );
  log(
    `  content script parts, each gzipped alone: ${b.contentScriptParts.map((p) => `${p.part} ${(p.gzip / 1024).toFixed(1)} kB`).join(', ')}`,
  );
}
