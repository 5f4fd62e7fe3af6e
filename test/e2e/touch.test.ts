/**
 * Touch on a phone-sized window, in real Chromium and Firefox: a tap on a marked name opens its
 * card as a sheet at the window's bottom edge; a tap on a mark inside a link follows the link and
 * opens no card; a tap outside closes; a scroll or a long-press over a mark opens nothing; the
 * sheet fits the window, has a 44 px close button and keeps the tapped name in view; names in a
 * shadow root are found by a tap too; axe finds nothing wrong with the open sheet.
 *
 * Chromium: `setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true })`, taps through
 * CDP touch events. Firefox: the `dom.w3c_touch_events.enabled` preference, a 390 × 844 viewport
 * (`isMobile` has no WebDriver BiDi counterpart), taps through BiDi `input.performActions` with a
 * touch pointer (puppeteer's touchscreen): both browsers then send pointer events with
 * pointerType "touch", followed by the compatibility mouse events, as on a phone.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import type { ExtensionBrowser } from '../../scripts/launch.ts';
import { sheetCap } from '../../src/content/card-controller/placement.ts';
import { BROWSERS, useExtension } from './support/browsers.ts';
import { CardHook, cardHookReady, type CardSnapshot } from './support/card-hook.ts';
import { sleep, waitFor } from './support/engine.ts';
import { tabIdOf } from './support/extension-api.ts';

const repo = resolve(import.meta.dirname, '../..');
const axeSource = readFileSync(resolve(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');
const PAGE = '/fixtures/touch/article.html';
const WIDTH = 390;
const HEIGHT = 844;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const centre = (b: Box): { x: number; y: number } => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** The touch article on a phone-sized, touch-enabled window: the suite's page object. */
class PhonePage {
  readonly hook: CardHook;
  constructor(readonly page: Page) {
    this.hook = new CardHook(page);
  }

  static async open(ext: ExtensionBrowser, url: string): Promise<PhonePage> {
    const page = await ext.browser.newPage();
    await page.setViewport({ width: WIDTH, height: HEIGHT, isMobile: ext.name === 'chromium', hasTouch: true });
    await page.goto(url);
    await waitFor(() => cardHookReady(page), Boolean, 'the card hook', 15_000);
    await waitFor(
      () => page.evaluate(() => CSS.highlights.size),
      (n) => n > 0,
      'the marks',
      15_000,
    );
    return new PhonePage(page);
  }

  /** The client box of the first line of `name` in `selector`'s text (or its open shadow root's). */
  nameBox(selector: string, name: string): Promise<Box> {
    return this.page.evaluate(
      (sel: string, text: string) => {
        const el = document.querySelector(sel);
        const root: Node | null = el?.shadowRoot ?? el ?? null;
        if (!root) throw new Error(`no ${sel}`);
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = (n.nodeValue ?? '').indexOf(text);
          if (at < 0) continue;
          const r = document.createRange();
          r.setStart(n, at);
          r.setEnd(n, at + text.length);
          const b = r.getClientRects()[0];
          if (!b) break;
          return { x: b.left, y: b.top, width: b.width, height: b.height };
        }
        throw new Error(`no "${text}" in ${sel}`);
      },
      selector,
      name,
    );
  }

  async tap(box: Box): Promise<void> {
    const { x, y } = centre(box);
    await this.page.touchscreen.tap(x, y);
  }

  inspect(): Promise<CardSnapshot> {
    return this.hook.send('inspect', {});
  }

  async waitForCard(entityId: string | null): Promise<CardSnapshot> {
    return waitFor(
      () => this.inspect(),
      (c) => (entityId === null ? !c.open : c.open && c.entityId === entityId),
      entityId === null ? 'no card' : `the card of ${entityId}`,
    );
  }

  /** Scrolls the window so that the top of `selector` is `y` pixels from the window's top. */
  async scrollTo(selector: string, y: number): Promise<void> {
    await this.page.evaluate(
      (sel: string, at: number) => {
        const el = document.querySelector(sel);
        if (!el) throw new Error(`no ${sel}`);
        window.scrollBy({ top: el.getBoundingClientRect().top - at, behavior: 'instant' });
      },
      selector,
      y,
    );
  }

  scrollY(): Promise<number> {
    return this.page.evaluate(() => window.scrollY);
  }

  /** The viewport's width without a classic scroll bar, and its height. */
  viewport(): Promise<{ width: number; height: number }> {
    return this.page.evaluate(() => ({ width: document.documentElement.clientWidth, height: window.innerHeight }));
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

describe.each(BROWSERS)('touch on a phone-sized window in %s', (name) => {
  // Firefox: touch events on, and a touch screen as the only pointer (1: coarse, no hover), as
  // on a phone; Chromium's isMobile + hasTouch emulation does the same for its media queries.
  const { server, ext } = useExtension(name, {
    prefs: { 'dom.w3c_touch_events.enabled': 1, 'ui.primaryPointerCapabilities': 1, 'ui.allPointerCapabilities': 1 },
  });
  const url = (): string => `${server().origin}${PAGE}`;

  /**
   * An extension page in a phone-sized touch window. The viewport comes first: setting touch
   * emulation reloads a page, and Firefox refuses automation navigation (a reload too) to its
   * extension pages, so there a web page navigates there itself (as ext().openExtensionPage does).
   */
  async function openOnPhone(path: string, width: number, height: number): Promise<Page> {
    const page = await ext().browser.newPage();
    await page.setViewport({ width, height, isMobile: name === 'chromium', hasTouch: true });
    const target = ext().extensionOrigin + path;
    if (name === 'chromium') {
      await page.goto(target);
      return page;
    }
    await page.goto(`${server().origin}/fixtures/blank.html`);
    await page.evaluate((u: string) => {
      setTimeout(() => {
        location.href = u;
      }, 0);
    }, target);
    await waitFor(
      () =>
        page
          .evaluate(() => ({ href: location.href, ready: document.readyState }))
          .catch(() => ({ href: '', ready: '' })),
      (at) => at.href.startsWith(ext().extensionOrigin) && at.ready === 'complete',
      `Firefox at ${target}`,
      15_000,
    );
    return page;
  }

  it('a tap on a plain mark opens its card as a sheet that fits the window and leaves the name in view', async () => {
    const phone = await PhonePage.open(ext(), url());
    const name = await phone.nameBox('#plain', 'Mark Zuckerberg');
    await phone.tap(name);
    const card = await phone.waitForCard('mark-zuckerberg');
    expect(card.via).toBe('touch');
    expect(card.sheet).toBe('bottom');
    const host = card.hostRect;
    const mention = card.mentionRect;
    if (!host || !mention) throw new Error('no boxes');
    const view = await phone.viewport();
    // Full width, docked to the bottom edge, at most 60 % of the window high.
    expect(host.x).toBe(0);
    expect(Math.abs(host.width - view.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(host.y + host.height - view.height)).toBeLessThanOrEqual(1);
    expect(host.height).toBeLessThanOrEqual(sheetCap(view.height) + 1);
    expect(host.height).toBeGreaterThan(150);
    // The tapped name stays above the sheet, on screen.
    expect(mention.y).toBeGreaterThanOrEqual(0);
    expect(mention.y + mention.height).toBeLessThanOrEqual(host.y);
    // A close button a finger can hit.
    const close = await phone.hook.send('rect', { selector: '.close' });
    // (Rounded: Chromium's mobile emulation lays out in fractions of a pixel, 43.99997.)
    expect(Math.round(close?.width ?? 0)).toBeGreaterThanOrEqual(44);
    expect(Math.round(close?.height ?? 0)).toBeGreaterThanOrEqual(44);
    // The body scrolls inside the sheet when the content is longer.
    const body = await phone.hook.send('probe', { selector: '.body' });
    expect(body?.scrollHeight).toBeGreaterThan(body?.clientHeight ?? Infinity);
    await phone.close();
  });

  it('the mouse events that follow the tap neither close nor reopen the card', async () => {
    const phone = await PhonePage.open(ext(), url());
    // Count the card hosts that ever appear, and see whether the one there now is the first.
    await phone.page.evaluate(() => {
      const w = window as unknown as { ccHosts: Element[] };
      w.ccHosts = [];
      new MutationObserver((records) => {
        for (const r of records)
          for (const n of r.addedNodes)
            if (n instanceof Element && n.localName === 'context-cards-root') w.ccHosts.push(n);
      }).observe(document.documentElement, { childList: true });
    });
    await phone.tap(await phone.nameBox('#plain', 'Mark Zuckerberg'));
    await phone.waitForCard('mark-zuckerberg');
    // Past the hover delay and the grace period: a mouse echo would have acted by now.
    await sleep(1_200);
    const hosts = await phone.page.evaluate(() => {
      const w = window as unknown as { ccHosts: Element[] };
      return { count: w.ccHosts.length, same: w.ccHosts[0] === document.querySelector('context-cards-root') };
    });
    expect(hosts).toEqual({ count: 1, same: true });
    expect((await phone.inspect()).via).toBe('touch');
    await phone.close();
  });

  it('a tap outside closes the sheet; so do its close button and Escape', async () => {
    const phone = await PhonePage.open(ext(), url());
    const name = await phone.nameBox('#plain', 'Mark Zuckerberg');
    await phone.tap(name);
    await phone.waitForCard('mark-zuckerberg');
    await phone.tap(await phone.nameBox('#filler1', 'Plain text without'));
    await phone.waitForCard(null);
    await phone.tap(name);
    await phone.waitForCard('mark-zuckerberg');
    expect(await phone.hook.send('click', { selector: '.close' })).toBe(true);
    await phone.waitForCard(null);
    await phone.tap(name);
    await phone.waitForCard('mark-zuckerberg');
    await phone.page.keyboard.press('Escape');
    await phone.waitForCard(null);
    await phone.close();
  });

  it('turned to landscape, the open sheet stays full width and within 60 % of the new height', async () => {
    const phone = await PhonePage.open(ext(), url());
    await phone.tap(await phone.nameBox('#plain', 'Mark Zuckerberg'));
    await phone.waitForCard('mark-zuckerberg');
    await phone.page.setViewport({ width: HEIGHT, height: WIDTH, isMobile: name === 'chromium', hasTouch: true });
    const card = await waitFor(
      () => phone.inspect(),
      (c) => (c.hostRect?.height ?? Infinity) <= sheetCap(WIDTH) + 1,
      'the sheet within its new cap',
    );
    const view = await phone.viewport();
    expect(card.sheet).toBe('bottom');
    expect(Math.abs((card.hostRect?.width ?? 0) - view.width)).toBeLessThanOrEqual(1);
    await phone.close();
  });

  it('a close request to the sheet (what the back gesture sends) closes it', async () => {
    const phone = await PhonePage.open(ext(), url());
    await phone.tap(await phone.nameBox('#plain', 'Mark Zuckerberg'));
    await phone.waitForCard('mark-zuckerberg');
    const entries = await phone.page.evaluate(() => history.length);
    // Both browsers here have CloseWatcher: the sheet registered one, and its request closes it.
    expect(await phone.hook.send('back', {})).toBe(true);
    await phone.waitForCard(null);
    // No history entry was added for the card, and the page did not navigate.
    expect(await phone.page.evaluate(() => ({ length: history.length, path: location.pathname }))).toEqual({
      length: entries,
      path: PAGE,
    });
    await phone.close();
  });

  it('on a tablet-wide window a tap opens the card beside its name, not as a sheet', async () => {
    const page = await ext().browser.newPage();
    await page.setViewport({ width: 820, height: 1180, isMobile: name === 'chromium', hasTouch: true });
    await page.goto(url());
    await waitFor(() => cardHookReady(page), Boolean, 'the card hook', 15_000);
    await waitFor(
      () => page.evaluate(() => CSS.highlights.size),
      (n) => n > 0,
      'the marks',
      15_000,
    );
    const tablet = new PhonePage(page);
    await tablet.tap(await tablet.nameBox('#plain', 'Mark Zuckerberg'));
    const card = await tablet.waitForCard('mark-zuckerberg');
    expect(card.via).toBe('touch');
    expect(card.sheet).toBeNull();
    expect(card.hostRect?.width).toBeLessThan(820 / 2 + 40);
    // The card covers the text below the name; the heading above it is outside.
    await tablet.tap(await tablet.nameBox('h1', 'An AI bet'));
    await tablet.waitForCard(null);
    await page.close();
  });

  it('a tap on another mark switches the sheet to it', async () => {
    const phone = await PhonePage.open(ext(), url());
    await phone.tap(await phone.nameBox('#plain', 'Mark Zuckerberg'));
    await phone.waitForCard('mark-zuckerberg');
    await phone.tap(await phone.nameBox('#linked', 'Scale AI'));
    const card = await phone.waitForCard('scale-ai');
    expect(card.sheet).toBe('bottom');
    await phone.close();
  });

  it('a tap on a mark inside a link follows the link and opens no card', async () => {
    const phone = await PhonePage.open(ext(), url());
    // Remember across the navigation (same origin, same tab) whether a card host ever appeared.
    await phone.page.evaluate(() => {
      sessionStorage.setItem('cc-card-seen', 'no');
      new MutationObserver(() => {
        if (document.querySelector('context-cards-root')) sessionStorage.setItem('cc-card-seen', 'yes');
      }).observe(document.documentElement, { childList: true });
    });
    const link = await phone.nameBox('#link', 'Alexandr Wang');
    await Promise.all([phone.page.waitForNavigation({ timeout: 10_000 }), phone.tap(link)]);
    await waitFor(
      () => phone.page.evaluate(() => location.hash),
      (h) => h === '#followed',
      'the link followed',
    );
    expect(await phone.page.evaluate(() => sessionStorage.getItem('cc-card-seen'))).toBe('no');
    await phone.close();
  });

  it('a scroll gesture or a long-press over a mark opens nothing', async () => {
    const phone = await PhonePage.open(ext(), url());
    const { x, y } = centre(await phone.nameBox('#scrolled', 'Yann LeCun'));
    const before = await phone.scrollY();
    // A swipe that starts on the name, goes up and comes back to it: where the page does not
    // scroll under the finger (Firefox here), it ends on the name, and only the movement tells.
    await phone.page.touchscreen.touchStart(x, y);
    for (const dy of [-40, -80, -120, -80, -40, 0]) await phone.page.touchscreen.touchMove(x, y + dy);
    await phone.page.touchscreen.touchEnd();
    await sleep(700);
    expect((await phone.inspect()).open).toBe(false);
    console.log(`[${name}] the swipe scrolled the page by ${(await phone.scrollY()) - before} px`);
    // A long-press on a name: the browser's business (selection, menu), not a card.
    const again = centre(await phone.nameBox('#scrolled', 'Yann LeCun'));
    await phone.page.touchscreen.touchStart(again.x, again.y);
    await sleep(900);
    await phone.page.touchscreen.touchEnd();
    await sleep(500);
    expect((await phone.inspect()).open).toBe(false);
    await phone.close();
  });

  it('a name low in the window is scrolled above the sheet rather than covered', async () => {
    const phone = await PhonePage.open(ext(), url());
    await phone.scrollTo('#low', HEIGHT - 90);
    const name = await phone.nameBox('#low', 'Meta Superintelligence Labs');
    expect(name.y).toBeGreaterThan(HEIGHT * 0.6);
    const before = await phone.scrollY();
    await phone.tap(name);
    const card = await phone.waitForCard('meta-superintelligence-labs');
    const host = card.hostRect;
    const mention = card.mentionRect;
    if (!host || !mention) throw new Error('no boxes');
    expect(card.sheet).toBe('bottom');
    expect(await phone.scrollY()).toBeGreaterThan(before);
    expect(mention.y).toBeGreaterThanOrEqual(0);
    expect(mention.y + mention.height).toBeLessThanOrEqual(host.y);
    await phone.close();
  });

  it('a tap finds a name inside a shadow root', async () => {
    const phone = await PhonePage.open(ext(), url());
    await phone.tap(await phone.nameBox('#widget', 'Scale AI'));
    const card = await phone.waitForCard('scale-ai');
    expect(card.via).toBe('touch');
    await phone.close();
  });

  it('the open sheet has no axe violations', async () => {
    const phone = await PhonePage.open(ext(), url());
    await phone.tap(await phone.nameBox('#plain', 'Mark Zuckerberg'));
    await phone.waitForCard('mark-zuckerberg');
    await sleep(300); // the entrance animation, which axe would otherwise read half-faded
    await phone.page.evaluate(axeSource);
    const result = await phone.page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: {
            run(
              ctx: unknown,
              opts: unknown,
            ): Promise<{ violations: { id: string; nodes: unknown[] }[]; passes: { id: string }[] }>;
          };
        }
      ).axe;
      const host = document.querySelector('context-cards-root');
      if (!host?.shadowRoot) throw new Error('the card host or its (test-build, open) shadow root is missing');
      const r = await axe.run({ include: [['context-cards-root']] }, { resultTypes: ['violations', 'passes'] });
      return { violations: r.violations.map((v) => `${v.id} (${v.nodes.length})`), passes: r.passes.length };
    });
    expect(result.violations).toEqual([]);
    // axe did read the card: rules passed on it.
    expect(result.passes).toBeGreaterThan(5);
    await phone.close();
  });

  it('the popup, the source page and the options page at 360 px: nothing wider than the screen, every control at least 44 px high', async () => {
    const article = await PhonePage.open(ext(), url());
    const control = await ext().openExtensionPage('popup/index.html', server().origin);
    const tabId = await tabIdOf(control, 'touch/article.html');
    await control.close();
    const popup = await openOnPhone(`popup/index.html?tab=${tabId}`, 360, 740);
    await waitFor(
      () => popup.evaluate(() => document.querySelectorAll('[data-testid="mentions"] button').length),
      (n) => n > 0,
      'the mentions in the popup',
      15_000,
    );
    const source = await openOnPhone('source-page/index.html', 360, 740);
    await waitFor(
      () => source.evaluate(() => document.querySelectorAll('main summary').length),
      (n) => n > 0,
      'the source page',
      15_000,
    );
    const options = await openOnPhone('options/index.html', 360, 740);
    await waitFor(
      () => options.evaluate(() => document.querySelectorAll('[data-testid="packs"] [role="switch"]').length),
      (n) => n > 0,
      'the story packs on the options page',
      15_000,
    );
    for (const [what, page] of [
      ['popup', popup],
      ['source page', source],
      ['options page', options],
    ] as const) {
      // A background tab gets no frames (Chromium): the page measured is the one in front.
      await page.bringToFront();
      const report = await page.evaluate(async () => {
        for (const d of document.querySelectorAll('details')) d.open = true;
        await new Promise((r) => setTimeout(r, 100));
        // A target is big enough when it is 44 px high, or when a finger 22 px above and below its
        // centre still lands on it (a switch's invisible margin), or when its label is.
        const hits = (el: Element, x: number, y: number): boolean => {
          const at = document.elementFromPoint(x, y);
          return at !== null && (at === el || el.contains(at));
        };
        const small: string[] = [];
        const targets = document.querySelectorAll(
          'button, select, input:not([type="checkbox"]):not([type="radio"]), summary, label.check, label.button, fieldset.toggle label, [role="switch"]',
        );
        for (const el of targets) {
          const r0 = el.getBoundingClientRect();
          // Not shown (or shown as a 1 px visually hidden input whose label is the target).
          if (r0.width <= 1 || r0.height <= 1) continue;
          el.scrollIntoView({ block: 'center', behavior: 'instant' });
          const r = el.getBoundingClientRect();
          const cx = r.left + r.width / 2;
          const cy = r.top + r.height / 2;
          if (Math.round(r.height) >= 44 || (hits(el, cx, cy - 21.5) && hits(el, cx, cy + 21.5))) continue;
          small.push(
            `${el.localName}.${el.className || el.getAttribute('data-testid') || ''} ${Math.round(r.height)}px`,
          );
        }
        return {
          coarse: matchMedia('(pointer: coarse)').matches,
          width: innerWidth,
          scrollWidth: document.documentElement.scrollWidth,
          targets: targets.length,
          small,
        };
      });
      console.log(`[${name}] ${what} at 360 px: ${JSON.stringify(report)}`);
      expect(report.coarse).toBe(true);
      expect(report.width).toBe(360);
      expect(report.scrollWidth).toBeLessThanOrEqual(360);
      expect(report.targets).toBeGreaterThan(3);
      expect(report.small).toEqual([]);
    }
    await popup.close();
    await source.close();
    await options.close();
    await article.close();
  });

  // One browser is enough for the README picture; UPDATE_DOCS=1 writes it into docs/.
  if (name === 'chromium')
    it('saves a phone-sized screenshot of an open sheet on the demo article', async () => {
      const page = await ext().browser.newPage();
      await page.setViewport({ width: WIDTH, height: HEIGHT, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      await page.goto(`${server().origin}/demo/index.html?phone`);
      await waitFor(() => cardHookReady(page), Boolean, 'the card hook', 15_000);
      const phone = new PhonePage(page);
      await waitFor(
        () => page.evaluate(() => CSS.highlights.size),
        (n) => n > 0,
        'the marks',
        15_000,
      );
      // "Wang leads it" (plain text; the first Wang of the article is a link), a quarter down the window.
      const box = await page.evaluate((top: number) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = (n.nodeValue ?? '').indexOf('Wang leads');
          if (at < 0) continue;
          const r = document.createRange();
          r.setStart(n, at);
          r.setEnd(n, at + 4);
          const first = r.getClientRects()[0];
          if (!first) continue;
          window.scrollBy({ top: first.top - top, behavior: 'instant' });
          const b = r.getClientRects()[0];
          if (b) return { x: b.left, y: b.top, width: b.width, height: b.height };
        }
        return null;
      }, HEIGHT / 4);
      if (!box) throw new Error('no "Wang leads" in the demo article');
      await phone.tap(box);
      const card = await phone.waitForCard('alexandr-wang');
      expect(card.sheet).toBe('bottom');
      await sleep(400);
      const dir = resolve(repo, process.env['UPDATE_DOCS'] ? 'docs' : 'dist/screenshots');
      mkdirSync(dir, { recursive: true });
      const png = await page.screenshot({ path: resolve(dir, 'phone-card.png') });
      expect(png.byteLength).toBeGreaterThan(10_000);
      await page.close();
    });
});
