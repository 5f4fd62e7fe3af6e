import { describe, expect, it } from 'vitest';
import { BUNDLED_DATASET } from '../../../src/dataset/bundled.ts';
import type { Dataset, Entity } from '../../../src/dataset/index.ts';
import {
  aliasConflicts,
  buildLibrary,
  checkLimits,
  libraryOf,
  mergeEntity,
  orderStories,
} from '../../../src/dataset/library.ts';
import { PACK_LIMITS } from '../../../src/dataset/pack.ts';
import { compileMatcher } from '../../../src/match/index.ts';
import { minimalDataset } from './minimal-dataset.ts';
import { at } from './mini-pack.ts';

function story(id: string, written: string, edit: (d: Dataset) => void = () => undefined): Dataset {
  const d = minimalDataset();
  d.id = id;
  d.source.writtenAround.estimate = written;
  edit(d);
  return d;
}

const alice = (d: Dataset): Entity => at(d.entities);

describe('merging stories by entity id', () => {
  it('gives one entity with the newest name and role and every alias, exclude and context term', () => {
    const older = story('older', '2025-01', (d) => {
      alice(d).aliases.push({ text: 'A. Example', case: 'any', needsContext: false, lang: null });
      alice(d).context = ['Labor', 'Institut'];
    });
    const newer = story('newer', '2026-01', (d) => {
      alice(d).role = { en: 'Director', de: 'Direktorin', asOf: '2026-01' };
      alice(d).aliases.push({ text: 'ALICE EXAMPLE', case: 'any', needsContext: false, lang: null });
      alice(d).excludes = ['Alice Example Street'];
    });
    const library = buildLibrary(
      orderStories([
        { dataset: older, importedAt: 2 },
        { dataset: newer, importedAt: 1 },
      ]),
    );
    expect(library.stories.map((s) => s.id)).toEqual(['newer', 'older']);
    expect(library.entities).toHaveLength(1);
    const merged = at(library.entities);
    expect(merged.role.en).toBe('Director');
    // "ALICE EXAMPLE" (case any) is "Alice Example" again: one alias.
    expect(merged.aliases.map((a) => a.text)).toEqual(['Alice Example', 'A. Example']);
    expect(merged.excludes).toEqual(['Alice Example Street', 'Alice Examples']);
    expect(merged.context).toEqual(['Labor', 'Institut']);
  });

  it('orders stories of the same date by import, newest first', () => {
    const a = story('a', '2025-05');
    const b = story('b', '2025-05');
    expect(
      orderStories([
        { dataset: a, importedAt: 1 },
        { dataset: b, importedAt: 5 },
      ]).map((d) => d.id),
    ).toEqual(['b', 'a']);
  });

  it('keeps entities of different ids apart and merges matching rules', () => {
    const other = story('other', '2025-01', (d) => {
      alice(d).id = 'bob-example';
      d.matching = { citationMarkers: ['et al.'] };
    });
    const library = buildLibrary([story('mini', '2025-02'), other]);
    expect(library.entities.map((e) => e.id)).toEqual(['alice-example', 'bob-example']);
    expect(library.matching).toEqual({ citationMarkers: ['et al.'] });
  });

  it('keeps every page-wide matching rule of every story', () => {
    const a = story('a', '2025-01', (d) => {
      d.matching = { citationMarkers: ['et al.'], distinctionMarkers: ['not to be confused with'] };
    });
    const b = story('b', '2025-02', (d) => {
      d.matching = { distinctionMarkers: ['nicht zu verwechseln mit'], characterVariants: ['馬马'] };
    });
    expect(buildLibrary([b, a]).matching).toEqual({
      citationMarkers: ['et al.'],
      distinctionMarkers: ['nicht zu verwechseln mit', 'not to be confused with'],
      characterVariants: ['馬马'],
    });
  });

  it('marks what the bundled story alone marks when a pack about someone else is on', () => {
    const texts = [
      'Alexandr Wang (not to be confused with Alexander Wang, the fashion designer) leads Meta Superintelligence Labs.',
      'Alexandr Wang (à ne pas confondre avec Alexander Wang le créateur de mode) dirige les laboratoires de Meta.',
      'Wang et al. (2023) proposed a new method; Yann LeCun disagreed.',
      '図灵奖获得者Yann LeCun。马克·扎克伯格和馬克·扎克伯格。',
    ];
    const marks = (library: ReturnType<typeof libraryOf>) => {
      const matcher = compileMatcher(library.entities, library.matching);
      return texts.map((t) => matcher.find(t).map((m) => [m.entityId, t.slice(m.start, m.end)]));
    };
    const alone = marks(libraryOf(BUNDLED_DATASET));
    expect(alone.flat().length).toBeGreaterThan(6);
    expect(marks(buildLibrary([story('mini', '2026-01'), BUNDLED_DATASET]))).toEqual(alone);
  });

  it('leaves optional lists absent when neither story has them', () => {
    const e = alice(minimalDataset());
    expect('namesakes' in mergeEntity(e, e)).toBe(false);
  });
});

describe('alias conflicts', () => {
  it('names the alias, both entities and the pack that has the other one', () => {
    const incoming = story('incoming', '2026-01', (d) => {
      alice(d).id = 'alice-other';
      alice(d).name = 'Alice Other';
    });
    const conflicts = aliasConflicts(incoming, [story('mini', '2025-01')]);
    expect(conflicts).toEqual([
      {
        alias: 'Alice Example',
        entityId: 'alice-other',
        entityName: 'Alice Other',
        otherEntityId: 'alice-example',
        otherName: 'Alice Example',
        otherPacks: ['mini'],
      },
    ]);
  });

  it('sees none between versions of the same entity, or against the pack it replaces', () => {
    expect(aliasConflicts(story('x', '2025'), [story('y', '2025')])).toEqual([]);
    const replaced = story('x', '2025', (d) => void (alice(d).id = 'someone-else'));
    expect(aliasConflicts(story('x', '2025'), [replaced])).toEqual([]);
  });

  it('folds case and separators as the matcher does', () => {
    const incoming = story('incoming', '2026', (d) => {
      alice(d).id = 'zuck';
      alice(d).aliases = [{ text: 'mark-zuckerberg', case: 'any', needsContext: false, lang: null }];
    });
    expect(aliasConflicts(incoming, [BUNDLED_DATASET]).map((c) => c.otherEntityId)).toContain('mark-zuckerberg');
  });

  it('folds apostrophes, soft hyphens and dots exactly as the matcher does', () => {
    const withAlias = (id: string, text: string) =>
      story(id, '2026', (d) => {
        alice(d).id = id;
        alice(d).aliases = [{ text, case: 'any', needsContext: false, lang: null }];
      });
    // The same key for the matcher: a conflict.
    expect(aliasConflicts(withAlias('one', 'O’Brien'), [withAlias('two', "O'Brien")])).toHaveLength(1);
    expect(aliasConflicts(withAlias('one', 'Zucker\u00adberg'), [withAlias('two', 'Zuckerberg')])).toHaveLength(1);
    // Different keys for the matcher: no conflict.
    expect(aliasConflicts(withAlias('one', 'Meta A.I.'), [withAlias('two', 'Meta A I')])).toEqual([]);
  });
});

describe('limits', () => {
  it('allows a pack within the limits', () => {
    expect(checkLimits(story('new', '2025'), [], BUNDLED_DATASET)).toEqual([]);
  });

  it(`refuses a pack beyond ${PACK_LIMITS.maxPacks} packs, but not one that replaces a pack`, () => {
    const full = Array.from({ length: PACK_LIMITS.maxPacks }, (_, i) => story(`p${i}`, '2025'));
    expect(checkLimits(story('new', '2025'), full, BUNDLED_DATASET)[0]?.message).toMatch(/already 50 story packs/);
    expect(checkLimits(story('p3', '2025'), full, BUNDLED_DATASET)).toEqual([]);
  });

  it(`refuses a pack that takes the aliases over ${PACK_LIMITS.maxAliases}`, () => {
    const heavy = story('heavy', '2025', (d) => {
      alice(d).aliases = Array.from({ length: PACK_LIMITS.maxAliases }, (_, i) => ({
        text: `Alice ${i}`,
        case: 'any' as const,
        needsContext: false,
        lang: null,
      }));
    });
    const errors = checkLimits(heavy, [], BUNDLED_DATASET);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'entities', message: expect.stringMatching(/more than the 5000/) });
  });

  it('refuses the bundled story id', () => {
    expect(checkLimits(story(BUNDLED_DATASET.id, '2025'), [], BUNDLED_DATASET)[0]?.path).toBe('id');
  });
});
