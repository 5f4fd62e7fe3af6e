/**
 * A story pack: one JSON file in the dataset's schema whose `source` also holds the full text of
 * the source (`source.text`), so every quote can be checked against it wherever the pack goes.
 * `parsePackText` is the one validation the extension's import, the `pack check` command and the
 * tests share. Pure and total: any input ends as a pack or as errors with JSON paths.
 */
import type { DatasetError } from './errors.ts';
import { PACK_LIMITS } from './limits.ts';
import { migrate } from './migrations.ts';
import { parseDataset, type Dataset } from './schema.ts';
import { sha256Hex } from './sha256.ts';

export { PACK_LIMITS } from './limits.ts';

export interface Pack {
  readonly dataset: Dataset;
  /** The full text every quote comes from. */
  readonly sourceText: string;
}

export type PackResult = { ok: true; pack: Pack } | { ok: false; errors: DatasetError[] };

const fail = (path: string, message: string): PackResult => ({ ok: false, errors: [{ path, message }] });

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The UTF-8 length of a text, without allocating its bytes. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** Validates parsed JSON as a pack: migration, schema, integrity, the source text and its hash. */
export function parsePack(data: unknown): PackResult {
  try {
    if (!isRecord(data)) return fail('$', 'a story pack is a JSON object (it starts with "{")');
    const source = data['source'];
    if (!isRecord(source)) return fail('source', 'missing: the source this pack quotes, with its full text');
    const sourceText = source['text'];
    if (typeof sourceText !== 'string') {
      return fail('source.text', 'missing: the full text of the source, which every quote must come from');
    }
    if (sourceText.trim() === '') return fail('source.text', 'the source text is empty');
    if (sourceText.length > PACK_LIMITS.maxSourceChars) {
      return fail('source.text', `the source text is longer than ${PACK_LIMITS.maxSourceChars} characters`);
    }
    const { text: _text, ...rest } = source;
    const migrated = migrate({ ...data, source: rest });
    if (!migrated.ok) return fail('schemaVersion', migrated.message);
    const parsed = parseDataset(migrated.data, { sourceText });
    if (!parsed.ok) return parsed;
    const rules = packRules(parsed.dataset);
    if (rules.length > 0) return { ok: false, errors: rules };
    const hash = sha256Hex(sourceText);
    if (parsed.dataset.source.sha256 !== hash) {
      return fail('source.sha256', `does not match the source text (its SHA-256 is ${hash})`);
    }
    return { ok: true, pack: { dataset: parsed.dataset, sourceText } };
  } catch {
    return fail('$', 'could not be read');
  }
}

/** What a pack must hold to be worth importing: entities, and for each a claim its source makes. */
function packRules(dataset: Dataset): DatasetError[] {
  if (dataset.entities.length === 0) {
    return [{ path: 'entities', message: 'a story pack needs at least one entity, or it marks nothing' }];
  }
  const claimed = new Set(dataset.claims.flatMap((c) => c.entities));
  return dataset.entities.flatMap((entity, e) =>
    claimed.has(entity.id)
      ? []
      : [
          {
            path: `entities[${e}]`,
            message: `no claim is about "${entity.id}": every entity needs one from the source`,
          },
        ],
  );
}

/** Parses the text of a pack file: size first (a huge file costs nothing), then JSON, then the pack. */
export function parsePackText(text: string): PackResult {
  if (typeof text !== 'string') return fail('$', 'expected the text of a JSON file');
  if (text.length > PACK_LIMITS.maxBytes || utf8Length(text) > PACK_LIMITS.maxBytes) {
    return fail('$', `the file is larger than ${PACK_LIMITS.maxBytes / 1024 / 1024} MB`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message.slice(0, 200) : 'unreadable';
    return fail('$', `this file is not valid JSON: ${detail}`);
  }
  return parsePack(data);
}

/**
 * The pack as a file: the dataset with its source text back inside `source`, written compactly.
 * Never longer than any file it was read from: the schema allows only known fields, and
 * `JSON.stringify` writes every string with the fewest escapes and no white space. So a pack
 * that was accepted always exports (and imports again, as Undo does) within `PACK_LIMITS.maxBytes`.
 */
export function packToJson(pack: Pack): string {
  const { dataset, sourceText } = pack;
  return JSON.stringify({ ...dataset, source: { ...dataset.source, text: sourceText } });
}

/** Errors as an author reads them: `claims[3].quote: this quote is not in the source text`. */
export function formatErrors(errors: readonly DatasetError[]): string[] {
  return errors.map((e) => `${e.path}: ${e.message}`);
}
