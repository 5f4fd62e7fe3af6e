import { MAX_REPORTED_ERRORS, type DatasetError } from './errors.ts';
import type { Dataset } from './schema.ts';

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

/**
 * Cross-reference checks the schema cannot express: unique ids, entities that refer to existing
 * entities for evidence, claims that name existing entities, notes that point at existing claims and cite sources (unless nothing was found),
 * and, when the source text is given, quotes that occur in it verbatim (whitespace normalised).
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

  const source = sourceText === undefined ? undefined : normalizeWhitespace(sourceText);
  dataset.claims.forEach((claim, c) => {
    const named = new Set<string>();
    claim.entities.forEach((entityId, e) => {
      if (!entityIds.has(entityId)) {
        errors.push({ path: `claims[${c}].entities[${e}]`, message: `unknown entity "${entityId}"` });
      } else if (named.has(entityId)) {
        errors.push({ path: `claims[${c}].entities[${e}]`, message: `entity "${entityId}" listed twice` });
      }
      named.add(entityId);
    });
    if (source !== undefined && !source.includes(normalizeWhitespace(claim.quote))) {
      errors.push({ path: `claims[${c}].quote`, message: 'quote does not occur in the source text' });
    }
  });

  dataset.notes.forEach((note, n) => {
    if (!claimIds.has(note.claim)) {
      errors.push({ path: `notes[${n}].claim`, message: `unknown claim "${note.claim}"` });
    }
    if (note.verdict !== 'not-found' && note.sources.length === 0) {
      errors.push({ path: `notes[${n}].sources`, message: `a "${note.verdict}" note needs at least one source` });
    }
  });

  return errors.slice(0, MAX_REPORTED_ERRORS);
}
