/**
 * The card as a preview, in real Chromium and Firefox: every entity's card within min(420 px,
 * 55 % of the window) with the product and source in its header, a fixed header and footer and a
 * sign when the body scrolls; "All N claims" opening the source page for that entity; switching
 * between neighbouring mentions with a card on screen in every frame; the side of the mention a
 * card takes near the window's edges, and navigation putting the mention in the upper third; and
 * "Turn off on this site" with its Undo, which the popup's site switch follows.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import type { ExtensionBrowser } from '../../scripts/launch.ts';
import { previewCap } from '../../src/card-view/layout.ts';
import { AFTER_UNDO_MS } from '../../src/content/card-controller/undo-toast-host.ts';
import { BROWSERS, useExtension } from './support/browsers.ts';
import { CardHook, cardHookReady } from './support/card-hook.ts';
import { sleep, waitFor } from './support/engine.ts';
import { mergeSettings, readSettings, tabIdOf, toTab, writeSettings } from './support/extension-api.ts';
import { pixelsOfColour, type Rgb } from './support/pixels.ts';
import { openPopup, switchState } from './support/popup.ts';
import { extensionTab } from './support/tabs.ts';

const repo = resolve(import.meta.dirname, '../..');
const dataset = JSON.parse(readFileSync(resolve(repo, 'assets/dataset/meta-ai-leadership.json'), 'utf8')) as {
  entities: { id: string; name: string }[];
  claims: { id: string; entities: string[] }[];
  notes: { claim: string }[];
};
const axeSource = readFileSync(resolve(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');
const PAGE = '/fixtures/cards/preview.html';
const BRAND = 'Context Cards · one German news article, Dec 2025';
/** The card's background, light and dark (src/card-view/card-styles.ts). */
const CARD_LIGHT = 'rgb(255, 255, 255)';
const CARD_DARK = 'rgb(31, 34, 40)';
/** The 'background' mark style's colours, light and dark (src/content/engine/mark-styles.ts). */
const MARK_LIGHT: Rgb = [0xfd, 0xe6, 0x8a];
const MARK_DARK: Rgb = [0x85, 0x4d, 0x0e];

interface Box {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  readonly height: number;
}

/** The page with every entity (test/fixtures/cards/preview.html): the suite's page object. */
class PreviewPage {
  readonly hook: CardHook;
  constructor(readonly page: Page) {
    this.hook = new CardHook(page);
  }

  static async open(
    ext: ExtensionBrowser,
    origin: string,
    width = 1280,
    height = 800,
    query = '',
  ): Promise<PreviewPage> {
    const page = await ext.browser.newPage();
    await page.setViewport({ width, height });
    await page.goto(`${origin}${PAGE}${query}`);
    await waitFor(() => cardHookReady(page), Boolean, 'the card hook', 15_000);
    return new PreviewPage(page);
  }

  async waitForHost(present: boolean, timeout = 3_000): Promise<void> {
    await this.page.waitForFunction(
      (p: boolean) => (document.querySelector('context-cards-root') !== null) === p,
      { timeout },
      present,
    );
  }

  /** The card host's box, in client coordinates. */
  host(): Promise<Box> {
    return this.page.evaluate(() => {
      const r = document.querySelector('context-cards-root')?.getBoundingClientRect();
      if (!r) throw new Error('no card host');
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
    });
  }

  /** The box of the first `text` inside `selector`: a mention's line. */
  textBox(selector: string, text: string): Promise<Box> {
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
          return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
        }
        throw new Error(`"${needle}" not in ${sel}`);
      },
      selector,
      text,
    );
  }

  async hover(selector: string, text: string): Promise<void> {
    const box = await this.textBox(selector, text);
    await this.page.mouse.move((box.left + box.right) / 2, (box.top + box.bottom) / 2, { steps: 4 });
  }

  /** Scrolls the page so that the line of `text` sits with its top at `y`. */
  async scrollLineTo(selector: string, text: string, y: number): Promise<void> {
    const box = await this.textBox(selector, text);
    await this.page.evaluate((by: number) => window.scrollBy({ top: by, behavior: 'instant' }), box.top - y);
  }

  innerHeight(): Promise<number> {
    return this.page.evaluate(() => innerHeight);
  }

  /** How many ranges our highlights hold (marks on the page). */
  marks(): Promise<number> {
    return this.page.evaluate(() => {
      let n = 0;
      CSS.highlights.forEach((h, key) => {
        if (key.startsWith('context-cards-') && key !== 'context-cards-focus') n += h.size;
      });
      return n;
    });
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

/** The card's and the viewport's measures once a card is open. */
async function measure(preview: PreviewPage) {
  const host = await preview.host();
  const card = await preview.hook.send('probe', { selector: '.card' });
  const body = await preview.hook.send('probe', { selector: '.body' });
  if (!card || !body) throw new Error('no card body');
  return { host, card, body, innerHeight: await preview.innerHeight() };
}

describe.each(BROWSERS)('the card as a preview in %s', (name) => {
  const { server, ext } = useExtension(name);

  it('keeps every entity’s card within min(420 px, 55 % of the window), headed by the product and its source', async () => {
    const heights: string[] = [];
    for (const [width, height] of [
      [1280, 800],
      [1000, 600],
    ] as const) {
      const preview = await PreviewPage.open(ext(), server().origin, width, height, `?${width}`);
      const cap = previewCap(height);
      for (const entity of dataset.entities) {
        await preview.page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
        expect(await preview.hook.send('step', { entityId: entity.id, direction: 1 }), entity.id).toBe(true);
        await preview.waitForHost(true);
        await sleep(200); // the entrance and the first placement
        const { host, card, body } = await measure(preview);
        heights.push(`${name} ${width}x${height} ${entity.id}: ${Math.round(host.height)} px (cap ${cap})`);
        expect(host.height, entity.id).toBeLessThanOrEqual(cap + 1);
        expect(card.rect.height, entity.id).toBeLessThanOrEqual(cap + 1);
        expect(host.top, entity.id).toBeGreaterThanOrEqual(0);
        expect(host.bottom, entity.id).toBeLessThanOrEqual(height);
        expect(await preview.hook.send('texts', { selector: '.header .brand' })).toEqual([BRAND]);
        expect(await preview.hook.send('texts', { selector: '.header h2' })).toEqual([entity.name]);
        // At most three claims, then the way to all of them.
        const total = dataset.claims.filter((c) => c.entities.includes(entity.id)).length;
        expect((await preview.hook.send('texts', { selector: '.claim' })).length).toBe(Math.min(3, total));
        expect(await preview.hook.send('texts', { selector: '[data-action="all-claims"]' })).toEqual([
          total === 1 ? `The claim about ${entity.name}, in context →` : `All ${total} claims about ${entity.name} →`,
        ]);
        // The body says when it scrolls: a fade at the bottom edge exactly while there is more below.
        const more = body.scrollHeight > body.clientHeight + 1;
        const wrap = await preview.hook.send('probe', { selector: '.body-wrap' });
        expect('data-more-below' in (wrap?.attributes ?? {}), entity.id).toBe(more);
        const fade = await preview.hook.send('probe', { selector: '.fade-bottom' });
        if (more)
          await waitFor(
            async () => (await preview.hook.send('probe', { selector: '.fade-bottom' }))?.opacity,
            (o) => o === '1',
            'the fade',
          );
        else expect(fade?.opacity).toBe('0');
        expect(await preview.hook.send('close', {})).toBe(true);
        await preview.waitForHost(false);
      }
      await preview.close();
    }
    console.log(heights.join('\n'));
  });

  it('keeps the name, the close button and the actions in view while the body scrolls, and the sign goes at the end', async () => {
    const preview = await PreviewPage.open(ext(), server().origin);
    expect(await preview.hook.send('step', { entityId: 'alexandr-wang', direction: 1 })).toBe(true);
    await preview.waitForHost(true);
    await sleep(200);
    const before = await measure(preview);
    expect(before.body.scrollHeight).toBeGreaterThan(before.body.clientHeight + 50);
    expect(await preview.hook.send('scroll', { selector: '.body', top: before.body.scrollHeight })).toBe(true);
    await waitFor(
      async () => (await preview.hook.send('probe', { selector: '.body-wrap' }))?.attributes ?? {},
      (a) => !('data-more-below' in a) && 'data-more-above' in a,
      'the sign to move to the top edge',
    );
    const card = (await preview.hook.send('probe', { selector: '.card' }))?.rect;
    if (!card) throw new Error('no card');
    for (const selector of [
      '.header .name',
      '.header .close',
      '[data-action="read-source"]',
      '[data-action="turn-off-site"]',
    ]) {
      const r = await preview.hook.send('rect', { selector });
      expect(r, selector).not.toBeNull();
      expect(r?.y ?? -1, selector).toBeGreaterThanOrEqual(card.y);
      expect((r?.y ?? 0) + (r?.height ?? 0), selector).toBeLessThanOrEqual(card.y + card.height + 0.5);
    }
    await preview.close();
  });

  it('clamps a long summary to three lines with "Show more", which opens it in place', async () => {
    const preview = await PreviewPage.open(ext(), server().origin);
    expect(await preview.hook.send('step', { entityId: 'alexandr-wang', direction: 1 })).toBe(true);
    await preview.waitForHost(true);
    const clamped = await preview.hook.send('rect', { selector: '.summary' });
    if (!clamped) throw new Error('no summary');
    // The toggle exists only when the browser measured the text overflowing its three lines.
    expect(await preview.hook.send('texts', { selector: '[data-action="summary-toggle"]' })).toEqual(['Show more']);
    expect(await preview.hook.send('click', { selector: '[data-action="summary-toggle"]' })).toBe(true);
    const open = await waitFor(
      () => preview.hook.send('rect', { selector: '.summary' }),
      (r) => r !== null && r.height > clamped.height * 1.5,
      'the summary to open',
    );
    // Wang's summary is six lines at this width: open, it is about twice the clamped three.
    expect(open?.height ?? 0).toBeGreaterThan(clamped.height * 1.5);
    expect(await preview.hook.send('texts', { selector: '[data-action="summary-toggle"]' })).toEqual(['Show less']);
    await preview.close();
  });

  it('"All N claims" opens the source page for that entity: every claim, its quote in context, its notes', async () => {
    const preview = await PreviewPage.open(ext(), server().origin);
    expect(await preview.hook.send('step', { entityId: 'alexandr-wang', direction: 1 })).toBe(true);
    await preview.waitForHost(true);
    expect(await preview.hook.send('click', { selector: '[data-action="all-claims"]' })).toBe(true);
    // The source page of the claim's story (`?story=<id>&entity=<id>`), filtered to the entity.
    const source = await extensionTab(ext(), 'entity=alexandr-wang');
    await source.waitForSelector('.entity-claim', { timeout: 10_000 });
    const wang = dataset.claims.filter((c) => c.entities.includes('alexandr-wang')).map((c) => c.id);
    const page = await source.evaluate(() => ({
      heading: document.querySelector('.entity-view h2')?.textContent ?? null,
      claims: [...document.querySelectorAll('.entity-claim')].map((li) => ({
        id: li.getAttribute('data-claim'),
        quote: li.querySelector('blockquote.in-context mark')?.textContent ?? null,
        context: li.querySelector('blockquote.in-context')?.textContent ?? '',
        notes: li.querySelectorAll('.note').length,
        who: li.querySelector('.who')?.textContent ?? null,
      })),
      wholeArticle: document.querySelector('.article') !== null,
    }));
    expect(page.heading).toBe(`Alexandr Wang: ${wang.length} claims in the article`);
    expect(page.wholeArticle).toBe(false);
    expect(page.claims.map((c) => c.id).sort()).toEqual([...wang].sort());
    for (const claim of page.claims) {
      expect(claim.quote, claim.id ?? '').not.toBeNull();
      expect(claim.context.length, claim.id ?? '').toBeGreaterThan(claim.quote?.length ?? 0);
      expect(claim.notes, claim.id ?? '').toBe(dataset.notes.filter((n) => n.claim === claim.id).length);
    }
    // Claims the preview leaves out are there, with who says them.
    expect(page.claims.find((c) => c.id === 'c17-suffocating-management')?.who).toBe(
      'Italian sources “close to the new AI chief” (unnamed)',
    );
    await source.evaluate(axeSource);
    const violations = await source.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: { run(ctx: Document, opts: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
        }
      ).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    await source.close();
    await preview.close();
  });

  it('switches between neighbouring mentions with a card on screen in every frame and no second entrance', async () => {
    const preview = await PreviewPage.open(ext(), server().origin);
    await preview.hover('#neighbours', 'Mark Zuckerberg');
    await preview.waitForHost(true);
    await waitFor(
      () => preview.hook.send('inspect', {}),
      (c) => c.entityId === 'mark-zuckerberg',
      'the first card',
    );
    // Let the entrance finish, then watch every frame in the page: is there a card host, and is it the same one?
    await sleep(300);
    await preview.page.evaluate(() => {
      const w = window as unknown as { ccFirst: Element | null; ccFrames: number[]; ccWatch: boolean };
      w.ccFirst = document.querySelector('context-cards-root');
      w.ccFrames = [];
      w.ccWatch = true;
      const tick = (): void => {
        const host = document.querySelector('context-cards-root');
        w.ccFrames.push(host === null ? 0 : host === w.ccFirst ? 1 : 2);
        if (w.ccWatch) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await preview.hover('#neighbours', 'Meta');
    await waitFor(
      () => preview.hook.send('inspect', {}),
      (c) => c.entityId === 'meta',
      'the switch to Meta',
      3_000,
    );
    const card = await preview.hook.send('probe', { selector: '.card' });
    await sleep(150);
    const frames = await preview.page.evaluate(() => {
      const w = window as unknown as { ccFrames: number[]; ccWatch: boolean };
      w.ccWatch = false;
      return w.ccFrames;
    });
    expect(frames.length).toBeGreaterThan(5);
    // 1: the same card in every frame; never 0 (no card) or 2 (a new one).
    expect(frames.filter((f) => f !== 1)).toEqual([]);
    expect(card?.animations).toBe(0);
    expect(await preview.hook.send('texts', { selector: '.header h2' })).toEqual(['Meta']);
    // And back: the same again.
    await preview.hover('#neighbours', 'Mark Zuckerberg');
    await waitFor(
      () => preview.hook.send('inspect', {}),
      (c) => c.entityId === 'mark-zuckerberg',
      'the switch back',
    );
    expect(await preview.page.evaluate(() => document.querySelectorAll('context-cards-root').length)).toBe(1);
    await preview.close();
  });

  it('opens a card above a mention on the last visible line, leaving the lines below alone; below one at the top', async () => {
    const preview = await PreviewPage.open(ext(), server().origin);
    const height = await preview.innerHeight();
    // The last visible line.
    const lineHeight = (await preview.textBox('#below', 'Alexandr Wang')).height;
    await preview.scrollLineTo('#below', 'Alexandr Wang', height - lineHeight - 4);
    await preview.hover('#below', 'Alexandr Wang');
    await preview.waitForHost(true);
    await sleep(200);
    let mention = await preview.textBox('#below', 'Alexandr Wang');
    let host = await preview.host();
    expect(mention.bottom).toBeLessThanOrEqual(height);
    expect(host.bottom).toBeLessThanOrEqual(mention.top);
    expect(host.top).toBeGreaterThanOrEqual(0);
    expect(host.height).toBeLessThanOrEqual(previewCap(height) + 1);
    await preview.page.keyboard.press('Escape');
    await preview.waitForHost(false);
    // In the middle of the window, with room above: above again, not over what comes next.
    await preview.scrollLineTo('#below', 'Alexandr Wang', Math.round(height * 0.7));
    await preview.page.mouse.move(5, 5);
    await preview.hover('#below', 'Alexandr Wang');
    await preview.waitForHost(true);
    await sleep(200);
    mention = await preview.textBox('#below', 'Alexandr Wang');
    host = await preview.host();
    expect(host.bottom).toBeLessThanOrEqual(mention.top);
    await preview.page.keyboard.press('Escape');
    await preview.waitForHost(false);
    // At the top of the window there is no room above: below it.
    await preview.scrollLineTo('#below', 'Alexandr Wang', 40);
    await preview.page.mouse.move(5, height - 5);
    await preview.hover('#below', 'Alexandr Wang');
    await preview.waitForHost(true);
    await sleep(200);
    mention = await preview.textBox('#below', 'Alexandr Wang');
    host = await preview.host();
    expect(host.top).toBeGreaterThanOrEqual(mention.bottom);
    expect(host.bottom).toBeLessThanOrEqual(height);
    await preview.close();
  });

  it('keyboard steps and the popup’s "go to" put the mention in the upper third before the card opens', async () => {
    const preview = await PreviewPage.open(ext(), server().origin, 1280, 800, '?goto');
    const height = await preview.innerHeight();
    const pageScroll = (): Promise<number> => preview.page.evaluate(() => window.scrollY);
    /** After a step or a "go to": the open card's mention is in the upper third, and the card is not above it. */
    const expectUpperThird = async (what: string): Promise<void> => {
      const card = await preview.hook.send('inspect', {});
      const mention = card.mentionRect;
      if (!mention) throw new Error(`${what}: no card`);
      expect(mention.y, what).toBeGreaterThanOrEqual(0);
      expect(mention.y + mention.height, what).toBeLessThanOrEqual(height / 3);
      const host = await preview.host();
      expect(host.top, what).toBeGreaterThanOrEqual(mention.y + mention.height);
    };
    // Wang: near the top first, then far below.
    expect(await preview.hook.send('step', { entityId: 'alexandr-wang', direction: 1 })).toBe(true);
    await expectUpperThird('first Wang');
    expect(await pageScroll()).toBe(0);
    expect(await preview.hook.send('step', { entityId: 'alexandr-wang', direction: 1 })).toBe(true);
    await expectUpperThird('second Wang');
    expect(await pageScroll()).toBeGreaterThan(height);
    await preview.page.keyboard.press('Escape');
    await preview.waitForHost(false);
    // The popup's "go to", from the top of the page each time, to every Meta in turn.
    const control = await ext().openExtensionPage('popup/index.html', server().origin);
    const tabId = await tabIdOf(control, `${PAGE}?goto`);
    let scrolled = 0;
    for (let i = 0; i < 4; i++) {
      await preview.page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
      expect(await toTab(control, tabId, 'page/goto', { entityId: 'meta', direction: 1 })).toEqual({ ok: true });
      expect((await preview.hook.send('inspect', {})).entityId).toBe('meta');
      await expectUpperThird(`Meta, go to ${i + 1}`);
      if ((await pageScroll()) > 0) scrolled++;
    }
    // At least one of them (the one far below) had to be scrolled to.
    expect(scrolled).toBeGreaterThan(0);
    await control.close();
    await preview.close();
  });

  it('"Turn off on this site" takes the marks away with an Undo that brings them back; the popup’s switch follows', async () => {
    const preview = await PreviewPage.open(ext(), server().origin, 1280, 800, '?undo');
    const control = await ext().openExtensionPage('popup/index.html', server().origin);
    const tabId = await tabIdOf(control, `${PAGE}?undo`);
    const popup = await openPopup(ext(), server().origin, tabId);
    const site = '127.0.0.1';
    try {
      expect(await switchState(popup, 'site-switch')).toBe('true');
      await preview.page.bringToFront();
      const marked = await preview.marks();
      expect(marked).toBeGreaterThan(5);

      // From the keyboard: focus is in the card, and goes to Undo.
      expect(await preview.hook.send('step', { entityId: 'mark-zuckerberg', direction: 1 })).toBe(true);
      expect(await preview.hook.send('click', { selector: '[data-action="turn-off-site"]' })).toBe(true);
      await preview.waitForHost(false);
      await preview.page.waitForSelector('context-cards-toast', { timeout: 3_000 });
      await waitFor(
        () => preview.marks(),
        (n) => n === 0,
        'the marks to go',
      );
      const toastText = () =>
        preview.page.$eval('context-cards-toast >>> .toast-text', (p) => p.textContent).catch(() => null);
      expect(await toastText()).toBe(`Context Cards is off on ${site}.`);
      await waitFor(
        () => switchState(popup, 'site-switch'),
        (s) => s === 'false',
        'the popup’s switch to go off',
      );
      expect(await preview.page.$eval('context-cards-toast >>> [data-action="undo"]', (b) => b.matches(':focus'))).toBe(
        true,
      );
      await preview.page.keyboard.press('Enter');
      await waitFor(
        () => preview.marks(),
        (n) => n === marked,
        'the marks to come back',
      );
      expect(await toastText()).toBe(`Context Cards is on again on ${site}.`);
      await waitFor(
        () => switchState(popup, 'site-switch'),
        (s) => s === 'true',
        'the popup’s switch to come back on',
      );

      // With the pointer: a real click on the card's button, then on Undo.
      await preview.page.mouse.move(5, 5);
      await preview.hover('#people', 'Alexandr Wang');
      await preview.waitForHost(true);
      await sleep(200);
      const button = await preview.hook.send('rect', { selector: '[data-action="turn-off-site"]' });
      if (!button) throw new Error('no button');
      await preview.page.mouse.move(button.x + 10, button.y + button.height / 2, { steps: 6 });
      await preview.page.mouse.click(button.x + 10, button.y + button.height / 2);
      await waitFor(
        () => preview.marks(),
        (n) => n === 0,
        'the marks to go',
      );
      await waitFor(
        () => switchState(popup, 'site-switch'),
        (s) => s === 'false',
        'the popup’s switch to go off',
      );
      const undo = await preview.page.waitForSelector('context-cards-toast >>> [data-action="undo"]', {
        timeout: 3_000,
      });
      await undo?.click();
      await waitFor(
        () => preview.marks(),
        (n) => n === marked,
        'the marks to come back',
      );
      await waitFor(
        () => switchState(popup, 'site-switch'),
        (s) => s === 'true',
        'the popup’s switch to come back on',
      );
      // The message stays while the pointer is on it, and goes by itself once it leaves.
      await sleep(AFTER_UNDO_MS + 300);
      expect(await preview.page.$('context-cards-toast')).not.toBeNull();
      await preview.page.mouse.move(5, 5, { steps: 4 });
      await preview.page.waitForSelector('context-cards-toast', { hidden: true, timeout: AFTER_UNDO_MS + 2_000 });
    } finally {
      const settings = ((await readSettings(control)) ?? {}) as { disabledSites?: string[] };
      await writeSettings(control, {
        ...settings,
        disabledSites: (settings.disabledSites ?? []).filter((h) => h !== site),
      });
      await popup.close();
      await control.close();
      await preview.close();
    }
  });

  it("follows the page's brightness, not the system's: a dark card and dark background marks on a dark page", async () => {
    const control = await ext().openExtensionPage('popup/index.html', server().origin);
    await mergeSettings(control, { markStyle: 'background' });
    try {
      const page = await ext().browser.newPage();
      // The system is light (the browsers' default; Chromium says so explicitly).
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]).catch(() => undefined);
      await page.setViewport({ width: 1000, height: 700 });
      await page.goto(`${server().origin}/fixtures/cards/dark.html`);
      await waitFor(() => cardHookReady(page), Boolean, 'the card hook', 15_000);
      const preview = new PreviewPage(page);
      await waitFor(
        () => preview.marks(),
        (n) => n >= 4,
        'the marks',
      );
      await sleep(300);
      const paragraph = await page.$('#dark');
      const shot = (await paragraph?.screenshot({ encoding: 'base64' })) ?? '';
      expect(pixelsOfColour(shot, MARK_DARK, 12)).toBeGreaterThan(200);
      expect(pixelsOfColour(shot, MARK_LIGHT, 12)).toBe(0);
      // A card opened on the dark part of the page is dark; one in the light box is light.
      expect(await preview.hook.send('step', { entityId: 'alexandr-wang', direction: 1 })).toBe(true);
      await preview.waitForHost(true);
      expect(await page.$eval('context-cards-root', (h) => h.getAttribute('data-theme'))).toBe('dark');
      expect((await preview.hook.send('inspect', {})).style?.backgroundColor).toBe(CARD_DARK);
      expect(await preview.hook.send('step', { entityId: 'yann-lecun', direction: 1 })).toBe(true);
      await waitFor(
        () => preview.hook.send('inspect', {}),
        (c) => c.entityId === 'yann-lecun',
        'the LeCun card',
      );
      expect(await page.$eval('context-cards-root', (h) => h.getAttribute('data-theme'))).toBe('light');
      expect((await preview.hook.send('inspect', {})).style?.backgroundColor).toBe(CARD_LIGHT);
      await page.close();
      // And the other way round, where the browser can pretend the system is dark: a light card on a light page.
      const light = await PreviewPage.open(ext(), server().origin, 1280, 800, '?theme');
      const dark = await light.page
        .emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }])
        .then(() => light.page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches))
        .catch(() => false);
      expect(await light.hook.send('step', { entityId: 'meta', direction: 1 })).toBe(true);
      await light.waitForHost(true);
      expect(await light.page.$eval('context-cards-root', (h) => h.getAttribute('data-theme'))).toBe('light');
      if (dark) expect((await light.hook.send('inspect', {})).style?.backgroundColor).toBe(CARD_LIGHT);
      await light.close();
    } finally {
      await mergeSettings(control, { markStyle: 'underline' });
      await control.close();
    }
  });
});
