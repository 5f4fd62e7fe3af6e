/**
 * Card latency in the real extension (dist/chrome): the pointer rests on a mention; we measure
 * from the moment the hover delay expires to the card's first frame on screen.
 *
 * The probe runs in the page's main world and sees what a user would: the pointer event, the
 * frame in which the extension notices the pointer (its hover timer starts in that frame's
 * animation callbacks, where ours runs too), the `<context-cards-root>` host, and the host moving
 * from its off-screen start to its place. "Painted" is the end of the first frame after the host
 * is in place (an animation frame, then a message: the message runs once that frame's rendering
 * work is done).
 */
import type { Page } from 'puppeteer-core';
import { launch } from '../../scripts/launch.ts';
import { DEFAULT_HOVER_DELAY_MS } from '../../src/shared/settings.ts';
import { median } from './stats.ts';

export const HOST_TAG = 'context-cards-root';

export interface CardLatency {
  readonly available: boolean;
  /** Why there is no figure (the cards not built yet, no marks on the page). */
  readonly reason?: string;
  readonly hoverDelayMs: number;
  /** Delay expired -> card painted, per hover. */
  readonly samples: readonly number[];
  readonly medianMs: number | null;
  /** Pointer arrived -> card painted (includes the delay and the wait for the next frame). */
  readonly pointerToPaintMedianMs: number | null;
}

interface ProbeResult {
  readonly pointerAt: number;
  readonly frameAt: number;
  readonly hostAt: number;
  readonly placedAt: number;
  readonly paintedAt: number;
}

/** Installed in the main world of the page; resolves window.__ccLatency() for the next card. */
const PROBE = `(() => {
  const HOST = ${JSON.stringify(HOST_TAG)};
  let pointerAt = 0, frameAt = 0, hostAt = 0, placedAt = 0, waiting = null;
  addEventListener('pointermove', () => {
    if (pointerAt) return;
    pointerAt = performance.now();
    requestAnimationFrame(() => { frameAt = performance.now(); });
  }, true);
  const placed = (el) => el.style.getPropertyValue('left') !== '' && el.style.getPropertyValue('left') !== '-10000px';
  const finish = () => {
    const result = { pointerAt, frameAt, hostAt, placedAt, paintedAt: 0 };
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { result.paintedAt = performance.now(); waiting?.(result); waiting = null; };
      channel.port2.postMessage(null);
    });
  };
  const check = () => {
    const host = document.querySelector(HOST);
    if (!host) return;
    if (!hostAt) hostAt = performance.now();
    if (!placedAt && placed(host)) { placedAt = performance.now(); finish(); }
  };
  new MutationObserver(check).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['style'] });
  window.__ccLatencyReset = () => { pointerAt = frameAt = hostAt = placedAt = 0; };
  window.__ccLatency = (timeout) => new Promise((resolve) => {
    waiting = resolve;
    setTimeout(() => { if (waiting) { waiting(null); waiting = null; } }, timeout);
  });
})()`;

/** Centres of the first `count` marked mentions that are laid out, in document order. */
async function mentionPoints(page: Page, count: number): Promise<{ x: number; y: number }[]> {
  return page.evaluate((max: number) => {
    const points: { x: number; y: number }[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('context-cards-') || name === 'context-cards-focus') continue;
      // Marks are StaticRanges: boxes come from a live Range made over the same positions.
      const live = document.createRange();
      for (const range of highlight as unknown as Iterable<AbstractRange>) {
        live.setStart(range.startContainer, range.startOffset);
        live.setEnd(range.endContainer, range.endOffset);
        const rect = live.getClientRects()[0];
        if (rect && rect.width > 4 && rect.top > 40 && rect.bottom < innerHeight - 40)
          points.push({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
        if (points.length >= max) return points;
      }
    }
    return points;
  }, count);
}

/** Hovers `hovers` mentions of the page at `url` in Chromium with the built extension. */
export async function measureCardLatency(url: string, hovers = 9): Promise<CardLatency> {
  const hoverDelayMs = DEFAULT_HOVER_DELAY_MS;
  const none = (reason: string): CardLatency => ({
    available: false,
    reason,
    hoverDelayMs,
    samples: [],
    medianMs: null,
    pointerToPaintMedianMs: null,
  });
  const ext = await launch('chromium', { build: 'dist' });
  try {
    const page = await ext.browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    try {
      await page.waitForFunction(() => [...CSS.highlights.keys()].some((k) => k.startsWith('context-cards-')), {
        timeout: 15_000,
      });
    } catch {
      return none('no marks appeared on the page within 15 s');
    }
    await page.evaluate(PROBE);
    const points = await mentionPoints(page, hovers);
    if (points.length === 0) return none('no marked mention is visible in the first screen');
    const samples: number[] = [];
    const totals: number[] = [];
    for (const point of points) {
      // Start away from any text, so each hover is a fresh arrival.
      await page.mouse.move(2, 2);
      await page
        .waitForFunction((tag: string) => document.querySelector(tag) === null, { timeout: 5_000 }, HOST_TAG)
        .catch(() => undefined);
      await page.evaluate('window.__ccLatencyReset()');
      const result = page.evaluate(`window.__ccLatency(${hoverDelayMs + 5_000})`) as Promise<ProbeResult | null>;
      await page.mouse.move(point.x, point.y);
      const r = await result;
      if (r === null) {
        if (samples.length === 0)
          return none(`no <${HOST_TAG}> card appeared within ${hoverDelayMs + 5_000} ms of hovering a mention`);
        continue;
      }
      samples.push(r.paintedAt - (r.frameAt + hoverDelayMs));
      totals.push(r.paintedAt - r.pointerAt);
    }
    await page.mouse.move(2, 2);
    return {
      available: true,
      hoverDelayMs,
      samples,
      medianMs: median(samples),
      pointerToPaintMedianMs: median(totals),
    };
  } finally {
    await ext.close();
  }
}
