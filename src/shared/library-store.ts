/**
 * The stories a content script marks, as the background publishes them in `storage.local` after
 * every change to the packs: the imported packs that are on (validated at import), each only by
 * its start part (`dataset/story-start.ts`: entities and matching rules, no claims, notes or source
 * text), and whether the bundled story is on. Content scripts only read it: one key, read beside
 * the settings, its start parts one JSON text that only a frame that marks parses
 * (`openLibrary`), so a page pays for the entities it matches and not for the packs' cards, which
 * come from the background when a card opens (`library/stories`).
 */
import type { StoryStart } from '../dataset/story-start.ts';
import { isStoryStart } from './story-shape.ts';
import type { ChangeSource, ChangeListener, SettingsArea } from './settings-store.ts';

export const LIBRARY_KEY = 'library';

export interface PublishedPack {
  /** The pack's start part. */
  readonly dataset: StoryStart;
  /** When it was imported (ms): the tie-break between stories of the same date. */
  readonly importedAt: number;
}

/** The stories that are on, as the background publishes them and a marking page uses them. */
export interface PublishedLibrary {
  /** Changes with every publication: a content script rebuilds its matcher only for a new one. */
  readonly revision: number;
  readonly bundled: boolean;
  readonly packs: readonly PublishedPack[];
}

/** A pack that is on, as `StoredLibrary` lists it: which, and when it was imported. */
export interface StoredPack {
  readonly id: string;
  readonly importedAt: number;
}

/**
 * The library as it is stored under `LIBRARY_KEY`: the packs' start parts as one JSON text. Every
 * frame of every page reads this key (and every change reaches every frame's listener), most of
 * them where the extension does not mark: there it is one string, copied and never parsed; only a
 * frame that marks opens it (`openLibrary`).
 */
export interface StoredLibrary {
  readonly revision: number;
  readonly bundled: boolean;
  /** The packs that are on: what `sameStories` compares without opening the library. */
  readonly packs: readonly StoredPack[];
  /** JSON: the packs' start parts (`StoryStart[]`), in the order of `packs`. */
  readonly starts: string;
}

/** Nothing published yet (a fresh install): the bundled story alone. */
export const BUNDLED_ONLY: StoredLibrary = { revision: 0, bundled: true, packs: [], starts: '[]' };

/** What the background writes for a library. */
export function storeLibrary(library: PublishedLibrary): StoredLibrary {
  return {
    revision: library.revision,
    bundled: library.bundled,
    packs: library.packs.map((p) => ({ id: p.dataset.id, importedAt: p.importedAt })),
    starts: JSON.stringify(library.packs.map((p) => p.dataset)),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isStoredPack = (p: unknown): p is StoredPack =>
  isRecord(p) && typeof p['id'] === 'string' && typeof p['importedAt'] === 'number';

/** A cheap check of the stored shape (nothing is parsed here); anything else reads as the bundled story alone. */
export function parseStoredLibrary(raw: unknown): StoredLibrary {
  if (!isRecord(raw)) return BUNDLED_ONLY;
  const { revision, bundled, packs, starts } = raw;
  if (
    typeof revision !== 'number' ||
    typeof bundled !== 'boolean' ||
    !Array.isArray(packs) ||
    !packs.every(isStoredPack) ||
    typeof starts !== 'string'
  ) {
    return BUNDLED_ONLY;
  }
  return { revision, bundled, packs, starts };
}

/**
 * The stories of a stored library, for a frame that marks: each pack's start part checked for
 * every field the matcher reads (`story-shape.ts`). Only the background writes this key, after
 * validating every pack in full, so a failure means a damaged store: that pack is left out (no
 * marks from it) with a console message, and the other stories still mark. Never throws.
 */
export function openLibrary(stored: StoredLibrary): PublishedLibrary {
  const { revision, bundled } = stored;
  if (stored.packs.length === 0) return { revision, bundled, packs: [] };
  let starts: unknown;
  try {
    starts = JSON.parse(stored.starts);
  } catch {
    starts = null;
  }
  if (!Array.isArray(starts) || starts.length !== stored.packs.length) {
    console.debug('[Context Cards] the stored story packs are damaged; marking the bundled story only');
    return { revision, bundled, packs: [] };
  }
  const packs: PublishedPack[] = [];
  stored.packs.forEach((ref, i) => {
    const dataset: unknown = starts[i];
    if (isStoryStart(dataset) && dataset.id === ref.id) packs.push({ dataset, importedAt: ref.importedAt });
    else console.debug(`[Context Cards] story pack "${ref.id}" is damaged in storage; it marks nothing`);
  });
  return { revision, bundled, packs };
}

export async function loadLibrary(area: Pick<SettingsArea, 'get'>): Promise<StoredLibrary> {
  try {
    const items: unknown = await area.get(LIBRARY_KEY);
    return parseStoredLibrary(isRecord(items) ? items[LIBRARY_KEY] : undefined);
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
export function sameStories(a: StoredLibrary, b: StoredLibrary): boolean {
  return (
    a.bundled === b.bundled &&
    a.packs.length === b.packs.length &&
    a.packs.every((p, i) => p.id === b.packs[i]?.id && p.importedAt === b.packs[i]?.importedAt)
  );
}

/** Calls `cb` whenever the background publishes a new library, until `signal` aborts. */
export function watchLibrary(source: ChangeSource, cb: (l: StoredLibrary) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const listener: ChangeListener = (changes, area) => {
    if (area !== 'local' || !isRecord(changes)) return;
    const change = changes[LIBRARY_KEY];
    if (change === undefined) return;
    try {
      cb(parseStoredLibrary(change.newValue));
    } catch (error) {
      console.error('[Context Cards] story pack listener failed', error);
    }
  };
  source.addListener(listener);
  signal.addEventListener('abort', () => source.removeListener(listener), { once: true });
}
