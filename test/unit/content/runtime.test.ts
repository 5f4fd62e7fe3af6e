import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { cardLibrary, libraryFrom, loadRuntime } from '../../../src/content/runtime.ts';
import { BUNDLED_DATASET } from '../../../src/dataset/bundled.ts';
import { withDatasets } from '../../../src/dataset/library.ts';
import { storyStart } from '../../../src/dataset/story-start.ts';
import type { Dataset } from '../../../src/dataset/schema.ts';
import {
  BUNDLED_ONLY,
  LIBRARY_KEY,
  loadLibrary,
  openLibrary,
  parseStoredLibrary,
  sameStories,
  storeLibrary,
  watchLibrary,
  type PublishedPack,
} from '../../../src/shared/library-store.ts';
import type { ChangeListener as ChangeListenerForTest } from '../../../src/shared/settings-store.ts';
import { minimalDataset } from '../dataset/minimal-dataset.ts';

const pack = (importedAt = 5) => ({ dataset: storyStart(minimalDataset()), importedAt });
/** As the background stores a library. */
const stored = (revision: number, bundled: boolean, packs: PublishedPack[] = []) =>
  storeLibrary({ revision, bundled, packs });
const noFetch = (): Promise<never> => Promise.reject(new Error('not asked for in this test'));

describe('the content runtime from the published library', () => {
  it('is the bundled dataset as shipped when no pack is imported', () => {
    const library = libraryFrom(openLibrary(BUNDLED_ONLY));
    expect(library.stories.map((s) => [s.id, s.title, s.notesChecked, s.source.writtenAround])).toEqual([
      [BUNDLED_DATASET.id, BUNDLED_DATASET.title, BUNDLED_DATASET.notesChecked, BUNDLED_DATASET.source.writtenAround],
    ]);
    expect(library.entities.map((e) => e.id)).toEqual(BUNDLED_DATASET.entities.map((e) => e.id));
    expect(library.entities.map((e) => e.aliases)).toEqual(BUNDLED_DATASET.entities.map((e) => e.aliases));
    expect(library.matching).toEqual(BUNDLED_DATASET.matching);
  });

  it('merges imported packs with the bundled story, newest first, and marks their entities', async () => {
    const runtime = await loadRuntime(stored(7, true, [pack()]), noFetch);
    expect(runtime.library.stories.map((s) => s.id)).toEqual(['mini', BUNDLED_DATASET.id]);
    expect(runtime.entityIds).toContain('alice-example');
    expect(runtime.entityIds).toContain('mark-zuckerberg');
    const found = runtime.matcher.find('Alice Example traf Mark Zuckerberg.');
    expect(new Set(found.map((m) => m.entityId))).toEqual(new Set(['alice-example', 'mark-zuckerberg']));
  });

  it('has no entities with every story off, and still scans', async () => {
    const runtime = await loadRuntime(stored(8, false), noFetch);
    expect(runtime.entityIds).toEqual([]);
    expect(runtime.matcher.find('Mark Zuckerberg')).toEqual([]);
  });

  it('builds once per revision', async () => {
    const published = stored(9, true, [pack()]);
    const first = loadRuntime(published, noFetch);
    expect(loadRuntime(published, noFetch)).toBe(first);
    expect(loadRuntime({ ...published, revision: 10 }, noFetch)).not.toBe(first);
  });
});

describe("the card's library, asked for when an entity's first card opens", () => {
  const start = libraryFrom({ revision: 1, bundled: true, packs: [pack()] });
  const zuckPack = (): Dataset => {
    const d = minimalDataset();
    d.id = 'zuck-pack';
    const [entity] = d.entities;
    if (entity) entity.id = 'mark-zuckerberg';
    for (const c of d.claims) c.entities = ['mark-zuckerberg'];
    return d;
  };
  const both = libraryFrom({
    revision: 2,
    bundled: true,
    packs: [pack(), { dataset: storyStart(zuckPack()), importedAt: 6 }],
  });

  it('asks once per entity, only for the stories that have it, and keeps the start order and merge', async () => {
    const fetch = vi.fn(async (ids: readonly string[], _entityId: string) =>
      [BUNDLED_DATASET, zuckPack(), minimalDataset()].filter((d) => ids.includes(d.id)),
    );
    const cards = cardLibrary(both, fetch);
    expect(cards.ready('mark-zuckerberg')).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
    const [a, b] = await Promise.all([cards.load('mark-zuckerberg'), cards.load('mark-zuckerberg')]);
    expect(a).toBe(b);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]).toEqual([['zuck-pack', BUNDLED_DATASET.id], 'mark-zuckerberg']);
    expect(a.stories.map((s) => s.id)).toEqual(['zuck-pack', BUNDLED_DATASET.id]);
    // Merged as the start library is, now with roles and summaries.
    expect(a.entities.find((e) => e.id === 'mark-zuckerberg')?.aliases).toEqual(
      both.entities.find((e) => e.id === 'mark-zuckerberg')?.aliases,
    );
    expect(a.entities.find((e) => e.id === 'mark-zuckerberg')?.role).toEqual(zuckPack().entities[0]?.role);
    expect(cards.ready('mark-zuckerberg')).toBe(a);
    const alice = await cards.load('alice-example');
    expect(fetch.mock.calls[1]).toEqual([['mini'], 'alice-example']);
    expect(alice.stories.map((s) => s.id)).toEqual(['mini']);
    expect(await cards.load('mark-zuckerberg')).toBe(a);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('leaves out a story the background no longer has, and asks again after a failure', async () => {
    const fetch = vi
      .fn<(ids: readonly string[], entityId: string) => Promise<readonly Dataset[]>>()
      .mockRejectedValueOnce(new Error('no answer'))
      .mockResolvedValueOnce([BUNDLED_DATASET]);
    const cards = cardLibrary(start, fetch);
    await expect(cards.load('mark-zuckerberg')).rejects.toThrow('no answer');
    expect(cards.ready('mark-zuckerberg')).toBeNull();
    // The pack was removed meanwhile: the bundled story's card still shows.
    const library = await cards.load('mark-zuckerberg');
    expect(library.stories).toEqual([BUNDLED_DATASET]);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('asks nothing for an entity no story has', async () => {
    const fetch = vi.fn(async () => [BUNDLED_DATASET]);
    await expect(cardLibrary(start, fetch).load('nobody')).resolves.toMatchObject({ stories: [], entities: [] });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('the card library of some whole stories (withDatasets)', () => {
  it('keeps the start order, and leaves out a missing story instead of failing every card', () => {
    const start = libraryFrom({ revision: 1, bundled: true, packs: [pack()] });
    expect(withDatasets(start, [BUNDLED_DATASET, minimalDataset()]).stories.map((s) => s.id)).toEqual([
      'mini',
      BUNDLED_DATASET.id,
    ]);
    const withoutPack = withDatasets(start, [BUNDLED_DATASET]);
    expect(withoutPack.stories).toEqual([BUNDLED_DATASET]);
    expect(withoutPack.entities.map((e) => e.id)).toEqual(BUNDLED_DATASET.entities.map((e) => e.id));
    expect(withDatasets(start, []).stories).toEqual([]);
  });
});

describe('the published library in storage', () => {
  it('reads a damaged or missing value as the bundled story alone', async () => {
    expect(parseStoredLibrary(undefined)).toBe(BUNDLED_ONLY);
    expect(parseStoredLibrary({ revision: 'x', bundled: true, packs: [], starts: '[]' })).toBe(BUNDLED_ONLY);
    // An older build's format (the start parts as objects): read as nothing until it is published again.
    expect(parseStoredLibrary({ revision: 1, bundled: false, packs: [pack()] })).toBe(BUNDLED_ONLY);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(loadLibrary({ get: () => Promise.reject(new Error('gone')) })).resolves.toBe(BUNDLED_ONLY);
    warn.mockRestore();
    const value = stored(3, false, [pack()]);
    await expect(loadLibrary({ get: async () => ({ [LIBRARY_KEY]: value }) })).resolves.toEqual(value);
  });

  it('stores the start parts as one text, and opens it to the same stories', () => {
    const published = { revision: 4, bundled: true, packs: [pack(5)] };
    const value = storeLibrary(published);
    expect(typeof value.starts).toBe('string');
    expect(value.packs).toEqual([{ id: 'mini', importedAt: 5 }]);
    expect(openLibrary(structuredClone(value))).toEqual(published);
  });

  it('leaves out a damaged pack with a message, never throws, and the other stories still mark', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const good = pack(5);
    const other = { dataset: { ...storyStart(minimalDataset()), id: 'other' }, importedAt: 6 };
    const value = storeLibrary({ revision: 11, bundled: true, packs: [good, other] });
    const starts = JSON.parse(value.starts) as Record<string, unknown>[];
    // The second pack's entities lost their aliases: the matcher would throw on it.
    const damaged = { ...value, starts: JSON.stringify([starts[0], { ...starts[1], entities: [{ id: 'x' }] }]) };
    expect(openLibrary(damaged).packs.map((p) => p.dataset.id)).toEqual(['mini']);
    expect(debug).toHaveBeenCalledWith(expect.stringContaining('"other" is damaged'));
    const runtime = await loadRuntime(damaged, noFetch);
    expect(runtime.entityIds).toContain('alice-example');
    expect(runtime.entityIds).toContain('mark-zuckerberg');
    // Not JSON, or not the packs it lists: the bundled story alone.
    expect(openLibrary({ ...value, starts: '[{' }).packs).toEqual([]);
    expect(openLibrary({ ...value, starts: '[]' }).packs).toEqual([]);
    fc.assert(
      fc.property(fc.jsonValue(), fc.anything(), (json, any) => {
        for (const starts of [JSON.stringify([json, json]), JSON.stringify([any, json])]) {
          const opened = openLibrary({ ...value, starts });
          expect(opened.packs.every((p) => p.dataset.id === 'mini' || p.dataset.id === 'other')).toBe(true);
          expect(() => libraryFrom(opened)).not.toThrow();
        }
      }),
      { numRuns: 300 },
    );
    debug.mockRestore();
  });

  it('tells a watcher about each publication until it stops watching', () => {
    const listeners = new Set<ChangeListenerForTest>();
    const source = {
      addListener: (l: ChangeListenerForTest) => listeners.add(l),
      removeListener: (l: ChangeListenerForTest) => listeners.delete(l),
    };
    const seen: number[] = [];
    const stop = new AbortController();
    watchLibrary(source, (l) => seen.push(l.revision), stop.signal);
    for (const l of listeners) l({ [LIBRARY_KEY]: { newValue: stored(4, true) } }, 'local');
    for (const l of listeners) l({ settings: { newValue: {} } }, 'local');
    for (const l of listeners) l({ [LIBRARY_KEY]: { newValue: stored(5, true) } }, 'sync');
    stop.abort();
    expect(listeners.size).toBe(0);
    expect(seen).toEqual([4]);
  });
});

describe('a publication with the same stories', () => {
  it('is told from one that changes them: the republication at a browser start restarts no tab', () => {
    const before = stored(1, true, [pack(5)]);
    expect(sameStories(before, { ...before, revision: 2 })).toBe(true);
    expect(sameStories(BUNDLED_ONLY, stored(3, true))).toBe(true);
    // Switched off, switched on, imported again, another pack added.
    expect(sameStories(before, { ...before, revision: 2, bundled: false })).toBe(false);
    expect(sameStories(before, stored(2, true))).toBe(false);
    expect(sameStories(before, stored(2, true, [pack(6)]))).toBe(false);
    expect(sameStories(before, stored(2, true, [pack(5), pack(7)]))).toBe(false);
  });
});
