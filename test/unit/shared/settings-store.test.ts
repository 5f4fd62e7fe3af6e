import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings.ts';
import {
  SETTINGS_KEY,
  loadSettings,
  updateSettings,
  watchSettings,
  type ChangeListener,
  type SettingsArea,
} from '../../../src/shared/settings-store.ts';

class FakeArea implements SettingsArea {
  data: Record<string, unknown> = {};
  writes = 0;
  failGet = false;
  failSet = false;
  async get(key: string): Promise<Record<string, unknown>> {
    if (this.failGet) throw new Error('storage is broken');
    return key in this.data ? { [key]: structuredClone(this.data[key]) } : {};
  }
  async set(items: Record<string, unknown>): Promise<void> {
    if (this.failSet) throw new Error('quota');
    await new Promise((r) => setTimeout(r, 1));
    this.writes++;
    Object.assign(this.data, structuredClone(items));
  }
}

afterEach(() => vi.restoreAllMocks());

describe('loadSettings', () => {
  it('reads defaults from an empty store and writes nothing', async () => {
    const area = new FakeArea();
    expect(await loadSettings(area, true)).toEqual(DEFAULT_SETTINGS);
    expect(area.writes).toBe(0);
  });

  it('migrates version 1 and writes it back only when asked to repair', async () => {
    const area = new FakeArea();
    area.data[SETTINGS_KEY] = { enabled: false };
    expect((await loadSettings(area)).enabled).toBe(false);
    expect(area.writes).toBe(0);
    await loadSettings(area, true);
    expect(area.writes).toBe(1);
    expect(area.data[SETTINGS_KEY]).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
  });

  it('gives defaults and one console warning for garbage', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const area = new FakeArea();
    area.data[SETTINGS_KEY] = 'garbage';
    expect(await loadSettings(area, true)).toEqual(DEFAULT_SETTINGS);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(area.data[SETTINGS_KEY]).toEqual(DEFAULT_SETTINGS);
  });

  it('gives defaults when storage itself fails, and when it answers with nonsense', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const area = new FakeArea();
    area.failGet = true;
    expect(await loadSettings(area)).toEqual(DEFAULT_SETTINGS);
    expect(warn).toHaveBeenCalled();
    const nonsense: SettingsArea = {
      get: async () => null as unknown as Record<string, unknown>,
      set: async () => undefined,
    };
    expect(await loadSettings(nonsense)).toEqual(DEFAULT_SETTINGS);
  });

  it('does not break when the repaired value cannot be saved', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const area = new FakeArea();
    area.data[SETTINGS_KEY] = { enabled: false };
    area.failSet = true;
    expect((await loadSettings(area, true)).enabled).toBe(false);
  });
});

describe('updateSettings', () => {
  it('applies quick successive changes in order without losing one', async () => {
    const area = new FakeArea();
    await Promise.all([
      updateSettings(area, (s) => ({ ...s, enabled: false })),
      updateSettings(area, (s) => ({ ...s, markStyle: 'background' })),
      updateSettings(area, (s) => ({ ...s, hiddenEntities: [...s.hiddenEntities, 'meta'] })),
    ]);
    const stored = area.data[SETTINGS_KEY] as Settings;
    expect(stored.enabled).toBe(false);
    expect(stored.markStyle).toBe('background');
    expect(stored.hiddenEntities).toEqual(['meta']);
  });

  it('validates what a change returns before storing it', async () => {
    const area = new FakeArea();
    const next = await updateSettings(area, (s) => ({
      ...s,
      hoverDelayMs: -100,
      language: 'xx' as Settings['language'],
    }));
    expect(next.hoverDelayMs).toBe(0);
    expect(next.language).toBe('auto');
    expect(area.data[SETTINGS_KEY]).toEqual(next);
  });

  it('a failed write rejects that change but not the next one', async () => {
    const area = new FakeArea();
    area.failSet = true;
    await expect(updateSettings(area, (s) => ({ ...s, enabled: false }))).rejects.toThrow('quota');
    area.failSet = false;
    expect((await updateSettings(area, (s) => ({ ...s, history: false }))).history).toBe(false);
  });
});

describe('watchSettings', () => {
  function source() {
    const listeners = new Set<ChangeListener>();
    return {
      listeners,
      addListener: (cb: ChangeListener) => listeners.add(cb),
      removeListener: (cb: ChangeListener) => listeners.delete(cb),
      emit: (changes: Record<string, { newValue?: unknown }>, area: string) =>
        listeners.forEach((l) => l(changes, area)),
    };
  }

  it('passes validated settings for local changes of our key only, until aborted', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const s = source();
    const seen: Settings[] = [];
    const controller = new AbortController();
    watchSettings(s, (x) => seen.push(x), controller.signal);
    s.emit({ [SETTINGS_KEY]: { newValue: { version: 2, enabled: false } } }, 'local');
    s.emit({ [SETTINGS_KEY]: { newValue: { version: 2, enabled: true } } }, 'sync');
    s.emit({ other: { newValue: 1 } }, 'local');
    s.emit({ [SETTINGS_KEY]: { newValue: 'garbage' } }, 'local');
    s.emit({ [SETTINGS_KEY]: {} }, 'local');
    expect(seen.map((x) => x.enabled)).toEqual([false, true, true]);
    controller.abort();
    expect(s.listeners.size).toBe(0);
  });

  it('keeps listening when a callback throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const s = source();
    let calls = 0;
    watchSettings(
      s,
      () => {
        calls++;
        throw new Error('bug');
      },
      new AbortController().signal,
    );
    s.emit({ [SETTINGS_KEY]: { newValue: {} } }, 'local');
    s.emit({ [SETTINGS_KEY]: { newValue: {} } }, 'local');
    expect(calls).toBe(2);
    expect(error).toHaveBeenCalledTimes(2);
  });

  it('does not subscribe with an already aborted signal', () => {
    const s = source();
    const controller = new AbortController();
    controller.abort();
    watchSettings(s, () => undefined, controller.signal);
    expect(s.listeners.size).toBe(0);
  });
});
