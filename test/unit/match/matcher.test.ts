import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compileMatcher,
  joinSegments,
  locateOffset,
  type MatchEntity,
  type Mention,
} from '../../../src/match/index.ts';
import { compilePrefilterMatcher } from '../../../bench/lib/prefilter-matcher.ts';
import { MATCH_CASES, unmark } from './cases.ts';
import { FIXTURE_ENTITIES } from './fixture-entities.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const bundledPath = path.join(repoRoot, 'assets/dataset/meta-ai-leadership.json');

function loadBundled(): readonly MatchEntity[] | null {
  if (!existsSync(bundledPath)) return null;
  const parsed: unknown = JSON.parse(readFileSync(bundledPath, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || !('entities' in parsed) || !Array.isArray(parsed.entities))
    return null;
  // Structural: the dataset's entities carry the matcher's fields (validated by the dataset tests).
  return parsed.entities as MatchEntity[];
}

const bundled = loadBundled();
const sources: [string, readonly MatchEntity[] | null, 'prefilter' | 'loop'][] = [
  ['fixture entities', FIXTURE_ENTITIES, 'loop'],
  ['bundled dataset', bundled, 'loop'],
  ['bundled dataset, prefilter scanner', bundled, 'prefilter'],
];

describe('case table', () => {
  it('has at least 150 cases in five languages', () => {
    expect(MATCH_CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(MATCH_CASES.map((c) => c.lang))).toEqual(new Set(['en', 'de', 'fr', 'it', 'es']));
    expect(MATCH_CASES.filter((c) => unmark(c.marked).expected.length === 0).length).toBeGreaterThan(40);
  });

  for (const [name, entities, scanner] of sources) {
    describe.skipIf(entities === null)(name, () => {
      const matcher =
        scanner === 'prefilter' ? compilePrefilterMatcher(entities ?? []) : compileMatcher(entities ?? []);
      it.each(MATCH_CASES.map((c) => [c.lang, c.why ?? '', c.marked] as const))('%s %s: %j', (_lang, _why, marked) => {
        const { text, expected } = unmark(marked);
        expect(matcher.find(text)).toEqual(expected);
      });
    });
  }
  if (bundled === null)
    console.warn('match: assets/dataset/meta-ai-leadership.json is absent; case table ran on fixture entities only');
});

describe('scan', () => {
  const matcher = compileMatcher(FIXTURE_ENTITIES);

  it('defers an ambiguous name without evidence and reports strong ids', () => {
    const scan = matcher.scan('Wang spoke. Zuckerberg listened.'.replace('Zuckerberg listened', 'Later he left'));
    expect(scan.confirmed).toEqual([]);
    expect(scan.deferred).toEqual([{ entityId: 'alexandr-wang', start: 0, end: 4 }]);
    expect(scan.strong).toEqual([]);
  });

  it('confirms an ambiguous name when the block names the entity unambiguously', () => {
    const text = `Wang spoke. ${'Filler words here. '.repeat(20)}Alexandr Wang left.`;
    const scan = matcher.scan(text);
    expect(scan.strong).toEqual(['alexandr-wang']);
    expect(scan.deferred).toEqual([]);
    expect(scan.confirmed.map((m) => text.slice(m.start, m.end))).toEqual(['Wang', 'Alexandr Wang']);
  });

  it('lets a strong mention in another block promote a deferred one (the page engine’s rule)', () => {
    const first = matcher.scan('Wang spoke first.');
    const second = matcher.scan('Then Alexandr Wang answered.');
    const strong = new Set([...first.strong, ...second.strong]);
    expect(first.deferred.filter((m) => strong.has(m.entityId))).toEqual([
      { entityId: 'alexandr-wang', start: 0, end: 4 },
    ]);
  });

  it('does not count an ambiguous confirmed mention as strong evidence', () => {
    const scan = matcher.scan('Wang, the Scale AI founder');
    expect(scan.strong).toEqual(['scale-ai']);
    expect(scan.confirmed.map((m) => m.entityId)).toEqual(['alexandr-wang', 'scale-ai']);
  });

  it('applies an unambiguous alias of another entity at the same span', () => {
    const shared = compileMatcher([
      {
        id: 'a',
        aliases: [{ text: 'Nova', case: 'exact', needsContext: true, lang: null }],
        excludes: [],
        context: [],
      },
      {
        id: 'b',
        aliases: [{ text: 'Nova', case: 'exact', needsContext: false, lang: null }],
        excludes: [],
        context: [],
      },
    ]);
    expect(shared.find('Nova')).toEqual([{ entityId: 'b', start: 0, end: 4 }]);
  });

  it('falls back to a shorter alias when the longer one fails its case rule', () => {
    const nested = compileMatcher([
      {
        id: 'short',
        aliases: [{ text: 'Acme', case: 'any', needsContext: false, lang: null }],
        excludes: [],
        context: [],
      },
      {
        id: 'long',
        aliases: [{ text: 'Acme Labs', case: 'exact', needsContext: false, lang: null }],
        excludes: [],
        context: [],
      },
    ]);
    expect(nested.find('acme labs')).toEqual([{ entityId: 'short', start: 0, end: 4 }]);
    expect(nested.find('Acme Labs')).toEqual([{ entityId: 'long', start: 0, end: 9 }]);
  });

  it('compiles an empty dataset and aliases that fold to nothing', () => {
    expect(compileMatcher([]).find('Zuckerberg')).toEqual([]);
    const blank = compileMatcher([
      {
        id: 'x',
        aliases: [{ text: ' \u00AD ', case: 'any', needsContext: false, lang: null }],
        excludes: [''],
        context: ['', '*'],
      },
    ]);
    expect(blank.find('a b c')).toEqual([]);
  });
});

describe('names split across inline elements', () => {
  const matcher = compileMatcher(FIXTURE_ENTITIES);

  it('finds "Alexandr <a>Wang</a>" in the joined text and maps it back to both nodes', () => {
    const joined = joinSegments(['Today ', 'Alexandr ', 'Wang', ' spoke.']);
    const [mention] = matcher.find(joined.text);
    expect(mention).toEqual({ entityId: 'alexandr-wang', start: 6, end: 19 });
    expect(locateOffset(joined, mention?.start ?? -1, 'start')).toEqual({ segment: 1, offset: 0 });
    expect(locateOffset(joined, mention?.end ?? -1, 'end')).toEqual({ segment: 2, offset: 4 });
  });

  it('maps per-letter spans and boundaries between segments', () => {
    const joined = joinSegments(['Z', 'u', 'c', 'k', 'e', 'r', 'b', 'e', 'r', 'g', '']);
    expect(matcher.find(joined.text)).toEqual([{ entityId: 'mark-zuckerberg', start: 0, end: 10 }]);
    expect(locateOffset(joined, 10, 'end')).toEqual({ segment: 9, offset: 1 });
    expect(locateOffset(joined, 3, 'start')).toEqual({ segment: 3, offset: 0 });
    expect(locateOffset(joined, 3, 'end')).toEqual({ segment: 2, offset: 1 });
    expect(locateOffset(joinSegments([]), 0, 'start')).toEqual({ segment: -1, offset: 0 });
  });
});

describe('scan of text that names nobody', () => {
  // Nearly all text on a page names nobody: such a scan returns one shared, frozen result and
  // allocates nothing. Callers only read a BlockScan; these tests pin that contract.
  const loop = compileMatcher(FIXTURE_ENTITIES);
  const prefilter = compilePrefilterMatcher(FIXTURE_ENTITIES);
  // Plain prose, an empty string, words that start like an alias ("Marketing", "Wander"), an
  // alias in the wrong case ("zuckerberg" is "exact") and an excluded name ("Vera Wang").
  const nameless = [
    'The weather was fine.',
    '',
    'Marketing and Wander, Metadata, LeCunning',
    'zuckerberg',
    'Vera Wang',
    'x\u00ADWang',
  ];

  for (const [name, matcher] of [
    ['loop', loop],
    ['prefilter', prefilter],
  ] as const) {
    it(`${name} scanner: returns the same frozen empty result every time`, () => {
      const first = matcher.scan(nameless[0] ?? '');
      expect(first).toEqual({ confirmed: [], deferred: [], strong: [] });
      for (const text of nameless) expect(matcher.scan(text)).toBe(first);
      expect(Object.isFrozen(first)).toBe(true);
      expect(Object.isFrozen(first.confirmed)).toBe(true);
      expect(Object.isFrozen(first.deferred)).toBe(true);
      expect(Object.isFrozen(first.strong)).toBe(true);
    });

    it(`${name} scanner: the shared empty result cannot be changed by a caller`, () => {
      const empty = matcher.scan('Nothing here.');
      // Casts only to try what the readonly types forbid; ES modules run in strict mode, so writes throw.
      expect(() => (empty.confirmed as Mention[]).push({ entityId: 'x', start: 0, end: 1 })).toThrow(TypeError);
      expect(() => (empty.strong as string[]).push('x')).toThrow(TypeError);
      expect(() => {
        (empty as { confirmed: readonly Mention[] }).confirmed = [];
      }).toThrow(TypeError);
      expect(matcher.scan('Still nothing.')).toEqual({ confirmed: [], deferred: [], strong: [] });
    });

    it(`${name} scanner: a scan that finds a name returns its own result, and empty lists stay empty`, () => {
      const empty = matcher.scan('Nothing here.');
      const found = matcher.scan('Mark Zuckerberg spoke.');
      expect(found).not.toBe(empty);
      expect(found).toEqual({
        confirmed: [{ entityId: 'mark-zuckerberg', start: 0, end: 15 }],
        deferred: [],
        strong: ['mark-zuckerberg'],
      });
      // `find` hands out a fresh array that the caller owns, even for nameless text.
      const mentions = matcher.find('Nothing here.');
      mentions.push({ entityId: 'x', start: 0, end: 1 });
      expect(matcher.find('Nothing here.')).toEqual([]);
      expect(matcher.scan('Nothing here.')).toBe(empty);
    });
  }
});
