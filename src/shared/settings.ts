/**
 * The settings model: one validator that fills defaults, migrates older shapes and survives
 * garbage. Pure: storage access lives in settings-store.ts.
 */

export const SETTINGS_VERSION = 2;

export type CardLanguage = 'auto' | 'en' | 'de';
export type MarkStyle = 'underline' | 'background' | 'none';

export const CARD_LANGUAGES: readonly CardLanguage[] = ['auto', 'en', 'de'];
export const MARK_STYLES: readonly MarkStyle[] = ['underline', 'background', 'none'];

export interface Settings {
  readonly version: typeof SETTINGS_VERSION;
  /** Master switch. */
  readonly enabled: boolean;
  /** Hostnames where the extension is off. */
  readonly disabledSites: readonly string[];
  readonly language: CardLanguage;
  readonly markStyle: MarkStyle;
  /** Delay before a card opens on hover. */
  readonly hoverDelayMs: number;
  /** Entity ids the user chose not to mark. */
  readonly hiddenEntities: readonly string[];
  /** Mark only the first mention of each entity (dense pages). */
  readonly firstMentionOnly: boolean;
  /** Keep a local history of pages with mentions. */
  readonly history: boolean;
}

/** 350 ms: long enough that sweeping the pointer across text opens nothing, short enough to feel direct. */
export const DEFAULT_HOVER_DELAY_MS = 350;
export const MIN_HOVER_DELAY_MS = 0;
/** Above 3 s a hover card feels broken rather than slow. */
export const MAX_HOVER_DELAY_MS = 3000;
/** A bound so a corrupt or hostile store cannot make every lookup slow. */
export const MAX_LISTED_ITEMS = 5000;
/** Warnings are for a console line, not a log file: say that more were dropped instead. */
const MAX_WARNINGS = 20;

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  version: SETTINGS_VERSION,
  enabled: true,
  disabledSites: Object.freeze([]) as readonly string[],
  language: 'auto',
  markStyle: 'underline',
  hoverDelayMs: DEFAULT_HOVER_DELAY_MS,
  hiddenEntities: Object.freeze([]) as readonly string[],
  firstMentionOnly: false,
  history: true,
});

export interface ParsedSettings {
  readonly settings: Settings;
  /** What was wrong with the stored value and has been replaced by a default. */
  readonly warnings: readonly string[];
  /** True when the stored value differs from `settings` and should be written back. */
  readonly changed: boolean;
}

/** Collects warnings up to a bound. */
class Warnings {
  readonly list: string[] = [];
  private dropped = 0;
  add(text: string): void {
    if (this.list.length < MAX_WARNINGS) this.list.push(text);
    else this.dropped++;
  }
  get count(): number {
    return this.list.length + this.dropped;
  }
  done(): readonly string[] {
    return this.dropped > 0 ? [...this.list, `… and ${this.dropped} more`] : this.list;
  }
}

/** A short description of any value that never throws (BigInt, symbols, proxies, cycles). */
function describe(value: unknown): string {
  try {
    if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
    if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
      return String(value);
    if (Array.isArray(value)) return 'a list';
    return typeof value;
  } catch {
    return 'an unreadable value';
  }
}

/** Reads an own property; a throwing getter or proxy trap gives undefined and a warning. */
function readOwn(record: object, key: string, warnings: Warnings): unknown {
  try {
    if (!Object.prototype.hasOwnProperty.call(record, key)) return undefined;
    return (record as Record<string, unknown>)[key];
  } catch {
    warnings.add(`${key}: unreadable; using the default`);
    return undefined;
  }
}

function stringList(
  value: unknown,
  key: string,
  warnings: Warnings,
  normalise: (s: string) => string | null,
): readonly string[] {
  if (value === undefined) return [];
  try {
    if (!Array.isArray(value)) {
      warnings.add(`${key}: expected a list, got ${describe(value)}; using the default`);
      return [];
    }
    const out = new Set<string>();
    let invalid = 0;
    // Read by index up to the bound: a sparse list with a huge length must not allocate it.
    const length = Math.min(value.length, MAX_LISTED_ITEMS);
    for (let i = 0; i < length; i++) {
      const item: unknown = value[i];
      const clean = typeof item === 'string' ? normalise(item) : null;
      if (clean === null) invalid++;
      else out.add(clean);
    }
    if (invalid > 0) warnings.add(`${key}: dropped ${invalid} invalid ${invalid === 1 ? 'entry' : 'entries'}`);
    if (value.length > MAX_LISTED_ITEMS) warnings.add(`${key}: kept the first ${MAX_LISTED_ITEMS} entries`);
    return Object.freeze([...out]);
  } catch {
    warnings.add(`${key}: unreadable list; using the default`);
    return [];
  }
}

/** Lower-cases a hostname and rejects anything that cannot be one. */
export function normaliseHost(host: string): string | null {
  const h = host.trim().toLowerCase();
  return /^[a-z0-9.-]{1,253}$/.test(h) || /^\[[0-9a-f:.]+\]$/.test(h) ? h : null;
}

function entityId(id: string): string | null {
  return /^[a-z0-9][a-z0-9-]{0,63}$/.test(id) ? id : null;
}

function pick<T>(value: unknown, allowed: readonly T[], fallback: T, key: string, warnings: Warnings): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  warnings.add(`${key}: ${describe(value)} is not one of ${allowed.join(', ')}; using ${String(fallback)}`);
  return fallback;
}

function bool(value: unknown, fallback: boolean, key: string, warnings: Warnings): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  warnings.add(`${key}: expected true or false, got ${describe(value)}; using ${String(fallback)}`);
  return fallback;
}

function delay(value: unknown, warnings: Warnings): number {
  if (value === undefined) return DEFAULT_HOVER_DELAY_MS;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    warnings.add(`hoverDelayMs: expected a number, got ${describe(value)}; using the default`);
    return DEFAULT_HOVER_DELAY_MS;
  }
  const clamped = Math.round(Math.min(MAX_HOVER_DELAY_MS, Math.max(MIN_HOVER_DELAY_MS, value)));
  if (clamped !== value) warnings.add(`hoverDelayMs: ${value} clamped to ${clamped}`);
  return clamped;
}

/**
 * Reads whatever is stored and returns valid, frozen settings. Never throws.
 *
 * Versions: version 1 (the first release) stored `{ enabled }` and possibly `version: 1`; it
 * migrates by filling every other field with its default. A newer version than ours (after a
 * downgrade) is read field by field and is not written back, so its extra fields survive until
 * the user changes a setting.
 */
export function parseSettings(raw: unknown): ParsedSettings {
  const warnings = new Warnings();
  if (raw === undefined || raw === null) {
    return { settings: DEFAULT_SETTINGS, warnings: [], changed: false };
  }
  let isRecord = false;
  try {
    isRecord = typeof raw === 'object' && !Array.isArray(raw);
  } catch {
    // Array.isArray throws on a revoked proxy.
  }
  if (!isRecord) {
    warnings.add(`settings: expected an object, got ${describe(raw)}; using defaults`);
    return { settings: DEFAULT_SETTINGS, warnings: warnings.done(), changed: true };
  }
  const record = raw as object;
  const version = readOwn(record, 'version', warnings);
  const future = typeof version === 'number' && Number.isInteger(version) && version > SETTINGS_VERSION;
  if (version !== undefined && version !== 1 && version !== SETTINGS_VERSION && !future) {
    warnings.add(`settings: unknown version ${describe(version)}; reading the fields that are known`);
  }
  const field = (key: keyof Settings): unknown => readOwn(record, key, warnings);
  const settings: Settings = Object.freeze({
    version: SETTINGS_VERSION,
    enabled: bool(field('enabled'), DEFAULT_SETTINGS.enabled, 'enabled', warnings),
    disabledSites: stringList(field('disabledSites'), 'disabledSites', warnings, normaliseHost),
    language: pick(field('language'), CARD_LANGUAGES, DEFAULT_SETTINGS.language, 'language', warnings),
    markStyle: pick(field('markStyle'), MARK_STYLES, DEFAULT_SETTINGS.markStyle, 'markStyle', warnings),
    hoverDelayMs: delay(field('hoverDelayMs'), warnings),
    hiddenEntities: stringList(field('hiddenEntities'), 'hiddenEntities', warnings, entityId),
    firstMentionOnly: bool(field('firstMentionOnly'), DEFAULT_SETTINGS.firstMentionOnly, 'firstMentionOnly', warnings),
    history: bool(field('history'), DEFAULT_SETTINGS.history, 'history', warnings),
  });
  const changed = !future && (version !== SETTINGS_VERSION || warnings.count > 0);
  return { settings, warnings: warnings.done(), changed };
}

/** Whether the extension should mark pages on this host. */
export function isActiveOn(settings: Settings, host: string): boolean {
  if (!settings.enabled) return false;
  const h = normaliseHost(host);
  return h === null || !settings.disabledSites.includes(h);
}

/** Returns settings with the host switched on or off (unchanged for something that is not a host). */
export function withSite(settings: Settings, host: string, on: boolean): Settings {
  const h = normaliseHost(host);
  if (h === null) return settings;
  const rest = settings.disabledSites.filter((s) => s !== h);
  return { ...settings, disabledSites: on ? rest : [...rest, h].slice(-MAX_LISTED_ITEMS) };
}

/** Returns settings with an entity marked or hidden. */
export function withEntity(settings: Settings, entity: string, marked: boolean): Settings {
  const id = entityId(entity);
  if (id === null) return settings;
  const rest = settings.hiddenEntities.filter((e) => e !== id);
  return { ...settings, hiddenEntities: marked ? rest : [...rest, id] };
}
