/**
 * The content script's scan path as a function, for the benchmark (it must run the real code,
 * built from the same source): starts a page engine on a document, waits until every block is
 * read and every mark is registered, and reports what it did.
 */
import type { Matcher } from '../../match/index.ts';
import { DEFAULT_SETTINGS } from '../../shared/settings.ts';
import { PageEngine, type EngineSettings, type EngineStats } from './engine.ts';

export interface ScanDocumentOptions {
  readonly matcher: Matcher;
  readonly entityIds: readonly string[];
  readonly settings?: Partial<EngineSettings>;
  /** Aborting it removes the marks again (as switching the extension off does). */
  readonly signal?: AbortSignal;
}

export interface ScanDocumentResult {
  readonly engine: PageEngine;
  readonly stats: Readonly<EngineStats>;
  /** From start until the last slice of the first full read. */
  readonly elapsedMs: number;
  readonly total: number;
  /** Removes the marks and stops observing the page. */
  dispose(): void;
}

/** Marks `doc` like the content script does and resolves once the first full read is done. */
export async function scanDocument(doc: Document, options: ScanDocumentOptions): Promise<ScanDocumentResult> {
  const controller = new AbortController();
  options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
  const settings: EngineSettings = {
    markStyle: options.settings?.markStyle ?? DEFAULT_SETTINGS.markStyle,
    hiddenEntities: options.settings?.hiddenEntities ?? DEFAULT_SETTINGS.hiddenEntities,
    firstMentionOnly: options.settings?.firstMentionOnly ?? DEFAULT_SETTINGS.firstMentionOnly,
  };
  const engine = new PageEngine({
    doc,
    matcher: options.matcher,
    entityIds: options.entityIds,
    settings,
    signal: controller.signal,
  });
  const start = performance.now();
  if (!engine.start()) throw new Error('This browser has no CSS Custom Highlight API.');
  await engine.whenIdle();
  return {
    engine,
    stats: { ...engine.stats },
    elapsedMs: performance.now() - start,
    total: engine.counts().total,
    dispose: () => controller.abort(),
  };
}
