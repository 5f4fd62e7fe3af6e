/** Settings in `browser.storage.local`, always read through the validator. */
import { parseSettings, type Settings } from './settings.ts';

export const SETTINGS_KEY = 'settings';

/** The slice of `storage.local` we use; tests pass a fake. */
export interface SettingsArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export type ChangeListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

export interface ChangeSource {
  addListener(cb: ChangeListener): void;
  removeListener(cb: ChangeListener): void;
}

const PREFIX = '[Context Cards]';

/**
 * Loads settings; corrupt values give defaults and a console warning. A migrated or repaired
 * value is written back only when `repair` is set (the background does this once at start-up),
 * so that content scripts never race each other writing.
 */
export async function loadSettings(area: SettingsArea, repair = false): Promise<Settings> {
  let raw: unknown;
  try {
    const items: unknown = await area.get(SETTINGS_KEY);
    raw = typeof items === 'object' && items !== null ? (items as Record<string, unknown>)[SETTINGS_KEY] : undefined;
  } catch (error) {
    console.warn(`${PREFIX} settings could not be read; using defaults`, error);
    return parseSettings(undefined).settings;
  }
  const parsed = parseSettings(raw);
  if (parsed.warnings.length > 0) console.warn(`${PREFIX} settings repaired:`, parsed.warnings.join('; '));
  if (repair && parsed.changed) {
    try {
      await area.set({ [SETTINGS_KEY]: parsed.settings });
    } catch (error) {
      console.warn(`${PREFIX} repaired settings could not be saved`, error);
    }
  }
  return parsed.settings;
}

/** Writes queued per area: two quick clicks in one context must not lose the first change. */
const queues = new WeakMap<SettingsArea, Promise<unknown>>();

/**
 * Applies `change` to the current settings and stores the result (validated again, so a buggy
 * change cannot store garbage). Changes from one context are applied in order.
 */
export function updateSettings(area: SettingsArea, change: (s: Settings) => Settings): Promise<Settings> {
  const previous = queues.get(area) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      const settings = parseSettings(change(await loadSettings(area))).settings;
      await area.set({ [SETTINGS_KEY]: settings });
      return settings;
    });
  queues.set(area, next);
  return next;
}

/** Calls `cb` with validated settings whenever they change, until `signal` aborts. */
export function watchSettings(source: ChangeSource, cb: (s: Settings) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const listener: ChangeListener = (changes, area) => {
    if (area !== 'local' || typeof changes !== 'object' || changes === null) return;
    const change = changes[SETTINGS_KEY];
    if (change === undefined) return;
    const parsed = parseSettings(change.newValue);
    if (parsed.warnings.length > 0) console.warn(`${PREFIX} settings repaired:`, parsed.warnings.join('; '));
    try {
      cb(parsed.settings);
    } catch (error) {
      console.error(`${PREFIX} settings listener failed`, error);
    }
  };
  source.addListener(listener);
  signal.addEventListener('abort', () => source.removeListener(listener), { once: true });
}
