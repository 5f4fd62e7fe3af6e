/**
 * Marks are registered where they can be seen: on a long page (80 mentions, about 60 window
 * heights) only the mentions near the window are in CSS.highlights, every mention is counted,
 * and scrolling through the page finds each mention already registered when it enters the
 * window (no pop-in at a reading pace: it came within the margin a step before). Keyboard
 * navigation to the last mention registers its mark. A mark that comes near is painted (the
 * document's rules name the elements of registered ranges by their place), also after the page
 * inserts elements above it. Both browsers.
 */
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { BROWSERS, useExtension } from './support/browsers.ts';
import { CardHook, cardHookReady } from './support/card-hook.ts';
import { settled, waitFor } from './support/engine.ts';
import { mergeSettings } from './support/extension-api.ts';
import { MARK_BACKGROUND, pixelsOfColour } from './support/pixels.ts';

const LONG = '/fixtures/viewport/long.html';
const PARAGRAPHS = 80;

interface Seen {
  /** Paragraph ids whose mention has a registered range. */
  readonly registered: string[];
  /** Paragraph ids that intersect the window. */
  readonly inWindow: string[];
  /** Paragraph ids within one window height below the window. */
  readonly below: string[];
  readonly ranges: number;
}

/** Scrolls to `top` (instantly; no frame in between) and reads what is registered at once. */
function scrollAndRead(page: Page, top: number | null): Promise<Seen> {
  return page.evaluate((to: number | null) => {
    if (to !== null) window.scrollTo({ top: to, behavior: 'instant' });
    const registered = new Set<string>();
    let ranges = 0;
    CSS.highlights.forEach((h, name) => {
      if (!name.startsWith('context-cards-') || name === 'context-cards-focus') return;
      for (const r of h) {
        ranges++;
        const p = (r as Range).startContainer.parentElement?.closest('p');
        if (p) registered.add(p.id);
      }
    });
    const inWindow: string[] = [];
    const below: string[] = [];
    for (const p of document.querySelectorAll('p')) {
      const rect = p.getBoundingClientRect();
      if (rect.bottom > 0 && rect.top < innerHeight) inWindow.push(p.id);
      else if (rect.top >= innerHeight && rect.top < 2 * innerHeight) below.push(p.id);
    }
    return { registered: [...registered], inWindow, below, ranges };
  }, top);
}

describe.each(BROWSERS)('marks near the viewport in %s', (name) => {
  const { server, ext } = useExtension(name);

  async function open(): Promise<Page> {
    const page = await ext().browser.newPage();
    await page.setViewport({ width: 1000, height: 700 });
    await page.goto(server().origin + LONG);
    return page;
  }

  it('registers fewer ranges than mentions, and each mention before it scrolls into the window', async () => {
    const page = await open();
    const state = await settled(page);
    expect(state.report.total).toBe(PARAGRAPHS);
    const first = await scrollAndRead(page, null);
    expect(first.ranges).toBeGreaterThan(0);
    expect(first.ranges).toBeLessThan(PARAGRAPHS / 4);
    expect(state.stats?.registered).toBeGreaterThan(0);
    expect(state.stats?.registered).toBeLessThan(PARAGRAPHS / 4);

    const everRegistered = new Set<string>(first.registered);
    const { height, view } = await page.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      view: innerHeight,
    }));
    let steps = 0;
    for (let top = 0; top < height; top += Math.round(view * 0.8)) {
      // At once after the scroll, before any frame: what is in the window was registered before.
      const seen = await scrollAndRead(page, top);
      const missing = seen.inWindow.filter((id) => !seen.registered.includes(id));
      expect(missing, `not registered when scrolled into the window at ${String(top)} px`).toEqual([]);
      // Then the margin follows the window: the next window height below gets registered.
      const after = await waitFor(
        () => scrollAndRead(page, null),
        (s) => s.below.every((id) => s.registered.includes(id)),
        `the marks below ${String(top)} px`,
        5_000,
      );
      for (const id of after.registered) everRegistered.add(id);
      // Never the whole page at once.
      expect(after.ranges).toBeLessThan(PARAGRAPHS / 4);
      steps++;
    }
    expect(steps).toBeGreaterThan(40);
    expect(everRegistered.size).toBe(PARAGRAPHS);
    await page.close();
  });

  it('registers the mentions a layout change of the page brings into the window, without a scroll', async () => {
    const page = await open();
    await settled(page);
    const before = await scrollAndRead(page, null);
    // The page takes out its spacing: paragraphs from far below move into the window, and the
    // document shrinks; nothing scrolls and no text changes.
    await page.evaluate(() => {
      for (const p of document.querySelectorAll('p')) p.style.marginBottom = '0';
    });
    const moved = await scrollAndRead(page, null);
    expect(moved.inWindow.length).toBeGreaterThan(before.inWindow.length);
    const after = await waitFor(
      () => scrollAndRead(page, null),
      (seen) => seen.inWindow.every((id) => seen.registered.includes(id)),
      'the mentions moved into the window registered',
      2000,
    );
    expect(after.inWindow.filter((id) => !after.registered.includes(id))).toEqual([]);
    await page.close();
  });

  it('registers the mark of a far mention reached by keyboard navigation', async () => {
    const page = await open();
    await settled(page);
    await waitFor(() => cardHookReady(page), Boolean, 'the card hook', 15_000);
    const before = await scrollAndRead(page, null);
    const last = `p${String(PARAGRAPHS - 1)}`;
    expect(before.registered).not.toContain(last);
    // Backwards from the top: the last mention in the window, the one before it, then around to
    // the last mention of the page, about 60 window heights down.
    const hook = new CardHook(page);
    for (let i = 0; i < 3; i++) expect(await hook.send('step', { entityId: null, direction: -1 })).toBe(true);
    const seen = await waitFor(
      () => scrollAndRead(page, null),
      (s) => s.registered.includes(last),
      'the last mention registered',
      5_000,
    );
    expect(seen.inWindow).toContain(last);
    expect(seen.ranges).toBeLessThan(PARAGRAPHS / 4);
    await page.close();
  });
  it('paints a far mark once it comes near, and still after the page inserts elements above it', async () => {
    const control = await ext().openExtensionPage('popup/index.html', server().origin);
    await mergeSettings(control, { markStyle: 'background' });
    try {
      const page = await open();
      await settled(page);
      const last = `#p${String(PARAGRAPHS - 1)}`;
      const painted = async (): Promise<number> => {
        const el = await page.$(last);
        if (el === null) throw new Error(`no ${last}`);
        return pixelsOfColour(await el.screenshot({ encoding: 'base64' }), MARK_BACKGROUND, 12);
      };
      // Far below: registered and styled only once it comes near.
      expect(await waitFor(painted, (n) => n > 300, 'the far mark painted', 3_000)).toBeGreaterThan(300);
      // Every element of the page moves one place down among its siblings.
      await page.evaluate(() => {
        for (let i = 0; i < 3; i++) document.body.prepend(document.createElement('div'));
      });
      const after = await waitFor(painted, (n) => n > 300, 'the mark painted after the insertion', 3_000);
      expect(after).toBeGreaterThan(300);
      await page.close();
    } finally {
      await mergeSettings(control, { markStyle: 'underline' });
      await control.close();
    }
  });
});
