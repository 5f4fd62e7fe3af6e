/**
 * What the content script needs before it can mark anything: the bundled dataset and the
 * matcher compiled from it. Loaded once per page, only when the extension is on for the site.
 *
 * The bundled file is not validated here: the schema check costs 30-70 ms on every page load
 * (measured in Chromium and Firefox on a busy page), close to a long task, and proves nothing
 * new: test/unit/dataset/bundled.test.ts validates this very file with parseDataset on every
 * test run. Imported packs (untrusted) must go through parseDataset before they get here.
 */
import bundled from '../../assets/dataset/meta-ai-leadership.json';
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

/** The bundled dataset, typed (its validity is a test's job, see above). */
const BUNDLED: Dataset = bundled as unknown as Dataset;

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
