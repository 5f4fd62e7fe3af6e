// @vitest-environment happy-dom
/**
 * The content script's start: what it reads, when it watches, and what it does with a change that
 * comes while its first reads are on their way.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangeListener } from '../../../src/shared/settings-store.ts';
import type { StoredLibrary } from '../../../src/shared/library-store.ts';

type Items = Record<string, unknown>;

const fake = vi.hoisted(() => {
  const listeners = new Set<ChangeListener>();
  const state = {
    listeners,
    /** Each get waits until the test answers it. */
    gets: [] as { keys: unknown; answer: (items: Items) => void }[],
    stored: [] as StoredLibrary[],
  };
  return state;
});

vi.mock('../../../src/shared/browser.ts', () => ({
  browser: {
    storage: {
      local: {
        get: (keys: unknown) => new Promise<Items>((answer) => fake.gets.push({ keys, answer })),
        set: () => Promise.resolve(),
      },
      onChanged: {
        addListener: (l: ChangeListener) => fake.listeners.add(l),
        removeListener: (l: ChangeListener) => fake.listeners.delete(l),
        hasListener: (l: ChangeListener) => fake.listeners.has(l),
      },
    },
    runtime: {
      id: 'test-extension',
      getURL: (path: string) => `chrome-extension://test-extension/${path}`,
      sendMessage: () => new Promise(() => undefined),
      onMessage: { addListener: () => undefined, removeListener: () => undefined },
    },
  },
}));

// The session's runtime: recorded, and left pending (the marking itself is not this test's matter).
vi.mock('../../../src/content/runtime.ts', () => ({
  runtimeTimings: { compileMs: -1 },
  loadRuntime: (stored: StoredLibrary) => {
    fake.stored.push(stored);
    return new Promise(() => undefined);
  },
}));

const { boot } = await import('../../../src/content/boot.ts');

const library = (revision: number, ids: string[] = []): StoredLibrary => ({
  revision,
  bundled: true,
  packs: ids.map((id, i) => ({ id, importedAt: i + 1 })),
  starts: '[]',
});
const flush = () => new Promise((r) => setTimeout(r, 0));
const change = (key: string, newValue: unknown) => {
  for (const l of fake.listeners) l({ [key]: { newValue } }, 'local');
};
const answer = (key: string, value: unknown) => {
  const get = fake.gets.find((g) => g.keys === key);
  get?.answer(value === undefined ? {} : { [key]: value });
};

let page: AbortController;
beforeEach(() => {
  fake.listeners.clear();
  fake.gets.length = 0;
  fake.stored.length = 0;
  page = new AbortController();
});
afterEach(() => page.abort());

describe('the content script starts', () => {
  it('watching before it reads: a library published meanwhile is the one it marks with', async () => {
    void boot(page.signal);
    await flush();
    expect(fake.listeners.size).toBeGreaterThan(0);
    // Published after the read was asked for, before its (older) answer arrives.
    change('library', library(7, ['new-pack']));
    answer('settings', undefined);
    answer('library', library(6, ['old-pack']));
    await flush();
    expect(fake.stored.map((l) => l.revision)).toEqual([7]);
  });

  it('with the read when it is newer than a change seen meanwhile', async () => {
    void boot(page.signal);
    await flush();
    change('library', library(7, ['a']));
    answer('settings', undefined);
    answer('library', library(8, ['a', 'b']));
    await flush();
    expect(fake.stored.map((l) => l.revision)).toEqual([8]);
  });

  it('with settings changed meanwhile: switched off, it does not mark', async () => {
    void boot(page.signal);
    await flush();
    change('settings', { enabled: false });
    answer('settings', undefined);
    answer('library', library(1));
    await flush();
    expect(fake.stored).toEqual([]);
  });

  it('reads the stored packs as one string and opens them only where it marks', async () => {
    void boot(page.signal);
    await flush();
    answer('settings', { enabled: false });
    const stored = { ...library(3, ['p']), starts: '[not even json' };
    answer('library', stored);
    await flush();
    // Off here: the text is never opened (a damaged one would not even be noticed).
    expect(fake.stored).toEqual([]);
    change('settings', { enabled: true });
    await flush();
    expect(fake.stored).toEqual([stored]);
  });
});

describe('a page back from the back/forward cache', () => {
  it('reads the stories again and follows a change it missed', async () => {
    void boot(page.signal);
    await flush();
    answer('settings', undefined);
    answer('library', library(1));
    await flush();
    expect(fake.stored.map((l) => l.revision)).toEqual([1]);
    fake.gets.length = 0;
    // A page shown normally reads nothing again.
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: false }));
    await flush();
    expect(fake.gets).toEqual([]);
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    await flush();
    answer('settings', undefined);
    answer('library', library(2, ['new-pack']));
    await flush();
    expect(fake.stored.map((l) => l.revision)).toEqual([1, 2]);
  });
});
