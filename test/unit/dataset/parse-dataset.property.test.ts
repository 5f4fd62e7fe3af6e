import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDataset, parseDatasetJson, type ParseResult } from '../../../src/dataset/index.ts';
import { minimalDataset } from './minimal-dataset.ts';

function expectWellFormed(result: ParseResult): void {
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) {
    expect(typeof error.path).toBe('string');
    expect(typeof error.message).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
  }
}

const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'schemaVersion',
  'id',
  'entities',
  'claims',
);

describe('parseDataset never throws', () => {
  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseDataset(value);
        expectWellFormed(result);
        // Arbitrary JSON is never a complete dataset.
        expect(result.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('on arbitrary JSON text, including text that is not JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => expectWellFormed(parseDatasetJson(text))),
      { numRuns: 300 },
    );
  });

  it('on arbitrary JavaScript values, prototype-named keys included', () => {
    fc.assert(
      fc.property(
        fc.anything({
          key: fc.oneof(fc.string(), hostileKey),
          withMap: true,
          withSet: true,
          withBigInt: true,
          withDate: true,
          withTypedArray: true,
          withSparseArray: true,
        }),
        (value) => {
          expectWellFormed(parseDataset(value));
          expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('on a valid dataset with one value anywhere replaced by arbitrary JSON', () => {
    // Collect every path once so the property can aim at any of them.
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]): void => {
      paths.push(path);
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
      else if (value !== null && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    };
    walk(minimalDataset(), []);

    fc.assert(
      fc.property(fc.integer({ min: 1, max: paths.length - 1 }), fc.jsonValue(), (index, replacement) => {
        const data = minimalDataset() as unknown as Record<string | number, unknown>;
        const path = paths[index] ?? [];
        const last = path[path.length - 1] ?? 'id';
        let node = data;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
        const original = node[last];
        node[last] = replacement;
        const result = parseDataset(data);
        expectWellFormed(result);
        if (JSON.stringify(original) === JSON.stringify(replacement)) {
          expect(result.ok).toBe(true);
        } else if (!result.ok) {
          // Errors land at the edited place or where something refers to it, never elsewhere.
          const top = String(path[0]);
          const allowed = [top, '$', ...(top === 'entities' ? ['claims'] : top === 'claims' ? ['notes'] : [])];
          for (const error of result.errors) {
            expect(
              allowed.some((prefix) => error.path.startsWith(prefix)),
              error.path,
            ).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
