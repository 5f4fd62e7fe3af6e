/**
 * Marking in the built extension, in real Chromium and Firefox: the right highlights over the
 * right text, shadow roots and frames, controls left alone, live pages (late content, removed
 * text, SPA navigation, a React-like renderer), an untouched DOM, a strict CSP, settings that
 * apply without reload, and the page's answers to the popup and the badge.
 */
import { inflateSync } from 'node:zlib';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launch, type BrowserName, type ExtensionBrowser } from '../../scripts/launch.ts';
import { startServer, type FixtureServer } from '../../scripts/static-server.ts';

const browsers: readonly BrowserName[] = ['chromium', 'firefox'];
const APP = 'context-cards/1';
const PREFIX = 'context-cards-';
const INLINE = '/fixtures/marking/inline.html';
const DYNAMIC = '/fixtures/marking/dynamic.html';
const REACT_LIKE = '/fixtures/marking/react-like.html';
const CSP = '/csp/none/fixtures/marking/csp.html';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Our highlights in a page's registry: entity id -> texts under the ranges, in registry order. */
type Marks = Record<string, string[]>;

function readMarks(page: Page, frameSelector: string | null = null): Promise<Marks> {
  return page.evaluate(
    (prefix: string, selector: string | null) => {
      const frame = selector === null ? null : (document.querySelector(selector) as HTMLIFrameElement | null);
      const win = (selector === null ? window : (frame?.contentWindow ?? null)) as (Window & typeof globalThis) | null;
      const out: Record<string, string[]> = {};
      win?.CSS.highlights.forEach((h, name) => {
        if (name.startsWith(prefix)) out[name.slice(prefix.length)] = [...h].map((r) => (r as Range).toString());
      });
      return out;
    },
    PREFIX,
    frameSelector,
  );
}

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await sleep(50);
    last = await read();
  }
  return last;
}

/** Counters of the engine, through the test build's stats hook (content/stats-hook.ts). */
interface EngineAnswer {
  active: boolean;
  busy: boolean;
  stats: { longestSliceMs: number; blocks: number; marks: number } | null;
  report: { total: number; counts: { entityId: string; count: number }[] };
}

function engineState(page: Page): Promise<EngineAnswer | null> {
  return page.evaluate(
    () =>
      new Promise<EngineAnswer | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), 1000);
        document.addEventListener(
          'context-cards:stats',
          (e) => {
            clearTimeout(timer);
            resolve(JSON.parse(String((e as CustomEvent<unknown>).detail)) as EngineAnswer);
          },
          { once: true },
        );
        document.dispatchEvent(new CustomEvent('context-cards:stats-request'));
      }),
  );
}

/** Waits until the engine ran and has no work left (mutations included). */
async function settled(page: Page): Promise<EngineAnswer> {
  const state = await waitFor(() => engineState(page), (s) => s !== null && s.active && s.stats !== null && !s.busy, 'the engine to settle');
  if (state === null) throw new Error('no engine');
  return state;
}

function nonEmpty(marks: Marks): Marks {
  return Object.fromEntries(Object.entries(marks).filter(([, texts]) => texts.length > 0));
}

/** RGBA pixels of a screenshot: a minimal PNG reader (8-bit RGB or RGBA, as browsers write). */
interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

function decodePng(base64: string): Pixels {
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
      if (body[8] !== 8 || (body[9] !== 6 && body[9] !== 2)) throw new Error('unsupported PNG format');
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
  return { width, height, rgba };
}

/** Pixels that differ between two screenshots of the same element. */
function changedPixels(a: string, b: string): number {
  const pa = decodePng(a);
  const pb = decodePng(b);
  if (pa.width !== pb.width || pa.height !== pb.height) return Number.POSITIVE_INFINITY;
  let n = 0;
  for (let i = 0; i < pa.rgba.length; i += 4) {
    if (pa.rgba[i] !== pb.rgba[i] || pa.rgba[i + 1] !== pb.rgba[i + 1] || pa.rgba[i + 2] !== pb.rgba[i + 2]) n++;
  }
  return n;
}

/** Pixels within a small distance of an sRGB colour. */
function pixelsOfColour(shot: string, [r, g, b]: readonly [number, number, number]): number {
  const { rgba } = decodePng(shot);
  let n = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (Math.abs((rgba[i] ?? 0) - r) + Math.abs((rgba[i + 1] ?? 0) - g) + Math.abs((rgba[i + 2] ?? 0) - b) <= 6) n++;
  }
  return n;
}

/**
 * Antialiasing noise: Chromium may repaint a couple of glyph-edge pixels differently when a
 * highlight without style covers text. A painted mark changes a hundred pixels or more.
 */
const NOISE_PIXELS = 8;

/**
 * Screenshot of an element (base64) with our highlights as they are, and with their ranges taken
 * out for a moment (emptied rather than unregistered: the engine puts unregistered entries back).
 */
async function withAndWithoutMarks(page: Page, selector: string): Promise<{ marked: string; bare: string }> {
  const el = await page.$(selector);
  if (el === null) throw new Error(`no ${selector}`);
  const marked = await el.screenshot({ encoding: 'base64' });
  await page.evaluate((prefix: string) => {
    const saved: [Highlight, AbstractRange[]][] = [];
    CSS.highlights.forEach((h, name) => {
      if (name.startsWith(prefix)) saved.push([h, [...h]]);
    });
    for (const [h] of saved) h.clear();
    (window as unknown as { savedMarks: [Highlight, AbstractRange[]][] }).savedMarks = saved;
  }, PREFIX);
  const bare = await el.screenshot({ encoding: 'base64' });
  await page.evaluate(() => {
    for (const [h, ranges] of (window as unknown as { savedMarks: [Highlight, AbstractRange[]][] }).savedMarks) for (const r of ranges) h.add(r);
  });
  return { marked, bare };
}

/** The extension APIs the control page uses (`browser` in Firefox, `chrome` in Chromium). */
interface ExtensionApi {
  readonly storage: { readonly local: { set(items: Record<string, unknown>): Promise<void> } };
  readonly tabs: {
    query(query: Record<string, never>): Promise<{ id?: number; url?: string }[]>;
    sendMessage(tabId: number, message: unknown, options: { frameId: number }): Promise<unknown>;
  };
  readonly runtime: { sendMessage(message: unknown): Promise<unknown> };
}

interface ExtensionGlobals {
  readonly browser?: ExtensionApi;
  readonly chrome: ExtensionApi;
}

/** An extension page used to write settings and to talk to tabs like the popup does. */
class Control {
  constructor(readonly page: Page) {}

  async settings(value: Record<string, unknown>): Promise<void> {
    await this.page.evaluate(async (v: Record<string, unknown>) => {
      const api = (globalThis as unknown as ExtensionGlobals).browser ?? (globalThis as unknown as ExtensionGlobals).chrome;
      await api.storage.local.set({ settings: v });
    }, value);
  }

  async tabId(urlPart: string): Promise<number> {
    const id = await this.page.evaluate(async (part: string) => {
      const api = (globalThis as unknown as ExtensionGlobals).browser ?? (globalThis as unknown as ExtensionGlobals).chrome;
      const tabs = await api.tabs.query({});
      return tabs.find((t) => t.url?.includes(part))?.id ?? -1;
    }, urlPart);
    if (id < 0) throw new Error(`no tab with ${urlPart}`);
    return id;
  }

  toTab<T>(tabId: number, type: string, payload: unknown): Promise<T> {
    return this.page.evaluate(
      async (id: number, message: unknown) => {
        const api = (globalThis as unknown as ExtensionGlobals).browser ?? (globalThis as unknown as ExtensionGlobals).chrome;
        return (await api.tabs.sendMessage(id, message, { frameId: 0 })) as unknown;
      },
      tabId,
      { app: APP, type, payload },
    ) as Promise<T>;
  }

  toBackground<T>(type: string, payload: unknown): Promise<T> {
    return this.page.evaluate(
      async (message: unknown) => {
        const api = (globalThis as unknown as ExtensionGlobals).browser ?? (globalThis as unknown as ExtensionGlobals).chrome;
        return (await api.runtime.sendMessage(message)) as unknown;
      },
      { app: APP, type, payload },
    ) as Promise<T>;
  }
}

describe.each(browsers)('marking in %s', (name) => {
  let server: FixtureServer;
  let ext: ExtensionBrowser;
  let control: Control;

  const pages: Page[] = [];
  let opened = 0;

  /** Opens a fixture in a new tab (a unique query, so tab lookups find this one). */
  async function open(path: string): Promise<Page> {
    const page = await ext.browser.newPage();
    pages.push(page);
    path += `${path.includes('?') ? '&' : '?'}tab=${++opened}`;
    await page.setViewport({ width: 1000, height: 900 });
    await page.goto(`${server.origin}${path}`);
    await page.bringToFront();
    return page;
  }

  beforeAll(async () => {
    server = await startServer();
    ext = await launch(name);
    control = new Control(await ext.openExtensionPage('popup/index.html', server.origin));
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close().catch(() => undefined);
  });

  it('marks names split across inline elements, and nothing in controls, editors, scripts or hidden content', async () => {
    const page = await open(INLINE);
    await settled(page);
    const marks = nonEmpty(await readMarks(page));
    expect(marks['mark-zuckerberg']).toEqual(['Mark Zuckerberg', 'Zuckerberg']);
    expect(marks['alexandr-wang']?.sort()).toEqual(['Alexandr Wang', 'Alexandr Wang']);
    expect(marks['meta-superintelligence-labs']).toEqual(['Meta Superintelligence Labs']);
    expect(marks['yann-lecun']).toEqual(['Yann LeCun']);
    // The ranges lie over the page's own nodes: "Mark" in <b>, "berg" in the <span> of the link.
    const ends = await page.evaluate(() => {
      const h = CSS.highlights.get('context-cards-mark-zuckerberg');
      const r = h ? ([...h][0] as Range) : null;
      return r && [r.startContainer.parentElement?.localName, r.startOffset, r.endContainer.parentElement?.localName, r.endOffset];
    });
    expect(ends).toEqual(['b', 0, 'span', 4]);
    // Every range of ours lies outside form controls, editors, scripts and aria-hidden content.
    const misplaced = await page.evaluate((prefix: string) => {
      const bad: string[] = [];
      CSS.highlights.forEach((h, name) => {
        if (!name.startsWith(prefix)) return;
        for (const r of h) {
          const el = (r as Range).startContainer.parentElement;
          if (el?.closest('textarea, input, select, [contenteditable], [aria-hidden="true"], script')) bad.push(name);
        }
      });
      return bad;
    }, PREFIX);
    expect(misplaced).toEqual([]);
    // The style applies: the marked paragraph looks different without our highlights.
    const shots = await withAndWithoutMarks(page, '#split');
    expect(changedPixels(shots.marked, shots.bare)).toBeGreaterThan(NOISE_PIXELS);
  });

  it('covers an open shadow root, a srcdoc frame and a same-origin frame', async () => {
    const page = await open(INLINE);
    await settled(page);
    const inShadow = await page.evaluate(() => {
      const h = CSS.highlights.get('context-cards-alexandr-wang');
      return h ? [...h].filter((r) => (r as Range).startContainer.getRootNode() instanceof ShadowRoot).map((r) => (r as Range).toString()) : [];
    });
    expect(inShadow).toEqual(['Alexandr Wang']);
    // The shadow tree adopted our sheet, so its mark is painted too.
    const shots = await withAndWithoutMarks(page, '#host');
    expect(changedPixels(shots.marked, shots.bare)).toBeGreaterThan(NOISE_PIXELS);
    // The mark inside the shadow root is found under the pointer: hovering it opens a card.
    const point = await page.evaluate(() => {
      const h = CSS.highlights.get('context-cards-alexandr-wang');
      const r = h ? ([...h].find((x) => (x as Range).startContainer.getRootNode() instanceof ShadowRoot) as Range | undefined) : undefined;
      const rect = r?.getClientRects()[0];
      return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
    });
    expect(point).not.toBeNull();
    await page.mouse.move(point?.x ?? 0, point?.y ?? 0);
    await page.waitForFunction(() => document.querySelector('context-cards-root') !== null, { timeout: 5000 });
    // Frames have their own registries: srcdoc is covered by this page's script, child.html by its own.
    const srcdoc = await waitFor(() => readMarks(page, '#srcdoc'), (m) => (m['yann-lecun']?.length ?? 0) > 0, 'marks in the srcdoc frame');
    expect(srcdoc['yann-lecun']).toEqual(['Yann LeCun']);
    const child = await waitFor(() => readMarks(page, '#child'), (m) => (m['scale-ai']?.length ?? 0) > 0, 'marks in the child frame');
    expect(child['scale-ai']).toEqual(['Scale AI']);
  });

  it('leaves the DOM exactly as it is, compared with the same page with the extension off for the site', async () => {
    const snapshot = (page: Page): Promise<{ html: string; shadow: string; frame: string; hosts: number }> =>
      page.evaluate(() => {
        const clone = document.documentElement.cloneNode(true) as HTMLElement;
        // Written by the cards' test hook in the test build only (content/cards/test-hook.ts).
        clone.removeAttribute('data-cc-test');
        const root = document.getElementById('host')?.shadowRoot;
        const frame = (document.getElementById('srcdoc') as HTMLIFrameElement | null)?.contentDocument;
        return {
          html: clone.outerHTML,
          shadow: root ? [...root.children].map((c) => c.outerHTML).join('') : '',
          frame: frame?.documentElement.outerHTML ?? '',
          hosts: document.querySelectorAll('context-cards-root').length,
        };
      });
    const on = await open(INLINE);
    await settled(on);
    expect(Object.keys(nonEmpty(await readMarks(on)))).toContain('mark-zuckerberg');
    const withExtension = await snapshot(on);
    await on.close();

    await control.settings({ version: 2, enabled: true, disabledSites: ['127.0.0.1'] });
    try {
      const off = await open(INLINE);
      await off.waitForFunction(() => (document.getElementById('srcdoc') as HTMLIFrameElement | null)?.contentDocument?.readyState === 'complete');
      await sleep(500);
      expect(nonEmpty(await readMarks(off))).toEqual({});
      const without = await snapshot(off);
      await off.close();
      expect(withExtension.hosts).toBe(0);
      expect(withExtension.html).toBe(without.html);
      expect(withExtension.shadow).toBe(without.shadow);
      expect(withExtension.frame).toBe(without.frame);
      expect(withExtension.html).toContain('Zucker<span>berg</span>');
    } finally {
      await control.settings({ version: 2 });
    }
  });

  it('marks late content within a second, drops removed text, follows SPA navigation, and keeps page scripts working', async () => {
    const page = await open(DYNAMIC);
    await settled(page);
    expect(nonEmpty(await readMarks(page))).toEqual({ 'mark-zuckerberg': ['Mark Zuckerberg'] });

    // Infinite scroll: measured inside the page, from the append to the registered highlight.
    const lateMs = await page.evaluate(async () => {
      const start = performance.now();
      (window as unknown as { page: { appendItems(n: number, text: string): void } }).page.appendItems(200, 'Alexandr Wang');
      for (;;) {
        const h = CSS.highlights.get('context-cards-alexandr-wang');
        if (h !== undefined && h.size === 200) return performance.now() - start;
        if (performance.now() - start > 5000) return -1;
        await new Promise((r) => setTimeout(r, 10));
      }
    });
    console.log(`[${name}] 200 late list items marked ${lateMs.toFixed(0)} ms after they were added`);
    expect(lateMs).toBeGreaterThan(0);
    expect(lateMs).toBeLessThan(1000);

    await page.evaluate(() => (window as unknown as { page: { removeFirstItems(n: number): void } }).page.removeFirstItems(150));
    await waitFor(() => readMarks(page), (m) => m['alexandr-wang']?.length === 50, '50 marks after removing 150 items');
    const stale = await page.evaluate(() => {
      const h = CSS.highlights.get('context-cards-alexandr-wang');
      return h ? [...h].filter((r) => !(r as Range).startContainer.isConnected).length : -1;
    });
    expect(stale).toBe(0);

    // A page script that holds its text node edits it; the node stays where it was.
    const kept = await page.evaluate(() => (window as unknown as { page: { setTicker(t: string): boolean } }).page.setTicker('Ticker: Scale AI rises'));
    expect(kept).toBe(true);
    await waitFor(() => readMarks(page), (m) => m['scale-ai']?.[0] === 'Scale AI', 'the ticker mark');
    const tickerRange = await page.evaluate(() => {
      const h = CSS.highlights.get('context-cards-scale-ai');
      const node = (window as unknown as { page: { tickerNode: Text } }).page.tickerNode;
      return h ? [...h].some((r) => (r as Range).startContainer === node) : false;
    });
    expect(tickerRange).toBe(true);
    await page.evaluate(() => (window as unknown as { page: { setTicker(t: string): boolean } }).page.setTicker('Ticker: calm'));
    await waitFor(() => readMarks(page), (m) => (m['scale-ai']?.length ?? 0) === 0, 'the ticker mark to go');

    await page.evaluate(() => (window as unknown as { page: { navigate(p: string, t: string): void } }).page.navigate('/fixtures/marking/dynamic.html?view=2', 'Yann LeCun on the new view.'));
    const after = await waitFor(() => readMarks(page), (m) => m['yann-lecun']?.length === 1 && (m['mark-zuckerberg']?.length ?? 0) === 0, 'marks of the new view');
    expect(after['yann-lecun']).toEqual(['Yann LeCun']);
    expect(await page.evaluate(() => (window as unknown as { errors: string[] }).errors)).toEqual([]);
  });

  it('keeps up with a React-like renderer without breaking it', async () => {
    const page = await open(REACT_LIKE);
    await settled(page);
    // Let it render for a while, with our rescans running between renders.
    await sleep(1500);
    const result = await page.evaluate(() => {
      const w = window as unknown as { errors: string[]; renders: number; timer: number };
      clearInterval(w.timer);
      return { errors: w.errors, renders: w.renders };
    });
    expect(result.errors).toEqual([]);
    expect(result.renders).toBeGreaterThan(10);
    await settled(page);
    // After the last render, the marks are exactly the names now on the page.
    const expected = await page.evaluate(() => {
      const out: Record<string, number> = {};
      const ids: Record<string, string> = { 'Mark Zuckerberg': 'mark-zuckerberg', 'Alexandr Wang': 'alexandr-wang', 'Yann LeCun': 'yann-lecun', 'Scale AI': 'scale-ai' };
      const text = document.getElementById('root')?.textContent ?? '';
      for (const [n, id] of Object.entries(ids)) out[id] = text.split(n).length - 1;
      return out;
    });
    const marks = await readMarks(page);
    for (const [id, count] of Object.entries(expected)) expect(marks[id]?.length ?? 0, id).toBe(count);
    const detached = await page.evaluate((prefix: string) => {
      let n = 0;
      CSS.highlights.forEach((h, nm) => {
        if (nm.startsWith(prefix)) for (const r of h) if (!(r as Range).startContainer.isConnected) n++;
      });
      return n;
    }, PREFIX);
    expect(detached).toBe(0);
  });

  it("shows marks under CSP default-src 'none'", async () => {
    const page = await open(CSP);
    await settled(page);
    const marks = nonEmpty(await readMarks(page));
    expect(marks['mark-zuckerberg']).toEqual(['Mark Zuckerberg']);
    expect(marks['alexandr-wang']).toEqual(['Alexandr Wang']);
    // The page's CSP blocks its own styles; our adopted sheet still paints the marks.
    const shots = await withAndWithoutMarks(page, '#light');
    expect(changedPixels(shots.marked, shots.bare)).toBeGreaterThan(NOISE_PIXELS);
  });

  it('applies settings live: switches remove and restore marks, entity filter, first mention, style', async () => {
    const page = await open(INLINE);
    await settled(page);
    const all = nonEmpty(await readMarks(page));
    expect(all['mark-zuckerberg']).toHaveLength(2);
    const sheetsBefore = await page.evaluate(() => document.adoptedStyleSheets.length);
    const underline = (await withAndWithoutMarks(page, '#split')).marked;
    const ours = (): Promise<string[]> => page.evaluate((prefix: string) => [...CSS.highlights.keys()].filter((k) => k.startsWith(prefix)), PREFIX);
    try {
      await control.settings({ version: 2, enabled: false });
      await waitFor(ours, (k) => k.length === 0, 'marks to go with the master switch');
      expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(sheetsBefore - 1);
      await control.settings({ version: 2, enabled: true });
      await waitFor(() => readMarks(page), (m) => JSON.stringify(nonEmpty(m)) === JSON.stringify(all), 'marks to come back');

      await control.settings({ version: 2, disabledSites: ['127.0.0.1'] });
      await waitFor(ours, (k) => k.length === 0, 'marks to go with the site switch');
      await control.settings({ version: 2, disabledSites: [] });
      await waitFor(() => readMarks(page), (m) => JSON.stringify(nonEmpty(m)) === JSON.stringify(all), 'marks to come back for the site');

      await control.settings({ version: 2, hiddenEntities: ['mark-zuckerberg'] });
      const hidden = await waitFor(() => readMarks(page), (m) => (m['mark-zuckerberg']?.length ?? 0) === 0, 'a hidden entity');
      expect(hidden['yann-lecun']).toEqual(['Yann LeCun']);

      await control.settings({ version: 2, firstMentionOnly: true });
      const first = await waitFor(() => readMarks(page), (m) => m['mark-zuckerberg']?.length === 1 && m['alexandr-wang']?.length === 1, 'first mentions only');
      expect(first['mark-zuckerberg']).toEqual(['Mark Zuckerberg']);

      await control.settings({ version: 2, markStyle: 'background' });
      await sleep(300);
      // Light amber behind dark text, on the light paragraph and on the dark section alike.
      const background = (await withAndWithoutMarks(page, '#split')).marked;
      expect(changedPixels(background, underline)).toBeGreaterThan(NOISE_PIXELS);
      expect(pixelsOfColour(background, [0xfd, 0xe6, 0x8a])).toBeGreaterThan(200);
      expect(pixelsOfColour((await withAndWithoutMarks(page, '#dark')).marked, [0xfd, 0xe6, 0x8a])).toBeGreaterThan(200);
      await control.settings({ version: 2, markStyle: 'none' });
      await sleep(300);
      const none = await withAndWithoutMarks(page, '#split');
      expect(changedPixels(none.marked, none.bare)).toBeLessThanOrEqual(NOISE_PIXELS);
      // Still registered: hover and the keyboard still find the mentions.
      expect(Object.keys(nonEmpty(await readMarks(page)))).toContain('mark-zuckerberg');
    } finally {
      await control.settings({ version: 2 });
    }
  });

  it('answers the popup, steps to a mention on request and reports its count for the badge', async () => {
    const page = await open(INLINE);
    await settled(page);
    const tabId = await control.tabId(page.url().slice(server.origin.length));
    const answer = await control.toTab<{ counts: { entityId: string; count: number }[]; total: number; url: string; host: string; active: boolean }>(tabId, 'page/mentions', {});
    // What the page shows: our highlights in the page and in the srcdoc frame it covers.
    const shown = await page.evaluate((prefix: string) => {
      const out: Record<string, number> = {};
      const add = (win: (Window & typeof globalThis) | null): void =>
        win?.CSS.highlights.forEach((h, nm) => {
          if (nm.startsWith(prefix) && nm !== `${prefix}focus` && h.size > 0) out[nm.slice(prefix.length)] = (out[nm.slice(prefix.length)] ?? 0) + h.size;
        });
      add(window);
      add(((document.getElementById('srcdoc') as HTMLIFrameElement | null)?.contentWindow ?? null) as (Window & typeof globalThis) | null);
      return out;
    }, PREFIX);
    expect(answer.active).toBe(true);
    expect(answer.host).toBe('127.0.0.1');
    expect(answer.url).toBe(page.url());
    expect(Object.fromEntries(answer.counts.map((c) => [c.entityId, c.count]))).toEqual(shown);
    expect(answer.total).toBe(Object.values(shown).reduce((a, b) => a + b, 0));
    expect(shown['yann-lecun']).toBe(2);

    const badge = await waitFor(() => control.toBackground<{ text: string }>('badge/get', { tabId }), (b) => b.text === String(answer.total), 'the badge');
    expect(badge.text).toBe(String(answer.total));

    const step = await control.toTab<{ ok: boolean }>(tabId, 'page/goto', { entityId: 'yann-lecun', direction: 1 });
    expect(step).toEqual({ ok: true });
    await page.waitForFunction(() => document.querySelector('context-cards-root') !== null, { timeout: 5000 });
    const missing = await control.toTab<{ ok: boolean }>(tabId, 'page/goto', { entityId: 'llama', direction: 1 });
    expect(missing).toEqual({ ok: false });
  });
});
