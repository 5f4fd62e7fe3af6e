/**
 * Turns the dataset into what one card shows, as an explicit state. Pure: no DOM, no browser.
 */
import type { Claim, Dataset, Entity, LocalizedText, Note } from '../dataset/index.ts';
import type { CardLang, SourceSummary } from './strings.ts';

/** A text in the card language, or in the other one when it is missing (then `fallback`). */
export interface LocalText {
  readonly text: string;
  readonly lang: CardLang;
  readonly fallback: boolean;
}

export interface NoteSourceView {
  readonly publisher: string;
  readonly date: string | null;
  /** Only http(s) URLs survive; anything else is shown as plain text. */
  readonly url: string | null;
}

export interface NoteView {
  readonly id: string;
  readonly verdict: Note['verdict'];
  readonly text: LocalText;
  readonly sources: readonly NoteSourceView[];
}

export interface ClaimView {
  readonly id: string;
  readonly text: LocalText;
  /** Verbatim, in the article's language. */
  readonly quote: string;
  readonly attribution: { readonly kind: Claim['attribution']['kind']; readonly label: LocalText };
  readonly kind: Claim['kind'];
  readonly notes: readonly NoteView[];
}

export interface EntityView {
  readonly id: string;
  readonly name: string;
  readonly kind: Entity['kind'];
  readonly role: LocalText;
  readonly summary: LocalText;
}

export interface SourceView extends SourceSummary {
  /** Language tag of quotes (the article's language). */
  readonly quoteLang: string;
}

export type CardState =
  | {
      readonly kind: 'ready';
      readonly entity: EntityView;
      readonly claims: readonly ClaimView[];
      readonly source: SourceView;
    }
  | { readonly kind: 'no-claims'; readonly entity: EntityView; readonly source: SourceView }
  | { readonly kind: 'error'; readonly reason: 'unknown-entity' | 'unreadable' };

const OTHER: Readonly<Record<CardLang, CardLang>> = { en: 'de', de: 'en' };

/** Picks the card language; a blank entry (possible in an imported pack's future) falls back. */
export function localText(value: LocalizedText, lang: CardLang): LocalText {
  const wanted = value[lang];
  if (typeof wanted === 'string' && wanted.trim() !== '') return { text: wanted, lang, fallback: false };
  const other = OTHER[lang];
  return { text: value[other] ?? '', lang: other, fallback: true };
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

function noteView(note: Note, lang: CardLang): NoteView {
  return {
    id: note.id,
    verdict: note.verdict,
    text: localText(note.text, lang),
    sources: note.sources.map((s) => ({ publisher: s.publisher, date: s.date, url: safeHttpUrl(s.url) })),
  };
}

/** The notes of each claim, by claim id. */
export function notesByClaim(dataset: Dataset): ReadonlyMap<string, readonly Note[]> {
  const byClaim = new Map<string, Note[]>();
  for (const note of dataset.notes) byClaim.set(note.claim, [...(byClaim.get(note.claim) ?? []), note]);
  return byClaim;
}

/** One claim as the card (and the source page) show it. */
export function claimView(c: Claim, notes: ReadonlyMap<string, readonly Note[]>, lang: CardLang): ClaimView {
  return {
    id: c.id,
    text: localText(c.text, lang),
    quote: c.quote,
    attribution: { kind: c.attribution.kind, label: localText(c.attribution.label, lang) },
    kind: c.kind,
    notes: (notes.get(c.id) ?? []).map((n) => noteView(n, lang)),
  };
}

function sourceView(dataset: Dataset): SourceView {
  const { source } = dataset;
  return {
    language: source.language,
    quoteLang: source.language,
    writtenAround: source.writtenAround.estimate,
    translatedFrom: source.translationOf?.language ?? null,
  };
}

/** The state of the card for `entityId` in `lang`. Never throws. */
export function buildCardState(dataset: Dataset, entityId: string, lang: CardLang): CardState {
  try {
    const entity = dataset.entities.find((e) => e.id === entityId);
    if (!entity) return { kind: 'error', reason: 'unknown-entity' };
    const entityView: EntityView = {
      id: entity.id,
      name: entity.name,
      kind: entity.kind,
      role: localText(entity.role, lang),
      summary: localText(entity.summary, lang),
    };
    const notes = notesByClaim(dataset);
    const claims = dataset.claims.filter((c) => c.entities.includes(entityId)).map((c) => claimView(c, notes, lang));
    const source = sourceView(dataset);
    return claims.length === 0
      ? { kind: 'no-claims', entity: entityView, source }
      : { kind: 'ready', entity: entityView, claims, source };
  } catch {
    // A dataset that passed validation should not get here; a card must still never throw into a page.
    return { kind: 'error', reason: 'unreadable' };
  }
}
