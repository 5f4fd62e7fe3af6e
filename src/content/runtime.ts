/**
 * What the content script needs before it can mark anything: the bundled dataset and the
 * matcher compiled from it. Loaded once per page, only when the extension is on for the site.
 */
import { BUNDLED_DATASET as BUNDLED } from '../dataset/bundled.ts';
import type { Dataset } from '../dataset/index.ts';
import { compileMatcher, type Matcher } from '../match/index.ts';
import { yieldToPage } from './engine/yield.ts';

export interface ContentRuntime {
  readonly dataset: Dataset;
  readonly matcher: Matcher;
  readonly entityIds: readonly string[];
}

let loading: Promise<ContentRuntime> | null = null;

/** How long compiling the matcher took (its own task), for the test build's counters. */
export const runtimeTimings = { compileMs: -1 };

async function load(): Promise<ContentRuntime> {
  const start = performance.now();
  const matcher = compileMatcher(BUNDLED.entities, BUNDLED.matching);
  runtimeTimings.compileMs = performance.now() - start;
  await yieldToPage();
  return { dataset: BUNDLED, matcher, entityIds: BUNDLED.entities.map((e) => e.id) };
}

/** The runtime, loaded on first use and shared by later sessions (site switched off and on). */
export function loadRuntime(): Promise<ContentRuntime> {
  loading ??= load().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
