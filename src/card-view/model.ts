/**
 * Turns the dataset into what one card shows, as an explicit state. Pure: no DOM, no browser;
 * "today" comes in as `now`, so the staleness rule is testable with any clock.
 */
import { lastDay, later } from '../dataset/dates.ts';
import type {
  Claim,
  Dataset,
  DatedText,
  Development,
  Entity,
  LocalizedText,
  Note,
  NoteSource,
  SourceDate,
} from '../dataset/index.ts';
// Straight from the module, not the index: the content script must not pull in the schema.
import { normalizeWhitespace } from '../dataset/integrity.ts';
import { libraryOf, type Library } from '../dataset/library.ts';
import type { CardLang, SourceSummary } from './strings.ts';

/** A text in the card language, or in the other one when it is missing (then `fallback`). */
export interface LocalText {
  readonly text: string;
  readonly lang: CardLang;
  readonly fallback: boolean;
}

/** A text with the date it holds for. */
export interface DatedLocalText extends LocalText {
  readonly asOf: string;
}

export type Verdict = Note['verdict'];
/** The verdicts a claim leads with, before its text. */
export type LeadVerdict = Extract<Verdict, 'contradicted' | 'qualified'>;

export interface NoteSourceView {
  readonly publisher: string;
  /** The outlet whose reporting the page passes on, or null. */
  readonly relays: string | null;
  readonly date: SourceDate | null;
  /** Only http(s) URLs survive; anything else is shown as plain text. */
  readonly url: string | null;
}

export interface NoteView {
  readonly id: string;
  readonly verdict: Verdict;
  readonly text: LocalText;
  readonly asOf: string;
  readonly sources: readonly NoteSourceView[];
}

/** A piece of a quote as shown: the article's words, or an editor's insertion in brackets. */
export interface QuotePart {
  readonly kind: 'text' | 'insertion';
  readonly text: string;
}

export interface QuoteView {
  /** The verbatim quote (whitespace normalised) with the insertions placed in it. */
  readonly parts: readonly QuotePart[];
  /** The quote starts or ends inside a sentence: shown with "…". */
  readonly cutStart: boolean;
  readonly cutEnd: boolean;
}

/** The story (the bundled article or an imported pack) a claim comes from. */
export interface StoryRef {
  /** The dataset's id: the pack's, or the bundled one's. */
  readonly id: string;
  readonly title: LocalText;
  /** Language tag of its quotes. */
  readonly language: string;
  /** When its source was written (YYYY, YYYY-MM or YYYY-MM-DD), if known. */
  readonly writtenAround: string | null;
}

export interface ClaimView {
  readonly id: string;
  /** Where the claim comes from; null where only one story is shown (the source page). */
  readonly story: StoryRef | null;
  readonly text: LocalText;
  /** Verbatim, in the article's language. */
  readonly quote: string;
  readonly quoteView: QuoteView;
  /** The card is in the article's language: the quote itself is the claim's text, with no toggle. */
  readonly showsQuote: boolean;
  readonly attribution: { readonly kind: Claim['attribution']['kind']; readonly label: LocalText };
  readonly kind: Claim['kind'];
  readonly notes: readonly NoteView[];
  /** The gravest verdict among its notes (contradicted, qualified, not found, corroborated); null without notes. */
  readonly verdict: Verdict | null;
  /** Set when the claim is contradicted or qualified: the card says so before the claim's text. */
  readonly leadVerdict: LeadVerdict | null;
}

export interface DevelopmentView {
  readonly id: string;
  readonly date: string;
  readonly text: LocalText;
  readonly sources: readonly NoteSourceView[];
}

export interface EntityView {
  readonly id: string;
  readonly name: string;
  readonly kind: Entity['kind'];
  readonly role: DatedLocalText;
  readonly summary: DatedLocalText;
}

export interface SourceView extends SourceSummary {
  /** Language tag of quotes (the article's language). */
  readonly quoteLang: string;
  /** The date up to which other reporting was searched. */
  readonly notesChecked: string;
}

/** How current the card is: its newest date, and whether that is older than the threshold. */
export interface Freshness {
  readonly newest: string;
  readonly stale: boolean;
}

export type CardState =
  | {
      readonly kind: 'ready';
      readonly entity: EntityView;
      /** Newest story first, each story's claims in its own order. */
      readonly claims: readonly ClaimView[];
      /** The stories with claims about the entity, newest first (a card names them when there are several). */
      readonly stories: readonly StoryRef[];
      readonly developments: readonly DevelopmentView[];
      readonly freshness: Freshness;
      readonly source: SourceView;
    }
  | {
      readonly kind: 'no-claims';
      readonly entity: EntityView;
      readonly developments: readonly DevelopmentView[];
      readonly freshness: Freshness;
      readonly source: SourceView;
    }
  /** `unreachable`: the card's data could not be had from the extension (it was updated or stopped). */
  | { readonly kind: 'error'; readonly reason: 'unknown-entity' | 'unreadable' | 'unreachable' };

/** A card whose newest date is more than this many months before today says it may be out of date. */
export const STALE_AFTER_MONTHS = 6;

const OTHER: Readonly<Record<CardLang, CardLang>> = { en: 'de', de: 'en' };

// Gravest first: what a reader most needs to know about a claim.
const SEVERITY: Readonly<Record<Verdict, number>> = { contradicted: 3, qualified: 2, 'not-found': 1, corroborated: 0 };

/** Picks the card language; a blank entry (possible in an imported pack's future) falls back. */
export function localText(value: LocalizedText, lang: CardLang): LocalText {
  const wanted = value[lang];
  if (typeof wanted === 'string' && wanted.trim() !== '') return { text: wanted, lang, fallback: false };
  const other = OTHER[lang];
  return { text: value[other] ?? '', lang: other, fallback: true };
}

function datedText(value: DatedText, lang: CardLang): DatedLocalText {
  return { ...localText(value, lang), asOf: value.asOf };
}

/** Returns the URL when it is http(s), else null: a dataset must never produce a javascript: link. */
export function safeHttpUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function sourceView(s: NoteSource): NoteSourceView {
  return { publisher: s.publisher, relays: s.relays, date: s.date, url: safeHttpUrl(s.url) };
}

function noteView(note: Note, lang: CardLang): NoteView {
  return {
    id: note.id,
    verdict: note.verdict,
    text: localText(note.text, lang),
    asOf: note.asOf,
    sources: note.sources.map(sourceView),
  };
}

/** The gravest of some verdicts, or null when there are none. */
export function gravestVerdict(verdicts: readonly Verdict[]): Verdict | null {
  return verdicts.reduce<Verdict | null>(
    (worst, v) => (worst === null || SEVERITY[v] > SEVERITY[worst] ? v : worst),
    null,
  );
}

/** The notes of each claim, by claim id. */
export function notesByClaim(dataset: Dataset): ReadonlyMap<string, readonly Note[]> {
  const byClaim = new Map<string, Note[]>();
  for (const note of dataset.notes) byClaim.set(note.claim, [...(byClaim.get(note.claim) ?? []), note]);
  return byClaim;
}

const SENTENCE_END = /[.!?…"“”»«]$/u;

/** The quote with its insertions placed after the text they follow, and where it was cut. */
export function quoteView(claim: Pick<Claim, 'quote' | 'insertions'>): QuoteView {
  const quote = normalizeWhitespace(claim.quote);
  const at = claim.insertions
    .map((insertion, order) => {
      const after = normalizeWhitespace(insertion.after);
      const found = after === '' ? 0 : quote.indexOf(after);
      return { offset: found < 0 ? -1 : found + after.length, text: insertion.text.trim(), order };
    })
    // Validation guarantees every `after` occurs; a stray one is dropped rather than misplaced.
    .filter((i) => i.offset >= 0)
    .sort((a, b) => a.offset - b.offset || a.order - b.order);
  const parts: QuotePart[] = [];
  let from = 0;
  for (const insertion of at) {
    const before = quote.slice(from, insertion.offset);
    if (before !== '') parts.push({ kind: 'text', text: before });
    parts.push({ kind: 'insertion', text: insertion.text });
    from = insertion.offset;
  }
  if (from < quote.length) parts.push({ kind: 'text', text: quote.slice(from) });
  // A quote that starts in lower case or stops without closing punctuation was cut from its sentence.
  const first = quote.charAt(0);
  return {
    parts,
    cutStart: first !== first.toUpperCase(),
    cutEnd: !SENTENCE_END.test(quote),
  };
}

export interface ClaimViewOptions {
  /** Show the verbatim quote as the claim's text (the card in the article's language). */
  readonly quoteAsText: boolean;
}

/** One claim as the card (and the source page) show it. */
export function claimView(
  c: Claim,
  notes: ReadonlyMap<string, readonly Note[]>,
  lang: CardLang,
  options: ClaimViewOptions = { quoteAsText: false },
): ClaimView {
  const noteViews = (notes.get(c.id) ?? []).map((n) => noteView(n, lang));
  const verdict = gravestVerdict(noteViews.map((n) => n.verdict));
  return {
    id: c.id,
    story: null,
    text: localText(c.text, lang),
    quote: c.quote,
    quoteView: quoteView(c),
    showsQuote: options.quoteAsText,
    attribution: { kind: c.attribution.kind, label: localText(c.attribution.label, lang) },
    kind: c.kind,
    notes: noteViews,
    verdict,
    leadVerdict: verdict === 'contradicted' || verdict === 'qualified' ? verdict : null,
  };
}

function developmentView(d: Development, lang: CardLang): DevelopmentView {
  return { id: d.id, date: d.date, text: localText(d.text, lang), sources: d.sources.map(sourceView) };
}

function sourceSummary(dataset: Dataset): SourceView {
  const { source } = dataset;
  return {
    language: source.language,
    quoteLang: source.language,
    writtenAround: source.writtenAround.estimate,
    translatedFrom: source.translationOf?.language ?? null,
    notesChecked: dataset.notesChecked,
  };
}

/** True when `date` (its last day) lies more than STALE_AFTER_MONTHS months before `now` (UTC). */
export function isStale(date: string, now: Date): boolean {
  const end = lastDay(date);
  const months = Math.floor(end / 10_000) * 12 + (Math.floor(end / 100) % 100) - 1 + STALE_AFTER_MONTHS;
  const year = Math.floor(months / 12);
  const month = months % 12;
  // 31 March plus six months is 30 September, not 1 October: the day is capped at the month's length.
  const day = Math.min(end % 100, new Date(Date.UTC(year, month + 1, 0)).getUTCDate());
  return now.getTime() >= Date.UTC(year, month, day + 1);
}

/** The newest of the dates a card shows, and whether it is stale at `now`. */
export function freshness(dates: readonly string[], now: Date): Freshness {
  const [first = '0000-01', ...rest] = dates;
  const newest = rest.reduce(later, first);
  return { newest, stale: isStale(newest, now) };
}

/** Whether the card language is the article's, so quotes need no translation. */
function isArticleLanguage(lang: CardLang, articleLanguage: string): boolean {
  return articleLanguage.toLowerCase().split('-')[0] === lang;
}

function storyRef(dataset: Dataset, lang: CardLang): StoryRef {
  return {
    id: dataset.id,
    title: localText(dataset.title, lang),
    language: dataset.source.language,
    writtenAround: dataset.source.writtenAround.estimate,
  };
}

/**
 * The state of the card for `entityId` in `lang` at `now`, from every story of the library (or
 * one dataset): the entity as merged, the claims of each story that has any, newest story first.
 * Never throws.
 */
export function buildCardState(
  data: Dataset | Library,
  entityId: string,
  lang: CardLang,
  now: Date = new Date(),
): CardState {
  try {
    const library = 'stories' in data ? data : libraryOf(data);
    const entity = library.entities.find((e) => e.id === entityId);
    if (!entity) return { kind: 'error', reason: 'unknown-entity' };
    const entityView: EntityView = {
      id: entity.id,
      name: entity.name,
      kind: entity.kind,
      role: datedText(entity.role, lang),
      summary: datedText(entity.summary, lang),
    };
    const stories: StoryRef[] = [];
    const claims: ClaimView[] = [];
    let sourceStory: Dataset | undefined;
    for (const story of library.stories) {
      const about = story.claims.filter((c) => c.entities.includes(entityId));
      if (about.length === 0) continue;
      sourceStory ??= story;
      const ref = storyRef(story, lang);
      stories.push(ref);
      const notes = notesByClaim(story);
      const options = { quoteAsText: isArticleLanguage(lang, story.source.language) };
      for (const c of about) claims.push({ ...claimView(c, notes, lang, options), story: ref });
    }
    const dataset = sourceStory ?? library.stories.find((s) => s.entities.some((e) => e.id === entityId));
    if (!dataset) return { kind: 'error', reason: 'unknown-entity' };
    const developments = library.stories
      .flatMap((story) => story.developments)
      .filter((d) => d.entities.includes(entityId))
      .sort((a, b) => lastDay(a.date) - lastDay(b.date))
      .map((d) => developmentView(d, lang));
    // The footer shows the date other reporting was checked up to: it is one of the card's dates.
    const dates = [
      dataset.notesChecked,
      entity.role.asOf,
      entity.summary.asOf,
      ...claims.flatMap((c) => c.notes.map((n) => n.asOf)),
      ...developments.map((d) => d.date),
    ];
    const base = {
      entity: entityView,
      developments,
      freshness: freshness(dates, now),
      source: sourceSummary(dataset),
    };
    return claims.length === 0 ? { kind: 'no-claims', ...base } : { kind: 'ready', ...base, claims, stories };
  } catch {
    // A dataset that passed validation should not get here; a card must still never throw into a page.
    return { kind: 'error', reason: 'unreadable' };
  }
}
