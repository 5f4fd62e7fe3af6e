import type { Dataset } from '../../../src/dataset/index.ts';
import { PACK_LIMITS, utf8Length } from '../../../src/dataset/pack.ts';
import { miniPackObject } from '../dataset/mini-pack.ts';
import { MINI_SOURCE } from '../dataset/minimal-dataset.ts';

/**
 * A valid pack file just under the size limit (`PACK_LIMITS.maxBytes`), written compactly: a long
 * source text and thousands of claims, so that any growth on the way out (pretty printing) goes
 * over the limit.
 */
export function bigPackText(room = 2_000): string {
  const source = `${MINI_SOURCE} ${'x'.repeat(2_500_000)}`;
  const withClaims = (n: number): string =>
    JSON.stringify(
      miniPackObject((d: Dataset) => {
        const [first] = d.claims;
        if (first === undefined) throw new Error('the mini pack has a claim');
        d.claims = Array.from({ length: n }, (_, i) => ({
          ...structuredClone(first),
          id: `c${String(i).padStart(6, '0')}-alice`,
        }));
        d.notes = [];
      }, source),
    );
  const one = utf8Length(withClaims(2)) - utf8Length(withClaims(1));
  const base = utf8Length(withClaims(1));
  const text = withClaims(1 + Math.floor((PACK_LIMITS.maxBytes - room - base) / one));
  if (utf8Length(text) > PACK_LIMITS.maxBytes) throw new Error('the big pack is too big');
  return text;
}
