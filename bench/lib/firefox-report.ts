/**
 * The Firefox rows of bench/results/latest.json (`firefox.pages`) and of the printed table:
 * medians over the fresh loads of bench/lib/firefox.ts, per page.
 */
import type { FirefoxPageFigures, FrameCost } from './firefox.ts';
import { max, median, round } from './stats.ts';

const r1 = (v: number | null): number | null => round(v, 1);
const r2 = (v: number | null): number | null => round(v, 2);
const ratio = (a: number | null, b: number | null): number | null =>
  a === null || b === null || b <= 0 ? null : a / b;

function medianFrames(samples: readonly FrameCost[]) {
  const m = (f: (s: FrameCost) => number): number | null => r1(median(samples.map(f)));
  return {
    windowMs: m((s) => s.windowMs),
    frames: m((s) => s.frames),
    fps: m((s) => s.fps),
    longestGapMs: m((s) => s.longestGapMs),
    longGaps: m((s) => s.longGaps),
    busyMsPerFrame: m((s) => s.busyMsPerFrame),
  };
}

export function firefoxPageResult(page: { id: string; label: string }, f: FirefoxPageFigures) {
  const w = f.with;
  const wo = f.without;
  const m = <T>(items: readonly T[], pick: (t: T) => number): number | null => median(items.map(pick));
  const floors = wo.flatMap((x) => (x.floorMs === null ? [] : [x.floorMs]));
  const floorMs = median(floors);
  const pageFloorMs = m(wo, (x) => x.pageFloorMs);
  const oursMs = m(w, (x) => x.workMs);
  const withFrames = medianFrames(w.map((x) => x.frames));
  const withoutFrames = medianFrames(wo.map((x) => x.frames));
  return {
    id: page.id,
    label: page.label,
    loads: { with: w.length, without: wo.length },
    error: f.error,
    textBytes: wo[0]?.textBytes ?? null,
    textNodes: wo[0]?.textNodes ?? null,
    /** A TreeWalker over every text node in the load without us: from a BiDi sandbox (Xray wrappers, as a content script). */
    floorMs: r1(floorMs),
    /** The same as a page script, in the page's own world. */
    pageFloorMs: r1(pageFloorMs),
    /** The engine's slices summed (the test build's stats hook); no synchronous start (no counter for it). */
    oursMs: r1(oursMs),
    /** From the engine's start to its first read done. */
    oursWallMs: r1(m(w, (x) => x.wallMs)),
    /** The longest of our slices over every load. */
    longestSliceMs: r1(w.length === 0 ? null : max(w.map((x) => x.longestSliceMs))),
    compileMs: r1(m(w, (x) => x.compileMs)),
    marks: w[0]?.marks ?? null,
    registered: w[0]?.registered ?? null,
    slices: m(w, (x) => x.slices),
    publishes: m(w, (x) => x.publishes),
    loadMs: { with: r1(m(w, (x) => x.loadMs)), without: r1(m(wo, (x) => x.loadMs)) },
    /** From DOMContentLoaded to a second after our first read, with us; a window of the same length without us. */
    frames: { with: withFrames, without: withoutFrames },
    ratios: {
      oursOverFloor: r2(ratio(oursMs, floorMs)),
      oursOverPageFloor: r2(ratio(oursMs, pageFloorMs)),
      busyPerFrame: r2(ratio(withFrames.busyMsPerFrame, withoutFrames.busyMsPerFrame)),
    },
    samples: {
      workMs: w.map((x) => r1(x.workMs)),
      wallMs: w.map((x) => r1(x.wallMs)),
      floorMs: floors.map(r1),
      pageFloorMs: wo.map((x) => r1(x.pageFloorMs)),
      busyMsPerFrameWith: w.map((x) => r1(x.frames.busyMsPerFrame)),
      busyMsPerFrameWithout: wo.map((x) => r1(x.frames.busyMsPerFrame)),
      longestGapMsWith: w.map((x) => r1(x.frames.longestGapMs)),
      longestGapMsWithout: wo.map((x) => r1(x.frames.longestGapMs)),
    },
  };
}

export type FirefoxPageResult = ReturnType<typeof firefoxPageResult>;

const fmt = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined ? '-' : v.toFixed(digits);

/** The Firefox table, as printed and as pasted into the README (Markdown). */
export function firefoxTableLines(rows: readonly FirefoxPageResult[]): string[] {
  const lines = [
    '| page | text KB | page floor ms | floor ms | ours ms | ours/floor | ours wall ms | longest slice ms | compile ms | window ms | busy ms/frame without | with | ratio | fps without | with | longest frame gap ms without | with | gaps ≥ 50 ms without | with |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const p of rows) {
    const a = p.frames.without;
    const b = p.frames.with;
    const note = p.error === null ? '' : ` (${p.loads.with} loads; ${p.error})`;
    lines.push(
      `| ${p.label}${note} | ${p.textBytes === null ? '-' : (p.textBytes / 1024).toFixed(0)} | ${fmt(p.pageFloorMs)} | ${fmt(p.floorMs)} | ${fmt(p.oursMs)} | ${fmt(p.ratios.oursOverFloor, 2)} | ${fmt(p.oursWallMs, 0)} | ${fmt(p.longestSliceMs)} | ${fmt(p.compileMs)} | ${fmt(b.windowMs, 0)} | ${fmt(a.busyMsPerFrame)} | ${fmt(b.busyMsPerFrame)} | ${fmt(p.ratios.busyPerFrame, 2)} | ${fmt(a.fps, 0)} | ${fmt(b.fps, 0)} | ${fmt(a.longestGapMs, 0)} | ${fmt(b.longestGapMs, 0)} | ${fmt(a.longGaps, 0)} | ${fmt(b.longGaps, 0)} |`,
    );
  }
  return lines;
}
