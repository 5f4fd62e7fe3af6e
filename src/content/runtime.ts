/**
 * What the content script needs before it can mark anything: the stories that are on (the
 * bundled dataset and the imported packs the background publishes) merged into one library, and
 * the matcher compiled from its entities. Built once per page and per published revision, only
 * when the extension is on for the site. With no packs imported it is the bundled dataset as it
 * ships: no merging, nothing read but one small key.
 */
import { BUNDLED_DATASET as BUNDLED } from '../dataset/bundled.ts';
import { buildLibrary, libraryOf, orderStories, type Library } from '../dataset/library.ts';
import { compileMatcher, type Matcher } from '../match/index.ts';
import type { PublishedLibrary } from '../shared/library-store.ts';
import { yieldToPage } from './engine/yield.ts';

export interface ContentRuntime {
  readonly library: Library;
  readonly matcher: Matcher;
  readonly entityIds: readonly string[];
}

let loading: { readonly revision: number; readonly runtime: Promise<ContentRuntime> } | null = null;

/** How long compiling the matcher took (its own task), for the test build's counters. */
export const runtimeTimings = { compileMs: -1 };

/** The library of the stories that are on. */
export function libraryFrom(published: PublishedLibrary): Library {
  if (published.packs.length === 0) {
    return published.bundled ? libraryOf(BUNDLED) : { entities: [], matching: {}, stories: [] };
  }
  const bundled = published.bundled ? [{ dataset: BUNDLED, importedAt: 0 }] : [];
  return buildLibrary(orderStories([...bundled, ...published.packs]));
}

async function load(published: PublishedLibrary): Promise<ContentRuntime> {
  const start = performance.now();
  const library = libraryFrom(published);
  const matcher = compileMatcher(library.entities, library.matching);
  runtimeTimings.compileMs = performance.now() - start;
  await yieldToPage();
  return { library, matcher, entityIds: library.entities.map((e) => e.id) };
}

/** The runtime for a published library, loaded on first use and shared by later sessions of it. */
export function loadRuntime(published: PublishedLibrary): Promise<ContentRuntime> {
  if (loading?.revision !== published.revision) {
    const runtime = load(published).catch((error: unknown) => {
      if (loading?.runtime === runtime) loading = null;
      throw error;
    });
    loading = { revision: published.revision, runtime };
  }
  return loading.runtime;
}
