/**
 * What the content script needs before it can mark anything: the bundled dataset, validated by
 * the one schema, and the matcher compiled from it. Loaded once per page, only when the
 * extension is on for the site, in separate tasks so neither step becomes a long task.
 */
import bundled from '../../assets/dataset/meta-ai-leadership.json';
import { parseDataset, type Dataset } from '../dataset/index.ts';
import { compileMatcher, type Matcher } from '../match/index.ts';
import { yieldToPage } from './engine/yield.ts';

export interface ContentRuntime {
  readonly dataset: Dataset;
  readonly matcher: Matcher;
  readonly entityIds: readonly string[];
}

let loading: Promise<ContentRuntime> | null = null;

/** How long each start-up step took (each is its own task), for the test build's counters. */
export const runtimeTimings = { parseMs: -1, compileMs: -1 };

async function load(): Promise<ContentRuntime> {
  let start = performance.now();
  const parsed = parseDataset(bundled);
  runtimeTimings.parseMs = performance.now() - start;
  if (!parsed.ok) throw new Error(`bundled dataset invalid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  await yieldToPage();
  start = performance.now();
  const matcher = compileMatcher(parsed.dataset.entities);
  runtimeTimings.compileMs = performance.now() - start;
  await yieldToPage();
  return { dataset: parsed.dataset, matcher, entityIds: parsed.dataset.entities.map((e) => e.id) };
}

/** The runtime, loaded on first use and shared by later sessions (site switched off and on). */
export function loadRuntime(): Promise<ContentRuntime> {
  loading ??= load().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
