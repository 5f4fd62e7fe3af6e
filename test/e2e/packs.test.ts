/**
 * Story packs in real browsers: import through the options page, marks and card sections on a
 * page, switching off live, removing, a broken file, and packs that outlive a browser restart.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type BrowserName, type ExtensionBrowser } from '../../scripts/launch.ts';
import { startServer, type FixtureServer } from '../../scripts/static-server.ts';
import { BROWSERS, useExtension } from './support/browsers.ts';
import { CardHook } from './support/card-hook.ts';
import { extensionTab } from './support/tabs.ts';
import { highlightNames, settled, waitFor } from './support/engine.ts';

const repo = resolve(import.meta.dirname, '../..');
const read = (path: string): Promise<string> => readFile(resolve(repo, path), 'utf8');
const PAGE = '/fixtures/packs/page.html';
const EXAMPLE_ID = 'highlight-api-explainer';
const axeSource = readFileSync(resolve(repo, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SECOND_ID = 'highlight-api-second';

/** The options page as a user works it. */
class OptionsPage {
  constructor(readonly page: Page) {}

  static async open(ext: ExtensionBrowser, origin: string): Promise<OptionsPage> {
    const page = await ext.openExtensionPage('options/index.html', origin);
    await page.waitForSelector('li.pack');
    return new OptionsPage(page);
  }

  /** Chooses a file in the file input, as the file picker would hand it over. */
  async choose(text: string, fileName: string): Promise<void> {
    await this.page.evaluate(
      (content: string, name: string) => {
        const input = document.querySelector<HTMLInputElement>('[data-testid="pack-file"]');
        if (!input) throw new Error('no file input');
        const transfer = new DataTransfer();
        transfer.items.add(new File([content], name, { type: 'application/json' }));
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      },
      text,
      fileName,
    );
  }

  packIds(): Promise<string[]> {
    return this.page.$$eval('li.pack', (items) => items.map((li) => (li as HTMLElement).dataset['pack'] ?? ''));
  }

  status(): Promise<string> {
    return this.page.$eval('[role="status"]', (el) => el.textContent ?? '');
  }

  alert(): Promise<{ hidden: boolean; text: string }> {
    return this.page.$eval('[role="alert"]', (el) => ({
      hidden: (el as HTMLElement).hidden,
      text: el.textContent ?? '',
    }));
  }

  async importFile(path: string): Promise<void> {
    const before = await this.status();
    await this.choose(await read(path), path.split('/').pop() ?? 'pack.json');
    await waitFor(
      () => this.status(),
      (s) => s !== before && /^Imported|^Updated/.test(s),
      `the import of ${path} to be confirmed`,
    );
  }

  async click(packId: string, selector: string): Promise<void> {
    // Chromium does not render a tab in the background, and a click waits for its rendering.
    await this.page.bringToFront();
    await this.page.click(`li[data-pack="${packId}"] ${selector}`);
  }

  /** Serious and critical axe violations (ids). */
  async axe(): Promise<string[]> {
    await this.page.evaluate(axeSource);
    return this.page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: { run(ctx: Document, opts: unknown): Promise<{ violations: { id: string; impact: string | null }[] }> };
        }
      ).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
  }

  /** The stylesheet's dark rules, applied as prefers-color-scheme: dark would (emulated where the browser can). */
  async dark(): Promise<void> {
    const bg = () => this.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    await this.page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]).catch(() => undefined);
    if ((await bg()) !== light) return;
    // Firefox under WebDriver BiDi cannot emulate the media feature.
    await this.page.evaluate(() => {
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
    if ((await bg()) === light) throw new Error('the options page has no dark theme');
  }

  switchState(packId: string): Promise<string | null> {
    return this.page.$eval(`li[data-pack="${packId}"] [role="switch"]`, (b) => b.getAttribute('aria-checked'));
  }
}

async function markedPage(ext: ExtensionBrowser, origin: string): Promise<Page> {
  const page = await ext.browser.newPage();
  await page.goto(`${origin}${PAGE}`);
  await settled(page);
  return page;
}

describe.each(BROWSERS)('story packs in %s', (name) => {
  const { server, ext } = useExtension(name);
  let options: OptionsPage;
  let page: Page;

  beforeAll(async () => {
    options = await OptionsPage.open(ext(), server().origin);
  });

  it('imports the example pack through the options page, and a page marks its entities', async () => {
    expect(await options.packIds()).toEqual(['meta-ai-leadership']);
    await options.importFile('examples/highlight-api.en.pack.json');
    expect(await options.packIds()).toEqual(['meta-ai-leadership', EXAMPLE_ID]);
    page = await markedPage(ext(), server().origin);
    expect(await highlightNames(page)).toEqual(['css-custom-highlight-api', 'mark-zuckerberg', 'w3c']);
  });

  it('shows a section for each story on the card of an entity two packs describe, newest first', async () => {
    await options.importFile('test/fixtures/packs/second.pack.json');
    await page.bringToFront();
    await page.reload();
    await settled(page);
    const hook = new CardHook(page);
    await waitFor(
      () => hook.send('step', { entityId: 'css-custom-highlight-api', direction: 1 }),
      (ok) => ok,
      'the card of the CSS Custom Highlight API',
    );
    const titles = await hook.send('texts', { selector: 'section.story .story-title' });
    expect(titles.map((t) => t.split(' · ')[0])).toEqual([
      'Marking text without touching the page (example pack)',
      'A second explainer (test pack)',
    ]);
    expect(await hook.send('texts', { selector: '.section-title' })).toContain('In 2 stories, newest first');
    // "Read in context" of the example's claim opens the example's own source.
    expect(
      await hook.send('click', {
        selector: `section.story[data-story="${EXAMPLE_ID}"] [data-action="read-in-context"]`,
      }),
    ).toBe(true);
    const source = await extensionTab(ext(), `story=${EXAMPLE_ID}`);
    await source.waitForFunction(() => document.querySelector('mark.is-target') !== null, { timeout: 10_000 });
    const shown = await source.evaluate(() => ({
      text: document.querySelector('main.article')?.textContent ?? '',
      label: document.querySelector('main.article')?.getAttribute('aria-label'),
      claims: new Set(
        [...document.querySelectorAll('mark[data-claims]')].flatMap((m) =>
          (m.getAttribute('data-claims') ?? '').split(' '),
        ),
      ).size,
    }));
    expect(shown.text).toContain('The W3C published the specification');
    expect(shown.label).toBe('Article (original, English)');
    expect(shown.claims).toBe(4);
    await source.close();
    await page.bringToFront();
    await hook.send('close', {});
  });

  it('switching a pack off takes its marks off an open page at once; its entity still known from the other stays', async () => {
    await options.click(EXAMPLE_ID, '[role="switch"]');
    await waitFor(
      () => options.switchState(EXAMPLE_ID),
      (s) => s === 'false',
      'the switch to turn off',
    );
    // The reader comes back to the page: marks are registered near the viewport of a page in view.
    await page.bringToFront();
    // The W3C is only in the example pack; the API is in the second pack too.
    // The session restarts with the stories that are on: wait for its marks, not for a gap.
    const names = await waitFor(
      () => highlightNames(page),
      (n) => n.join(' ') === 'css-custom-highlight-api mark-zuckerberg',
      'the W3C marks to go and the others to be back',
    ).catch(() => highlightNames(page));
    expect(names).toEqual(['css-custom-highlight-api', 'mark-zuckerberg']);
    await options.click(EXAMPLE_ID, '[role="switch"]');
    await page.bringToFront();
    await waitFor(
      () => highlightNames(page),
      (n) => n.includes('w3c'),
      'the W3C marks to come back',
    );
  });

  it('removes a pack, with Undo', async () => {
    await options.click(SECOND_ID, '[data-action="remove"]');
    await waitFor(
      () => options.packIds(),
      (ids) => !ids.includes(SECOND_ID),
      'the pack to go',
    );
    expect(await options.status()).toMatch(/^Removed “A second explainer \(test pack\)”\.\s*Undo$/);
    expect(await options.packIds()).toEqual(['meta-ai-leadership', EXAMPLE_ID]);
  });

  it('says so when the source of a pack that is gone is asked for, instead of showing another story', async () => {
    const source = await ext().openExtensionPage(`source-page/index.html?story=${SECOND_ID}`, server().origin);
    try {
      await source.waitForSelector('[data-testid="story-error"]', { timeout: 10_000 });
      const shown = await source.evaluate(() => ({
        alert: document.querySelector('[role="alert"]')?.textContent ?? '',
        article: document.querySelector('main.article') !== null,
      }));
      expect(shown.alert).toContain(`The story pack “${SECOND_ID}” could not be shown.`);
      expect(shown.article).toBe(false);
    } finally {
      await source.close();
    }
  });

  it('shows a broken pack’s errors in an alert and keeps the packs there were', async () => {
    await options.choose(await read('test/fixtures/packs/broken.pack.json'), 'broken.pack.json');
    const alert = await waitFor(
      () => options.alert(),
      (a) => !a.hidden,
      'the alert',
    );
    expect(alert.text).toContain('claims[1].quote: this quote is not in the source text');
    expect(await options.packIds()).toEqual(['meta-ai-leadership', EXAMPLE_ID]);
    await page.bringToFront();
    await page.reload();
    await settled(page);
    // Registered near the viewport a frame after the read: wait for all three, then compare.
    const names = await waitFor(
      () => highlightNames(page),
      (n) => n.join(' ') === 'css-custom-highlight-api mark-zuckerberg w3c',
      'the marks of both stories',
    ).catch(() => highlightNames(page));
    expect(names).toEqual(['css-custom-highlight-api', 'mark-zuckerberg', 'w3c']);
  });

  it('passes axe in light and dark, and fits 360 px without sideways scrolling', async () => {
    await options.page.bringToFront();
    expect(await options.axe()).toEqual([]);
    await options.page.setViewport({ width: 360, height: 800 });
    const overflow = await options.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await options.dark();
    expect(await options.axe()).toEqual([]);
    // Back to light for the picture (the page cannot be reloaded by automation in Firefox).
    await options.page.evaluate(() => {
      document.adoptedStyleSheets = [];
    });
    await options.page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]).catch(() => undefined);
  });

  it('saves a picture of the options page', async () => {
    await options.page.bringToFront();
    await options.page.setViewport({ width: 760, height: 900 });
    const dir = resolve(repo, process.env['UPDATE_DOCS'] === '1' ? 'docs' : 'dist/screenshots');
    // A fresh build has no screenshots folder yet.
    await mkdir(dir, { recursive: true });
    await options.page.screenshot({ path: join(dir, 'options.png'), fullPage: true });
  });
});

describe.each(BROWSERS)('story packs across a restart of %s', (name: BrowserName) => {
  let profileDir = '';
  let browser: ExtensionBrowser | null = null;
  let fixtures: FixtureServer | null = null;
  const server = (): FixtureServer => {
    if (fixtures === null) throw new Error('the test server is not running yet');
    return fixtures;
  };

  beforeAll(async () => {
    profileDir = await mkdtemp(join(tmpdir(), `cc-packs-${name}-`));
    fixtures = await startServer();
  });
  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await rm(profileDir, { recursive: true, force: true });
  });

  it('keeps imported packs, and what is switched off, when the browser starts again with its profile', async () => {
    browser = await launch(name, { profileDir });
    const first = await OptionsPage.open(browser, server().origin);
    await first.importFile('examples/highlight-api.en.pack.json');
    await first.click('meta-ai-leadership', '[role="switch"]');
    await waitFor(
      () => first.switchState('meta-ai-leadership'),
      (s) => s === 'false',
      'the bundled story off',
    );
    await browser.close();

    browser = await launch(name, { profileDir });
    const again = await OptionsPage.open(browser, server().origin);
    expect(await again.packIds()).toEqual(['meta-ai-leadership', EXAMPLE_ID]);
    expect(await again.switchState('meta-ai-leadership')).toBe('false');
    const page = await markedPage(browser, server().origin);
    expect(await highlightNames(page)).toEqual(['css-custom-highlight-api', 'w3c']);
  });
});
