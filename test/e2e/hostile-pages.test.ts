/**
 * Pages that fight back, in real Chromium and Firefox (fixtures in test/fixtures/hostile): a
 * strict CSP with Trusted Types, a page that breaks its own built-ins and empties the highlight
 * registry on a timer, a page posing as the extension, a page that removes the card, a modal
 * dialog over the card, and frames from another origin. Every fixture records (watch.js) its
 * errors, CSP violations and any DOM change it did not make; each test ends with all three empty
 * and no console message from the extension.
 */
import { describe, expect, it } from 'vitest';
import { BROWSERS, useExtension } from './support/browsers.ts';
import { settled, sleep, waitFor } from './support/engine.ts';
import { readMarks, useDrivenPages, type DrivenPage, type PageRecord } from './support/hostile-harness.ts';

const CLEAN: PageRecord = { errors: [], violations: [], foreign: [] };

describe.each(BROWSERS)('hostile pages in %s', (name) => {
  const launched = useExtension(name);
  const visit = useDrivenPages(launched);
  /**
   * What the page recorded, less Firefox's own favicon request (browser code, "resource:") that meets
   * the page's img-src.
   */
  const recorded = async (page: DrivenPage): Promise<PageRecord> => {
    const record = await page.record();
    return { ...record, violations: record.violations.filter((v) => !/\/favicon\.ico \(resource:/.test(v)) };
  };
  /** Nothing went wrong in the page, and the extension said nothing. */
  const expectClean = async (page: DrivenPage): Promise<void> => {
    expect(await recorded(page)).toEqual(CLEAN);
    expect(page.ours()).toEqual([]);
  };

  it("marks and shows cards under default-src 'none' with Trusted Types enforced, and causes no violation", async () => {
    const page = await visit('/csp/strict-tt/fixtures/hostile/strict.html');
    await settled(page.page);
    const marks = await readMarks(page.page);
    expect(marks['mark-zuckerberg']).toEqual(['Mark Zuckerberg']);
    expect(marks['meta-superintelligence-labs']).toEqual(['Meta Superintelligence Labs']);
    expect(marks['yann-lecun']).toEqual(['Yann LeCun']);
    expect(marks['scale-ai']).toEqual(['Scale AI']);
    // Hover and keyboard both open a styled card in the top layer.
    await page.hoverOpen('yann-lecun');
    const hovered = await page.inspect();
    expect(hovered).toMatchObject({
      open: true,
      entityId: 'yann-lecun',
      styleMode: 'adopted',
      popoverOpen: true,
      state: 'ready',
    });
    expect(await page.step('alexandr-wang')).toBe(true);
    expect(await page.inspect()).toMatchObject({ open: true, entityId: 'alexandr-wang', heading: 'Alexandr Wang' });
    await page.page.keyboard.press('Escape');
    await waitFor(
      () => page.hosts(),
      (n) => n === 0,
      'the card to close',
    );
    await expectClean(page);
    // The policy is really enforced (where the browser has Trusted Types), and reported: the
    // page's own attempt is refused and recorded, so a violation of ours would have been too.
    const hasTrustedTypes = await page.page.evaluate(() => 'trustedTypes' in window);
    if (hasTrustedTypes) {
      expect(await page.page.evaluate(() => (window as unknown as { tryInnerHtml(): string }).tryInnerHtml())).toBe(
        'blocked',
      );
      const after = await waitFor(
        () => recorded(page),
        (r) => r.violations.length > 0,
        "the page's own violation",
      );
      expect(after.violations).toHaveLength(1);
      expect(after.violations[0]).toMatch(/^require-trusted-types-for /);
    } else {
      console.log(`${name}: no Trusted Types in this version; the CSP part still holds`);
    }
  });

  it('keeps working when the page breaks its own built-ins and empties the highlight registry every 1.5 s', async () => {
    const page = await visit('/fixtures/hostile/overrides.html');
    await settled(page.page);
    // Late paragraphs, added with the page's own saved functions, are marked too.
    const marks = await waitFor(
      () => readMarks(page.page),
      (m) => m['yann-lecun']?.length === 8,
      'the 8 late paragraphs',
    );
    expect(marks['mark-zuckerberg']).toEqual(['Mark Zuckerberg']);
    expect(marks['alexandr-wang']).toEqual(['Alexandr Wang', 'Alexandr Wang']);
    // Each time the page empties the registry, our highlights are back within a second.
    const recoveries = await waitFor(
      () => page.page.evaluate(() => [...(window as unknown as { recoveries: number[] }).recoveries]),
      (r) => r.length >= 3,
      'three clears and recoveries',
      15_000,
    );
    expect(
      recoveries.every((ms) => ms >= 0 && ms <= 1000),
      JSON.stringify(recoveries),
    ).toBe(true);
    // Cards still open, by pointer and by keyboard.
    await page.hoverOpen('mark-zuckerberg');
    expect(await page.step('scale-ai')).toBe(true);
    expect(await page.inspect()).toMatchObject({ open: true, entityId: 'scale-ai', styleMode: 'adopted' });
    await page.page.keyboard.press('Escape');
    await waitFor(
      () => page.hosts(),
      (n) => n === 0,
      'the card to close',
    );
    await expectClean(page);
  });

  it('ignores a page posing as the extension: a takeover event, forged envelopes, the messaging API', async () => {
    const page = await visit('/fixtures/hostile/posing.html');
    await settled(page.page);
    const before = await readMarks(page.page);
    expect(before['mark-zuckerberg']).toEqual(['Mark Zuckerberg']);
    await page.page.evaluate(() => {
      const pose = (window as unknown as { pose: { takeover(): void; envelopes(): void } }).pose;
      pose.takeover();
      pose.envelopes();
    });
    await sleep(600);
    // Still marking, still answering, and no card opened on the forged "go to mention".
    expect(await readMarks(page.page)).toEqual(before);
    expect((await settled(page.page)).active).toBe(true);
    expect(await page.hosts()).toBe(0);
    const extensionId = new URL(launched.ext().extensionOrigin).host;
    const runtime = await page.page.evaluate(
      (id: string) => (window as unknown as { pose: { runtime(id: string): Promise<string> } }).pose.runtime(id),
      extensionId,
    );
    expect(runtime === 'no extension API' || runtime.startsWith('refused')).toBe(true);
    await page.hoverOpen('alexandr-wang');
    await expectClean(page);
  });

  it('recovers when the page removes the card host the moment it appears', async () => {
    const page = await visit('/fixtures/hostile/remove-host.html');
    await settled(page.page);
    expect(await page.step('mark-zuckerberg')).toBe(true);
    await waitFor(
      () => page.page.evaluate(() => (window as unknown as { removals: number }).removals),
      (n) => n >= 1,
      'the page to remove the card',
    );
    expect(await page.hosts()).toBe(0);
    // Stepping on, and hovering, still work while the page keeps removing; nothing throws.
    expect(await page.step('mark-zuckerberg')).toBe(true);
    expect(await page.step('yann-lecun')).toBe(true);
    await waitFor(
      () => page.page.evaluate(() => (window as unknown as { removals: number }).removals),
      (n) => n >= 3,
      'three removals',
    );
    // Once the page stops, a card opens and stays, and only one host is ever there.
    await page.page.evaluate(() => {
      (window as unknown as { removing: boolean }).removing = false;
    });
    await page.hoverOpen('alexandr-wang');
    expect(await page.hosts()).toBe(1);
    expect(await page.step('yann-lecun')).toBe(true);
    expect(await page.hosts()).toBe(1);
    expect(await page.inspect()).toMatchObject({ open: true, entityId: 'yann-lecun' });
    await page.page.keyboard.press('Escape');
    await waitFor(
      () => page.hosts(),
      (n) => n === 0,
      'the card to close',
    );
    await expectClean(page);
  });

  it('keeps the card above a modal dialog the page opens over it, and usable', async () => {
    const page = await visit('/fixtures/hostile/dialog-over.html');
    await settled(page.page);
    /** What the page sees on top at the card's centre: the card, when it is really above. */
    const onTop = (): Promise<string | null> =>
      page.page.evaluate(() => {
        const host = document.querySelector('context-cards-root');
        if (!host) return null;
        const r = host.getBoundingClientRect();
        return document.elementFromPoint(r.x + r.width / 2, r.y + Math.min(40, r.height / 2))?.localName ?? null;
      });
    // A card opened by the pointer: the page's dialog opens over it, the card moves above it.
    await page.hoverOpen('alexandr-wang');
    await waitFor(
      () => page.page.evaluate(() => (window as unknown as { dialogs: number }).dialogs),
      (n) => n === 1,
      "the page's dialog",
    );
    expect(
      await waitFor(
        () => page.inspect(),
        (s) => s.container === 'dialog',
        'the card to move into the dialog',
        3_000,
      ),
    ).toMatchObject({ open: true, popoverOpen: true });
    expect(await onTop()).toBe('context-cards-root');
    // Escape closes the card, and only the card.
    await page.page.keyboard.press('Escape');
    await waitFor(
      () => page.hosts(),
      (n) => n === 0,
      'the card to close',
    );
    expect(await page.page.evaluate(() => (document.getElementById('modal') as HTMLDialogElement).open)).toBe(true);
    // From the keyboard, with the dialog open: the card opens inside it, on top.
    expect(await page.step('mark-zuckerberg')).toBe(true);
    expect(await page.inspect()).toMatchObject({
      open: true,
      entityId: 'mark-zuckerberg',
      container: 'dialog',
      popoverOpen: true,
    });
    expect(await onTop()).toBe('context-cards-root');
    await page.page.keyboard.press('Escape');
    await waitFor(
      () => page.hosts(),
      (n) => n === 0,
      'the card to close',
    );
    await expectClean(page);
  });

  it('marks frames and a frameset from this and another origin, each by its own script, and changes none of them', async () => {
    const page = await visit('/fixtures/hostile/frames.html');
    await settled(page.page);
    expect((await readMarks(page.page))['mark-zuckerberg']).toEqual(['Mark Zuckerberg']);
    const framed = async (p: DrivenPage, expected: number): Promise<string[]> => {
      const seen = await waitFor(
        async () => {
          const out: string[] = [];
          for (const frame of p.page.frames()) {
            if (frame === p.page.mainFrame()) continue;
            const found = await frame
              .evaluate(() => {
                const h = CSS.highlights.get('context-cards-yann-lecun');
                const w = window as unknown as {
                  hostile?: { errors: string[]; foreign: string[] };
                  foreignChanges?(): string[];
                };
                w.foreignChanges?.();
                return `${location.search} ${
                  h
                    ? [...h]
                        .map((r) =>
                          ((a: AbstractRange) => {
                            const l = new Range();
                            l.setStart(a.startContainer, a.startOffset);
                            l.setEnd(a.endContainer, a.endOffset);
                            return l.toString();
                          })(r),
                        )
                        .join('|')
                    : '-'
                } errors:${w.hostile?.errors.length ?? '?'} foreign:${w.hostile?.foreign.length ?? '?'}`;
              })
              .catch(() => null);
            if (found !== null) out.push(found);
          }
          return out.sort();
        },
        (out) => out.length === expected && out.every((line) => line.includes('Yann LeCun')),
        'marks in every frame',
        15_000,
      );
      return seen;
    };
    // The sandboxed frame has an opaque origin: its content script runs and marks it like the others.
    expect(await framed(page, 3)).toEqual([
      '?other Yann LeCun errors:0 foreign:0',
      '?same Yann LeCun errors:0 foreign:0',
      '?sandboxed Yann LeCun errors:? foreign:?',
    ]);
    await expectClean(page);

    const frameset = await visit('/fixtures/hostile/frameset.html');
    expect(await framed(frameset, 2)).toEqual([
      '?frameset-a Yann LeCun errors:0 foreign:0',
      '?frameset-b Yann LeCun errors:0 foreign:0',
    ]);
    await expectClean(frameset);
  });
});
