/**
 * The page benchmark in Firefox (`npm run bench`, after the Chromium pages): the same pages, read
 * by the built extension's test build (`dist-e2e/firefox`, whose stats hook reports the engine's
 * own counters; the code is the shipped code), side by side with loads of the same page in a
 * Firefox without the extension. Firefox has no DevTools metrics or traces through WebDriver BiDi,
 * and no isolated world the benchmark could start the engine in, so:
 *
 * - **our script time** is what the engine counts itself (the stats hook): the sum of its slices
 *   plus the synchronous part of start() outside them ("ours ms", as the Chromium figure), from
 *   its start to the first time the work ran out
 *   ("wall"), its longest slice; and the matcher's compilation, which the content script does
 *   before it starts the engine (not in "ours ms", as in Chromium);
 * - **frame cost** comes from a probe installed in the page's main world before the page's own
 *   content (a WebDriver BiDi preload script: the page's policy, which blocks its scripts, does
 *   not apply to it): every animation frame's time and every idle period (chained
 *   `requestIdleCallback`, as bench/lib/live.ts). The window runs from DOMContentLoaded to one
 *   second after the engine's first read was seen done, and the load without us gets a window of
 *   the same length: frames, frames per second, the longest gap between two frames, gaps of 50 ms
 *   or more, and busy ms per frame = (window - idle) / frames;
 * - **the floor** (a TreeWalker reading every character of every text node, as
 *   bench/inject/floor.ts) runs in the load without us after its window, twice over: in a
 *   WebDriver BiDi sandbox, which sees the page through Xray wrappers as a content script does
 *   (every DOM read from there costs more: "floor ms", what "ours / floor" divides by), and as a
 *   page script in the page's own world ("page floor ms", what the page's own scripts would pay).
 *   The sandbox is not the extension's content-script world, only one made the same way.
 *
 * Fresh loads, alternating with and without us; medians. Nothing is asserted.
 */
import type { Browser, Page } from 'puppeteer-core';
import { engineState, sleep, type EngineAnswer } from '../../test/e2e/support/engine.ts';
import { median } from './stats.ts';

/** How long after the engine's first read the window goes on ("the second after"). */
export const AFTER_MS = 1000;
/** A frame gap this long or longer is a long frame (the aims' long task). */
const LONG_GAP_MS = 50;

export interface FirefoxPlan {
  /** Loads per variant (with us, without us). */
  readonly reps: number;
  /** Give up waiting for the engine's first read (or a load) after this long. */
  readonly timeoutMs: number;
}

export interface FrameCost {
  readonly windowMs: number;
  readonly frames: number;
  readonly fps: number;
  /** The longest time between two animation frames in the window (its start and end count as frames). */
  readonly longestGapMs: number;
  /** Gaps between frames of LONG_GAP_MS or more. */
  readonly longGaps: number;
  /** (window - idle time offered by requestIdleCallback) / frames. */
  readonly busyMsPerFrame: number;
}

export interface FirefoxWithLoad {
  readonly loadMs: number;
  /** The engine's slices, summed, plus the part of start() outside them (busyMs + startMs). */
  readonly workMs: number;
  /** From the engine's start to the first time its work ran out. */
  readonly wallMs: number;
  readonly longestSliceMs: number;
  readonly slices: number;
  readonly slicesOver50: number;
  readonly marks: number;
  /** Marks registered in CSS.highlights (those near the viewport). */
  readonly registered: number;
  readonly publishes: number;
  /** Compiling the matcher, before the engine starts. */
  readonly compileMs: number;
  readonly frames: FrameCost;
}

export interface FirefoxWithoutLoad {
  readonly loadMs: number;
  readonly frames: FrameCost;
  /** The floor in a BiDi sandbox (Xray wrappers, as a content script sees the page); null without one. */
  readonly floorMs: number | null;
  /** The floor as a page script, in the page's own world. */
  readonly pageFloorMs: number;
  readonly textBytes: number;
  readonly textNodes: number;
}

export interface FirefoxPageFigures {
  readonly reps: number;
  readonly with: readonly FirefoxWithLoad[];
  readonly without: readonly FirefoxWithoutLoad[];
  /** Set when the page could not be measured (a timeout): what happened. */
  readonly error: string | null;
}

/**
 * The probe, installed before the page's content (a string: the bundler's helpers do not exist
 * in the page). It records every animation frame's time and every idle period's start and length
 * until `__ccProbeStop()`.
 */
const PROBE_INSTALL = `() => {
  const frames = [];
  const idle = [];
  let stop = false;
  const frame = (t) => { if (stop) return; frames.push(performance.now()); requestAnimationFrame(frame); };
  const onIdle = (d) => { if (stop) return; idle.push(performance.now(), d.timeRemaining()); requestIdleCallback(onIdle); };
  requestAnimationFrame(frame);
  requestIdleCallback(onIdle);
  Object.defineProperty(window, '__ccProbe', {
    value: () => { stop = true; return { frames, idle }; },
    configurable: true,
  });
}`;

/** The page's DOMContentLoaded end and now, on its clock. */
const PAGE_TIMES = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return { dcl: nav ? nav.domContentLoadedEventEnd : 0, now: performance.now() };
})()`;

interface ProbeData {
  readonly frames: readonly number[];
  readonly idle: readonly number[];
}

/** The frame cost of [from, to) from the probe's records. */
export function frameCost(data: ProbeData, from: number, to: number): FrameCost {
  const windowMs = Math.max(1, to - from);
  const inWindow = data.frames.filter((t) => t >= from && t < to);
  let longestGapMs = 0;
  let longGaps = 0;
  const edges = [from, ...inWindow, to];
  for (let i = 1; i < edges.length; i++) {
    const gap = (edges[i] ?? 0) - (edges[i - 1] ?? 0);
    if (gap > longestGapMs) longestGapMs = gap;
    if (gap >= LONG_GAP_MS) longGaps++;
  }
  let idleMs = 0;
  for (let i = 0; i + 1 < data.idle.length; i += 2) {
    const at = data.idle[i] ?? 0;
    if (at >= from && at < to) idleMs += Math.min(data.idle[i + 1] ?? 0, to - at);
  }
  const frames = inWindow.length;
  return {
    windowMs,
    frames,
    fps: (frames * 1000) / windowMs,
    longestGapMs,
    longGaps,
    busyMsPerFrame: Math.max(0, windowMs - idleMs) / Math.max(1, frames),
  };
}

/** The floor and the text's size, as a page script (bench/inject/floor.ts, written out). */
const FLOOR = `(() => {
  const hidden = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);
  const t0 = performance.now();
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
  let sum = 0;
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    if (hidden.has(n.parentNode ? n.parentNode.nodeName : '')) continue;
    const s = n.data;
    for (let i = 0; i < s.length; i++) sum = (sum + s.charCodeAt(i)) | 0;
  }
  return { ms: performance.now() - t0, sum };
})()`;

const TEXT_STATS = `(() => {
  const hidden = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
  let textBytes = 0, textNodes = 0;
  const encoder = new TextEncoder();
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    if (hidden.has(n.parentNode ? n.parentNode.nodeName : '')) continue;
    textNodes++;
    textBytes += encoder.encode(n.data).length;
  }
  return { textBytes, textNodes };
})()`;

const FLOOR_REPS = 3;

interface Evaluator {
  evaluate(expression: string): Promise<unknown>;
}

/**
 * The page's sandbox realm: puppeteer's own (WebDriver BiDi `sandbox`), which Firefox makes with
 * Xray wrappers like a content script's world. Not in puppeteer's public types, so looked up
 * with care: null if this puppeteer has none.
 */
function sandboxOf(page: Page): Evaluator | null {
  const frame = page.mainFrame() as unknown as { isolatedRealm?: () => unknown };
  if (typeof frame.isolatedRealm !== 'function') return null;
  const realm = frame.isolatedRealm() as Partial<Evaluator> | null;
  return realm !== null && typeof realm.evaluate === 'function' ? (realm as Evaluator) : null;
}

export async function openProbed(
  browser: Browser,
  url: string,
  timeoutMs: number,
): Promise<{ page: Page; loadMs: number }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.evaluateOnNewDocument(`(${PROBE_INSTALL})()`);
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  return { page, loadMs: performance.now() - t0 };
}

/**
 * How often the stats hook is asked whether the first read is done. It is asked without the index
 * of marks (`marks: false`), so an answer costs the page a few counters, not a list of thousands.
 */
const POLL_MS = 100;

/** Polls the stats hook until the engine's first read is done; the page's clock when that was seen. */
export async function waitFirstRead(page: Page, timeoutMs: number): Promise<{ answer: EngineAnswer; seenAt: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await engineState(page, 1000, { marks: false }).catch(() => null);
    if (answer?.stats != null && answer.stats.firstIdleMs >= 0) {
      const seenAt = (await page.evaluate('performance.now()')) as number;
      return { answer, seenAt };
    }
    if (Date.now() > deadline) throw new Error(`the extension did not finish reading within ${timeoutMs / 1000} s`);
    await sleep(POLL_MS);
  }
}

export async function stopProbe(page: Page): Promise<ProbeData> {
  return (await page.evaluate('window.__ccProbe()')) as ProbeData;
}

async function loadWith(browser: Browser, url: string, plan: FirefoxPlan): Promise<FirefoxWithLoad> {
  const { page, loadMs } = await openProbed(browser, url, plan.timeoutMs);
  try {
    const { answer, seenAt } = await waitFirstRead(page, plan.timeoutMs);
    await sleep(AFTER_MS);
    const { dcl } = (await page.evaluate(PAGE_TIMES)) as { dcl: number };
    const data = await stopProbe(page);
    const s = answer.stats;
    if (s === null) throw new Error('no engine stats');
    return {
      loadMs,
      workMs: s.busyMs + s.startMs,
      wallMs: s.firstIdleMs,
      longestSliceMs: s.longestSliceMs,
      slices: s.slices,
      slicesOver50: s.slicesOver50,
      marks: s.marks,
      registered: s.registered,
      publishes: s.publishes,
      compileMs: answer.runtime.compileMs,
      frames: frameCost(data, dcl, seenAt + AFTER_MS),
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}

async function loadWithout(
  browser: Browser,
  url: string,
  windowMs: number,
  plan: FirefoxPlan,
  textNeeded: boolean,
): Promise<FirefoxWithoutLoad> {
  const { page, loadMs } = await openProbed(browser, url, plan.timeoutMs);
  try {
    const { dcl, now } = (await page.evaluate(PAGE_TIMES)) as { dcl: number; now: number };
    await sleep(Math.max(0, dcl + windowMs - now) + 50);
    const data = await stopProbe(page);
    const floors: number[] = [];
    const pageFloors: number[] = [];
    const sandbox = sandboxOf(page);
    for (let i = 0; i < FLOOR_REPS; i++) {
      if (sandbox !== null) floors.push(((await sandbox.evaluate(FLOOR)) as { ms: number }).ms);
      pageFloors.push(((await page.evaluate(FLOOR)) as { ms: number }).ms);
    }
    const text = textNeeded
      ? ((await page.evaluate(TEXT_STATS)) as { textBytes: number; textNodes: number })
      : { textBytes: 0, textNodes: 0 };
    return {
      loadMs,
      frames: frameCost(data, dcl, dcl + windowMs),
      floorMs: median(floors),
      pageFloorMs: median(pageFloors) ?? 0,
      ...text,
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/**
 * One page: `plan.reps` pairs of fresh loads, with us first (its window's length is then given
 * to the load without us). A timeout ends the page with the loads done so far and the reason.
 */
export async function measureFirefoxPage(
  withUs: Browser,
  plain: Browser,
  url: string,
  plan: FirefoxPlan,
  log: (line: string) => void,
): Promise<FirefoxPageFigures> {
  const withLoads: FirefoxWithLoad[] = [];
  const withoutLoads: FirefoxWithoutLoad[] = [];
  let error: string | null = null;
  try {
    for (let rep = 0; rep < plan.reps; rep++) {
      const w = await loadWith(withUs, url, plan);
      withLoads.push(w);
      withoutLoads.push(await loadWithout(plain, url, w.frames.windowMs, plan, rep === 0));
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
    log(`    stopped: ${error}`);
  }
  return { reps: plan.reps, with: withLoads, without: withoutLoads, error };
}
