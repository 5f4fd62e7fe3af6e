/**
 * Test build only (import.meta.env.CC_TEST_BUILD): lets e2e tests read the engine's counters
 * (slice times, blocks read). The page dispatches `context-cards:stats-request` on document;
 * the answer comes back as a `context-cards:stats` event with JSON in `detail`. It writes
 * nothing into the DOM. Never in the shipped build.
 */
export const STATS_REQUEST_EVENT = 'context-cards:stats-request';
export const STATS_EVENT = 'context-cards:stats';

export function installStatsHook(read: () => unknown, signal: AbortSignal): void {
  document.addEventListener(
    STATS_REQUEST_EVENT,
    () => {
      let detail: string;
      try {
        detail = JSON.stringify(read());
      } catch (error) {
        detail = JSON.stringify({ error: String(error) });
      }
      document.dispatchEvent(new CustomEvent(STATS_EVENT, { detail }));
    },
    { signal },
  );
}
