/**
 * The settings model: one validator that fills defaults, migrates older shapes and survives
 * garbage. Pure: storage access lives in settings-store.ts.
 */

export const SETTINGS_VERSION = 2;

export type CardLanguage = 'auto' | 'en' | 'de';
export type MarkStyle = 'underline' | 'background' | 'none';

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
export const MAX_HOVER_DELAY_MS = 3000;
/** A bound so a corrupt or hostile store cannot make every lookup slow. */
export const MAX_LISTED_ITEMS = 5000;

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function stringList(value: unknown, key: string, warnings: string[], normalise: (s: string) => string | null): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    warnings.push(`${key}: expected a list, got ${typeof value}; using the default`);
    return [];
  }
  const out = new Set<string>();
  for (const item of value.slice(0, MAX_LISTED_ITEMS)) {
    const clean = typeof item === 'string' ? normalise(item) : null;
    if (clean === null) warnings.push(`${key}: dropped an invalid entry`);
    else out.add(clean);
  }
  if (value.length > MAX_LISTED_ITEMS) warnings.push(`${key}: kept the first ${MAX_LISTED_ITEMS} entries`);
  return [...out];
}

/** Lower-cases a hostname and rejects anything that cannot be one. */
export function normaliseHost(host: string): string | null {
  const h = host.trim().toLowerCase();
  return /^[a-z0-9.-]{1,253}$/.test(h) || /^\[[0-9a-f:]+\]$/.test(h) ? h : null;
}

function entityId(id: string): string | null {
  return /^[a-z0-9][a-z0-9-]{0,63}$/.test(id) ? id : null;
}

function pick<T>(value: unknown, allowed: readonly T[], fallback: T, key: string, warnings: string[]): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  warnings.push(`${key}: ${JSON.stringify(value)?.slice(0, 40) ?? typeof value} is not one of ${allowed.join(', ')}; using ${String(fallback)}`);
  return fallback;
}

function bool(value: unknown, fallback: boolean, key: string, warnings: string[]): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  warnings.push(`${key}: expected true or false; using ${String(fallback)}`);
  return fallback;
}

/**
 * Reads whatever is stored and returns valid settings. Version 1 (the first release) stored only
 * `{ enabled }`, with no version field; unknown future versions are read field by field.
 * Never throws.
 */
export function parseSettings(raw: unknown): ParsedSettings {
  const warnings: string[] = [];
  if (raw === undefined || raw === null) {
    return { settings: DEFAULT_SETTINGS, warnings, changed: false };
  }
  if (!isRecord(raw)) {
    warnings.push(`settings: expected an object, got ${Array.isArray(raw) ? 'a list' : typeof raw}; using defaults`);
    return { settings: DEFAULT_SETTINGS, warnings, changed: true };
  }
  try {
    const version = own(raw, 'version');
    if (version !== undefined && version !== 1 && version !== SETTINGS_VERSION) {
      warnings.push(`settings: unknown version ${JSON.stringify(version)?.slice(0, 20) ?? '?'}; reading the fields that are known`);
    }
    const delayRaw = own(raw, 'hoverDelayMs');
    let hoverDelayMs = DEFAULT_HOVER_DELAY_MS;
    if (delayRaw !== undefined) {
      if (typeof delayRaw === 'number' && Number.isFinite(delayRaw)) {
        hoverDelayMs = Math.round(Math.min(MAX_HOVER_DELAY_MS, Math.max(MIN_HOVER_DELAY_MS, delayRaw)));
        if (hoverDelayMs !== delayRaw) warnings.push(`hoverDelayMs: ${delayRaw} clamped to ${hoverDelayMs}`);
      } else {
        warnings.push('hoverDelayMs: expected a number; using the default');
      }
    }
    const settings: Settings = {
      version: SETTINGS_VERSION,
      enabled: bool(own(raw, 'enabled'), DEFAULT_SETTINGS.enabled, 'enabled', warnings),
      disabledSites: stringList(own(raw, 'disabledSites'), 'disabledSites', warnings, normaliseHost),
      language: pick(own(raw, 'language'), ['auto', 'en', 'de'] as const, DEFAULT_SETTINGS.language, 'language', warnings),
      markStyle: pick(own(raw, 'markStyle'), ['underline', 'background', 'none'] as const, DEFAULT_SETTINGS.markStyle, 'markStyle', warnings),
      hoverDelayMs,
      hiddenEntities: stringList(own(raw, 'hiddenEntities'), 'hiddenEntities', warnings, entityId),
      firstMentionOnly: bool(own(raw, 'firstMentionOnly'), DEFAULT_SETTINGS.firstMentionOnly, 'firstMentionOnly', warnings),
      history: bool(own(raw, 'history'), DEFAULT_SETTINGS.history, 'history', warnings),
    };
    const changed = version !== SETTINGS_VERSION || warnings.length > 0;
    return { settings, warnings, changed };
  } catch (error) {
    // A hostile object (throwing getters, proxies) must not break the extension.
    warnings.push(`settings: unreadable (${error instanceof Error ? error.message : 'unknown error'}); using defaults`);
    return { settings: DEFAULT_SETTINGS, warnings, changed: true };
  }
}

/** Whether the extension should mark pages on this host. */
export function isActiveOn(settings: Settings, host: string): boolean {
  if (!settings.enabled) return false;
  const h = normaliseHost(host);
  return h === null || !settings.disabledSites.includes(h);
}

/** Returns settings with the host switched on or off. */
export function withSite(settings: Settings, host: string, on: boolean): Settings {
  const h = normaliseHost(host);
  if (h === null) return settings;
  const rest = settings.disabledSites.filter((s) => s !== h);
  return { ...settings, disabledSites: on ? rest : [...rest, h] };
}
