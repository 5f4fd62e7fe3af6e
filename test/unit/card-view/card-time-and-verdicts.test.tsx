// @vitest-environment happy-dom
/**
 * The card as a fact-checker reads it: dated (as of, note dates, what happened next, a staleness
 * line from an injected clock), verdicts before the claims they judge, and the verbatim quote as
 * the text when the card is in the article's language.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_RECENT_PAGES, type CardActions } from '../../../src/card-view/actions.ts';
import { CardRoot } from '../../../src/card-view/card-root.tsx';
import { buildCardState, isStale, type CardState } from '../../../src/card-view/model.ts';
import type { CardLang } from '../../../src/card-view/strings.ts';
import { parseDataset, type Dataset } from '../../../src/dataset/index.ts';
import { cardDataset } from './card-dataset.ts';

// Paths, not file URLs: happy-dom replaces the URL class that readFileSync would accept.
const repo = resolve(import.meta.dirname, '../../..');
const parsed = parseDataset(JSON.parse(readFileSync(resolve(repo, 'assets/dataset/meta-ai-leadership.json'), 'utf8')), {
  sourceText: readFileSync(resolve(repo, 'assets/source/article.de.txt'), 'utf8'),
});
if (!parsed.ok) throw new Error('bundled dataset invalid');
const bundled: Dataset = parsed.dataset;

const actions: CardActions = {
  readSource: vi.fn(),
  readEntity: vi.fn(),
  turnOffOnSite: vi.fn(),
  close: vi.fn(),
  recentPages: () => Promise.resolve(NO_RECENT_PAGES),
};

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

async function show(state: CardState, lang: CardLang): Promise<HTMLElement> {
  await act(() => render(<CardRoot state={state} lang={lang} actions={actions} />, root));
  const card = root.querySelector<HTMLElement>('[role="dialog"]');
  if (!card) throw new Error('no dialog rendered');
  return card;
}

const at = (iso: string) => new Date(iso);
const BOTH = ['en', 'de'] as const;

describe('the staleness line, with a fake clock', () => {
  it('counts six months from the last day the newest date covers', () => {
    expect(isStale('2026-03', at('2026-09-30T23:59:59Z'))).toBe(false);
    expect(isStale('2026-03', at('2026-10-01T00:00:00Z'))).toBe(true);
    expect(isStale('2026-03-05', at('2026-09-05T23:59:59Z'))).toBe(false);
    expect(isStale('2026-03-05', at('2026-09-06T00:00:00Z'))).toBe(true);
    // Across a year end, and from a date the clock has not reached yet.
    expect(isStale('2025-12', at('2026-06-30T12:00:00Z'))).toBe(false);
    expect(isStale('2025-12', at('2026-07-01T00:00:00Z'))).toBe(true);
    expect(isStale('2027-01', at('2026-12-07T00:00:00Z'))).toBe(false);
  });

  it('shows one quiet line past the threshold and none before it, in both languages', async () => {
    // The fixture's newest date is March 2026, the date its notes were checked up to (shown in the footer).
    for (const lang of BOTH) {
      const before = await show(buildCardState(cardDataset(), 'alice-example', lang, at('2026-09-15T00:00:00Z')), lang);
      expect(before.querySelector('[data-testid="stale"]')).toBeNull();
      // Before the threshold the footer's line says up to when other reporting was checked.
      expect(before.querySelector('.footer .checked-line')?.textContent).toBe(
        lang === 'en'
          ? 'Checked against other reporting up to March 2026.'
          : 'Mit anderen Berichten abgeglichen bis März 2026.',
      );
      render(null, root);
      const after = await show(buildCardState(cardDataset(), 'alice-example', lang, at('2026-10-15T00:00:00Z')), lang);
      expect(after.querySelectorAll('[data-testid="stale"]')).toHaveLength(1);
      // One quiet line, in the footer instead of the check date: not a second line about time.
      expect(after.querySelectorAll('.footer .checked-line')).toHaveLength(1);
      expect(after.querySelector('.footer [data-testid="stale"]')).not.toBeNull();
      expect(after.querySelector('[data-testid="stale"]')?.textContent).toBe(
        lang === 'en'
          ? 'Checked against other reporting up to March 2026. Things may have changed since.'
          : 'Mit anderen Berichten abgeglichen bis März 2026. Seitdem kann sich einiges geändert haben.',
      );
      render(null, root);
    }
  });

  it("takes the newest date on the card: Wang's reaches March 2026 through a note and later events", () => {
    const late = buildCardState(bundled, 'alexandr-wang', 'en', at('2026-12-07T00:00:00Z'));
    const early = buildCardState(bundled, 'alexandr-wang', 'en', at('2026-05-01T00:00:00Z'));
    if (late.kind !== 'ready' || early.kind !== 'ready') throw new Error('expected ready cards');
    expect(late.freshness).toEqual({ newest: '2026-03', stale: true });
    expect(early.freshness).toEqual({ newest: '2026-03', stale: false });
  });
});

describe('time on the card', () => {
  it('puts "as of" beside the role, and dates the summary only where its date differs', async () => {
    const dataset = cardDataset();
    const alice = dataset.entities[0];
    if (!alice) throw new Error('fixture');
    alice.summary = { ...alice.summary, asOf: '2026-01-20' };
    const card = await show(buildCardState(dataset, 'alice-example', 'en'), 'en');
    expect(card.querySelector('.meta .as-of')?.textContent).toBe('(as of December 2025)');
    expect(card.querySelector('.summary')?.textContent).toBe('Leads the lab. (as of 20 January 2026)');
    render(null, root);
    const same = await show(buildCardState(cardDataset(), 'alice-example', 'de'), 'de');
    expect(same.querySelector('.summary')?.textContent).toBe('Leitet das Labor.');
  });

  it('writes LeCun in the past tense, dated after his departure', async () => {
    const card = await show(buildCardState(bundled, 'yann-lecun', 'en'), 'en');
    expect(card.querySelector('.meta')?.textContent).toBe(
      'Person · Former Chief AI Scientist at Meta (until the end of 2025); Turing Award laureate (as of January 2026)',
    );
  });

  it('dates every note on every card, in both languages', async () => {
    let dated = 0;
    for (const lang of BOTH) {
      for (const entity of bundled.entities) {
        const card = await show(buildCardState(bundled, entity.id, lang), lang);
        // Notes open from their toggle, one line under each claim.
        for (const toggle of card.querySelectorAll<HTMLButtonElement>('.note-toggle')) await act(() => toggle.click());
        const notes = [...card.querySelectorAll('.note')];
        const expected = [...card.querySelectorAll('.claim')].reduce(
          (n, c) => n + bundled.notes.filter((note) => note.claim === c.getAttribute('data-claim')).length,
          0,
        );
        expect(notes, `${entity.id} ${lang}`).toHaveLength(expected);
        dated += notes.length;
        for (const note of notes) {
          expect(note.querySelector('.as-of')?.textContent, `${entity.id} ${lang}`).toMatch(
            lang === 'en' ? /^\(as of \w+ 20\d\d\)$/ : /^\(Stand: \S+ 20\d\d\)$/,
          );
        }
        render(null, root);
      }
    }
    expect(dated).toBeGreaterThan(20);
  });

  it('lists what happened next, dated, with its source, on the cards it concerns', async () => {
    const wang = await show(buildCardState(bundled, 'alexandr-wang', 'en'), 'en');
    const items = [...wang.querySelectorAll('.next-list > li')];
    expect(wang.querySelector('.next .section-title')?.textContent).toBe('What happened next');
    expect(items.map((li) => li.querySelector('.next-date')?.textContent)).toEqual(['14 January 2026', '5 March 2026']);
    expect(items[0]?.textContent).toContain("Meta Compute, a data-centre initiative that lies outside Wang's control");
    expect(items[0]?.querySelector('.sources a')?.textContent).toBe(
      'Radio DPM (original source: Financial Times), 14 January 2026',
    );
    render(null, root);
    const de = await show(buildCardState(bundled, 'alexandr-wang', 'de'), 'de');
    expect(de.querySelector('.next .section-title')?.textContent).toBe('Was danach geschah');
    expect(de.querySelector('.next-date')?.textContent).toBe('14. Januar 2026');
    render(null, root);
    const lecun = await show(buildCardState(bundled, 'yann-lecun', 'en'), 'en');
    expect(lecun.querySelector('.next')).toBeNull();
  });
});

describe('verdicts before the claims they judge', () => {
  it('on the card model: every claim with a contradicted or qualified note leads with that verdict', () => {
    let judged = 0;
    for (const lang of BOTH) {
      for (const entity of bundled.entities) {
        const state = buildCardState(bundled, entity.id, lang);
        if (state.kind !== 'ready') continue;
        for (const claim of state.claims) {
          const verdicts = claim.notes.map((n) => n.verdict);
          const expected = verdicts.includes('contradicted')
            ? 'contradicted'
            : verdicts.includes('qualified')
              ? 'qualified'
              : null;
          expect(claim.leadVerdict, `${entity.id}/${claim.id}`).toBe(expected);
          if (expected !== null) judged++;
        }
      }
    }
    expect(judged).toBeGreaterThan(20);
  });

  it('in the rendered card: no contradicted claim appears without its verdict before its text', async () => {
    let contradicted = 0;
    for (const lang of BOTH) {
      for (const entity of bundled.entities) {
        const card = await show(buildCardState(bundled, entity.id, lang), lang);
        for (const claim of card.querySelectorAll(
          '.claim[data-verdict="contradicted"], .claim[data-verdict="qualified"]',
        )) {
          const lead = claim.querySelector('.lead-verdict');
          const text = claim.querySelector('.claim-text');
          expect(lead, `${entity.id} ${lang} ${claim.getAttribute('data-claim')}`).not.toBeNull();
          expect(text).not.toBeNull();
          // DOCUMENT_POSITION_FOLLOWING: the text comes after the verdict.
          expect((lead?.compareDocumentPosition(text as Node) ?? 0) & 4).toBe(4);
          if (claim.getAttribute('data-verdict') === 'contradicted') contradicted++;
        }
        render(null, root);
      }
    }
    // The ten-million claim is on the Meta and the Wang card, in both languages.
    expect(contradicted).toBe(4);
  });

  it("exposes each claim's verdict so a preview can put contradicted and qualified claims first", () => {
    const state = buildCardState(bundled, 'alexandr-wang', 'en');
    if (state.kind !== 'ready') throw new Error('expected a ready card');
    const verdictOf = (id: string) => state.claims.find((c) => c.id === id)?.verdict;
    expect(verdictOf('c05-ten-million-dollars')).toBe('contradicted');
    expect(verdictOf('c04-wang-billionaire-founder')).toBe('qualified');
    expect(verdictOf('c14-scale-ai-data-labelling')).toBe('corroborated');
    expect(verdictOf('c16-rough-start')).toBeNull();
  });
});

describe("the quote in the article's language", () => {
  it('shows the German card the verbatim quote, with the insertion that names the subject, and no toggle', async () => {
    const card = await show(buildCardState(bundled, 'meta', 'de'), 'de');
    const first = card.querySelector('.claim[data-claim="c02-metaverse-to-ai"]');
    const quote = first?.querySelector('blockquote.claim-text');
    expect(quote?.getAttribute('lang')).toBe('de');
    expect(quote?.textContent).toBe(
      'Nach den weniger erfolgreichen Versuchen im Bereich des Metaverse hat er [Zuckerberg] entschieden, nahezu ' +
        'alles in die Künstliche Intelligenz zu investieren.',
    );
    expect(quote?.querySelector('.insertion')?.textContent).toBe(' [Zuckerberg]');
    expect(first?.querySelector('.quote-toggle')).toBeNull();
    expect(first?.querySelector('[data-action="read-in-context"]')?.textContent).toBe('Im Zusammenhang lesen');
    expect(card.querySelectorAll('.quote-toggle')).toHaveLength(0);
  });

  it('marks a quote cut from its sentence with "…" at the cut', async () => {
    const card = await show(buildCardState(bundled, 'alexandr-wang', 'de'), 'de');
    expect(card.querySelector('.claim[data-claim="c04-wang-billionaire-founder"] .claim-text')?.textContent).toBe(
      'Alexandr Wang, dem jungen Milliardär und Gründer von Scale AI …',
    );
    expect(card.querySelector('.claim[data-claim="c06-wang-leads-lab"] .claim-text')?.textContent).toMatch(
      /^… um Wang zu gewinnen und ihm die Leitung/,
    );
  });

  it('shows the English card the translation, with the German original one click away', async () => {
    const card = await show(buildCardState(bundled, 'meta', 'en'), 'en');
    const first = card.querySelector('.claim[data-claim="c02-metaverse-to-ai"]');
    expect(first?.querySelector('.claim-text')?.textContent).toBe(
      'Mark Zuckerberg decided, after less successful attempts at the metaverse, to invest almost everything in ' +
        'artificial intelligence.',
    );
    const toggle = first?.querySelector<HTMLButtonElement>('.quote-toggle');
    expect(toggle?.textContent).toBe('Show the German quote');
    await act(() => toggle?.click());
    expect(first?.querySelector('.quote-panel blockquote')?.textContent).toMatch(/hat er \[Zuckerberg\] entschieden/);
  });
});
