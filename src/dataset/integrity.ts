import { firstDay, lastDay } from './dates.ts';
import { MAX_REPORTED_ERRORS, type DatasetError } from './errors.ts';
import type { Dataset, NoteSource } from './schema.ts';

/** Collapses runs of whitespace (line breaks included) and trims: the only liberty a quote may take. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function duplicates(
  items: readonly { readonly id: string }[],
  collection: string,
  errors: DatasetError[],
): Set<string> {
  const ids = new Set<string>();
  items.forEach((item, index) => {
    if (ids.has(item.id)) errors.push({ path: `${collection}[${index}].id`, message: `duplicate id "${item.id}"` });
    ids.add(item.id);
  });
  return ids;
}

/** The entity ids a claim or development lists, each checked to exist and to appear once. */
function checkEntityRefs(ids: readonly string[], known: Set<string>, at: string, errors: DatasetError[]): void {
  const named = new Set<string>();
  ids.forEach((entityId, e) => {
    if (!known.has(entityId)) {
      errors.push({ path: `${at}.entities[${e}]`, message: `unknown entity "${entityId}"` });
    } else if (named.has(entityId)) {
      errors.push({ path: `${at}.entities[${e}]`, message: `entity "${entityId}" listed twice` });
    }
    named.add(entityId);
  });
}

/** A date may not lie after the date up to which reporting was checked. */
function notAfterChecked(date: string, checked: string, path: string, errors: DatasetError[]): void {
  if (firstDay(date) > lastDay(checked)) {
    errors.push({ path, message: `"${date}" is after notesChecked "${checked}"` });
  }
}

/** A note cannot hold as of a date before a page it cites was published. */
function notBeforeSources(asOf: string, sources: readonly NoteSource[], path: string, errors: DatasetError[]): void {
  sources.forEach((source, s) => {
    // A "last updated" date may lie after the version of the page the note rests on.
    if (source.date === null || source.date.kind === 'updated') return;
    if (lastDay(asOf) < firstDay(source.date.value)) {
      errors.push({ path, message: `"${asOf}" is before its source dated "${source.date.value}" (sources[${s}])` });
    }
  });
}

/**
 * Cross-reference checks the schema cannot express: unique ids, entities that refer to existing
 * entities for evidence, claims that name existing entities, notes that point at existing claims
 * and cite sources (unless nothing was found), dates that fit together (nothing after
 * notesChecked, no note older than what it cites, no development before the article), insertions
 * that sit in their quote, and, when the source text is given, quotes that occur in it verbatim
 * (whitespace normalised).
 * Returns an empty list when all is well.
 */
export function checkDatasetIntegrity(dataset: Dataset, sourceText?: string): DatasetError[] {
  const errors: DatasetError[] = [];
  const entityIds = duplicates(dataset.entities, 'entities', errors);
  const claimIds = duplicates(dataset.claims, 'claims', errors);
  duplicates(dataset.notes, 'notes', errors);

  dataset.entities.forEach((entity, e) => {
    const seen = new Set<string>();
    entity.aliases.forEach((alias, a) => {
      const key = alias.case === 'any' ? alias.text.toLowerCase() : alias.text;
      if (seen.has(key)) {
        errors.push({ path: `entities[${e}].aliases[${a}].text`, message: `duplicate alias "${alias.text}"` });
      }
      seen.add(key);
    });
    for (const field of ['contextEntities', 'pageEntities'] as const) {
      (entity[field] ?? []).forEach((other, i) => {
        if (!entityIds.has(other) || other === entity.id)
          errors.push({ path: `entities[${e}].${field}[${i}]`, message: `unknown or own entity "${other}"` });
      });
    }
  });

  const checked = dataset.notesChecked;
  dataset.entities.forEach((entity, e) => {
    notAfterChecked(entity.role.asOf, checked, `entities[${e}].role.asOf`, errors);
    notAfterChecked(entity.summary.asOf, checked, `entities[${e}].summary.asOf`, errors);
  });

  const source = sourceText === undefined ? undefined : normalizeWhitespace(sourceText);
  dataset.claims.forEach((claim, c) => {
    checkEntityRefs(claim.entities, entityIds, `claims[${c}]`, errors);
    if (source !== undefined && !source.includes(normalizeWhitespace(claim.quote))) {
      errors.push({ path: `claims[${c}].quote`, message: 'this quote is not in the source text' });
    }
    const quote = normalizeWhitespace(claim.quote);
    claim.insertions.forEach((insertion, i) => {
      if (!quote.includes(normalizeWhitespace(insertion.after))) {
        errors.push({ path: `claims[${c}].insertions[${i}].after`, message: 'does not occur in the quote' });
      }
    });
  });

  dataset.notes.forEach((note, n) => {
    if (!claimIds.has(note.claim)) {
      errors.push({ path: `notes[${n}].claim`, message: `unknown claim "${note.claim}"` });
    }
    if (note.verdict !== 'not-found' && note.sources.length === 0) {
      errors.push({ path: `notes[${n}].sources`, message: `a "${note.verdict}" note needs at least one source` });
    }
    notAfterChecked(note.asOf, checked, `notes[${n}].asOf`, errors);
    notBeforeSources(note.asOf, note.sources, `notes[${n}].asOf`, errors);
  });

  duplicates(dataset.developments, 'developments', errors);
  const written = dataset.source.writtenAround.estimate;
  dataset.developments.forEach((development, d) => {
    checkEntityRefs(development.entities, entityIds, `developments[${d}]`, errors);
    notAfterChecked(development.date, checked, `developments[${d}].date`, errors);
    if (written !== null && lastDay(development.date) < firstDay(written)) {
      errors.push({
        path: `developments[${d}].date`,
        message: `"${development.date}" is before the article (written around "${written}")`,
      });
    }
  });

  return errors.slice(0, MAX_REPORTED_ERRORS);
}
