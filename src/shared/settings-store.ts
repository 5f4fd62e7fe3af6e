/** Settings in `browser.storage.local`, always read through the validator. */
import { parseSettings, type Settings } from './settings.ts';

export const SETTINGS_KEY = 'settings';

/** The slice of `storage.local` we use; tests pass a fake. */
export interface SettingsArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface ChangeSource {
  addListener(cb: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void;
  removeListener(cb: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void;
}

/**
 * Loads settings; corrupt values give defaults and a console warning. A migrated or repaired
 * value is written back only when `repair` is set (the background does this once at start-up),
 * so that content scripts never race each other writing.
 */
export async function loadSettings(area: SettingsArea, repair = false): Promise<Settings> {
  let raw: unknown;
  try {
    raw = (await area.get(SETTINGS_KEY))[SETTINGS_KEY];
  } catch (error) {
    console.warn('[Context Cards] settings could not be read; using defaults', error);
    return parseSettings(undefined).settings;
  }
  const parsed = parseSettings(raw);
  if (parsed.warnings.length > 0) console.warn('[Context Cards] settings repaired:', parsed.warnings.join('; '));
  if (repair && parsed.changed) {
    try {
      await area.set({ [SETTINGS_KEY]: parsed.settings });
    } catch (error) {
      console.warn('[Context Cards] repaired settings could not be saved', error);
    }
  }
  return parsed.settings;
}

/** Applies `change` to the current settings and stores the result. */
export async function updateSettings(area: SettingsArea, change: (s: Settings) => Settings): Promise<Settings> {
  const next = change(await loadSettings(area));
  await area.set({ [SETTINGS_KEY]: next });
  return next;
}

/** Calls `cb` with validated settings whenever they change, until `signal` aborts. */
export function watchSettings(source: ChangeSource, cb: (s: Settings) => void, signal: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    const change = changes[SETTINGS_KEY];
    if (area !== 'local' || change === undefined) return;
    cb(parseSettings(change.newValue).settings);
  };
  source.addListener(listener);
  signal.addEventListener('abort', () => source.removeListener(listener), { once: true });
}
