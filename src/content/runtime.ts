/**
 * What the content script needs before it can mark anything: the start parts of the stories that
 * are on (the bundled story's, and the imported packs' the background publishes; entities and
 * matching rules, `dataset/story-start.ts`) merged into one library, and the matcher compiled from
 * its entities. Built once per page and per published revision, only when the extension is on for
 * the site. What only a card needs (claims, notes, developments) is asked of the background when
 * the first card of an entity is about to open (`cardLibrary`), then kept for the page and revision.
 */
import { BUNDLED_START } from '../dataset/bundled-start.ts';
import {
  buildLibrary,
  libraryOf,
  orderStories,
  withDatasets,
  type Library,
  type StartLibrary,
} from '../dataset/library.ts';
import type { Dataset } from '../dataset/schema.ts';
import { compileMatcher, type Matcher } from '../match/index.ts';
import { openLibrary, type PublishedLibrary, type StoredLibrary } from '../shared/library-store.ts';
import { yieldToPage } from './engine/yield.ts';
import type { CardLibrary } from './types.ts';

export interface ContentRuntime {
  readonly library: StartLibrary;
  readonly matcher: Matcher;
  readonly entityIds: readonly string[];
  /** The card's library (whole stories), asked of the background once, on first use. */
  readonly cards: CardLibrary;
}

/**
 * How a content script gets what a card of one entity shows: the stories with these ids that have
 * the entity, cut to it (`library/stories`).
 */
export type FetchStories = (ids: readonly string[], entityId: string) => Promise<readonly Dataset[]>;

let loading: { readonly revision: number; readonly runtime: Promise<ContentRuntime> } | null = null;

/** How long opening the stored library, merging and compiling the matcher took (its own task), for the test build's counters. */
export const runtimeTimings = { compileMs: -1 };

/** The start library of the stories that are on. */
export function libraryFrom(published: PublishedLibrary): StartLibrary {
  if (published.packs.length === 0) {
    return published.bundled ? libraryOf(BUNDLED_START) : { entities: [], matching: {}, stories: [] };
  }
  const bundled = published.bundled ? [{ dataset: BUNDLED_START, importedAt: 0 }] : [];
  return buildLibrary(orderStories([...bundled, ...published.packs]));
}

/**
 * Asks for an entity's stories on its first card only (the stories of the start library that
 * have it, newest first); a failed request may be retried. A story the background no longer has
 * is left out of the card, not fatal to it (`withDatasets`).
 */
export function cardLibrary(start: StartLibrary, fetchStories: FetchStories): CardLibrary {
  const ready = new Map<string, Library>();
  const pending = new Map<string, Promise<Library>>();
  const ask = async (entityId: string): Promise<Library> => {
    const ids = start.stories.filter((s) => s.entities.some((e) => e.id === entityId)).map((s) => s.id);
    const library = withDatasets(start, ids.length === 0 ? [] : await fetchStories(ids, entityId));
    ready.set(entityId, library);
    return library;
  };
  return {
    ready: (entityId) => ready.get(entityId) ?? null,
    load(entityId) {
      const known = ready.get(entityId);
      if (known !== undefined) return Promise.resolve(known);
      let request = pending.get(entityId);
      if (request === undefined) {
        request = ask(entityId).finally(() => pending.delete(entityId));
        pending.set(entityId, request);
      }
      return request;
    },
  };
}

async function load(stored: StoredLibrary, fetchStories: FetchStories): Promise<ContentRuntime> {
  const start = performance.now();
  // Opened (parsed and checked) here only: a frame that does not mark never parses the packs.
  const library = libraryFrom(openLibrary(stored));
  const matcher = compileMatcher(library.entities, library.matching);
  runtimeTimings.compileMs = performance.now() - start;
  await yieldToPage();
  return { library, matcher, entityIds: library.entities.map((e) => e.id), cards: cardLibrary(library, fetchStories) };
}

/** The runtime for a stored library, loaded on first use and shared by later sessions of it. */
export function loadRuntime(stored: StoredLibrary, fetchStories: FetchStories): Promise<ContentRuntime> {
  if (loading?.revision !== stored.revision) {
    const runtime = load(stored, fetchStories).catch((error: unknown) => {
      if (loading?.runtime === runtime) loading = null;
      throw error;
    });
    loading = { revision: stored.revision, runtime };
  }
  return loading.runtime;
}
