/**
 * Switching off takes the marks off the screen, not only out of the registry: in real Chromium
 * and Firefox, with the 'background' mark style (a block of #fde68a behind each mention), the
 * pixels of a mention are counted while on, after the popup's master or site switch turns the
 * extension off, and after it turns it on again; and after the mark style changes to 'none'.
 *
 * Chromium's screenshot is a composited frame; Firefox's (WebDriver BiDi) paints the page afresh
 * from its current styles and layout, so it proves the marks are gone from what the browser would
 * paint. Checked by hand against the real screen (headful Firefox ESR 153 under Xvfb, `xwd`): the
 * marks left the screen within 100 ms of each switch there too.
 */
import type { Page } from 'puppeteer-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExtensionBrowser } from '../../scripts/launch.ts';
import { BROWSERS, useExtension } from './support/browsers.ts';
import { highlightNames, poll } from './support/engine.ts';
import { mergeSettings, tabIdOf } from './support/extension-api.ts';
import { openPopup, switchState } from './support/popup.ts';
import { MARK_BACKGROUND, pixelsOfColour } from './support/pixels.ts';

const ARTICLE = '/fixtures/switch-off/article.html';
/** "Mark Zuckerberg" and "Yann LeCun" at 32 px paint thousands of mark pixels; a third is plenty. */
const PAINTED = 2000;
/** How soon the marks must leave the screen after a switch (and come back after the other). */
const WITHIN_MS = 2000;

/** Pixels of the mark colour in a screenshot of the mentions (white page, near-black text: nothing else is yellow). */
async function markPixels(page: Page): Promise<number> {
  const el = await page.$('#mention');
  if (el === null) throw new Error('no #mention');
  return pixelsOfColour(await el.screenshot({ encoding: 'base64' }), MARK_BACKGROUND, 12);
}

/** The popup, opened in a tab and aimed at the article's tab (`?tab=`, honoured by test builds). */
class Popup {
  constructor(readonly page: Page) {}

  static async open(ext: ExtensionBrowser, origin: string, tabId: number | null): Promise<Popup> {
    return new Popup(await openPopup(ext, origin, tabId));
  }

  checked(testId: string): Promise<string | null> {
    return switchState(this.page, testId);
  }

  /** Flips a switch and waits until the popup shows the new state (the settings are written). */
  async toggle(testId: string): Promise<void> {
    const before = await this.checked(testId);
    await this.page.$eval(`[data-testid="${testId}"]`, (el) => (el as HTMLElement).click());
    await this.page.waitForFunction(
      (sel: string, was: string | null) => document.querySelector(sel)?.getAttribute('aria-checked') !== was,
      {},
      `[data-testid="${testId}"]`,
      before,
    );
  }

  /** Merges a change into the stored settings, as the popup's settings panel does. */
  settings(change: Record<string, unknown>): Promise<void> {
    return mergeSettings(this.page, change);
  }
}

describe.each(BROWSERS)('switching off clears the painted marks in %s', (name) => {
  const { server, ext } = useExtension(name);
  let article: Page;
  let popup: Popup;

  /** Counts mark pixels until they pass `ok` (at most WITHIN_MS), logs the count and how long it took. */
  async function pixelsAfter(what: string, ok: (n: number) => boolean): Promise<number> {
    const { value, ms } = await poll(() => markPixels(article), ok, WITHIN_MS);
    console.info(
      `[switch-off paint] ${name}: ${what}: ${value} mark pixels after ${ms} ms; registry: ${(await highlightNames(article)).join(' ') || '(none)'}`,
    );
    return value;
  }

  beforeAll(async () => {
    const control = await Popup.open(ext(), server().origin, null);
    await control.settings({ markStyle: 'background' });
    article = await ext().browser.newPage();
    await article.setViewport({ width: 900, height: 400 });
    await article.goto(`${server().origin}${ARTICLE}`);
    await poll(
      () => highlightNames(article),
      (m) => m.length === 2,
      10_000,
    );
    popup = await Popup.open(ext(), server().origin, await tabIdOf(control.page, ARTICLE));
    await control.page.close();
    // The article stays the visible tab, as under a real toolbar popup; the popup page is driven in the background.
    await article.bringToFront();
  }, 60_000);
  beforeEach(async () => {
    // Each test starts on, whatever the one before left behind.
    await popup.settings({ enabled: true, disabledSites: [], markStyle: 'background' });
    await popup.page.waitForSelector('[data-testid="master-switch"][aria-checked="true"]');
    await popup.page.waitForSelector('[data-testid="site-switch"][aria-checked="true"]');
  });

  it.each([
    ['master switch', 'master-switch'],
    ['site switch', 'site-switch'],
  ])('the %s takes the marks off the screen and puts them back', async (label, testId) => {
    expect(await pixelsAfter('on', (n) => n > PAINTED)).toBeGreaterThan(PAINTED);
    await popup.toggle(testId);
    expect(await popup.checked(testId)).toBe('false');
    expect(await pixelsAfter(`${label} off`, (n) => n === 0)).toBe(0);
    expect(await highlightNames(article)).toEqual([]);
    await popup.toggle(testId);
    expect(await pixelsAfter(`${label} on again`, (n) => n > PAINTED)).toBeGreaterThan(PAINTED);
  });

  it("the mark style 'none' takes the background off the screen, 'background' puts it back", async () => {
    expect(await pixelsAfter('on', (n) => n > PAINTED)).toBeGreaterThan(PAINTED);
    await popup.settings({ markStyle: 'none' });
    expect(await pixelsAfter("mark style 'none'", (n) => n === 0)).toBe(0);
    // The marks are still there (hover and keyboard use them), only unpainted.
    expect(await highlightNames(article)).toEqual(['mark-zuckerberg', 'yann-lecun']);
    await popup.settings({ markStyle: 'background' });
    expect(await pixelsAfter("mark style 'background' again", (n) => n > PAINTED)).toBeGreaterThan(PAINTED);
  });
});
