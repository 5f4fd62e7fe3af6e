/**
 * Test build only (import.meta.env.CC_TEST_BUILD): lets e2e tests read the engine's counters
 * (slice times, blocks read) through the stats hook of test-hook-protocol.ts. It answers with an
 * event and writes nothing into the DOM. Never in the shipped build.
 */
import { createRouter } from '../shared/protocol.ts';
import {
  STATS_EVENT,
  STATS_HOOK,
  STATS_REQUEST_EVENT,
  type HookAnswer,
  type StatsAnswer,
  type StatsRequest,
} from './test-hook-protocol.ts';

function answer(value: HookAnswer): void {
  let detail: string;
  try {
    detail = JSON.stringify(value);
  } catch (error) {
    detail = JSON.stringify({ error: String(error) } satisfies HookAnswer);
  }
  document.dispatchEvent(new CustomEvent(STATS_EVENT, { detail }));
}

export function installStatsHook(read: (request: StatsRequest) => StatsAnswer, signal: AbortSignal): void {
  const route = createRouter(STATS_HOOK, { stats: read }, () => 'page-script');
  document.addEventListener(
    STATS_REQUEST_EVENT,
    (e) => {
      let request: unknown;
      try {
        request = JSON.parse(String((e as CustomEvent<unknown>).detail));
      } catch {
        return;
      }
      route(request, null)?.then(
        (result) => answer({ result }),
        (error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }),
      );
    },
    { signal },
  );
}
