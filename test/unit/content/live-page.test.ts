// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { LIVE_READ_MS, LIVE_STREAK } from '../../../src/content/engine/constants.ts';
import { marked, startEngine, useEnginePage } from './harness.ts';

const registry = useEnginePage();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A clock the page rewrites every `everyMs` (as a ticker or a video's time display does), until stopped. */
function startClock(everyMs: number): { el: HTMLElement; ticks: () => number; stop: () => void } {
  const el = document.createElement('div');
  el.textContent = '0.000';
  document.body.append(el);
  let ticks = 0;
  const timer = setInterval(() => {
    ticks++;
    el.textContent = (ticks / 100).toFixed(3);
  }, everyMs);
  return { el, ticks: () => ticks, stop: () => clearInterval(timer) };
}

describe('a page that keeps changing', () => {
  it('is read a few times a second once it changed in every frame, not at every change', async () => {
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'Mark Zuckerberg spoke.' }));
    const harness = await startEngine();
    const clock = startClock(10);
    try {
      // Long enough for the streak to start and for several late reads.
      await sleep(LIVE_STREAK * 25 + 6 * LIVE_READ_MS);
      const slicesBefore = harness.engine.stats.slices;
      const ticksBefore = clock.ticks();
      await sleep(4 * LIVE_READ_MS);
      const slices = harness.engine.stats.slices - slicesBefore;
      const ticks = clock.ticks() - ticksBefore;
      expect(harness.engine.stats.liveReads).toBeGreaterThan(0);
      // About one read per LIVE_READ_MS (4 here), against some 100 changes of the clock.
      expect(slices).toBeGreaterThanOrEqual(1);
      expect(slices).toBeLessThanOrEqual(8);
      expect(slices * 4).toBeLessThan(ticks);
      expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg']);
    } finally {
      clock.stop();
    }
  });

  it('still marks a name that appears in the changing text, within one late read', async () => {
    const harness = await startEngine();
    const clock = startClock(10);
    try {
      await sleep(LIVE_STREAK * 25 + 2 * LIVE_READ_MS);
      expect(harness.engine.stats.liveReads).toBeGreaterThan(0);
      const ticker = document.createElement('p');
      ticker.textContent = 'Breaking: Mark Zuckerberg';
      clock.el.after(ticker);
      await sleep(LIVE_READ_MS * 2 + 100);
      expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg']);
    } finally {
      clock.stop();
    }
  });

  it('takes a mark out of the highlights at once when the page edits its text, even while reading late', async () => {
    const harness = await startEngine();
    const clock = startClock(10);
    const p = Object.assign(document.createElement('p'), { textContent: 'Mark Zuckerberg spoke.' });
    document.body.append(p);
    try {
      await sleep(LIVE_STREAK * 25 + 2 * LIVE_READ_MS);
      expect(harness.engine.stats.liveReads).toBeGreaterThan(0);
      expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg']);
      const text = p.firstChild as Text;
      text.data = 'Someone else spoke at length.';
      // The observer's callback is a microtask: no late read has run yet.
      await Promise.resolve();
      await Promise.resolve();
      expect(marked(registry, 'mark-zuckerberg')).toEqual([]);
      expect(harness.engine.mentions()).toHaveLength(0);
    } finally {
      clock.stop();
    }
  });

  it('goes back to reading changes in the next frame once the page pauses', async () => {
    const harness = await startEngine();
    const clock = startClock(10);
    await sleep(LIVE_STREAK * 25 + 2 * LIVE_READ_MS);
    clock.stop();
    await sleep(LIVE_READ_MS + 200);
    const live = harness.engine.stats.liveReads;
    // A single change after the pause is read in the next frame (or the 100 ms fallback), not late.
    const p = Object.assign(document.createElement('p'), { textContent: 'Mark Zuckerberg spoke.' });
    document.body.append(p);
    await sleep(150);
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg']);
    expect(harness.engine.stats.liveReads).toBe(live);
  });
});
