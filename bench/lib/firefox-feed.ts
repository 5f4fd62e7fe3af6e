/**
 * The infinite-scroll page in Firefox: the feed page of the Chromium benchmark (a 200 kB article
 * and a template of paragraphs), to which a page script appends one batch every APPEND_EVERY_MS,
 * 100 times (the 80 between the judged windows every GROW_EVERY_MS), in a Firefox with the extension's test build and in one without it (one fresh load
 * each). The probe of bench/lib/firefox.ts records frames and idle time; two windows are judged,
 * the first ten appends and the last ten, each with and without us: busy ms per frame, the
 * longest gap between frames, gaps of 50 ms or more, and the main-thread time we add per append
 * ((window - idle) with us minus without, over ten appends: our work and the rendering of our
 * marks together). Our own work per append comes from the stats hook, read between the windows
 * only (its answer holds the whole index of marks, so reading it costs the content script time).
 */
import type { Browser, Page } from 'puppeteer-core';
import { engineState, sleep } from '../../test/e2e/support/engine.ts';
import { frameCost, openProbed, stopProbe, waitFirstRead, type FrameCost } from './firefox.ts';
import { round } from './stats.ts';

/** One append every this many ms in the two judged windows: a reader scrolling a feed quickly. */
export const APPEND_EVERY_MS = 200;
/** Between the windows the page only grows: appends come faster (the engine then reads them back to back). */
const GROW_EVERY_MS = 50;
const WINDOW_APPENDS = 10;

/** Appends `count` batches, one every `every` ms, in the page's world; resolves with [start, end) on its clock. */
const APPENDS = `(count, every) => new Promise((resolve) => {
  const container = document.getElementById('cc-bench-feed');
  const template = document.getElementById('cc-bench-feed-items');
  const start = performance.now();
  let done = 0;
  const step = () => {
    container.append(template.content.cloneNode(true));
    done++;
    if (done < count) setTimeout(step, every);
    else setTimeout(() => resolve({ start, end: performance.now() }), every);
  };
  step();
})`;

async function appendBatches(
  page: Page,
  count: number,
  every = APPEND_EVERY_MS,
): Promise<{ start: number; end: number }> {
  return (await page.evaluate(`(${APPENDS})(${String(count)}, ${String(every)})`)) as {
    start: number;
    end: number;
  };
}

/** Our slices so far, once the engine has no work left (null without the extension). */
async function workWhenIdle(page: Page, withUs: boolean, timeoutMs: number): Promise<number | null> {
  if (!withUs) return null;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await engineState(page, 2000).catch(() => null);
    if (state?.stats != null && !state.busy) return state.stats.busyMs;
    if (Date.now() > deadline) throw new Error('the extension did not settle after the appends');
    await sleep(50);
  }
}

interface FeedLoad {
  readonly first: FrameCost;
  readonly last: FrameCost;
  /** Our work per append over the first ten and the last ten (null without us). */
  readonly workFirstMs: number | null;
  readonly workLastMs: number | null;
  readonly workAllMs: number | null;
  readonly marks: number | null;
}

async function feedLoad(browser: Browser, url: string, batches: number, withUs: boolean): Promise<FeedLoad> {
  const timeoutMs = 60_000;
  const { page } = await openProbed(browser, url, timeoutMs);
  try {
    if (withUs) await waitFirstRead(page, timeoutMs);
    await sleep(1000);
    const w0 = await workWhenIdle(page, withUs, timeoutMs);
    const first = await appendBatches(page, WINDOW_APPENDS);
    const w10 = await workWhenIdle(page, withUs, timeoutMs);
    await appendBatches(page, batches - 2 * WINDOW_APPENDS, GROW_EVERY_MS);
    const w90 = await workWhenIdle(page, withUs, timeoutMs);
    const last = await appendBatches(page, WINDOW_APPENDS);
    const w100 = await workWhenIdle(page, withUs, timeoutMs);
    const data = await stopProbe(page);
    const state = withUs ? await engineState(page, 2000) : null;
    const per = (a: number | null, b: number | null, n: number): number | null =>
      a === null || b === null ? null : (b - a) / n;
    return {
      first: frameCost(data, first.start, first.end),
      last: frameCost(data, last.start, last.end),
      workFirstMs: per(w0, w10, WINDOW_APPENDS),
      workLastMs: per(w90, w100, WINDOW_APPENDS),
      workAllMs: per(w0, w100, 1),
      marks: state?.stats?.marks ?? null,
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** Busy time of a window: window - idle = busy ms per frame x frames. */
const busyMs = (f: FrameCost): number => f.busyMsPerFrame * Math.max(1, f.frames);

/** One load with us and one without, alternating; the JSON's `firefox.feed`. */
export async function measureFirefoxFeed(withUs: Browser, plain: Browser, url: string, batches: number) {
  const ours = await feedLoad(withUs, url, batches, true);
  const base = await feedLoad(plain, url, batches, false);
  const r1 = (v: number | null): number | null => round(v, 1);
  const frames = (f: FrameCost) => ({
    windowMs: r1(f.windowMs),
    frames: f.frames,
    fps: r1(f.fps),
    busyMsPerFrame: r1(f.busyMsPerFrame),
    longestGapMs: r1(f.longestGapMs),
    longGaps: f.longGaps,
  });
  const addedFirst = (busyMs(ours.first) - busyMs(base.first)) / WINDOW_APPENDS;
  const addedLast = (busyMs(ours.last) - busyMs(base.last)) / WINDOW_APPENDS;
  return {
    batches,
    appendEveryMs: APPEND_EVERY_MS,
    marks: ours.marks,
    /** Our slices per append, first ten and last ten appends, and all appends together. */
    workFirstTenMs: r1(ours.workFirstMs),
    workLastTenMs: r1(ours.workLastMs),
    workGrowth:
      ours.workFirstMs !== null && ours.workLastMs !== null && ours.workFirstMs > 0
        ? round(ours.workLastMs / ours.workFirstMs, 2)
        : null,
    totalWorkMs: r1(ours.workAllMs),
    /** Main-thread time we add per append, rendering included: (window - idle) with us minus without, / 10. */
    addedBusyFirstTenMs: r1(addedFirst),
    addedBusyLastTenMs: r1(addedLast),
    firstTen: { with: frames(ours.first), without: frames(base.first) },
    lastTen: { with: frames(ours.last), without: frames(base.last) },
  };
}

export type FirefoxFeedResult = Awaited<ReturnType<typeof measureFirefoxFeed>>;

/** A line for the printed report. */
export function firefoxFeedLine(f: FirefoxFeedResult): string {
  const fmt = (v: number | null): string => (v === null ? '-' : v.toFixed(1));
  return (
    `Firefox infinite scroll (${f.batches} appends, one every ${f.appendEveryMs} ms): our work per append ${fmt(f.workFirstTenMs)} -> ${fmt(f.workLastTenMs)} ms ` +
    `(first ten -> last ten, growth ${f.workGrowth === null ? '-' : f.workGrowth.toFixed(2)}); main-thread time we add per append, rendering included, ` +
    `${fmt(f.addedBusyFirstTenMs)} -> ${fmt(f.addedBusyLastTenMs)} ms; longest frame gap in the last ten ${fmt(f.lastTen.with.longestGapMs)} ms with us, ` +
    `${fmt(f.lastTen.without.longestGapMs)} without; gaps of 50 ms or more ${f.firstTen.with.longGaps} / ${f.lastTen.with.longGaps} with us, ` +
    `${f.firstTen.without.longGaps} / ${f.lastTen.without.longGaps} without (first / last ten)`
  );
}
