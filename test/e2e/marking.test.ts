/**
 * Marking in the built extension, in real Chromium and Firefox: the right highlights over the
 * right text, shadow roots and frames, controls left alone, live pages (late content, removed
 * text, SPA navigation, a React-like renderer), an untouched DOM, a strict CSP, settings that
 * apply without reload, and the page's answers to the popup and the badge.
 */
import type { Page } from 'puppeteer-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, useExtension } from './support/browsers.ts';
import { engineState, settled, sleep, waitFor, type SettleOptions } from './support/engine.ts';
import { tabIdOf, toBackground, toTab, writeSettings } from './support/extension-api.ts';
import { readMarks } from './support/hostile-harness.ts';
import { changedPixels, MARK_BACKGROUND, pixelsOfColour } from './support/pixels.ts';

const PREFIX = 'context-cards-';
const INLINE = '/fixtures/marking/inline.html';
const DYNAMIC = '/fixtures/marking/dynamic.html';
const REACT_LIKE = '/fixtures/marking/react-like.html';
const CSP = '/csp/none/fixtures/marking/csp.html';
/** Small fixtures: the engine settles within 10 s. */
const SETTLE: SettleOptions = { timeout: 10_000, answerMs: 1_000, pollMs: 50 };

type Marks = Record<string, string[]>;

function nonEmpty(marks: Marks): Marks {
  return Object.fromEntries(Object.entries(marks).filter(([, texts]) => texts.length > 0));
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
    for (const [h, ranges] of (window as unknown as { savedMarks: [Highlight, AbstractRange[]][] }).savedMarks)
      for (const r of ranges) h.add(r);
  });
  return { marked, bare };
}

describe.each(BROWSERS)('marking in %s', (name) => {
  const { server, ext } = useExtension(name);
  /** An extension page used to write settings and to talk to tabs like the popup does. */
  let control: Page;

  const pages: Page[] = [];
  let opened = 0;

  /** Opens a fixture in a new tab (a unique query, so tab lookups find this one). */
  async function open(path: string): Promise<Page> {
    const page = await ext().browser.newPage();
    pages.push(page);
    path += `${path.includes('?') ? '&' : '?'}tab=${++opened}`;
    await page.setViewport({ width: 1000, height: 900 });
    await page.goto(`${server().origin}${path}`);
    await page.bringToFront();
    return page;
  }

  beforeAll(async () => {
    control = await ext().openExtensionPage('popup/index.html', server().origin);
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close().catch(() => undefined);
  });

  it('marks names split across inline elements, and nothing in controls, editors, scripts or hidden content', async () => {
    const page = await open(INLINE);
    const full = await settled(page, SETTLE);
    // The test build's counters: its whole index on request, or the counters alone (for benchmarks).
    expect(full.marks['yann-lecun']).toEqual(['Yann LeCun']);
    const bare = await engineState(page, 1000, { marks: false });
    expect(bare?.marks).toEqual({});
    expect(bare?.stats?.marks).toBe(full.stats?.marks);
    expect(bare?.stats?.startedAt).toBeGreaterThan(0);
    expect(bare?.stats?.startMs).toBeGreaterThanOrEqual(0);
    const marks = nonEmpty(await readMarks(page));
    expect(marks['mark-zuckerberg']).toEqual(['Mark Zuckerberg', 'Zuckerberg']);
    expect(marks['alexandr-wang']?.sort()).toEqual(['Alexandr Wang', 'Alexandr Wang']);
    expect(marks['meta-superintelligence-labs']).toEqual(['Meta Superintelligence Labs']);
    expect(marks['yann-lecun']).toEqual(['Yann LeCun']);
    // The ranges lie over the page's own nodes: "Mark" in <b>, "berg" in the <span> of the link.
    const ends = await page.evaluate(() => {
      const h = CSS.highlights.get('context-cards-mark-zuckerberg');
      const r = h ? ([...h][0] as Range) : null;
      return (
        r && [
          r.startContainer.parentElement?.localName,
          r.startOffset,
          r.endContainer.parentElement?.localName,
          r.endOffset,
        ]
      );
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
    await settled(page, SETTLE);
    const inShadow = await page.evaluate(() => {
      const h = CSS.highlights.get('context-cards-alexandr-wang');
      return h
        ? [...h]
            .filter((r) => (r as Range).startContainer.getRootNode() instanceof ShadowRoot)
            .map((r) =>
              ((a: AbstractRange) => {
                const l = new Range();
                l.setStart(a.startContainer, a.startOffset);
                l.setEnd(a.endContainer, a.endOffset);
                return l.toString();
              })(r),
            )
        : [];
    });
    expect(inShadow).toEqual(['Alexandr Wang']);
    // The shadow tree adopted our sheet, so its mark is painted too.
    const shots = await withAndWithoutMarks(page, '#host');
    expect(changedPixels(shots.marked, shots.bare)).toBeGreaterThan(NOISE_PIXELS);
    // The mark inside the shadow root is found under the pointer: hovering it opens a card.
    const point = await page.evaluate(() => {
      const h = CSS.highlights.get('context-cards-alexandr-wang');
      const at = h ? [...h].find((x) => x.startContainer.getRootNode() instanceof ShadowRoot) : undefined;
      const r = at === undefined ? undefined : new Range();
      if (at !== undefined && r !== undefined) {
        r.setStart(at.startContainer, at.startOffset);
        r.setEnd(at.endContainer, at.endOffset);
      }
      const rect = r?.getClientRects()[0];
      return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
    });
    expect(point).not.toBeNull();
    await page.mouse.move(point?.x ?? 0, point?.y ?? 0);
    await page.waitForFunction(() => document.querySelector('context-cards-root') !== null, { timeout: 5000 });
    // Frames have their own registries: srcdoc is covered by this page's script, child.html by its own.
    const srcdoc = await waitFor(
      () => readMarks(page, '#srcdoc'),
      (m) => (m['yann-lecun']?.length ?? 0) > 0,
      'marks in the srcdoc frame',
    );
    expect(srcdoc['yann-lecun']).toEqual(['Yann LeCun']);
    const child = await waitFor(
      () => readMarks(page, '#child'),
      (m) => (m['scale-ai']?.length ?? 0) > 0,
      'marks in the child frame',
    );
    expect(child['scale-ai']).toEqual(['Scale AI']);
  });

  it('leaves the DOM exactly as it is, compared with the same page with the extension off for the site', async () => {
    const snapshot = (page: Page): Promise<{ html: string; shadow: string; frame: string; hosts: number }> =>
      page.evaluate(() => {
        const clone = document.documentElement.cloneNode(true) as HTMLElement;
        // Written by the cards' test hook in the test build only (content/card-controller/test-hook.ts).
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
    await settled(on, SETTLE);
    expect(Object.keys(nonEmpty(await readMarks(on)))).toContain('mark-zuckerberg');
    const withExtension = await snapshot(on);
    await on.close();

    await writeSettings(control, { version: 2, enabled: true, disabledSites: ['127.0.0.1'] });
    try {
      const off = await open(INLINE);
      await off.waitForFunction(
        () =>
          (document.getElementById('srcdoc') as HTMLIFrameElement | null)?.contentDocument?.readyState === 'complete',
      );
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
      await writeSettings(control, { version: 2 });
    }
  });

  it('marks late content within a second, drops removed text, follows SPA navigation, and keeps page scripts working', async () => {
    const page = await open(DYNAMIC);
    await settled(page, SETTLE);
    expect(nonEmpty(await readMarks(page))).toEqual({ 'mark-zuckerberg': ['Mark Zuckerberg'] });

    // Infinite scroll: measured inside the page, from the append to the registered highlight of
    // every item within 1.5 window heights below the window (farther ones are registered as they
    // come near; the engine counts them all).
    const late = await page.evaluate(async () => {
      const start = performance.now();
      (window as unknown as { page: { appendItems(n: number, text: string): void } }).page.appendItems(
        200,
        'Alexandr Wang',
      );
      const near = [...document.querySelectorAll('#feed li')].filter(
        (li) => li.getBoundingClientRect().top < innerHeight * 2.4,
      ).length;
      for (;;) {
        const h = CSS.highlights.get('context-cards-alexandr-wang');
        if (h !== undefined && h.size >= near) return { ms: performance.now() - start, near, registered: h.size };
        if (performance.now() - start > 5000) return { ms: -1, near, registered: h?.size ?? 0 };
        await new Promise((r) => setTimeout(r, 10));
      }
    });
    console.log(
      `[${name}] 200 late list items: the ${late.near} near the window marked ${late.ms.toFixed(0)} ms after they were added`,
    );
    expect(late.ms).toBeGreaterThan(0);
    expect(late.ms).toBeLessThan(1000);
    expect(late.near).toBeGreaterThan(10);
    const counted = await settled(page, SETTLE);
    expect(counted.report.counts.find((c) => c.entityId === 'alexandr-wang')?.count).toBe(200);
    // Fewer registered than counted: the rest wait until they come near.
    expect(late.registered).toBeLessThan(200);

    await page.evaluate(() =>
      (window as unknown as { page: { removeFirstItems(n: number): void } }).page.removeFirstItems(150),
    );
    await waitFor(
      () => readMarks(page),
      (m) => m['alexandr-wang']?.length === 50,
      '50 marks after removing 150 items',
    );
    const stale = await page.evaluate(() => {
      const h = CSS.highlights.get('context-cards-alexandr-wang');
      return h ? [...h].filter((r) => !(r as Range).startContainer.isConnected).length : -1;
    });
    expect(stale).toBe(0);

    // A page script that holds its text node edits it; the node stays where it was.
    const kept = await page.evaluate(() =>
      (window as unknown as { page: { setTicker(t: string): boolean } }).page.setTicker('Ticker: Scale AI rises'),
    );
    expect(kept).toBe(true);
    await waitFor(
      () => readMarks(page),
      (m) => m['scale-ai']?.[0] === 'Scale AI',
      'the ticker mark',
    );
    const tickerRange = await page.evaluate(() => {
      const h = CSS.highlights.get('context-cards-scale-ai');
      const node = (window as unknown as { page: { tickerNode: Text } }).page.tickerNode;
      return h ? [...h].some((r) => (r as Range).startContainer === node) : false;
    });
    expect(tickerRange).toBe(true);
    await page.evaluate(() =>
      (window as unknown as { page: { setTicker(t: string): boolean } }).page.setTicker('Ticker: calm'),
    );
    await waitFor(
      () => readMarks(page),
      (m) => (m['scale-ai']?.length ?? 0) === 0,
      'the ticker mark to go',
    );

    await page.evaluate(() =>
      (window as unknown as { page: { navigate(p: string, t: string): void } }).page.navigate(
        '/fixtures/marking/dynamic.html?view=2',
        'Yann LeCun on the new view.',
      ),
    );
    const after = await waitFor(
      () => readMarks(page),
      (m) => m['yann-lecun']?.length === 1 && (m['mark-zuckerberg']?.length ?? 0) === 0,
      'marks of the new view',
    );
    expect(after['yann-lecun']).toEqual(['Yann LeCun']);
    expect(await page.evaluate(() => (window as unknown as { errors: string[] }).errors)).toEqual([]);
  });

  it('keeps up with a React-like renderer without breaking it', async () => {
    const page = await open(REACT_LIKE);
    await settled(page, SETTLE);
    // Let it render for a while, with our rescans running between renders.
    await sleep(1500);
    const result = await page.evaluate(() => {
      const w = window as unknown as { errors: string[]; renders: number; timer: number };
      clearInterval(w.timer);
      return { errors: w.errors, renders: w.renders };
    });
    expect(result.errors).toEqual([]);
    expect(result.renders).toBeGreaterThan(10);
    await settled(page, SETTLE);
    // After the last render, the marks are exactly the names now on the page.
    const expected = await page.evaluate(() => {
      const out: Record<string, number> = {};
      const ids: Record<string, string> = {
        'Mark Zuckerberg': 'mark-zuckerberg',
        'Alexandr Wang': 'alexandr-wang',
        'Yann LeCun': 'yann-lecun',
        'Scale AI': 'scale-ai',
      };
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
    await settled(page, SETTLE);
    const marks = nonEmpty(await readMarks(page));
    expect(marks['mark-zuckerberg']).toEqual(['Mark Zuckerberg']);
    expect(marks['alexandr-wang']).toEqual(['Alexandr Wang']);
    // The page's CSP blocks its own styles; our adopted sheet still paints the marks.
    const shots = await withAndWithoutMarks(page, '#light');
    expect(changedPixels(shots.marked, shots.bare)).toBeGreaterThan(NOISE_PIXELS);
  });

  it('applies settings live: switches remove and restore marks, entity filter, first mention, style', async () => {
    const page = await open(INLINE);
    await settled(page, SETTLE);
    const all = nonEmpty(await readMarks(page));
    expect(all['mark-zuckerberg']).toHaveLength(2);
    const sheetsBefore = await page.evaluate(() => document.adoptedStyleSheets.length);
    const underline = (await withAndWithoutMarks(page, '#split')).marked;
    const ours = (): Promise<string[]> =>
      page.evaluate((prefix: string) => [...CSS.highlights.keys()].filter((k) => k.startsWith(prefix)), PREFIX);
    try {
      await writeSettings(control, { version: 2, enabled: false });
      await waitFor(ours, (k) => k.length === 0, 'marks to go with the master switch');
      expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(sheetsBefore - 1);
      await writeSettings(control, { version: 2, enabled: true });
      await waitFor(
        () => readMarks(page),
        (m) => JSON.stringify(nonEmpty(m)) === JSON.stringify(all),
        'marks to come back',
      );

      await writeSettings(control, { version: 2, disabledSites: ['127.0.0.1'] });
      await waitFor(ours, (k) => k.length === 0, 'marks to go with the site switch');
      await writeSettings(control, { version: 2, disabledSites: [] });
      await waitFor(
        () => readMarks(page),
        (m) => JSON.stringify(nonEmpty(m)) === JSON.stringify(all),
        'marks to come back for the site',
      );

      await writeSettings(control, { version: 2, hiddenEntities: ['mark-zuckerberg'] });
      const hidden = await waitFor(
        () => readMarks(page),
        (m) => (m['mark-zuckerberg']?.length ?? 0) === 0,
        'a hidden entity',
      );
      expect(hidden['yann-lecun']).toEqual(['Yann LeCun']);

      await writeSettings(control, { version: 2, firstMentionOnly: true });
      const first = await waitFor(
        () => readMarks(page),
        (m) => m['mark-zuckerberg']?.length === 1 && m['alexandr-wang']?.length === 1,
        'first mentions only',
      );
      expect(first['mark-zuckerberg']).toEqual(['Mark Zuckerberg']);

      await writeSettings(control, { version: 2, markStyle: 'background' });
      await sleep(300);
      // Light amber behind dark text, on the light paragraph and on the dark section alike.
      const background = (await withAndWithoutMarks(page, '#split')).marked;
      expect(changedPixels(background, underline)).toBeGreaterThan(NOISE_PIXELS);
      expect(pixelsOfColour(background, MARK_BACKGROUND, 6)).toBeGreaterThan(200);
      expect(pixelsOfColour((await withAndWithoutMarks(page, '#dark')).marked, MARK_BACKGROUND, 6)).toBeGreaterThan(
        200,
      );
      await writeSettings(control, { version: 2, markStyle: 'none' });
      await sleep(300);
      const none = await withAndWithoutMarks(page, '#split');
      expect(changedPixels(none.marked, none.bare)).toBeLessThanOrEqual(NOISE_PIXELS);
      // Still registered: hover and the keyboard still find the mentions.
      expect(Object.keys(nonEmpty(await readMarks(page)))).toContain('mark-zuckerberg');
    } finally {
      await writeSettings(control, { version: 2 });
    }
  });

  it('answers the popup, steps to a mention on request and reports its count for the badge', async () => {
    const page = await open(INLINE);
    await settled(page, SETTLE);
    const tabId = await tabIdOf(control, page.url().slice(server().origin.length));
    const answer = await toTab(control, tabId, 'page/mentions', {});
    // What the page shows: our highlights in the page and in the srcdoc frame it covers.
    const shown = await page.evaluate((prefix: string) => {
      const out: Record<string, number> = {};
      const add = (win: (Window & typeof globalThis) | null): void =>
        win?.CSS.highlights.forEach((h, nm) => {
          if (nm.startsWith(prefix) && nm !== `${prefix}focus` && h.size > 0)
            out[nm.slice(prefix.length)] = (out[nm.slice(prefix.length)] ?? 0) + h.size;
        });
      add(window);
      add(
        ((document.getElementById('srcdoc') as HTMLIFrameElement | null)?.contentWindow ?? null) as
          (Window & typeof globalThis) | null,
      );
      return out;
    }, PREFIX);
    expect(answer.active).toBe(true);
    expect(answer.host).toBe('127.0.0.1');
    expect(answer.url).toBe(page.url());
    expect(Object.fromEntries(answer.counts.map((c) => [c.entityId, c.count]))).toEqual(shown);
    expect(answer.total).toBe(Object.values(shown).reduce((a, b) => a + b, 0));
    expect(shown['yann-lecun']).toBe(2);

    const badge = await waitFor(
      () => toBackground(control, 'badge/get', { tabId }),
      (b) => b.text === String(answer.total),
      'the badge',
    );
    expect(badge.text).toBe(String(answer.total));

    const step = await toTab(control, tabId, 'page/goto', { entityId: 'yann-lecun', direction: 1 });
    expect(step).toEqual({ ok: true });
    await page.waitForFunction(() => document.querySelector('context-cards-root') !== null, { timeout: 5000 });
    const missing = await toTab(control, tabId, 'page/goto', { entityId: 'llama', direction: 1 });
    expect(missing).toEqual({ ok: false });
  });
});
