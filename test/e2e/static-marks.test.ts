/**
 * Marks are static positions (StaticRange), not live Ranges: in real Chromium and Firefox they are
 * registered as StaticRanges and painted (the 'background' style's colour is counted on screen).
 * When the page edits a marked text node, the mark leaves the registry before the page's next
 * microtask runs (so no frame paints the old positions over other text), and the block's new text
 * is marked at its new positions.
 */
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, useExtension } from './support/browsers.ts';
import { highlightNames, poll, waitFor } from './support/engine.ts';
import { mergeSettings } from './support/extension-api.ts';
import { openPopup } from './support/popup.ts';
import { MARK_BACKGROUND, pixelsOfColour } from './support/pixels.ts';

const ARTICLE = '/fixtures/switch-off/article.html';
/** "Mark Zuckerberg" and "Yann LeCun" at 32 px paint thousands of mark pixels; a third is plenty. */
const PAINTED = 2000;
const NAMES = ['Mark Zuckerberg', 'Yann LeCun'];

interface Registered {
  readonly kind: string;
  readonly text: string;
  readonly start: number;
}

/** Every range of our entity highlights: its class, its text now and its start offset. */
function registered(page: Page): Promise<Registered[]> {
  return page.evaluate(() => {
    const out: { kind: string; text: string; start: number }[] = [];
    CSS.highlights.forEach((h, name) => {
      if (!name.startsWith('context-cards-') || name === 'context-cards-focus') return;
      for (const r of h) {
        let text: string;
        try {
          const live = document.createRange();
          live.setStart(r.startContainer, r.startOffset);
          live.setEnd(r.endContainer, r.endOffset);
          text = live.toString();
        } catch {
          text = '(out of its text node)';
        }
        out.push({ kind: r.constructor.name, text, start: r.startOffset });
      }
    });
    return out.sort((a, b) => a.start - b.start);
  });
}

async function markPixels(page: Page): Promise<number> {
  const el = await page.$('#mention');
  if (el === null) throw new Error('no #mention');
  return pixelsOfColour(await el.screenshot({ encoding: 'base64' }), MARK_BACKGROUND, 12);
}

describe.each(BROWSERS)('marks as static positions in %s', (name) => {
  const { server, ext } = useExtension(name);
  let article: Page;

  beforeAll(async () => {
    const control = await openPopup(ext(), server().origin, null);
    await mergeSettings(control, { markStyle: 'background' });
    await control.close();
    article = await ext().browser.newPage();
    await article.setViewport({ width: 900, height: 400 });
    await article.goto(`${server().origin}${ARTICLE}`);
    await waitFor(
      () => highlightNames(article),
      (m) => m.length === 2,
      'both marks',
    );
  }, 60_000);

  it('registers StaticRanges, paints them, and drops a mark at once when the page edits its text', async () => {
    const before = await registered(article);
    expect(before).toEqual([
      { kind: 'StaticRange', text: 'Mark Zuckerberg', start: 0 },
      { kind: 'StaticRange', text: 'Yann LeCun', start: 20 },
    ]);
    const painted = await poll(
      () => markPixels(article),
      (n) => n > PAINTED,
      5000,
    );
    console.info(`[static marks] ${name}: ${painted.value} mark pixels`);
    expect(painted.value).toBeGreaterThan(PAINTED);

    // The page edits the text node in an animation frame callback, and looks at the registry
    // after the microtasks of that callback: before style, layout and paint of that frame.
    const seenBeforePaint = await article.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          requestAnimationFrame(() => {
            const node = document.getElementById('mention')?.firstChild as Text;
            node.data = `Today ${node.data}`;
            void Promise.resolve().then(() => {
              const texts: string[] = [];
              CSS.highlights.forEach((h, key) => {
                if (!key.startsWith('context-cards-') || key === 'context-cards-focus') return;
                for (const r of h) {
                  const live = document.createRange();
                  try {
                    live.setStart(r.startContainer, r.startOffset);
                    live.setEnd(r.endContainer, r.endOffset);
                    texts.push(live.toString());
                  } catch {
                    texts.push('(out of its text node)');
                  }
                }
              });
              resolve(texts);
            });
          });
        }),
    );
    // Nothing registered covers other text than a name (the old positions 0-15 now read "Today Mark Zu").
    expect(seenBeforePaint.every((t) => NAMES.includes(t))).toBe(true);
    // Both names are in the edited text node: both are out until the block is read again.
    expect(seenBeforePaint).toEqual([]);

    const after = await waitFor(
      () => registered(article),
      (r) => r.length === 2,
      'both marks again',
    );
    expect(after).toEqual([
      { kind: 'StaticRange', text: 'Mark Zuckerberg', start: 6 },
      { kind: 'StaticRange', text: 'Yann LeCun', start: 26 },
    ]);
    const again = await poll(
      () => markPixels(article),
      (n) => n > PAINTED,
      5000,
    );
    expect(again.value).toBeGreaterThan(PAINTED);
  });
});
