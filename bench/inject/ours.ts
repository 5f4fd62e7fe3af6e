/**
 * Ours: the content script's page engine, bundled from the same source as the extension and
 * started as src/content/boot.ts starts it: the runtime (bundled dataset, validated, and the
 * matcher compiled from it) from runtime.ts, then a PageEngine on the document with the default
 * settings. The engine reads the page in slices, yielding between them, and counts its own
 * slices (EngineStats); the synchronous part of start() around the first slice (stylesheet,
 * observer) is added to them, so `workMs` is all of our main-thread work.
 */
import { PageEngine } from '../../src/content/engine/engine.ts';
import { loadRuntime, type ContentRuntime } from '../../src/content/runtime.ts';
import { BUNDLED_ONLY, type StoredLibrary } from '../../src/shared/library-store.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.ts';

export interface Session {
  readonly engine: PageEngine;
  readonly abort: AbortController;
  /** Work done synchronously by start() outside the engine's own slice accounting. */
  readonly startOverheadMs: number;
  /** The whole synchronous start() call: the first task of ours, including the engine's first slice. */
  readonly firstTaskMs: number;
}

/**
 * Loads the runtime as the content script does (once per page); resolves with the time it took,
 * yields included. With imported packs, `published` is what the background stores; the
 * structured clone stands for reading it from storage.
 */
export async function prepareRuntime(
  published: StoredLibrary = BUNDLED_ONLY,
): Promise<{ ms: number; runtime: ContentRuntime }> {
  const t0 = performance.now();
  // No background here: the bench opens no card, so the cards' stories are never asked for.
  const runtime = await loadRuntime(published === BUNDLED_ONLY ? published : structuredClone(published), () =>
    Promise.reject(new Error('no background in the bench')),
  );
  return { ms: performance.now() - t0, runtime };
}

export function startEngine(runtime: ContentRuntime): Session {
  const abort = new AbortController();
  const engine = new PageEngine({
    doc: document,
    matcher: runtime.matcher,
    entityIds: runtime.entityIds,
    settings: DEFAULT_SETTINGS,
    signal: abort.signal,
  });
  const t0 = performance.now();
  if (!engine.start()) throw new Error('no CSS Custom Highlight API in this browser');
  const startMs = performance.now() - t0;
  // The engine counts the part of start() outside its slices itself (EngineStats.startMs).
  return { engine, abort, startOverheadMs: engine.stats.startMs, firstTaskMs: startMs };
}
