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
import { inflateSync } from 'node:zlib';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launch, type BrowserName, type ExtensionBrowser } from '../../scripts/launch.ts';
import { startServer, type FixtureServer } from '../../scripts/static-server.ts';

const browsers: readonly BrowserName[] = ['chromium', 'firefox'];
const ARTICLE = '/fixtures/switch-off/article.html';
const PREFIX = 'context-cards-';
/** The 'background' mark style's colour in light mode (src/content/engine/styles.ts). */
const MARK_RGB = [0xfd, 0xe6, 0x8a] as const;
/** "Mark Zuckerberg" and "Yann LeCun" at 32 px paint thousands of mark pixels; a third is plenty. */
const PAINTED = 2000;
/** How soon the marks must leave the screen after a switch (and come back after the other). */
const WITHIN_MS = 2000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** RGBA pixels of a PNG screenshot (8-bit RGB or RGBA, non-interlaced, as both browsers write). */
function decodePng(base64: string): Uint8Array {
  const data = Buffer.from(base64, 'base64');
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < data.length) {
    const length = data.readUInt32BE(pos);
    const type = data.toString('ascii', pos + 4, pos + 8);
    const body = data.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || (body[9] !== 6 && body[9] !== 2) || body[12] !== 0) throw new Error('unsupported PNG format');
      channels = body[9] === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(body);
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rgba = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (cur[x - channels] ?? 0) : 0;
      const b = prev[x] ?? 0;
      const c = x >= channels ? (prev[x - channels] ?? 0) : 0;
      let v = line[x] ?? 0;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[x] = v & 255;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      rgba[o] = cur[x * channels] ?? 0;
      rgba[o + 1] = cur[x * channels + 1] ?? 0;
      rgba[o + 2] = cur[x * channels + 2] ?? 0;
      rgba[o + 3] = channels === 4 ? (cur[x * channels + 3] ?? 0) : 255;
    }
    prev = cur;
  }
  return rgba;
}

/** Pixels of the mark colour in a screenshot of the mentions (white page, near-black text: nothing else is yellow). */
async function markPixels(page: Page): Promise<number> {
  const el = await page.$('#mention');
  if (el === null) throw new Error('no #mention');
  const rgba = decodePng(await el.screenshot({ encoding: 'base64' }));
  const [r, g, b] = MARK_RGB;
  let n = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (Math.abs((rgba[i] ?? 0) - r) + Math.abs((rgba[i + 1] ?? 0) - g) + Math.abs((rgba[i + 2] ?? 0) - b) <= 12) n++;
  }
  return n;
}

/** Names of our highlights that hold ranges in the page's registry. */
function registered(page: Page): Promise<string[]> {
  return page.evaluate((prefix: string) => {
    const out: string[] = [];
    CSS.highlights.forEach((h, name) => {
      if (name.startsWith(prefix) && h.size > 0) out.push(name.slice(prefix.length));
    });
    return out.sort();
  }, PREFIX);
}

/** Polls until `ok`, for at most `timeout` ms; returns the last value and when it was read. */
async function poll<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeout: number): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  let value = await read();
  while (!ok(value) && Date.now() - start < timeout) {
    await sleep(50);
    value = await read();
  }
  return { value, ms: Date.now() - start };
}

/** The extension APIs used from an extension page (`browser` in Firefox, `chrome` in Chromium). */
interface ExtensionApi {
  readonly storage: { readonly local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
  readonly tabs: { query(query: Record<string, never>): Promise<{ id?: number; url?: string }[]> };
}
type ExtensionGlobals = { readonly browser?: ExtensionApi; readonly chrome?: ExtensionApi };

/** The popup, opened in a tab and aimed at the article's tab (`?tab=`, honoured by test builds). */
class Popup {
  constructor(readonly page: Page) {}

  static async open(ext: ExtensionBrowser, origin: string, tabId: number | null): Promise<Popup> {
    const page = await ext.openExtensionPage(`popup/index.html${tabId === null ? '' : `?tab=${tabId}`}`, origin);
    await page.waitForSelector('[data-testid="master-switch"]:not([disabled])');
    return new Popup(page);
  }

  checked(testId: string): Promise<string | null> {
    return this.page.$eval(`[data-testid="${testId}"]`, (el) => el.getAttribute('aria-checked'));
  }

  /** Flips a switch and waits until the popup shows the new state (the settings are written). */
  async toggle(testId: string): Promise<void> {
    const before = await this.checked(testId);
    await this.page.$eval(`[data-testid="${testId}"]`, (el) => (el as HTMLElement).click());
    await this.page.waitForFunction((sel: string, was: string | null) => document.querySelector(sel)?.getAttribute('aria-checked') !== was, {}, `[data-testid="${testId}"]`, before);
  }

  /** Merges a change into the stored settings, as the popup's settings panel does. */
  async settings(change: Record<string, unknown>): Promise<void> {
    await this.page.evaluate(async (c: Record<string, unknown>) => {
      const g = globalThis as unknown as ExtensionGlobals;
      const api = g.browser ?? g.chrome;
      if (api === undefined) throw new Error('not an extension page');
      const { settings } = await api.storage.local.get('settings');
      await api.storage.local.set({ settings: { ...(settings as object | undefined), version: 2, ...c } });
    }, change);
  }

  async tabId(urlPart: string): Promise<number> {
    const id = await this.page.evaluate(async (part: string) => {
      const g = globalThis as unknown as ExtensionGlobals;
      const api = g.browser ?? g.chrome;
      if (api === undefined) throw new Error('not an extension page');
      return (await api.tabs.query({})).find((t) => t.url?.includes(part))?.id ?? -1;
    }, urlPart);
    if (id < 0) throw new Error(`no tab with ${urlPart}`);
    return id;
  }
}

describe.each(browsers)('switching off clears the painted marks in %s', (name) => {
  let server: FixtureServer;
  let ext: ExtensionBrowser;
  let article: Page;
  let popup: Popup;

  /** Counts mark pixels until they pass `ok` (at most WITHIN_MS), logs the count and how long it took. */
  async function pixelsAfter(what: string, ok: (n: number) => boolean): Promise<number> {
    const { value, ms } = await poll(() => markPixels(article), ok, WITHIN_MS);
    console.info(`[switch-off paint] ${name}: ${what}: ${value} mark pixels after ${ms} ms; registry: ${(await registered(article)).join(' ') || '(none)'}`);
    return value;
  }

  beforeAll(async () => {
    server = await startServer();
    ext = await launch(name);
    const control = await Popup.open(ext, server.origin, null);
    await control.settings({ markStyle: 'background' });
    article = await ext.browser.newPage();
    await article.setViewport({ width: 900, height: 400 });
    await article.goto(`${server.origin}${ARTICLE}`);
    await poll(() => registered(article), (m) => m.length === 2, 10_000);
    popup = await Popup.open(ext, server.origin, await control.tabId(ARTICLE));
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
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('the master switch takes the marks off the screen and puts them back', async () => {
    expect(await pixelsAfter('on', (n) => n > PAINTED)).toBeGreaterThan(PAINTED);
    await popup.toggle('master-switch');
    expect(await popup.checked('master-switch')).toBe('false');
    expect(await pixelsAfter('master switch off', (n) => n === 0)).toBe(0);
    expect(await registered(article)).toEqual([]);
    await popup.toggle('master-switch');
    expect(await pixelsAfter('master switch on again', (n) => n > PAINTED)).toBeGreaterThan(PAINTED);
  });

  it('the site switch takes the marks off the screen and puts them back', async () => {
    expect(await pixelsAfter('on', (n) => n > PAINTED)).toBeGreaterThan(PAINTED);
    await popup.toggle('site-switch');
    expect(await popup.checked('site-switch')).toBe('false');
    expect(await pixelsAfter('site switch off', (n) => n === 0)).toBe(0);
    expect(await registered(article)).toEqual([]);
    await popup.toggle('site-switch');
    expect(await pixelsAfter('site switch on again', (n) => n > PAINTED)).toBeGreaterThan(PAINTED);
  });

  it("the mark style 'none' takes the background off the screen, 'background' puts it back", async () => {
    expect(await pixelsAfter('on', (n) => n > PAINTED)).toBeGreaterThan(PAINTED);
    await popup.settings({ markStyle: 'none' });
    expect(await pixelsAfter("mark style 'none'", (n) => n === 0)).toBe(0);
    // The marks are still there (hover and keyboard use them), only unpainted.
    expect(await registered(article)).toEqual(['mark-zuckerberg', 'yann-lecun']);
    await popup.settings({ markStyle: 'background' });
    expect(await pixelsAfter("mark style 'background' again", (n) => n > PAINTED)).toBeGreaterThan(PAINTED);
  });
});
