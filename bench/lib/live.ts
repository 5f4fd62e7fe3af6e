/**
 * The live-page measurement: what the marks cost a page that keeps changing after we settled.
 * A generated article whose own script updates a small fixed clock on every animation frame (as
 * tickers, live blogs, timers and video players do), loaded in the same browser engine with and
 * without the built extension, side by side (alternating, on fresh tabs) in one run.
 *
 * Per load, after the extension settled (its registered ranges unchanged for a while), a probe in
 * the page's main world counts for LIVE_WINDOW_MS:
 * - frames (animation-frame callbacks) -> frames per second;
 * - idle time (chained requestIdleCallback, the time each idle period offers) -> main-thread busy
 *   ms per frame = (window - idle) / frames; this works in both engines;
 * - a page timer's delay (setTimeout 0, every 20 ms): how late the page's own work runs;
 * - in Chromium also the renderer's main-thread task time (DevTools `Performance.getMetrics`,
 *   TaskDuration) per frame, the most direct figure.
 */
import type { Browser, Page } from 'puppeteer-core';
import { engineState } from '../../test/e2e/support/engine.ts';
import { UNDERLINE_MARK } from '../../src/content/engine/mark-styles.ts';
import { syntheticPage } from './generate.ts';
import { median } from './stats.ts';

export const LIVE_WINDOW_MS = 3000;
/** Text between two names on the live pages: denser than the page benchmark, so ~2,000 names stay under 1 MB. */
const LIVE_MENTION_EVERY = 400;

export interface LiveSize {
  readonly id: string;
  readonly label: string;
  readonly textBytes: number;
}

/** ~50, ~200 and ~2,000 names in the text (look-alikes included; see "ranges" for what we mark). */
export const LIVE_SIZES: readonly LiveSize[] = [
  { id: 'live-50', label: '~50 mentions', textBytes: 20 * 1024 },
  { id: 'live-200', label: '~200 mentions', textBytes: 80 * 1024 },
  { id: 'live-2000', label: '~2,000 mentions', textBytes: 800 * 1024 },
];

const CLOCK = `<div id="live-clock" style="position:fixed;top:8px;right:8px;font:14px/1 monospace;background:#fff;border:1px solid #999;padding:4px 6px;z-index:1">0.000</div>
<script>
(() => {
  const clock = document.getElementById('live-clock');
  const t0 = performance.now();
  const tick = (now) => { clock.textContent = ((now - t0) / 1000).toFixed(3); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})();
</script>`;

/** The live page for a size: the synthetic article plus the clock; `names` as written. */
export function livePage(size: LiveSize): { html: string; names: number } {
  const page = syntheticPage(size.textBytes, 0x11fe, LIVE_MENTION_EVERY);
  return { html: page.html.replace('</body>', `${CLOCK}\n</body>`), names: page.names };
}

export interface LiveSample {
  readonly frames: number;
  readonly windowMs: number;
  readonly fps: number;
  /** (window - idle) / frames, from requestIdleCallback. */
  readonly busyMsPerFrame: number;
  /** Chromium only: renderer main-thread task time per frame (DevTools metrics); null elsewhere. */
  readonly taskMsPerFrame: number | null;
  /** Chromium only: of that, script and style recalculation per frame. */
  readonly scriptMsPerFrame: number | null;
  readonly styleMsPerFrame: number | null;
  readonly timerDelayMs: number;
  /** Ranges in our highlights (context-cards-*) at the end of the window. */
  readonly ranges: number;
}

interface ProbeResult {
  frames: number;
  windowMs: number;
  idleMs: number;
  timerDelayMs: number;
}

/** Sum of the sizes of our highlights in the page's registry. */
export function registeredRanges(page: Page): Promise<number> {
  return page.evaluate(() => {
    let n = 0;
    CSS.highlights.forEach((h, name) => {
      if (name.startsWith('context-cards-') && name !== 'context-cards-focus') n += h.size;
    });
    return n;
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the extension has read the whole page once (the test build's stats hook says so:
 * the shipped build has no hook, and is otherwise the same code), then `quietMs` more for the
 * last publication and the browser's first intersection reports. Without the extension: `quietMs`.
 */
async function settle(page: Page, withExtension: boolean, quietMs = 1000, timeoutMs = 30_000): Promise<void> {
  if (withExtension) {
    const start = Date.now();
    for (;;) {
      const state = await engineState(page, 500).catch(() => null);
      if (state !== null && state.stats !== null && state.stats.firstIdleMs >= 0) break;
      if (Date.now() - start > timeoutMs) throw new Error(`the extension did not finish reading ${page.url()}`);
      await sleep(100);
    }
  }
  await sleep(quietMs);
}

/** Runs in the page's main world (a string: the bundler's helpers do not exist there). */
const PROBE = `(ms) => new Promise((resolve) => {
  let frames = 0, idleMs = 0, stop = false;
  const delays = [];
  const t0 = performance.now();
  const frame = () => { if (stop) return; frames++; requestAnimationFrame(frame); };
  const idle = (d) => { if (stop) return; idleMs += d.timeRemaining(); requestIdleCallback(idle); };
  const timer = () => {
    if (stop) return;
    const at = performance.now();
    setTimeout(() => { delays.push(performance.now() - at); setTimeout(timer, 20); }, 0);
  };
  requestAnimationFrame(frame);
  requestIdleCallback(idle);
  setTimeout(timer, 20);
  setTimeout(() => {
    stop = true;
    const windowMs = performance.now() - t0;
    const timerDelayMs = delays.length === 0 ? 0 : delays.reduce((a, b) => a + b, 0) / delays.length;
    resolve({ frames, windowMs, idleMs, timerDelayMs });
  }, ms);
})`;

async function probe(page: Page, windowMs: number): Promise<ProbeResult> {
  return (await page.evaluate(`(${PROBE})(${String(windowMs)})`)) as ProbeResult;
}

/** The renderer's main-thread task seconds so far (Chromium), read through one DevTools session. */
type Metrics = Readonly<Record<'task' | 'script' | 'style', number>>;

async function taskClock(page: Page): Promise<(() => Promise<Metrics | null>) | null> {
  try {
    const session = await page.createCDPSession();
    await session.send('Performance.enable');
    return async () => {
      try {
        const { metrics } = await session.send('Performance.getMetrics');
        const get = (name: string): number => metrics.find((m) => m.name === name)?.value ?? 0;
        return { task: get('TaskDuration'), script: get('ScriptDuration'), style: get('RecalcStyleDuration') };
      } catch {
        return null;
      }
    };
  } catch {
    return null;
  }
}

/**
 * The reference variant, without the extension: the page registers one highlight of its own (one
 * StaticRange over the first name in view, styled as our default marks: a dotted underline on the
 * element that holds it). Whatever a frame costs beyond the plain page here is what the browser
 * charges for any registered highlight on a page that keeps changing, before any work of ours.
 */
const OWN_HIGHLIGHT = `(() => {
  const text = [...document.querySelectorAll('p')].map((p) => p.firstChild).find((t) => t && t.nodeType === 3 && t.data.length > 8);
  if (!text) return 0;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('p::highlight(page-own) { ${UNDERLINE_MARK} }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  CSS.highlights.set('page-own', new Highlight(new StaticRange({ startContainer: text, startOffset: 0, endContainer: text, endOffset: 8 })));
  return 1;
})()`;

/** Which page a load measures: plain, with the extension, or plain with one highlight of its own. */
export type LiveVariant = 'without' | 'with' | 'own-highlight';

/** One load of `url` in `browser`: settle, then the probe. */
export async function measureLive(
  browser: Browser,
  url: string,
  variant: LiveVariant,
  chromium: boolean,
  windowMs = LIVE_WINDOW_MS,
): Promise<LiveSample> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(url, { waitUntil: 'load' });
    if (variant === 'own-highlight' && (await page.evaluate(OWN_HIGHLIGHT)) !== 1)
      throw new Error(`no paragraph to highlight on ${url}`);
    await settle(page, variant === 'with');
    const clock = chromium ? await taskClock(page) : null;
    const before = clock === null ? null : await clock();
    const r = await probe(page, windowMs);
    const after = clock === null ? null : await clock();
    const ranges = await registeredRanges(page);
    const frames = Math.max(1, r.frames);
    return {
      frames: r.frames,
      windowMs: r.windowMs,
      fps: (r.frames * 1000) / r.windowMs,
      busyMsPerFrame: Math.max(0, r.windowMs - r.idleMs) / frames,
      taskMsPerFrame: before !== null && after !== null ? ((after.task - before.task) * 1000) / frames : null,
      scriptMsPerFrame: before !== null && after !== null ? ((after.script - before.script) * 1000) / frames : null,
      styleMsPerFrame: before !== null && after !== null ? ((after.style - before.style) * 1000) / frames : null,
      timerDelayMs: r.timerDelayMs,
      ranges,
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}

export interface LiveRow {
  readonly browser: string;
  readonly size: LiveSize;
  readonly names: number;
  readonly without: LiveSample;
  readonly with: LiveSample;
  /** Without the extension, the page registering one highlight of its own (the browser's share). */
  readonly ownHighlight: LiveSample;
}

/** Medians of each figure over samples. */
export function medianSample(samples: readonly LiveSample[]): LiveSample {
  const m = (f: (s: LiveSample) => number): number => median(samples.map(f)) ?? 0;
  const some = (f: (s: LiveSample) => number | null): number | null => {
    const values = samples.map(f).filter((v): v is number => v !== null);
    return values.length === 0 ? null : median(values);
  };
  return {
    frames: m((s) => s.frames),
    windowMs: m((s) => s.windowMs),
    fps: m((s) => s.fps),
    busyMsPerFrame: m((s) => s.busyMsPerFrame),
    taskMsPerFrame: some((s) => s.taskMsPerFrame),
    scriptMsPerFrame: some((s) => s.scriptMsPerFrame),
    styleMsPerFrame: some((s) => s.styleMsPerFrame),
    timerDelayMs: m((s) => s.timerDelayMs),
    ranges: m((s) => s.ranges),
  };
}

const f1 = (n: number | null): string => (n === null ? '-' : n.toFixed(1));

/** A Markdown table of the rows. */
export function liveTable(rows: readonly LiveRow[]): string[] {
  const out = [
    '| browser | page | names | ranges registered | task ms/frame without | with | ratio | one highlight of the page, no extension | its ratio | script, style ms/frame without | with | busy ms/frame without | with | ratio | one highlight of the page | its ratio | fps without | with | timer delay ms without | with |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const a = r.without;
    const b = r.with;
    const o = r.ownHighlight;
    const ratio = (x: number | null, y: number | null): string =>
      x === null || y === null || x === 0 ? '-' : (y / x).toFixed(2);
    out.push(
      `| ${r.browser} | ${r.size.label} | ${r.names} | ${b.ranges} | ${f1(a.taskMsPerFrame)} | ${f1(b.taskMsPerFrame)} | ${ratio(a.taskMsPerFrame, b.taskMsPerFrame)} | ${f1(o.taskMsPerFrame)} | ${ratio(a.taskMsPerFrame, o.taskMsPerFrame)} | ${f1(a.scriptMsPerFrame)}, ${f1(a.styleMsPerFrame)} | ${f1(b.scriptMsPerFrame)}, ${f1(b.styleMsPerFrame)} | ${f1(a.busyMsPerFrame)} | ${f1(b.busyMsPerFrame)} | ${ratio(a.busyMsPerFrame, b.busyMsPerFrame)} | ${f1(o.busyMsPerFrame)} | ${ratio(a.busyMsPerFrame, o.busyMsPerFrame)} | ${f1(a.fps)} | ${f1(b.fps)} | ${f1(a.timerDelayMs)} | ${f1(b.timerDelayMs)} |`,
    );
  }
  return out;
}
