/**
 * The stories a content script marks, as the background publishes them in `storage.local` after
 * every change to the packs: the imported packs that are on (validated at import), each only by
 * its start part (`dataset/story-start.ts`: entities and matching rules, no claims, notes or source
 * text), and whether the bundled story is on. Content scripts only read it: one key, read beside
 * the settings, so a page pays for the entities it matches and not for the packs' cards, which
 * come from the background when a card opens (`library/stories`).
 */
import type { StoryStart } from '../dataset/story-start.ts';
import type { ChangeSource, ChangeListener, SettingsArea } from './settings-store.ts';

export const LIBRARY_KEY = 'library';

export interface PublishedPack {
  /** The pack's start part. */
  readonly dataset: StoryStart;
  /** When it was imported (ms): the tie-break between stories of the same date. */
  readonly importedAt: number;
}

export interface PublishedLibrary {
  /** Changes with every publication: a content script rebuilds its matcher only for a new one. */
  readonly revision: number;
  readonly bundled: boolean;
  readonly packs: readonly PublishedPack[];
}

/** Nothing published yet (a fresh install): the bundled story alone. */
export const BUNDLED_ONLY: PublishedLibrary = { revision: 0, bundled: true, packs: [] };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A cheap check of the shape: only the background writes this key, after validating every pack
 * in full; this guards against a damaged store, not against a page (pages cannot write it).
 */
export function parsePublishedLibrary(raw: unknown): PublishedLibrary {
  if (!isRecord(raw)) return BUNDLED_ONLY;
  const { revision, bundled, packs } = raw;
  if (typeof revision !== 'number' || typeof bundled !== 'boolean' || !Array.isArray(packs)) return BUNDLED_ONLY;
  const valid = packs.filter(
    (p): p is PublishedPack =>
      isRecord(p) &&
      typeof p['importedAt'] === 'number' &&
      isRecord(p['dataset']) &&
      typeof p['dataset']['id'] === 'string' &&
      Array.isArray(p['dataset']['entities']),
  );
  return { revision, bundled, packs: valid };
}

export async function loadLibrary(area: Pick<SettingsArea, 'get'>): Promise<PublishedLibrary> {
  try {
    const items: unknown = await area.get(LIBRARY_KEY);
    return parsePublishedLibrary(isRecord(items) ? items[LIBRARY_KEY] : undefined);
  } catch (error) {
    console.warn('[Context Cards] story packs could not be read; using the bundled story', error);
    return BUNDLED_ONLY;
  }
}

/**
 * Whether two publications hold the same stories: the bundled one on or off alike, and the same
 * packs (an imported pack never changes; importing it again gives it a new time). The background
 * publishes again at every browser start, with a new revision and the same stories: open tabs
 * must not restart their marks and close an open card for that.
 */
export function sameStories(a: PublishedLibrary, b: PublishedLibrary): boolean {
  return (
    a.bundled === b.bundled &&
    a.packs.length === b.packs.length &&
    a.packs.every((p, i) => p.dataset.id === b.packs[i]?.dataset.id && p.importedAt === b.packs[i]?.importedAt)
  );
}

/** Calls `cb` whenever the background publishes a new library, until `signal` aborts. */
export function watchLibrary(source: ChangeSource, cb: (l: PublishedLibrary) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const listener: ChangeListener = (changes, area) => {
    if (area !== 'local' || !isRecord(changes)) return;
    const change = changes[LIBRARY_KEY];
    if (change === undefined) return;
    try {
      cb(parsePublishedLibrary(change.newValue));
    } catch (error) {
      console.error('[Context Cards] story pack listener failed', error);
    }
  };
  source.addListener(listener);
  signal.addEventListener('abort', () => source.removeListener(listener), { once: true });
}
