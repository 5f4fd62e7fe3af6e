/**
 * What an open card says, read from the demo page in real Chromium and Firefox: name, role with
 * its date, the staleness line, and a contradicted claim that leads with its verdict, in English
 * and German. The card's shadow root is closed: Chromium's accessibility tree reaches into it;
 * Firefox's does not through puppeteer, so there the test build's hook reads the text
 * (content/card-controller/test-hook.ts). Also: the source page, which shows the same claim head
 * and notes, passes axe in light and dark, and the README's card screenshot.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page, SerializedAXNode } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import type { BrowserName } from '../../scripts/launch.ts';
import { BROWSERS, useExtension } from './support/browsers.ts';
import { CardHook, cardHookReady } from './support/card-hook.ts';
import { sleep, waitFor } from './support/engine.ts';
import { mergeSettings } from './support/extension-api.ts';

const repo = resolve(import.meta.dirname, '../..');
const axeSource = readFileSync(resolve(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** The bundled dataset's newest date on Wang's card is March 2026: past 30 September 2026 the card says it may be stale. */
const WANG_STALE = Date.now() >= Date.UTC(2026, 9, 1);

/** A page driven through the test build's card hook (support/card-hook.ts). */
class HookedPage {
  readonly hook: CardHook;
  constructor(readonly page: Page) {
    this.hook = new CardHook(page);
  }

  static async open(page: Page, url: string): Promise<HookedPage> {
    await page.setViewport({ width: 1100, height: 900 });
    await page.goto(url);
    await waitFor(
      () => cardHookReady(page),
      (ready) => ready,
      'the card hook',
      15_000,
    );
    return new HookedPage(page);
  }

  /** Opens the card of the entity's first mention, as keyboard stepping does. */
  async openCard(entityId: string): Promise<void> {
    expect(await this.hook.send('step', { entityId, direction: 1 })).toBe(true);
    await this.page.waitForFunction(() => document.querySelector('context-cards-root') !== null, { timeout: 3_000 });
  }

  texts(selector: string): Promise<string[]> {
    return this.hook.send('texts', { selector });
  }
}

/** The text of the accessibility subtree under the card's dialog, in reading order. */
function axText(node: SerializedAXNode | null, inside = false): string {
  if (node === null) return '';
  const isCard =
    node.role === 'dialog' && typeof node.name === 'string' && /^(Context card|Kontextkarte): /.test(node.name);
  const here = inside || isCard;
  const own = here && node.role === 'StaticText' && typeof node.name === 'string' ? node.name : '';
  return own + (node.children ?? []).map((child) => axText(child, here)).join('');
}

/** The open card's text as a reader's tools get it: Chromium's accessibility tree, Firefox through the hook. */
async function readCard(browser: BrowserName, hooked: HookedPage): Promise<string> {
  let text: string;
  if (browser === 'chromium') {
    text = axText(await hooked.page.accessibility.snapshot({ interestingOnly: false }));
  } else {
    text = (await hooked.hook.send('inspect', {})).text ?? '';
  }
  return text.replace(/\s+/gu, ' ');
}

/**
 * Where `needle` first occurs in `text`; fails with the text when it does not. Case is ignored:
 * Chromium's accessibility tree gives headings as styled (text-transform: uppercase).
 */
function at(text: string, needle: string): number {
  const index = text.toLowerCase().indexOf(needle.toLowerCase());
  expect(index, `"${needle}" in: ${text.slice(0, 600)}…`).toBeGreaterThanOrEqual(0);
  return index;
}

describe.each(BROWSERS)('card content in %s', (name) => {
  const { server, ext } = useExtension(name);

  it("reads Wang's English card: name, role as of December 2025, stale line, verdict before the contradicted claim", async () => {
    const hooked = await HookedPage.open(await ext().browser.newPage(), `${server().origin}/demo/index.html?en`);
    await hooked.openCard('alexandr-wang');
    const text = await readCard(name, hooked);
    // First what the card is and what it rests on, then the name.
    const brandAt = at(text, 'Context Cards · one German news article, Dec 2025');
    const nameAt = text.indexOf('Alexandr Wang', brandAt);
    expect(nameAt).toBeGreaterThan(brandAt);
    const roleAt = at(text, "Meta's Chief AI Officer; co-founder of Scale AI");
    const asOfAt = at(text, '(as of December 2025)');
    expect(nameAt).toBeLessThan(roleAt);
    expect(roleAt).toBeLessThan(asOfAt);
    at(text, 'What happened next');
    at(text, '14 January 2026');
    if (WANG_STALE) at(text, 'Checked against other reporting up to March 2026. Things may have changed since.');
    else expect(text).not.toContain('Things may have changed since');
    // One line about time in the footer, never two.
    expect(text.split('Checked against other reporting').length).toBe(2);
    // The contradicted claim: its verdict, then who says it and how, then the claim itself.
    const claim = at(text, 'Meta spent about 10 million dollars');
    const verdict = text.lastIndexOf('Contradicted by other reporting', claim);
    expect(verdict).toBeGreaterThan(asOfAt);
    const between = text.slice(verdict, claim);
    expect(between).toContain('The article itself');
    expect(between).toContain('Stated as fact');
    expect(text).not.toMatch(/\bFact\b/);
    // The preview ends its claims with the way to all of them (the source page shows the rest,
    // with their attributions: card-preview.test.ts).
    expect(at(text, 'All 20 claims about Alexandr Wang →')).toBeGreaterThan(claim);
    // The hook reads the same claim head in both browsers.
    const head = await hooked.texts(
      '.claim[data-claim="c05-ten-million-dollars"] .lead-verdict, .claim[data-claim="c05-ten-million-dollars"] .who, .claim[data-claim="c05-ten-million-dollars"] .chip',
    );
    expect(head).toEqual(['Contradicted by other reporting', 'The article itself', 'Stated as fact']);
    await hooked.page.close();
  });

  it("reads Wang's German card: Stand, the verdict, the chips, and the verbatim quote instead of a toggle", async () => {
    const control = await ext().openExtensionPage('popup/index.html', server().origin);
    await mergeSettings(control, { language: 'de' });
    try {
      const hooked = await HookedPage.open(await ext().browser.newPage(), `${server().origin}/demo/index.html?de`);
      await hooked.openCard('alexandr-wang');
      const text = await readCard(name, hooked);
      const roleAt = at(text, 'Chief AI Officer bei Meta; Mitgründer von Scale AI');
      expect(roleAt).toBeLessThan(at(text, '(Stand: Dezember 2025)'));
      at(text, 'Was danach geschah');
      if (WANG_STALE)
        at(text, 'Mit anderen Berichten abgeglichen bis März 2026. Seitdem kann sich einiges geändert haben.');
      const quote = at(text, 'Meta investierte etwa 10 Millionen Dollar');
      const verdict = text.lastIndexOf('Andere Berichte widersprechen', quote);
      expect(verdict).toBeGreaterThan(0);
      expect(text.slice(verdict, quote)).toContain('Als Tatsache dargestellt');
      at(text, 'Context Cards · ein deutscher Nachrichtenartikel, Dez. 2025');
      expect(at(text, 'Alle 20 Aussagen über Alexandr Wang →')).toBeGreaterThan(quote);
      expect(text).not.toContain('Deutsches Zitat zeigen');
      expect(await hooked.texts('.quote-toggle')).toEqual([]);
      await hooked.page.close();
    } finally {
      await mergeSettings(control, { language: 'auto' });
      await control.close();
    }
  });

  it('the source page, with the same claim heads and dated notes, has no axe violations in light and dark', async () => {
    const page = await ext().openExtensionPage('source-page/index.html#claim-c05-ten-million-dollars', server().origin);
    await page.waitForFunction(() => document.querySelector('.lead-verdict') !== null, { timeout: 10_000 });
    expect(await page.$eval('#t-c05-ten-million-dollars .lead-verdict', (e) => e.textContent)).toBe(
      'Contradicted by other reporting',
    );
    await page.evaluate(axeSource);
    const violations = () =>
      page.evaluate(async () => {
        const axe = (
          globalThis as unknown as {
            axe: {
              run(
                ctx: Document,
                opts: unknown,
              ): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
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
    expect(await violations()).toEqual([]);
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]).catch(() => undefined);
    if ((await bg()) === light) {
      // Firefox under WebDriver BiDi cannot emulate the media feature: apply the page's own dark
      // rules unconditionally (the declarations the media query would enable).
      await page.evaluate(() => {
        const sheet = new CSSStyleSheet();
        for (const s of [...document.styleSheets]) {
          for (const rule of [...s.cssRules]) {
            if (rule instanceof CSSMediaRule && rule.conditionText.includes('prefers-color-scheme: dark')) {
              for (const inner of [...rule.cssRules]) sheet.insertRule(inner.cssText, sheet.cssRules.length);
            }
          }
        }
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      });
    }
    expect(await bg()).not.toBe(light);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  // One browser is enough for the README picture; UPDATE_DOCS=1 writes it into docs/.
  if (name === 'chromium')
    it('saves a screenshot of the preview: opened by the pointer above its mention, header to footer in view', async () => {
      type Rect = { x: number; y: number; width: number; height: number };
      const width = 1100;
      const height = 820;
      const page = await ext().browser.newPage();
      const hooked = await HookedPage.open(page, `${server().origin}/demo/index.html?shot`);
      await page.setViewport({ width, height });
      // A Wang in the middle of the article, on a line two thirds down the window.
      const line = await page.evaluate(
        (y: number) => {
          const p = [...document.querySelectorAll('article p')].find((e) => e.textContent?.includes('Wang, 28'));
          const text = p?.firstChild;
          if (!p || !text) throw new Error('no paragraph with "Wang, 28"');
          const at = (text.nodeValue ?? '').indexOf('Wang, 28');
          const range = new Range();
          range.setStart(text, at);
          range.setEnd(text, at + 4);
          window.scrollBy({ top: range.getBoundingClientRect().top - y, behavior: 'instant' });
          const r = range.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        },
        Math.round(height * 0.66),
      );
      await page.mouse.move(line.x + line.width / 2, line.y + line.height / 2, { steps: 4 });
      await page.waitForFunction(() => document.querySelector('context-cards-root') !== null, { timeout: 3_000 });
      await sleep(400); // the entrance and the fade
      const rect = async (selector: string): Promise<Rect> => {
        const r = await hooked.hook.send('rect', { selector });
        if (!r) throw new Error(`no ${selector} in the card`);
        return r;
      };
      const card = await rect('.card');
      expect(card.height).toBeLessThanOrEqual(420 + 1);
      // Above the mention: the lines still to be read stay in view.
      expect(card.y + card.height).toBeLessThanOrEqual(line.y);
      for (const part of ['.brand', '.name', '.close', '.meta .as-of', '[data-action="read-source"]']) {
        const r = await rect(part);
        expect(r.y, part).toBeGreaterThanOrEqual(card.y);
        expect(r.y + r.height, part).toBeLessThanOrEqual(card.y + card.height);
      }
      expect(await hooked.texts('.brand')).toEqual(['Context Cards · one German news article, Dec 2025']);
      const dir = resolve(repo, process.env['UPDATE_DOCS'] ? 'docs' : 'dist/screenshots');
      mkdirSync(dir, { recursive: true });
      const top = Math.max(0, Math.floor(card.y - 40));
      const bottom = Math.min(height, Math.ceil(line.y + line.height + 90));
      // The clip is in page coordinates: the page is scrolled.
      const scrolled = await page.evaluate(() => window.scrollY);
      const png = await page.screenshot({
        path: resolve(dir, 'card.png'),
        clip: { x: 0, y: scrolled + top, width, height: bottom - top },
      });
      expect(png.byteLength).toBeGreaterThan(10_000);
      await page.close();
    });
});
