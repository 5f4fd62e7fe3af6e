import * as v from 'valibot';
import { checkDatasetIntegrity } from './integrity.ts';
import { formatIssuePath, MAX_REPORTED_ERRORS, type DatasetError } from './errors.ts';
import { toPlainData } from './plain-data.ts';

/**
 * The schema of a Context Cards dataset: the bundled one and every pack a user imports.
 * valibot rather than zod because only the validators used here end up in the content script
 * (a few kB instead of zod's ~50 kB).
 */

/**
 * The only schemaVersion this build understands. Version 2 added the dates (asOf, notesChecked,
 * developments, structured source dates); a version 1 pack has none and is refused with a reason,
 * because a date cannot be made up for it.
 */
export const SCHEMA_VERSION = 2;

// Generous for real content, small enough that a hostile pack cannot make the card render megabytes.
const MAX_ID = 64;
const MAX_SHORT = 200;
const MAX_TEXT = 4_000;

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// Only http(s): a `javascript:` or `data:` URL in an imported pack must never become a link.
const URL_PATTERN = /^https?:\/\/[^\s"'<>\\`]+$/;
const SHA256_PATTERN = /^[0-9a-f]{64}$/;
const LANG_PATTERN = /^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
// An estimate of when something was written: a year, a month or a day.
const ESTIMATE_PATTERN = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;
// The date a text holds for: a month or a day (a year alone is too vague to date a role).
const AS_OF_PATTERN = /^\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?$/;
const MAX_INSERTION = 80;

const nonBlank = <T extends string>(s: T): boolean => s.trim().length > 0;

const text = (max: number) =>
  v.pipe(
    v.string(),
    v.maxLength(max, `must be at most ${max} characters`),
    v.check(nonBlank, 'must not be empty or blank'),
  );

const id = v.pipe(
  v.string(),
  v.maxLength(MAX_ID, `must be at most ${MAX_ID} characters`),
  v.regex(ID_PATTERN, 'must be kebab-case (lower-case letters, digits and single hyphens)'),
);

const url = v.pipe(
  v.string(),
  v.maxLength(2_000, 'must be at most 2000 characters'),
  v.regex(URL_PATTERN, 'must be an http(s) URL without spaces or quotes'),
);

/** A day that exists (no 31 April); months and years pass as they are. */
function realDay(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  if (d === undefined || y === undefined || m === undefined) return true;
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}

/** A year, month or day (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`): what a source page gives. */
const isoDate = v.pipe(
  v.string(),
  v.regex(ESTIMATE_PATTERN, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD'),
  v.check(realDay, 'must be a day that exists'),
);

/** The date a text holds for, to the month or the day. */
const asOf = v.pipe(
  v.string(),
  v.regex(AS_OF_PATTERN, 'must be a date as YYYY-MM or YYYY-MM-DD'),
  v.check(realDay, 'must be a day that exists'),
);

const lang = v.pipe(v.string(), v.regex(LANG_PATTERN, 'must be a language subtag such as "de" or "en"'));

const list = <T extends v.GenericSchema>(item: T, max: number) =>
  v.pipe(v.array(item), v.maxLength(max, `must hold at most ${max} items`));

export const LocalizedTextSchema = v.strictObject({
  en: text(MAX_TEXT),
  de: text(MAX_TEXT),
});

/** A text in both languages and the date it holds for ("as of"). */
export const DatedTextSchema = v.strictObject({
  en: text(MAX_TEXT),
  de: text(MAX_TEXT),
  asOf,
});

export const AliasSchema = v.strictObject({
  text: text(MAX_SHORT),
  /** "any": case-insensitive; "exact": as written or in ALL CAPS; "capitalized": first letter as written, the rest any case. */
  case: v.picklist(['any', 'exact', 'capitalized']),
  /** Ambiguous forms ("Wang", "Meta", "Llama") count only with evidence nearby. */
  needsContext: v.boolean(),
  /** Languages the alias is used in ("Zuck" is not German): it counts only in blocks of these. */
  lang: v.nullable(list(lang, 20)),
  /** A product name whose version number ("Llama 4.x") joins the mention. Absent in older packs: false. */
  versioned: v.optional(v.boolean()),
});

/** Matching fields an older pack may lack: absent means none. */
const optionalList = <T extends v.GenericSchema>(item: T, max: number) => v.optional(list(item, max));

export const EntitySchema = v.strictObject({
  id,
  kind: v.picklist(['person', 'organization', 'product', 'term']),
  name: text(MAX_SHORT),
  role: DatedTextSchema,
  summary: DatedTextSchema,
  aliases: v.pipe(list(AliasSchema, 200), v.minLength(1, 'needs at least one alias')),
  /** Phrases with an alias inside that mean something else ("Meta-Analyse", "FAIR principles"). */
  excludes: list(text(MAX_SHORT), 200),
  /** Other people who share a name ("Randi Zuckerberg"): never this entity, and later bare surnames may be theirs. */
  namesakes: optionalList(text(MAX_SHORT), 200),
  /** Specific terms that show this entity is meant near an ambiguous alias; never generic words such as "AI". */
  context: list(text(MAX_SHORT), 200),
  /** Entities whose unambiguous names count as context near this entity's ambiguous aliases. */
  contextEntities: optionalList(id, 50),
  /** Entities whose unambiguous names anywhere on a page count as evidence for this entity there. */
  pageEntities: optionalList(id, 50),
});

export const MatchingSchema = v.strictObject({
  /** Words that make a person's name an author citation: "et al.", "und Kollegen", "等人". */
  citationMarkers: optionalList(text(MAX_SHORT), 100),
  /** Words that warn against a mix-up of names: "not to be confused with", "nicht zu verwechseln mit". */
  distinctionMarkers: optionalList(text(MAX_SHORT), 100),
  /** Characters written interchangeably in names, each group as one string ("馬马": traditional and simplified). */
  characterVariants: optionalList(text(MAX_SHORT), 200),
});

export const AttributionSchema = v.strictObject({
  /** The article's own voice, a source it names, or sources it leaves unnamed. */
  kind: v.picklist(['article', 'named', 'anonymous']),
  label: LocalizedTextSchema,
});

/**
 * An editor's insertion shown in square brackets inside a quote ("hat er [Zuckerberg]
 * entschieden"), so a quote shown on its own names whom its pronouns mean. The quote itself stays
 * verbatim; `after` is the verbatim text the insertion follows ("" for the very start).
 */
export const InsertionSchema = v.strictObject({
  after: v.pipe(v.string(), v.maxLength(MAX_SHORT, `must be at most ${MAX_SHORT} characters`)),
  text: text(MAX_INSERTION),
});

export const ClaimSchema = v.strictObject({
  id,
  entities: v.pipe(list(id, 50), v.minLength(1, 'needs at least one entity')),
  /** Verbatim from the source text, in the source's language. */
  quote: text(MAX_TEXT),
  insertions: list(InsertionSchema, 10),
  text: LocalizedTextSchema,
  attribution: AttributionSchema,
  kind: v.picklist(['fact', 'reported', 'opinion']),
});

export const SourceDateSchema = v.strictObject({
  value: isoDate,
  /** Where the date comes from: the page's own date line, its URL, or a "last updated" line. */
  kind: v.picklist(['published', 'per-url', 'updated']),
});

export const NoteSourceSchema = v.strictObject({
  /** The outlet whose page is linked. */
  publisher: text(MAX_SHORT),
  /** The outlet whose reporting that page relays, republishes or cites; null for its own. */
  relays: v.nullable(text(MAX_SHORT)),
  /** null when the page shows no date. */
  date: v.nullable(SourceDateSchema),
  url,
});

export const NoteSchema = v.strictObject({
  id,
  claim: id,
  verdict: v.picklist(['corroborated', 'qualified', 'contradicted', 'not-found']),
  text: LocalizedTextSchema,
  /** The date the note holds for: the newest reporting it rests on, or when nothing was found. */
  asOf,
  sources: list(NoteSourceSchema, 50),
});

/** Something that happened after the article, dated, for "what happened next". */
export const DevelopmentSchema = v.strictObject({
  id,
  entities: v.pipe(list(id, 50), v.minLength(1, 'needs at least one entity')),
  date: asOf,
  text: LocalizedTextSchema,
  sources: v.pipe(list(NoteSourceSchema, 20), v.minLength(1, 'needs at least one source')),
});

export const SourceSchema = v.strictObject({
  language: lang,
  file: v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be a plain file name'),
    v.check((s) => !s.startsWith('.'), 'must not start with a dot'),
  ),
  sha256: v.pipe(v.string(), v.regex(SHA256_PATTERN, 'must be 64 lower-case hex digits')),
  // Unknowns stay null: the article names no title, URL or author of its own.
  title: v.nullable(text(MAX_SHORT)),
  url: v.nullable(url),
  author: v.nullable(text(MAX_SHORT)),
  writtenAround: v.strictObject({
    estimate: v.nullable(v.pipe(v.string(), v.regex(ESTIMATE_PATTERN, 'must be YYYY, YYYY-MM or YYYY-MM-DD'))),
    note: LocalizedTextSchema,
  }),
  translationOf: v.nullable(
    v.strictObject({
      language: lang,
      site: text(MAX_SHORT),
      url: v.nullable(url),
    }),
  ),
  description: LocalizedTextSchema,
});

export const DatasetSchema = v.strictObject({
  schemaVersion: v.literal(SCHEMA_VERSION),
  id,
  title: LocalizedTextSchema,
  source: SourceSchema,
  /** Other reporting was searched up to this date; nothing later is reflected in the notes. */
  notesChecked: asOf,
  entities: list(EntitySchema, 1_000),
  /** Rules for every entity's matching; a pack without them gets none. */
  matching: v.optional(MatchingSchema),
  claims: list(ClaimSchema, 10_000),
  notes: list(NoteSchema, 10_000),
  developments: list(DevelopmentSchema, 1_000),
});

export type LocalizedText = v.InferOutput<typeof LocalizedTextSchema>;
export type DatedText = v.InferOutput<typeof DatedTextSchema>;
export type Insertion = v.InferOutput<typeof InsertionSchema>;
export type SourceDate = v.InferOutput<typeof SourceDateSchema>;
export type Development = v.InferOutput<typeof DevelopmentSchema>;
export type Alias = v.InferOutput<typeof AliasSchema>;
export type Entity = v.InferOutput<typeof EntitySchema>;
export type Matching = v.InferOutput<typeof MatchingSchema>;
export type Attribution = v.InferOutput<typeof AttributionSchema>;
export type Claim = v.InferOutput<typeof ClaimSchema>;
export type NoteSource = v.InferOutput<typeof NoteSourceSchema>;
export type Note = v.InferOutput<typeof NoteSchema>;
export type Source = v.InferOutput<typeof SourceSchema>;
export type Dataset = v.InferOutput<typeof DatasetSchema>;
export type { DatasetError };

export type ParseResult = { ok: true; dataset: Dataset } | { ok: false; errors: DatasetError[] };

export interface ParseOptions {
  /** The source text; when given, every quote must occur in it (whitespace normalised). */
  readonly sourceText?: string;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 40)}…"` : `"${value}"`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** Why a pack of another version is refused; version 1 is named, since it is the one in the wild. */
function versionMessage(version: unknown): string {
  if (version === 1) {
    return (
      'unsupported schemaVersion 1: that older format has no dates (asOf on roles, summaries and notes, ' +
      `notesChecked, developments), and this version will not invent them; add them and set schemaVersion to ${SCHEMA_VERSION}`
    );
  }
  return `unsupported schemaVersion ${describe(version)}; this version reads ${SCHEMA_VERSION}`;
}

// Missing date fields say what they are for: "missing required field" alone would not tell an author.
const MISSING_HINTS: Readonly<Record<string, string>> = {
  asOf: 'missing required field: the date this text holds for (asOf, YYYY-MM or YYYY-MM-DD)',
  notesChecked: 'missing required field: the date up to which other reporting was searched (YYYY-MM or YYYY-MM-DD)',
  developments: 'missing required field: what happened after the article (a list, possibly empty)',
};

function issueMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.kind !== 'schema') return issue.message;
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'unknown field';
  if (issue.input === undefined && issue.path !== undefined) {
    const key = issue.path[issue.path.length - 1]?.key;
    return (typeof key === 'string' ? MISSING_HINTS[key] : undefined) ?? 'missing required field';
  }
  return `expected ${issue.expected ?? issue.type}, got ${describe(issue.input)}`;
}

/**
 * Validates untrusted input (the bundled file or a pack a user imports) and returns the typed
 * dataset or readable errors with JSON paths such as `entities[3].aliases[0].case`.
 * Never throws: getters, proxies, cycles, huge or deeply nested input all end as errors.
 */
export function parseDataset(input: unknown, options: ParseOptions = {}): ParseResult {
  try {
    const plain = toPlainData(input);
    if (!plain.ok) return { ok: false, errors: plain.errors };
    const data = plain.value;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return { ok: false, errors: [{ path: '$', message: `expected an object, got ${describe(data)}` }] };
    }
    // Checked first: a pack from another version would otherwise drown in irrelevant errors.
    const version = (data as Record<string, unknown>)['schemaVersion'];
    if (version !== SCHEMA_VERSION) {
      return { ok: false, errors: [{ path: 'schemaVersion', message: versionMessage(version) }] };
    }
    const result = v.safeParse(DatasetSchema, data);
    if (!result.success) {
      const errors = result.issues.slice(0, MAX_REPORTED_ERRORS).map((issue) => ({
        path: formatIssuePath(issue.path?.map((item) => item.key) ?? []),
        message: issueMessage(issue),
      }));
      if (result.issues.length > MAX_REPORTED_ERRORS) {
        errors.push({ path: '$', message: `${result.issues.length - MAX_REPORTED_ERRORS} more errors not shown` });
      }
      return { ok: false, errors };
    }
    const integrity = checkDatasetIntegrity(result.output, options.sourceText);
    if (integrity.length > 0) return { ok: false, errors: integrity };
    return { ok: true, dataset: result.output };
  } catch (error) {
    // Last line of defence; toPlainData should already have caught anything foreign code throws.
    return { ok: false, errors: [{ path: '$', message: `could not be read: ${safeMessage(error)}` }] };
  }
}

function safeMessage(error: unknown): string {
  try {
    return error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
  } catch {
    return 'unknown error';
  }
}
