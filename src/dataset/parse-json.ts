import { parseDataset, type ParseOptions, type ParseResult } from './schema.ts';

/** Larger than any sensible pack; checked before JSON.parse so a huge file costs nothing. */
export const MAX_JSON_LENGTH = 5_000_000;

/**
 * Parses and validates the text of a pack a user imports. Never throws: oversized text and
 * malformed JSON come back as errors like every other problem.
 */
export function parseDatasetJson(text: string, options: ParseOptions = {}): ParseResult {
  if (typeof text !== 'string') return { ok: false, errors: [{ path: '$', message: 'expected JSON text' }] };
  if (text.length > MAX_JSON_LENGTH) {
    return { ok: false, errors: [{ path: '$', message: `file larger than ${MAX_JSON_LENGTH} characters` }] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message.slice(0, 200) : 'unreadable';
    return { ok: false, errors: [{ path: '$', message: `not valid JSON: ${detail}` }] };
  }
  return parseDataset(data, options);
}
