import { describe, expect, it, vi } from 'vitest';
import { cardLibrary, libraryFrom, loadRuntime } from '../../../src/content/runtime.ts';
import { BUNDLED_DATASET } from '../../../src/dataset/bundled.ts';
import { storyStart } from '../../../src/dataset/story-start.ts';
import type { Dataset } from '../../../src/dataset/schema.ts';
import {
  BUNDLED_ONLY,
  LIBRARY_KEY,
  loadLibrary,
  parsePublishedLibrary,
  sameStories,
  watchLibrary,
} from '../../../src/shared/library-store.ts';
import type { ChangeListener as ChangeListenerForTest } from '../../../src/shared/settings-store.ts';
import { minimalDataset } from '../dataset/minimal-dataset.ts';

const pack = (importedAt = 5) => ({ dataset: storyStart(minimalDataset()), importedAt });
const noFetch = (): Promise<never> => Promise.reject(new Error('not asked for in this test'));

describe('the content runtime from the published library', () => {
  it('is the bundled dataset as shipped when no pack is imported', () => {
    const library = libraryFrom(BUNDLED_ONLY);
    expect(library.stories.map((s) => [s.id, s.title, s.notesChecked, s.source.writtenAround])).toEqual([
      [BUNDLED_DATASET.id, BUNDLED_DATASET.title, BUNDLED_DATASET.notesChecked, BUNDLED_DATASET.source.writtenAround],
    ]);
    expect(library.entities.map((e) => e.id)).toEqual(BUNDLED_DATASET.entities.map((e) => e.id));
    expect(library.entities.map((e) => e.aliases)).toEqual(BUNDLED_DATASET.entities.map((e) => e.aliases));
    expect(library.matching).toEqual(BUNDLED_DATASET.matching);
  });

  it('merges imported packs with the bundled story, newest first, and marks their entities', async () => {
    const runtime = await loadRuntime({ revision: 7, bundled: true, packs: [pack()] }, noFetch);
    expect(runtime.library.stories.map((s) => s.id)).toEqual(['mini', BUNDLED_DATASET.id]);
    expect(runtime.entityIds).toContain('alice-example');
    expect(runtime.entityIds).toContain('mark-zuckerberg');
    const found = runtime.matcher.find('Alice Example traf Mark Zuckerberg.');
    expect(new Set(found.map((m) => m.entityId))).toEqual(new Set(['alice-example', 'mark-zuckerberg']));
  });

  it('has no entities with every story off, and still scans', async () => {
    const runtime = await loadRuntime({ revision: 8, bundled: false, packs: [] }, noFetch);
    expect(runtime.entityIds).toEqual([]);
    expect(runtime.matcher.find('Mark Zuckerberg')).toEqual([]);
  });

  it('builds once per revision', async () => {
    const published = { revision: 9, bundled: true, packs: [pack()] };
    const first = loadRuntime(published, noFetch);
    expect(loadRuntime(published, noFetch)).toBe(first);
    expect(loadRuntime({ ...published, revision: 10 }, noFetch)).not.toBe(first);
  });
});

describe("the card's library, asked for when the first card opens", () => {
  const start = libraryFrom({ revision: 1, bundled: true, packs: [pack()] });
  const datasets: readonly Dataset[] = [BUNDLED_DATASET, minimalDataset()];

  it('asks once, for every story that is on, and keeps the start order and merged entities', async () => {
    const fetch = vi.fn(async (_ids: readonly string[]) => datasets);
    const cards = cardLibrary(start, fetch);
    expect(cards.ready()).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
    const [a, b] = await Promise.all([cards.load(), cards.load()]);
    expect(a).toBe(b);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toEqual(['mini', BUNDLED_DATASET.id]);
    expect(a.stories.map((s) => s.id)).toEqual(['mini', BUNDLED_DATASET.id]);
    expect(a.stories[1]).toBe(BUNDLED_DATASET);
    // The start part has no roles or summaries; the card's library has them, merged the same way.
    expect('role' in (start.entities.find((e) => e.id === 'alice-example') ?? {})).toBe(false);
    expect(a.entities.map((e) => e.id)).toEqual(start.entities.map((e) => e.id));
    expect(a.entities.find((e) => e.id === 'alice-example')?.role).toEqual(minimalDataset().entities[0]?.role);
    expect(cards.ready()).toBe(a);
  });

  it('fails when a story is missing, and asks again after a failure', async () => {
    const fetch = vi
      .fn<(ids: readonly string[]) => Promise<readonly Dataset[]>>()
      .mockRejectedValueOnce(new Error('no answer'))
      .mockResolvedValueOnce([BUNDLED_DATASET])
      .mockResolvedValueOnce(datasets);
    const cards = cardLibrary(start, fetch);
    await expect(cards.load()).rejects.toThrow('no answer');
    await expect(cards.load()).rejects.toThrow('did not send every story');
    expect(cards.ready()).toBeNull();
    await expect(cards.load()).resolves.toMatchObject({ stories: datasets.slice().reverse() });
    expect(fetch).toHaveBeenCalledTimes(3);
  });
});

describe('the published library in storage', () => {
  it('reads a damaged or missing value as the bundled story alone', async () => {
    expect(parsePublishedLibrary(undefined)).toBe(BUNDLED_ONLY);
    expect(parsePublishedLibrary({ revision: 'x', bundled: true, packs: [] })).toBe(BUNDLED_ONLY);
    expect(parsePublishedLibrary({ revision: 1, bundled: false, packs: [{ dataset: 3 }, pack()] }).packs).toHaveLength(
      1,
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(loadLibrary({ get: () => Promise.reject(new Error('gone')) })).resolves.toBe(BUNDLED_ONLY);
    warn.mockRestore();
    await expect(
      loadLibrary({ get: async () => ({ [LIBRARY_KEY]: { revision: 3, bundled: false, packs: [] } }) }),
    ).resolves.toEqual({
      revision: 3,
      bundled: false,
      packs: [],
    });
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
    for (const l of listeners) l({ [LIBRARY_KEY]: { newValue: { revision: 4, bundled: true, packs: [] } } }, 'local');
    for (const l of listeners) l({ settings: { newValue: {} } }, 'local');
    for (const l of listeners) l({ [LIBRARY_KEY]: { newValue: { revision: 5, bundled: true, packs: [] } } }, 'sync');
    stop.abort();
    expect(listeners.size).toBe(0);
    expect(seen).toEqual([4]);
  });
});

describe('a publication with the same stories', () => {
  it('is told from one that changes them: the republication at a browser start restarts no tab', () => {
    const before = { revision: 1, bundled: true, packs: [pack(5)] };
    expect(sameStories(before, { ...before, revision: 2 })).toBe(true);
    expect(sameStories(BUNDLED_ONLY, { revision: 3, bundled: true, packs: [] })).toBe(true);
    // Switched off, switched on, imported again, another pack added.
    expect(sameStories(before, { ...before, revision: 2, bundled: false })).toBe(false);
    expect(sameStories(before, { revision: 2, bundled: true, packs: [] })).toBe(false);
    expect(sameStories(before, { revision: 2, bundled: true, packs: [pack(6)] })).toBe(false);
    expect(sameStories(before, { revision: 2, bundled: true, packs: [pack(5), pack(7)] })).toBe(false);
  });
});
