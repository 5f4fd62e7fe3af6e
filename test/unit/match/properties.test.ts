import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePrefilterMatcher } from '../../../bench/lib/prefilter-matcher.ts';
import { compileMatcher, type Mention } from '../../../src/match/index.ts';
import { FIXTURE_ENTITIES } from './fixture-entities.ts';

const matcher = compileMatcher(FIXTURE_ENTITIES);
const prefilterMatcher = compilePrefilterMatcher(FIXTURE_ENTITIES);

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
  'Zuckerberg',
  'Mark',
  'Wang',
  'Alexandr',
  'Meta',
  'Llama',
  'LLaMA',
  'FAIR',
  'MSL',
  'Scale',
  'AI',
  'Superintelligence',
  'Labs',
  'Vera',
  'Chan',
  ' ',
  '\u00A0',
  '\n',
  '-',
  '–',
  "'",
  '’',
  's',
  '\u00AD',
  '\u200B',
  '\uFEFF',
  '.',
  ',',
  'é',
  'ß',
  '\uD83D',
  '\uDE00',
  'x',
);
const textish = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join('')),
);

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
    const names = [
      'Mark Zuckerberg',
      'Zuckerberg',
      'Alexandr Wang',
      'Meta Superintelligence Labs',
      'Scale AI',
      'LeCun',
    ];
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
    const safe = fc.string({
      unit: fc.constantFrom(..."bdghijknopqrtuvxyBDGHIJKNOPQRTUVXY0123456789 .,;:!?-–\u00A0\n\u00AD’'äöüéñ".split('')),
      maxLength: 200,
    });
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

describe('word starts', () => {
  // The loop scanner decides most word starts from a table of ASCII unit pairs built from the
  // aliases; the prefilter scanner finds starts another way. Aliases made to hit every kind of
  // table entry: a one-unit alias ("Q"), keys whose second unit is a separator, an apostrophe, a
  // digit or "_", and non-ASCII first and second units.
  const entities = [
    { id: 'q', aliases: [{ text: 'Q', case: 'exact', needsContext: false, lang: null }], excludes: [], context: [] },
    {
      id: 'oneil',
      aliases: [{ text: "O'Neil", case: 'any', needsContext: false, lang: null }],
      excludes: [],
      context: [],
    },
    {
      id: 'a1',
      aliases: [
        { text: 'A-1 Labs', case: 'any', needsContext: false, lang: null },
        { text: 'A1', case: 'exact', needsContext: true, lang: null },
      ],
      excludes: ['A1 Road'],
      context: ['Labs'],
    },
    {
      id: 'r2',
      aliases: [
        { text: 'R2 D2', case: 'any', needsContext: false, lang: null },
        { text: 'Ab_c', case: 'any', needsContext: false, lang: null },
      ],
      excludes: [],
      context: [],
    },
    {
      id: 'ecole',
      aliases: [
        { text: 'École Nova', case: 'any', needsContext: false, lang: null },
        { text: 'Kéa', case: 'any', needsContext: false, lang: null },
      ],
      excludes: [],
      context: [],
    },
  ] as const;
  const loop = compileMatcher(entities);
  const prefilter = compilePrefilterMatcher(entities);
  const units = fc.constantFrom(..."QqOoNnAaRrDdBbCcEeIiLlKk12_'’ -–.\u00AD\u200BÉéSsx".split(''));
  const words = fc.constantFrom(
    "O'Neil",
    'A-1 Labs',
    'A1',
    'R2 D2',
    'Ab_c',
    'École Nova',
    'Kéa',
    'Q',
    'Qs',
    "Q's",
    'A1 Road',
    ' ',
    '. ',
  );

  it('both scanners agree on strings of alias pieces and the units around them', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(units, words), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const scan = loop.scan(text);
        expect(prefilter.scan(text)).toEqual(scan);
        wellFormed(scan.confirmed, text.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds each alias at a word start and not inside a word', () => {
    expect(loop.find("Q and O'Neil met A-1 Labs, R2\u00A0D2 and Ab_c at École Nova.").map((m) => m.entityId)).toEqual([
      'q',
      'oneil',
      'a1',
      'r2',
      'r2',
      'ecole',
    ]);
    expect(loop.find("xQ QQ AQ xO'Neil BA-1 Labs R2D2 Ab_cd LÉcole Nova")).toEqual([]);
    expect(loop.find("Q's")).toEqual([{ entityId: 'q', start: 0, end: 1 }]);
  });
});
