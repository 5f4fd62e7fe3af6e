/**
 * Cards in the built extension, in real Chromium and Firefox: hover, grace period, Escape,
 * keyboard stepping and focus, a CSP page and a modal dialog. (The README's card screenshot is
 * taken in card-content.test.ts.)
 * The card's shadow root is closed; the test build's card hook (support/card-hook.ts) reports
 * what is inside it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import type { ExtensionBrowser } from '../../scripts/launch.ts';
import { CLOSE_GRACE_MS } from '../../src/content/card-controller/timing.ts';
import type { ContentProtocol } from '../../src/shared/messages.ts';
import type { Request, Response } from '../../src/shared/protocol.ts';
import { DEFAULT_HOVER_DELAY_MS as HOVER_DELAY_MS } from '../../src/shared/settings.ts';
import { BROWSERS, useExtension } from './support/browsers.ts';
import { CardHook, cardHookReady, type CardSnapshot } from './support/card-hook.ts';
import { sleep, waitFor } from './support/engine.ts';
import { readSettings, tabIdOf, toTab, writeSettings } from './support/extension-api.ts';
import { extensionTab } from './support/tabs.ts';

const repo = resolve(import.meta.dirname, '../..');
const axeSource = readFileSync(resolve(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** A page with the extension's card hook: the cards' page object. */
class CardsPage {
  readonly hook: CardHook;
  constructor(readonly page: Page) {
    this.hook = new CardHook(page);
  }

  static async open(ext: ExtensionBrowser, url: string): Promise<CardsPage> {
    const page = await ext.browser.newPage();
    await page.setViewport({ width: 1000, height: 700 });
    await page.goto(url);
    // The hook appears when startCards ran, i.e. once the engine has marked the page.
    await waitFor(() => cardHookReady(page), Boolean, 'the card hook', 15_000);
    return new CardsPage(page);
  }

  inspect(): Promise<CardSnapshot> {
    return this.hook.send('inspect', {});
  }

  step(entityId: string | null, direction: 1 | -1 = 1): Promise<boolean> {
    return this.hook.send('step', { entityId, direction });
  }

  hostPresent(): Promise<boolean> {
    return this.page.evaluate(() => document.querySelector('context-cards-root') !== null);
  }

  async waitForHost(present: boolean, timeout = 3_000): Promise<void> {
    await this.page.waitForFunction(
      (p: boolean) => (document.querySelector('context-cards-root') !== null) === p,
      { timeout },
      present,
    );
  }

  /** Centre of the first occurrence of `text` inside the element `selector`, in client coordinates. */
  async textPoint(selector: string, text: string): Promise<{ x: number; y: number }> {
    return this.page.evaluate(
      (sel: string, needle: string) => {
        const root = document.querySelector(sel);
        if (!root) throw new Error(`no ${sel}`);
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = (n.nodeValue ?? '').indexOf(needle);
          if (at < 0) continue;
          const range = new Range();
          range.setStart(n, at);
          range.setEnd(n, at + needle.length);
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
        throw new Error(`"${needle}" not in ${sel}`);
      },
      selector,
      text,
    );
  }

  hostRect(): Promise<{ x: number; y: number; width: number; height: number }> {
    return this.page.evaluate(() => {
      const host = document.querySelector('context-cards-root');
      if (!host) throw new Error('no card host');
      const r = host.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
  }

  /** What the page sees on top at the card's centre: our host when the card is really above. */
  topAtCardCentre(): Promise<string | null> {
    return this.page.evaluate(() => {
      const host = document.querySelector('context-cards-root');
      if (!host) return null;
      const r = host.getBoundingClientRect();
      return document.elementFromPoint(r.x + r.width / 2, r.y + Math.min(40, r.height / 2))?.localName ?? null;
    });
  }

  activeElement(): Promise<string> {
    return this.page.evaluate(() => {
      const a = document.activeElement;
      return a ? (a.id ? `${a.localName}#${a.id}` : a.localName) : 'none';
    });
  }

  /** Hovers the mention and waits for its card. */
  async hoverOpen(selector: string, text: string): Promise<{ x: number; y: number }> {
    const point = await this.textPoint(selector, text);
    await this.page.mouse.move(point.x, point.y, { steps: 3 });
    await this.waitForHost(true);
    return point;
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

/** Sends a content-script request from an extension page to the tab showing `urlPart`. */
async function sendToTab<K extends keyof ContentProtocol & string>(
  control: Page,
  urlPart: string,
  type: K,
  payload: Request<ContentProtocol, K>,
): Promise<Response<ContentProtocol, K>> {
  return toTab(control, await tabIdOf(control, urlPart), type, payload);
}

/** The stored settings' disabledSites, read from an extension page. */
async function disabledSites(control: Page): Promise<string[]> {
  const settings = (await readSettings(control)) as { disabledSites?: string[] } | undefined;
  return settings?.disabledSites ?? [];
}

describe.each(BROWSERS)('cards in %s', (name) => {
  const { server, ext } = useExtension(name);

  it('hover opens the card of the mention under the pointer, after the delay; Escape closes it', async () => {
    const cards = await CardsPage.open(ext(), `${server().origin}/fixtures/cards/article.html`);
    const point = await cards.textPoint('#p1', 'Zuckerberg');
    await cards.page.mouse.move(point.x, point.y, { steps: 3 });
    await sleep(HOVER_DELAY_MS / 3);
    expect(await cards.hostPresent()).toBe(false);
    await cards.waitForHost(true);
    const card = await cards.inspect();
    expect(card).toMatchObject({
      open: true,
      entityId: 'mark-zuckerberg',
      via: 'pointer',
      state: 'ready',
      role: 'dialog',
      heading: 'Mark Zuckerberg',
      popoverOpen: true,
    });
    expect(card.label).toBe('Context card: Mark Zuckerberg');
    // Opening on hover must not steal focus from the page.
    expect(card.focus?.inCard).toBe(false);

    await cards.page.keyboard.press('Escape');
    await cards.waitForHost(false, 1_000);

    // Another mention, another card.
    await cards.hoverOpen('#p2', 'Scale AI');
    expect((await cards.inspect()).entityId).toBe('scale-ai');
    await cards.close();
  });

  it('keeps the card open while the pointer is in it, and closes it after the grace period once it leaves both', async () => {
    const cards = await CardsPage.open(ext(), `${server().origin}/fixtures/cards/article.html`);
    await cards.hoverOpen('#p1', 'Mark Zuckerberg');
    const rect = await cards.hostRect();
    await cards.page.mouse.move(rect.x + rect.width / 2, rect.y + Math.min(60, rect.height / 2), { steps: 8 });
    await sleep(CLOSE_GRACE_MS * 2.5);
    expect(await cards.hostPresent()).toBe(true);
    expect((await cards.inspect()).entityId).toBe('mark-zuckerberg');

    // Out to plain page text, away from mention and card: still there at first, then gone.
    const away = { x: 960, y: 650 };
    await cards.page.mouse.move(away.x, away.y, { steps: 2 });
    const leftAt = Date.now();
    expect(await cards.hostPresent()).toBe(true);
    await cards.waitForHost(false, 3_000);
    expect(Date.now() - leftAt).toBeGreaterThanOrEqual(CLOSE_GRACE_MS - 60);
    await cards.close();
  });

  it('steps to the next mention from the keyboard, moves focus into the card, and Escape returns focus', async () => {
    const cards = await CardsPage.open(ext(), `${server().origin}/fixtures/cards/article.html`);
    await cards.page.focus('#before');
    expect(await cards.step(null, 1)).toBe(true);
    let card = await cards.inspect();
    expect(card).toMatchObject({ open: true, entityId: 'mark-zuckerberg', via: 'keyboard' });
    expect(card.focus).toMatchObject({ inCard: true, activeRole: 'dialog', documentActive: 'context-cards-root' });

    // Tab works inside the card: focus moves on to its first control and stays in the card.
    await cards.page.keyboard.press('Tab');
    card = await cards.inspect();
    expect(card.focus?.inCard).toBe(true);
    expect(card.focus?.activeRole).toBeNull();

    await cards.page.keyboard.press('Escape');
    await cards.waitForHost(false, 1_000);
    expect(await cards.activeElement()).toBe('button#before');

    // Stepping continues from the last mention reached: Wang, Scale AI, back to Wang, then LeCun far below.
    const visited: (string | undefined)[] = [];
    for (const direction of [1, 1, -1] as const) {
      expect(await cards.step(null, direction)).toBe(true);
      visited.push((await cards.inspect()).entityId);
    }
    expect(visited).toEqual(['alexandr-wang', 'scale-ai', 'alexandr-wang']);
    expect(await cards.step('yann-lecun', 1)).toBe(true);
    card = await cards.inspect();
    expect(card.entityId).toBe('yann-lecun');
    const inView = await cards.page.evaluate(() => {
      const r = document.getElementById('p4')?.getBoundingClientRect();
      return r !== undefined && r.top >= 0 && r.bottom <= innerHeight;
    });
    expect(inView).toBe(true);
    await cards.page.keyboard.press('Escape');
    await cards.waitForHost(false, 1_000);
    // Nothing of an entity that is not on the page: no card, and step says so.
    expect(await cards.step('fair', 1)).toBe(false);
    expect(await cards.hostPresent()).toBe(false);
    await cards.close();
  });

  it("the card's close button closes a keyboard card and gives focus back to the page", async () => {
    const cards = await CardsPage.open(ext(), `${server().origin}/fixtures/cards/article.html`);
    await cards.page.focus('#before');
    expect(await cards.step('yann-lecun', 1)).toBe(true);
    expect((await cards.inspect()).focus?.inCard).toBe(true);
    expect(await cards.hook.send('click', { selector: '.close' })).toBe(true);
    await cards.waitForHost(false, 1_000);
    expect(await cards.activeElement()).toBe('button#before');
    expect(await cards.hook.send('inspect', {})).toEqual({ open: false });
    await cards.close();
  });

  it("shows a styled card on a page whose CSP is default-src 'none'", async () => {
    const cards = await CardsPage.open(ext(), `${server().origin}/csp/none/fixtures/cards/article.html`);
    expect(await cards.step(null, 1)).toBe(true);
    const card = await cards.inspect();
    expect(card.open).toBe(true);
    expect(card.styleMode).toBe('adopted');
    expect(card.style?.borderRadius).toBe('10px');
    // A flex column (header, scrolling body, footer): only our sheet makes the dialog one.
    expect(card.style?.display).toBe('flex');
    expect(card.style?.backgroundColor).not.toBe('rgba(0, 0, 0, 0)');
    expect(card.style?.fontFamily).toContain('system-ui');
    await cards.close();
  });

  it('keeps page styles out: hostile rules on * and [popover] neither hide nor restyle the card', async () => {
    const cards = await CardsPage.open(ext(), `${server().origin}/fixtures/cards/article.html`);
    await cards.hoverOpen('#p1', 'Mark Zuckerberg');
    const card = await cards.inspect();
    expect(card.style?.letterSpacing).toBe('normal');
    // The fixture forces `opacity: 0; left: 0` on the host and a fixed header with the maximal z-index.
    expect(await cards.topAtCardCentre()).toBe('context-cards-root');
    const visible = await cards.page.evaluate(() => {
      const host = document.querySelector('context-cards-root');
      return host ? getComputedStyle(host).opacity : null;
    });
    expect(visible).toBe('1');
    // `left: 0 !important` on the host loses to the position floating-ui sets: the card stays by its mention.
    const mentionX = (await cards.textPoint('#p1', 'Mark')).x;
    const rect = await cards.hostRect();
    expect(rect.x).toBeGreaterThan(50);
    expect(Math.abs(rect.x - mentionX)).toBeLessThan(60);
    await cards.close();
  });

  it('shows the card above an open modal dialog, and keeps it usable', async () => {
    const cards = await CardsPage.open(ext(), `${server().origin}/fixtures/cards/dialog.html`);
    await cards.hoverOpen('#inside', 'Alexandr Wang');
    const card = await cards.inspect();
    expect(card).toMatchObject({ open: true, entityId: 'alexandr-wang', popoverOpen: true, container: 'dialog' });
    expect(await cards.topAtCardCentre()).toBe('context-cards-root');
    // Not inert: the pointer can rest on it without it closing.
    const rect = await cards.hostRect();
    await cards.page.mouse.move(rect.x + rect.width / 2, rect.y + Math.min(60, rect.height / 2), { steps: 8 });
    await sleep(CLOSE_GRACE_MS * 2.5);
    expect(await cards.hostPresent()).toBe(true);
    await cards.page.keyboard.press('Escape');
    await cards.waitForHost(false, 1_000);
    await cards.close();
  });

  it('moves an open card above a modal dialog the page opens afterwards', async () => {
    const cards = await CardsPage.open(ext(), `${server().origin}/fixtures/cards/article.html`);
    await cards.hoverOpen('#p2', 'Alexandr Wang');
    await cards.page.evaluate(() => {
      const dialog = document.createElement('dialog');
      dialog.textContent = 'A late modal dialog';
      dialog.style.cssText = 'width: 90vw; height: 80vh; z-index: 2147483647';
      document.body.append(dialog);
      dialog.showModal();
    });
    await cards.page.waitForFunction(
      () => document.querySelector('context-cards-root')?.parentElement?.localName === 'dialog',
      { timeout: 2_000 },
    );
    expect(await cards.topAtCardCentre()).toBe('context-cards-root');
    await cards.close();
  });

  it('"Read the source" opens the article in a tab, scrolled to the claim and highlighted', async () => {
    const cards = await CardsPage.open(ext(), `${server().origin}/fixtures/cards/article.html`);
    expect(await cards.step('mark-zuckerberg', 1)).toBe(true);
    expect(await cards.hook.send('click', { selector: '[data-action="read-source"]' })).toBe(true);
    const source = await extensionTab(ext(), 'source-page/index.html');
    await source.waitForFunction(() => document.querySelector('mark.is-target') !== null, { timeout: 10_000 });
    const state = await source.evaluate(() => {
      const anchor = document.getElementById('claim-c01-ai-most-important');
      const r = anchor?.getBoundingClientRect();
      return {
        hash: location.hash,
        focused: document.activeElement?.id ?? null,
        inView: r !== undefined && r.top >= 0 && r.bottom <= innerHeight,
        targets: [...document.querySelectorAll('mark.is-target')].map((m) => m.getAttribute('data-claims')),
        marks: new Set(
          [...document.querySelectorAll('mark[data-claims]')].flatMap((m) =>
            (m.getAttribute('data-claims') ?? '').split(' '),
          ),
        ).size,
        articleLang: document.querySelector('.article .text')?.getAttribute('lang'),
      };
    });
    expect(state.hash).toBe('#claim-c01-ai-most-important');
    expect(state.focused).toBe('claim-c01-ai-most-important');
    expect(state.inView).toBe(true);
    expect(state.targets.length).toBeGreaterThan(0);
    expect(state.targets.every((c) => c?.split(' ').includes('c01-ai-most-important'))).toBe(true);
    expect(state.marks).toBeGreaterThanOrEqual(38);
    expect(state.articleLang).toBe('de');
    await source.evaluate(axeSource);
    const violations = await source.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: {
            run(ctx: Document, opts: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
          };
        }
      ).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
    });
    expect(violations).toEqual([]);
    await source.close();
    await cards.close();
  });

  it('opens the next mention\'s card on the "go to mention" request, with focus in the card', async () => {
    const cards = await CardsPage.open(ext(), `${server().origin}/fixtures/cards/article.html?goto`);
    const control = await ext().openExtensionPage('popup/index.html', server().origin);
    expect(
      await sendToTab(control, 'article.html?goto', 'page/goto', { entityId: 'alexandr-wang', direction: 1 }),
    ).toEqual({ ok: true });
    const card = await cards.inspect();
    expect(card).toMatchObject({ open: true, entityId: 'alexandr-wang', via: 'keyboard' });
    expect(card.focus?.inCard).toBe(true);
    expect(await sendToTab(control, 'article.html?goto', 'page/goto', { entityId: 'fair', direction: 1 })).toEqual({
      ok: false,
    });
    await control.close();
    await cards.page.bringToFront();
    await cards.page.keyboard.press('Escape');
    await cards.waitForHost(false, 1_000);
    await cards.close();
  });

  it('"Turn off on this site" closes the card, switches the site off and says so with an Undo', async () => {
    const cards = await CardsPage.open(ext(), `${server().origin}/fixtures/cards/article.html`);
    const control = await ext().openExtensionPage('popup/index.html', server().origin);
    try {
      await cards.page.bringToFront();
      await cards.hoverOpen('#p1', 'Mark Zuckerberg');
      expect(await cards.hook.send('click', { selector: '[data-action="turn-off-site"]' })).toBe(true);
      await cards.waitForHost(false, 1_000);
      // Not silent: a message with Undo (card-preview.test.ts presses it).
      await cards.page.waitForSelector('context-cards-toast >>> [data-action="undo"]', { timeout: 3_000 });
      const deadline = Date.now() + 5_000;
      while (!(await disabledSites(control)).includes('127.0.0.1') && Date.now() < deadline) await sleep(100);
      expect(await disabledSites(control)).toContain('127.0.0.1');
      // The engine reacts to the stored setting: the marks go.
      await cards.page.waitForFunction(
        () => {
          let marked = 0;
          CSS.highlights.forEach((h, key) => {
            if (key.startsWith('context-cards-')) marked += h.size;
          });
          return marked === 0;
        },
        { timeout: 5_000 },
      );
    } finally {
      // Switch the site back on for the tests that follow.
      const settings = ((await readSettings(control)) ?? {}) as { disabledSites?: string[] };
      await writeSettings(control, {
        ...settings,
        disabledSites: (settings.disabledSites ?? []).filter((h) => h !== '127.0.0.1'),
      });
      await control.close();
      await cards.close();
    }
  });

  it('tells on the card how many other recently read pages mention the entity', async () => {
    // A page read before (history is on by default) ...
    const before = await CardsPage.open(ext(), `${server().origin}/fixtures/cards/article.html?history`);
    await sleep(1_500); // the page reports its mentions once marking settles; the background records it
    await before.close();
    // ... is counted on the card of another page.
    const cards = await CardsPage.open(ext(), `${server().origin}/fixtures/cards/dialog.html?history`);
    await cards.hoverOpen('#inside', 'Alexandr Wang');
    const deadline = Date.now() + 5_000;
    let recent: string | null | undefined = null;
    while (!recent && Date.now() < deadline) {
      recent = (await cards.inspect()).recentPages;
      if (!recent) await sleep(100);
    }
    expect(recent).toMatch(/^Also on (one page|\d+ pages) you read recently$/);
    await cards.close();
  });
});
