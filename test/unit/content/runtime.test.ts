import { describe, expect, it, vi } from 'vitest';
import { libraryFrom, loadRuntime } from '../../../src/content/runtime.ts';
import { BUNDLED_DATASET } from '../../../src/dataset/bundled.ts';
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

const pack = (importedAt = 5) => ({ dataset: minimalDataset(), importedAt });

describe('the content runtime from the published library', () => {
  it('is the bundled dataset as shipped when no pack is imported', () => {
    const library = libraryFrom(BUNDLED_ONLY);
    expect(library.stories).toEqual([BUNDLED_DATASET]);
    expect(library.entities).toBe(BUNDLED_DATASET.entities);
  });

  it('merges imported packs with the bundled story, newest first, and marks their entities', async () => {
    const runtime = await loadRuntime({ revision: 7, bundled: true, packs: [pack()] });
    expect(runtime.library.stories.map((s) => s.id)).toEqual(['mini', BUNDLED_DATASET.id]);
    expect(runtime.entityIds).toContain('alice-example');
    expect(runtime.entityIds).toContain('mark-zuckerberg');
    const found = runtime.matcher.find('Alice Example traf Mark Zuckerberg.');
    expect(new Set(found.map((m) => m.entityId))).toEqual(new Set(['alice-example', 'mark-zuckerberg']));
  });

  it('has no entities with every story off, and still scans', async () => {
    const runtime = await loadRuntime({ revision: 8, bundled: false, packs: [] });
    expect(runtime.entityIds).toEqual([]);
    expect(runtime.matcher.find('Mark Zuckerberg')).toEqual([]);
  });

  it('builds once per revision', async () => {
    const published = { revision: 9, bundled: true, packs: [pack()] };
    const first = loadRuntime(published);
    expect(loadRuntime(published)).toBe(first);
    expect(loadRuntime({ ...published, revision: 10 })).not.toBe(first);
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
