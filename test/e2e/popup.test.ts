/**
 * The popup, toolbar badge and history in the built extension, in real Chromium and Firefox.
 * The popup is opened in a tab (`popup/index.html?tab=<id>`, honoured by test builds only) so it
 * can target the article tab; the badge and history are read from the background through the
 * same typed messages the popup uses.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionBrowser } from '../../scripts/launch.ts';
import type { FixtureServer } from '../../scripts/static-server.ts';
import type { BackgroundProtocol } from '../../src/shared/messages.ts';
import type { Response } from '../../src/shared/protocol.ts';
import { BROWSERS, useExtension } from './support/browsers.ts';
import { highlightNames, sleep, waitFor } from './support/engine.ts';
import { mergeSettings, tabIdOf, toBackground, type ExtensionGlobals } from './support/extension-api.ts';
import { openPopup, switchState } from './support/popup.ts';

const repo = resolve(import.meta.dirname, '../..');
const axeSource = readFileSync(resolve(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');
const ARTICLE = '/fixtures/popup/article.html';
/** Marks the fixture has: Mark Zuckerberg 2, Meta 1, Alexandr Wang 1, Scale AI 1, Yann LeCun 2 (checked below). */
const MIN_EXPECTED_TOTAL = 6;

/** Entities whose highlights currently hold ranges, in a page (the focus mark left out). */
async function markedEntities(page: Page): Promise<string[]> {
  return (await highlightNames(page)).filter((name) => name !== 'focus');
}

/** An extension page that talks to the background like the popup does. */
class Control {
  constructor(readonly page: Page) {}

  async badge(tabId: number): Promise<string> {
    return (await toBackground(this.page, 'badge/get', { tabId })).text;
  }

  history(): Promise<Response<BackgroundProtocol, 'history/all'>> {
    return toBackground(this.page, 'history/all', {});
  }

  tabId(urlPart: string): Promise<number> {
    return tabIdOf(this.page, urlPart);
  }
}

/** The popup page object. */
class Popup {
  constructor(readonly page: Page) {}

  static async open(ext: ExtensionBrowser, server: FixtureServer, tabId: number): Promise<Popup> {
    const page = await openPopup(ext, server.origin, tabId);
    await page.setViewport({ width: 360, height: 900 });
    return new Popup(page);
  }

  checked(testId: string): Promise<string | null> {
    return switchState(this.page, testId);
  }

  async click(selector: string): Promise<void> {
    await this.page.$eval(selector, (el) => (el as HTMLElement).click());
  }

  async mentions(): Promise<{ id: string; text: string }[]> {
    await this.page.waitForSelector('[data-testid="mentions"] button', { timeout: 10_000 });
    return this.page.$$eval('[data-testid="mentions"] button', (bs) =>
      bs.map((b) => ({ id: (b as HTMLElement).dataset['entity'] ?? '', text: b.textContent ?? '' })),
    );
  }

  async openPanel(testId: string): Promise<void> {
    await this.page.$eval(`[data-testid="${testId}"] summary`, (s) => (s as HTMLElement).click());
  }

  async axe(): Promise<{ id: string; impact: string | null; nodes: string[] }[]> {
    await this.page.evaluate(axeSource);
    return this.page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: {
            run(
              ctx: Document,
              opts: unknown,
            ): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>;
          };
        }
      ).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => n.target.join(' ')),
      }));
    });
  }
}

describe.each(BROWSERS)('popup in %s', (name) => {
  const { server, ext } = useExtension(name);
  let article: Page;
  let control: Control;
  let tabId: number;

  beforeAll(async () => {
    article = await ext().browser.newPage();
    await article.setViewport({ width: 1000, height: 700 });
    await article.goto(`${server().origin}${ARTICLE}?utm_source=test#top`);
    await waitFor(
      () => markedEntities(article),
      (m) => m.includes('mark-zuckerberg'),
      'marks in the article',
    );
    control = new Control(await ext().openExtensionPage('popup/index.html', server().origin));
    tabId = await control.tabId(ARTICLE);
  });

  it('renders the popup with the site, the mentions on the page and the dataset line', async () => {
    const popup = await Popup.open(ext(), server(), tabId);
    expect(await popup.page.$eval('h1', (h) => h.textContent)).toBe('Context Cards');
    // The first line says what the marks and cards are, and where they come from.
    expect(await popup.page.$eval('[data-testid="intro"]', (e) => e.textContent)).toMatch(
      /^Marked names are people and companies in Meta’s AI story\..*one German news article \(around December 2025\)/,
    );
    expect(await popup.checked('master-switch')).toBe('true');
    expect(await popup.checked('site-switch')).toBe('true');
    expect(await popup.page.$eval('#site-switch-hint', (e) => e.textContent)).toBe('127.0.0.1');
    const mentions = await popup.mentions();
    expect(mentions[0]).toEqual({
      id: 'mark-zuckerberg',
      text: expect.stringMatching(/^Mark Zuckerberg2/) as unknown as string,
    });
    expect(mentions.map((m) => m.id)).toEqual(expect.arrayContaining(['yann-lecun', 'alexandr-wang', 'scale-ai']));
    expect(await popup.page.$eval('[data-testid="dataset-line"]', (e) => e.textContent)).toMatch(
      /\d+ claims, \d+ context notes/,
    );
    await popup.page.close();
  });

  it('shows the number of mentions in the badge, and clears it on navigation', async () => {
    const text = await waitFor(
      () => control.badge(tabId),
      (t) => t !== '',
      'a badge',
    );
    expect(Number(text)).toBeGreaterThanOrEqual(MIN_EXPECTED_TOTAL);
    await article.goto(`${server().origin}/fixtures/popup/plain.html`);
    await waitFor(
      () => control.badge(tabId),
      (t) => t === '',
      'the badge to clear',
    );
    await sleep(500);
    expect(await control.badge(tabId)).toBe('');
    await article.goto(`${server().origin}${ARTICLE}?utm_source=test#top`);
    expect(
      Number(
        await waitFor(
          () => control.badge(tabId),
          (t) => t !== '',
          'the badge again',
        ),
      ),
    ).toBe(Number(text));
  });

  // Only Chromium has a service worker to stop; Firefox runs the background as an event page.
  if (name === 'chromium')
    it('keeps badge counts and history when the service worker is stopped', async () => {
      const badge = await waitFor(
        () => control.badge(tabId),
        (t) => t !== '',
        'a badge',
      );
      await waitFor(
        () => control.history(),
        (h) => h.entities.length > 0,
        'history',
      );
      const stopWorker = async (): Promise<void> => {
        const cdp = await article.createCDPSession();
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await waitFor(
          async () =>
            ext()
              .browser.targets()
              .filter((t) => t.type() === 'service_worker').length,
          (n) => n === 0,
          'the worker to stop',
        );
        await cdp.detach();
      };
      await stopWorker();
      // A message wakes a new worker, which has nothing in memory: history comes from IndexedDB.
      expect((await control.history()).entities.map((e) => e.entityId)).toContain('mark-zuckerberg');
      await stopWorker();
      // A settings change wakes a new worker that repaints every tab: the article's count must
      // come from session storage, or its badge would be painted empty.
      const setDisabled = async (sites: string[]): Promise<void> => {
        await mergeSettings(control.page, { disabledSites: sites });
      };
      await setDisabled(['other.example']);
      await waitFor(
        async () =>
          ext()
            .browser.targets()
            .filter((t) => t.type() === 'service_worker').length,
        (n) => n === 1,
        'a new worker',
      );
      await sleep(500);
      expect(await control.badge(tabId)).toBe(badge);
      await setDisabled([]);
    });

  it('the master switch removes and restores the marks in the open tab, without a reload', async () => {
    const popup = await Popup.open(ext(), server(), tabId);
    const before = await waitFor(
      () => markedEntities(article),
      (m) => m.length > 3,
      'marks',
    );
    await article.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await popup.click('[data-testid="master-switch"]');
    await waitFor(
      () => markedEntities(article),
      (m) => m.length === 0,
      'marks to go',
    );
    expect(await popup.checked('master-switch')).toBe('false');
    expect(
      await waitFor(
        () => control.badge(tabId),
        (t) => t === '',
        'no badge while off',
      ),
    ).toBe('');
    await popup.click('[data-testid="master-switch"]');
    expect(
      await waitFor(
        () => markedEntities(article),
        (m) => m.length === before.length,
        'marks to return',
      ),
    ).toEqual(before);
    // Same document all along: no reload happened.
    expect(await article.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    await popup.page.close();
  });

  it('the site switch removes the marks live and stays off across reloads', async () => {
    const popup = await Popup.open(ext(), server(), tabId);
    await popup.click('[data-testid="site-switch"]');
    await waitFor(
      () => markedEntities(article),
      (m) => m.length === 0,
      'marks to go',
    );
    await article.reload();
    await article.waitForFunction(() => document.readyState === 'complete');
    await sleep(1500);
    expect(await markedEntities(article)).toEqual([]);
    expect(await control.badge(tabId)).toBe('');
    const again = await Popup.open(ext(), server(), tabId);
    expect(await again.checked('site-switch')).toBe('false');
    expect(await again.page.$eval('main', (m) => m.textContent)).toContain('Context Cards is off for 127.0.0.1.');
    await again.click('[data-testid="site-switch"]');
    await waitFor(
      () => markedEntities(article),
      (m) => m.includes('mark-zuckerberg'),
      'marks to return',
    );
    await again.page.close();
    await popup.page.close();
  });

  it('"Mark these" hides and shows an entity in the open tab, live', async () => {
    const popup = await Popup.open(ext(), server(), tabId);
    await popup.openPanel('settings-panel');
    await waitFor(
      () => markedEntities(article),
      (m) => m.includes('yann-lecun'),
      'LeCun marked',
    );
    await popup.click('input[data-entity="yann-lecun"]');
    const without = await waitFor(
      () => markedEntities(article),
      (m) => !m.includes('yann-lecun'),
      'LeCun unmarked',
    );
    expect(without).toContain('mark-zuckerberg');
    await popup.click('input[data-entity="yann-lecun"]');
    await waitFor(
      () => markedEntities(article),
      (m) => m.includes('yann-lecun'),
      'LeCun marked again',
    );
    await popup.page.close();
  });

  it('lists the keyboard shortcuts from the manifest', async () => {
    const popup = await Popup.open(ext(), server(), tabId);
    await popup.openPanel('settings-panel');
    await popup.page.waitForSelector('[data-testid="shortcuts"] kbd');
    const keys = await popup.page.$$eval('[data-testid="shortcuts"] kbd', (ks) => ks.map((k) => k.textContent));
    expect(keys).toEqual(['Alt+Shift+K', 'Alt+Shift+.', 'Alt+Shift+,']);
    await popup.page.close();
  });

  it('"On this page" scrolls the tab to the mention and opens its card', async () => {
    await article.evaluate(() => window.scrollTo(0, 0));
    const popup = await Popup.open(ext(), server(), tabId);
    await popup.mentions();
    await popup.click('[data-testid="mentions"] button[data-entity="yann-lecun"]');
    await article.bringToFront();
    const y = await waitFor(
      () => article.evaluate(() => window.scrollY),
      (v) => v > 500,
      'the page to scroll',
    );
    const far = await article.$eval('#far', (p) => p.getBoundingClientRect().top);
    expect(y).toBeGreaterThan(500);
    expect(far).toBeGreaterThanOrEqual(-50);
    expect(far).toBeLessThan(700);
    await waitFor(
      () => article.evaluate(() => document.querySelector('context-cards-root') !== null),
      (v) => v,
      'the card to open',
    );
    await article.keyboard.press('Escape');
    await popup.page.close();
  });

  it('records a visit in history, lists it in the popup and clears it', async () => {
    const history = await waitFor(
      () => control.history(),
      (h) => h.entities.some((e) => e.entityId === 'yann-lecun'),
      'a history entry',
    );
    const lecun = history.entities.find((e) => e.entityId === 'yann-lecun');
    // The address without query or fragment.
    expect(lecun?.pages).toEqual([
      expect.objectContaining({ url: `${server().origin}${ARTICLE}`, title: "Popup fixture: Meta's AI bet", count: 2 }),
    ]);
    expect(history.error).toBeNull();

    const popup = await Popup.open(ext(), server(), tabId);
    await popup.openPanel('history-panel');
    // One row for the page, with a chip for each name on it.
    const row = `[data-testid="history-list"] .history-page[data-url="${server().origin}${ARTICLE}"]`;
    await popup.page.waitForSelector(`${row} a`);
    expect(await popup.page.$eval(`${row} a`, (a) => a.getAttribute('href'))).toBe(`${server().origin}${ARTICLE}`);
    const chips = await popup.page.$$eval(`${row} .name-chip`, (cs) => cs.map((c) => c.getAttribute('data-entity')));
    expect(chips).toEqual(expect.arrayContaining(['mark-zuckerberg', 'yann-lecun', 'alexandr-wang']));
    expect(await popup.page.$$eval('[data-testid="history-list"] .history-page', (rs) => rs.length)).toBe(
      new Set(history.entities.flatMap((e) => e.pages.map((p) => p.url))).size,
    );
    await popup.click('[data-testid="history-clear"]');
    await popup.page.waitForFunction(
      () => document.querySelector('[data-testid="history-status"]')?.textContent === 'History cleared.',
    );
    expect((await control.history()).entities).toEqual([]);
    await popup.page.close();
  });

  it('switching history off deletes it', async () => {
    await article.reload();
    await waitFor(
      () => control.history(),
      (h) => h.entities.length > 0,
      'a new history entry',
    );
    const popup = await Popup.open(ext(), server(), tabId);
    await popup.openPanel('settings-panel');
    await popup.click('[data-testid="history-switch"]');
    await popup.click('[data-testid="history-switch"]');
    // Off then on: what was recorded before is gone.
    await waitFor(
      () => control.history(),
      (h) => h.entities.length === 0,
      'history to be deleted',
    );
    await popup.page.close();
  });

  it('is usable by keyboard: Tab reaches the switches first, Space toggles, Enter jumps', async () => {
    const popup = await Popup.open(ext(), server(), tabId);
    await popup.mentions();
    const focused = () =>
      popup.page.evaluate(
        () =>
          document.activeElement?.id ||
          (document.activeElement as HTMLElement | null)?.dataset['entity'] ||
          document.activeElement?.localName,
      );
    await popup.page.keyboard.press('Tab');
    expect(await focused()).toBe('master-switch');
    await popup.page.keyboard.press(' ');
    await waitFor(
      () => popup.checked('master-switch'),
      (v) => v === 'false',
      'the switch to turn off',
    );
    await waitFor(
      () => markedEntities(article),
      (m) => m.length === 0,
      'marks to go',
    );
    await popup.page.keyboard.press(' ');
    await waitFor(
      () => popup.checked('master-switch'),
      (v) => v === 'true',
      'the switch to turn on',
    );
    await waitFor(
      () => markedEntities(article),
      (m) => m.length > 0,
      'marks to return',
    );
    // The popup asks the page again after a change; the list is back once the page has re-marked.
    await popup.mentions();
    await popup.page.keyboard.press('Tab');
    expect(await focused()).toBe('site-switch');
    await popup.page.keyboard.press('Tab');
    expect(await focused()).toBe('mark-zuckerberg');
    await article.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await popup.page.keyboard.press('Enter');
    await waitFor(
      () => article.evaluate(() => window.scrollY),
      (y) => y < 300,
      'the page to scroll up to the first mention',
    );
    await article.keyboard.press('Escape');
    await popup.page.close();
  });

  it('"Read the source" opens the source page', async () => {
    const popup = await Popup.open(ext(), server(), tabId);
    await popup.click('[data-testid="read-source"]');
    await waitFor(
      () => control.tabId('source-page/index.html').catch(() => -1),
      (id) => id >= 0,
      'the source page tab',
    );
    await popup.page.close();
  });

  it('has no serious or critical axe violations, in light and dark', async () => {
    const popup = await Popup.open(ext(), server(), tabId);
    await popup.mentions();
    await popup.openPanel('settings-panel');
    await popup.openPanel('history-panel');
    const serious = (v: { impact: string | null }[]) =>
      v.filter((x) => x.impact === 'serious' || x.impact === 'critical');
    expect(serious(await popup.axe())).toEqual([]);
    const bg = () => popup.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    let dark = 'emulated';
    try {
      await popup.page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    } catch {
      dark = 'forced';
    }
    if ((await bg()) === light) {
      // Firefox under WebDriver BiDi cannot emulate the media feature: apply the stylesheet's
      // own dark rules unconditionally (the same declarations the media query would enable).
      dark = 'forced';
      await popup.page.evaluate(() => {
        const sheet = new CSSStyleSheet();
        for (const s of [...document.styleSheets]) {
          for (const rule of [...s.cssRules]) {
            if (rule instanceof CSSMediaRule && rule.conditionText.includes('prefers-color-scheme: dark')) {
              for (const inner of [...rule.cssRules]) sheet.insertRule(inner.cssText, sheet.cssRules.length);
            }
          }
        }
        sheet.insertRule(':root { color-scheme: dark; }', sheet.cssRules.length);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      });
    }
    expect(await bg()).not.toBe(light);
    console.info(`[popup e2e] ${name}: dark theme ${dark}`);
    expect(serious(await popup.axe())).toEqual([]);
    await popup.page.close();
  });

  // Last in Firefox: once withdrawn, host access comes back only through a user's click on the prompt.
  // Chromium grants host access at install; only Firefox lets the user withhold it.
  if (name === 'firefox')
    it('explains and offers host access when it is withheld', async () => {
      const popup = await Popup.open(ext(), server(), tabId);
      expect(await popup.page.$('[data-testid="host-access"]')).toBeNull();
      // Firefox's BiDi failed one call here once ("right-hand side of 'in' should be an object, got
      // null": the answer of a call whose document it considered gone). The answer is a convenience:
      // what counts is the permission's state, read afresh from the next popup.
      const removed = await popup.page
        .evaluate(() =>
          (globalThis as unknown as ExtensionGlobals).browser?.permissions.remove({ origins: ['<all_urls>'] }),
        )
        .catch((error: unknown) => {
          console.info(
            `[popup e2e] firefox: the answer to permissions.remove was lost: ${String(error).slice(0, 160)}`,
          );
          return 'lost';
        });
      if (removed !== 'lost') expect(removed).toBe(true);
      await popup.page.close();
      const again = await Popup.open(ext(), server(), tabId);
      expect(
        await again.page.evaluate(() =>
          (globalThis as unknown as ExtensionGlobals).browser?.permissions.contains({ origins: ['<all_urls>'] }),
        ),
      ).toBe(false);
      await again.page.waitForSelector('[data-testid="host-access"] button');
      expect(await again.page.$eval('[data-testid="host-access"]', (e) => e.textContent)).toContain(
        'It needs that access to find names in the text of the pages you read',
      );
      expect((await again.axe()).filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      await again.page.close();
    });

  // One browser is enough for the README picture; UPDATE_DOCS=1 writes it into docs/.
  if (name === 'chromium')
    it('saves a screenshot of the popup for the README', async () => {
      await article.bringToFront();
      const popup = await Popup.open(ext(), server(), tabId);
      await popup.mentions();
      await popup.page.setViewport({ width: 360, height: 600, deviceScaleFactor: 2 });
      const main = await popup.page.$('main');
      const dir = resolve(repo, process.env['UPDATE_DOCS'] ? 'docs' : 'dist/screenshots');
      mkdirSync(dir, { recursive: true });
      const png = await main?.screenshot({ path: resolve(dir, 'popup.png') });
      expect(png?.byteLength ?? 0).toBeGreaterThan(10_000);
      await popup.page.close();
    });
});
