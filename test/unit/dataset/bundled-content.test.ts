/**
 * What a fact-checker asks of the bundled cards' content, beyond the schema: every role, summary
 * and note dated; claims that name their subject; attributions in the article's own words;
 * sources that say whom they relay; and "what happened next" only from the research's §2.17.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quoteView } from '../../../src/card-view/model.ts';
import { lastDay, parseDataset, type Claim, type Dataset, type Entity } from '../../../src/dataset/index.ts';

const root = new URL('../../../', import.meta.url);
const article = readFileSync(new URL('assets/source/article.de.txt', root), 'utf8');
const raw: unknown = JSON.parse(readFileSync(new URL('assets/dataset/meta-ai-leadership.json', root), 'utf8'));
// The research notes live beside the repository, not in it; the checks against them run where they exist.
const referenceFile = new URL('../shared/reference/context-research.md', root);
const reference = existsSync(referenceFile) ? readFileSync(referenceFile, 'utf8') : undefined;

function load(): Dataset {
  const result = parseDataset(raw, { sourceText: article });
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.dataset;
}
const dataset = load();
const entityById = new Map(dataset.entities.map((e) => [e.id, e]));

const ISO_AS_OF = /^\d{4}-\d{2}(?:-\d{2})?$/;

describe('dates in the bundled dataset', () => {
  it('dates every role, summary and note, and says when the notes were checked', () => {
    expect(dataset.notesChecked).toMatch(ISO_AS_OF);
    for (const entity of dataset.entities) {
      expect(entity.role.asOf, entity.id).toMatch(ISO_AS_OF);
      expect(entity.summary.asOf, entity.id).toMatch(ISO_AS_OF);
    }
    for (const note of dataset.notes) expect(note.asOf, note.id).toMatch(ISO_AS_OF);
    const all = [
      ...dataset.entities.flatMap((e) => [e.role.asOf, e.summary.asOf]),
      ...dataset.notes.map((n) => n.asOf),
      ...dataset.developments.map((d) => d.date),
    ];
    expect(all.filter((date) => lastDay(date) > lastDay(dataset.notesChecked))).toEqual([]);
  });

  it('gives every source date as a date, never as free text', () => {
    const sources = [...dataset.notes, ...dataset.developments].flatMap((n) => n.sources);
    const dates = sources.flatMap((s) => (s.date === null ? [] : [s.date.value]));
    expect(dates.length).toBeGreaterThan(20);
    for (const date of dates) expect(date).toMatch(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/);
  });

  it('speaks of LeCun in the past tense: he left Meta at the end of 2025', () => {
    const lecun = entityById.get('yann-lecun');
    expect(lecun?.role.en).toMatch(/^Former Chief AI Scientist at Meta \(until the end of 2025\)/);
    expect(lecun?.role.de).toMatch(/^Ehemaliger Chief AI Scientist bei Meta \(bis Ende 2025\)/);
    expect(lecun?.summary.en).toMatch(/left at the end of 2025/);
    const texts = [...dataset.claims.map((c) => c.text), ...dataset.entities.map((e) => e.summary)];
    expect(
      texts.filter((t) => /LeCun is Meta's Chief AI Scientist|LeCun ist Chief AI Scientist/.test(t.en + t.de)),
    ).toEqual([]);
    const title = dataset.claims.find((c) => c.id === 'c27-lecun-title-and-award');
    expect(title?.text.en).toMatch(/^Yann LeCun was Meta's Chief AI Scientist/);
    expect(title?.text.de).toMatch(/^Yann LeCun war damals Chief AI Scientist/);
  });

  it.skipIf(reference === undefined)('takes "what happened next" only from §2.17 of the research, dated', () => {
    if (reference === undefined) return;
    const start = reference.indexOf('### 2.17');
    const section = reference.slice(start, reference.indexOf('\n## ', start));
    expect(start).toBeGreaterThan(0);
    expect(dataset.developments.length).toBeGreaterThanOrEqual(2);
    for (const development of dataset.developments) {
      expect(development.date).toMatch(/^2026-/);
      for (const source of development.sources) expect(section, development.id).toContain(source.url);
    }
    // Wang's card carries both later developments the research lists.
    const wang = dataset.developments.filter((d) => d.entities.includes('alexandr-wang')).map((d) => d.date);
    expect(wang).toEqual(['2026-01-14', '2026-03-05']);
  });
});

// Words that point back to someone the claim does not name. (German "der/die/das" are left out:
// "Das von Wang geleitete Labor" starts with an article, and no word list tells the two apart.)
const PRONOUNS: Readonly<Record<'en' | 'de', readonly string[]>> = {
  en: ['he', 'she', 'it', 'they', 'him', 'her', 'them', 'his', 'its', 'their', 'this', 'that', 'these', 'those'],
  de: ['er', 'sie', 'es', 'ihm', 'ihn', 'ihr', 'ihre', 'ihnen', 'sein', 'seine', 'dies', 'diese', 'dieser', 'dieses'],
};

/** The German text the card shows in German: the quote, "…" where cut, insertions in brackets. */
function shownQuote(claim: Claim): string {
  const view = quoteView(claim);
  const body = view.parts
    .map((p, i) => (p.kind === 'text' ? p.text : `${i > 0 ? ' ' : ''}[${p.text}]${i === 0 ? ' ' : ''}`))
    .join('');
  return `${view.cutStart ? '… ' : ''}${body}${view.cutEnd ? ' …' : ''}`;
}

/** The first word is a bare pronoun, with no bracketed insertion among the first three words to say who. */
function startsWithBarePronoun(text: string, lang: 'en' | 'de'): boolean {
  const words = text
    .replace(/^…\s*/u, '')
    .split(/\s+/u)
    .filter((w) => w !== '');
  const first = (words[0] ?? '').replace(/[^\p{L}]/gu, '').toLowerCase();
  if (words.slice(0, 3).some((w) => w.startsWith('['))) return false;
  return PRONOUNS[lang].includes(first);
}

/** Whether `text` names the entity: its name or an alias as a word (a genitive s or a hyphen may follow). */
function names(text: string, entity: Entity): boolean {
  const forms = [
    { text: entity.name, exact: false },
    ...entity.aliases.map((a) => ({ text: a.text, exact: a.case === 'exact' })),
  ];
  return forms.some((form) => {
    const escaped = form.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?:s|'s|’s)?(?![\\p{L}\\p{N}])`, form.exact ? 'u' : 'iu');
    return pattern.test(text);
  });
}

describe('claims that stand alone', () => {
  const variants = (claim: Claim) =>
    [
      ['en', claim.text.en],
      ['de', claim.text.de],
      ['de', shownQuote(claim)],
    ] as const;

  it('never start with a bare pronoun, in English, in German, or as the quote shown in German', () => {
    const dangling = dataset.claims.flatMap((claim) =>
      variants(claim)
        .filter(([lang, text]) => startsWithBarePronoun(text, lang))
        .map(([lang, text]) => `${claim.id} (${lang}): ${text}`),
    );
    expect(dangling).toEqual([]);
  });

  it('name one of their entities in every text the card can show', () => {
    const nameless = dataset.claims.flatMap((claim) =>
      variants(claim)
        .filter(([, text]) => !claim.entities.some((id) => names(text, entityById.get(id) as Entity)))
        .map(([lang, text]) => `${claim.id} (${lang}): ${text}`),
    );
    expect(nameless).toEqual([]);
  });

  it('the check itself catches a dangling pronoun and a nameless text', () => {
    expect(startsWithBarePronoun('He decided to invest almost everything in AI.', 'en')).toBe(true);
    expect(startsWithBarePronoun('Er entschied, fast alles zu investieren.', 'de')).toBe(true);
    expect(startsWithBarePronoun('Diese Tendenz hat einen Spitznamen.', 'de')).toBe(true);
    expect(startsWithBarePronoun('Das Ergebnis war Konflikt.', 'de')).toBe(false);
    expect(startsWithBarePronoun('… ihm [Wang] die Leitung zu übertragen', 'de')).toBe(false);
    const meta = entityById.get('meta') as Entity;
    expect(names('After less successful attempts at the metaverse, he decided', meta)).toBe(false);
    expect(names('Investoren beobachten Metas Liquidität', meta)).toBe(true);
  });

  it('quote each sentence exactly where it stands: every quote occurs once in the article', () => {
    const text = article.replace(/\s+/gu, ' ');
    const repeated = dataset.claims.filter((c) => text.split(c.quote.replace(/\s+/gu, ' ')).length !== 2);
    expect(repeated.map((c) => c.id)).toEqual([]);
  });
});

describe("attribution in the article's words", () => {
  it("labels the article's own voice plainly, and every unnamed source as unnamed, in both languages", () => {
    for (const claim of dataset.claims) {
      const { kind, label } = claim.attribution;
      if (kind === 'article') expect(label, claim.id).toEqual({ en: 'The article itself', de: 'Der Artikel selbst' });
      if (kind === 'anonymous') {
        expect(label.en, claim.id).toMatch(/\(unnamed\)$/);
        expect(label.de, claim.id).toMatch(/\(ungenannt\)$/);
      }
    }
  });

  it("puts the article's German words for its sources in the German labels", () => {
    const words = dataset.claims
      .filter((c) => c.attribution.kind !== 'article')
      .flatMap((c) => [...c.attribution.label.de.matchAll(/„([^“]+)“/gu)].map((m) => m[1] ?? ''));
    expect(words.length).toBeGreaterThanOrEqual(5);
    // In the article's words, give or take an inflection ("von vielen" → „Viele“).
    for (const phrase of words) expect(article.toLowerCase()).toContain(phrase.toLowerCase());
  });

  it('presents no investor mood as a source: the article describes it in its own voice', () => {
    const investors = dataset.claims.find((c) => c.quote.includes('Liquidität'));
    expect(investors?.attribution.kind).toBe('article');
  });
});

describe('sources', () => {
  const sources = [...dataset.notes, ...dataset.developments].flatMap((n) => n.sources);

  it('say whom they relay in a field of their own, not in the outlet name', () => {
    expect(
      sources.filter((s) => /relaying|republishing|citing|relays/i.test(s.publisher)).map((s) => s.publisher),
    ).toEqual([]);
    const relayed = sources.filter((s) => s.relays === 'Financial Times');
    expect(relayed.length).toBeGreaterThanOrEqual(8);
  });

  it('prefer published pages to staging hosts and personal notes', () => {
    expect(sources.filter((s) => /\/\/staging\.|github\.com/.test(s.url)).map((s) => s.url)).toEqual([]);
  });
});
