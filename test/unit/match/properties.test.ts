import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMatcher, type Mention } from '../../../src/match/index.ts';
import { FIXTURE_ENTITIES } from './fixture-entities.ts';

const matcher = compileMatcher(FIXTURE_ENTITIES);
const prefilterMatcher = compileMatcher(FIXTURE_ENTITIES, { scanner: 'prefilter' });

function wellFormed(mentions: readonly Mention[], length: number): void {
  let last = 0;
  for (const m of mentions) {
    expect(m.start).toBeGreaterThanOrEqual(last);
    expect(m.end).toBeGreaterThan(m.start);
    expect(m.end).toBeLessThanOrEqual(length);
    last = m.end;
  }
}

// Strings built from pieces of names, separators and the awkward characters pages contain.
const pieces = fc.constantFrom(
  'Zuckerberg', 'Mark', 'Wang', 'Alexandr', 'Meta', 'Llama', 'LLaMA', 'FAIR', 'MSL', 'Scale', 'AI', 'Superintelligence', 'Labs',
  'Vera', 'Chan', ' ', '\u00A0', '\n', '-', '–', "'", '’', 's', '\u00AD', '\u200B', '\uFEFF', '.', ',', 'é', 'ß', '\uD83D', '\uDE00', 'x',
);
const textish = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join('')));

const IGNORABLES = ['\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];

describe('matcher properties', () => {
  it('never throws; mentions are sorted, non-overlapping and within bounds', () => {
    fc.assert(
      fc.property(fc.oneof(textish, fc.string({ unit: 'binary', maxLength: 80 })), (text) => {
        const scan = matcher.scan(text);
        wellFormed(scan.confirmed, text.length);
        wellFormed(scan.deferred, text.length);
        wellFormed(matcher.find(text), text.length);
        // Both scanners are the same matcher: they must agree on every string.
        expect(prefilterMatcher.scan(text)).toEqual(scan);
        const all = [...scan.confirmed, ...scan.deferred].sort((a, b) => a.start - b.start);
        wellFormed(all, text.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds a name with ignorables inserted, at offsets that cover the original characters', () => {
    const names = ['Mark Zuckerberg', 'Zuckerberg', 'Alexandr Wang', 'Meta Superintelligence Labs', 'Scale AI', 'LeCun'];
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...IGNORABLES)), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('', 'Today ', '»', '(', 'In Berlin, '),
        fc.constantFrom('', ' said.', '’s plan', 's Plan', '!'),
        (name, inserts, before, after) => {
          let withMarks = name;
          for (const [at, mark] of inserts) {
            // Inside the name only: between its first and last character.
            const pos = 1 + (at % Math.max(1, withMarks.length - 1));
            withMarks = withMarks.slice(0, pos) + mark + withMarks.slice(pos);
          }
          const text = before + withMarks + after;
          const plain = matcher.find(before + name + after);
          const found = matcher.find(text);
          expect(found).toHaveLength(1);
          expect(found[0]?.entityId).toBe(plain[0]?.entityId);
          expect(found[0]?.start).toBe(before.length);
          expect(found[0]?.end).toBe(before.length + withMarks.length);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('finds nothing in text without any alias', () => {
    // Letters that cannot spell an alias of the fixtures' first letters' words.
    const safe = fc.string({ unit: fc.constantFrom(...'bdghijknopqrtuvxyBDGHIJKNOPQRTUVXY0123456789 .,;:!?-–\u00A0\n\u00AD’\'äöüéñ'.split('')), maxLength: 200 });
    fc.assert(
      fc.property(safe, (text) => {
        const scan = matcher.scan(text);
        expect(scan.confirmed).toEqual([]);
        expect(scan.deferred).toEqual([]);
        expect(scan.strong).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps offsets into the original text for names surrounded by astral characters', () => {
    const text = '😀 Zuckerberg 😀 Mark\u00A0Zuckerberg';
    expect(matcher.find(text).map((m) => text.slice(m.start, m.end))).toEqual(['Zuckerberg', 'Mark\u00A0Zuckerberg']);
  });
});
