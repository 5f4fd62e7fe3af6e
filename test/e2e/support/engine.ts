/**
 * Waiting in Node for what a page does, and reading the page engine's counters through the test
 * build's stats hook (src/content/test-hook-protocol.ts): the page dispatches the request event,
 * the content script answers with an event.
 */
import type { Page } from 'puppeteer-core';
import {
  STATS_EVENT,
  STATS_HOOK,
  STATS_REQUEST_EVENT,
  type HookAnswer,
  type StatsAnswer,
  type StatsHookProtocol,
  type StatsRequest,
} from '../../../src/content/test-hook-protocol.ts';
import { checkAnswer, message } from '../../../src/shared/protocol.ts';

export type { EngineStats } from '../../../src/content/engine/engine.ts';
/** The stats hook's answer (src/content/boot.ts fills it in). */
export type EngineAnswer = StatsAnswer;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `read` every 50 ms until `ok`, for at most `timeout` ms; returns the last value and when it was read. */
export async function poll<T>(
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  timeout: number,
): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  let value = await read();
  while (!ok(value) && Date.now() - start < timeout) {
    await sleep(50);
    value = await read();
  }
  return { value, ms: Date.now() - start };
}

/** Polls `read` every 50 ms until `ok`; throws naming `what` (and the last value) after `timeout`. */
export async function waitFor<T>(
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  what: string,
  timeout = 10_000,
): Promise<T> {
  const { value } = await poll(read, ok, timeout);
  if (!ok(value)) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
  return value;
}

/**
 * The names (without the `context-cards-` prefix) of our highlights holding ranges in a page's
 * registry, sorted; the focus mark is `focus`.
 */
export function highlightNames(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    CSS.highlights.forEach((h, name) => {
      if (name.startsWith('context-cards-') && h.size > 0) out.push(name.slice('context-cards-'.length));
    });
    return out.sort();
  });
}

/** Asks the content script for its counters; null when it does not answer within `answerMs`. */
export async function engineState(
  page: Page,
  answerMs = 250,
  request: StatsRequest = {},
): Promise<EngineAnswer | null> {
  const raw = await page.evaluate(
    (ms: number, requestEvent: string, answerEvent: string, detail: string) =>
      new Promise<string | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), ms);
        document.addEventListener(
          answerEvent,
          (e) => {
            clearTimeout(timer);
            resolve(String((e as CustomEvent<unknown>).detail));
          },
          { once: true },
        );
        document.dispatchEvent(new CustomEvent(requestEvent, { detail }));
      }),
    answerMs,
    STATS_REQUEST_EVENT,
    STATS_EVENT,
    JSON.stringify(message<StatsHookProtocol, 'stats'>('stats', request)),
  );
  if (raw === null) return null;
  const answer = JSON.parse(raw) as HookAnswer;
  if (answer.error !== undefined) throw new Error(`stats hook: ${answer.error}`);
  return checkAnswer(STATS_HOOK, 'stats', answer.result);
}

export interface SettleOptions {
  /** How long the engine may take to settle. */
  readonly timeout?: number;
  /** How long to wait for one answer: none comes while the content script is not there (yet). */
  readonly answerMs?: number;
  /** The pause between two questions. */
  readonly pollMs?: number;
}

/**
 * Waits until the engine has run through the page once and has no work left (mutations
 * included); throws after `timeout`. A failed question (the page navigating) is asked again.
 */
export async function settled(
  page: Page,
  { timeout = 30_000, answerMs = 250, pollMs = 40 }: SettleOptions = {},
): Promise<EngineAnswer> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const last = await engineState(page, answerMs).catch(() => null);
    if (last !== null && last.active && last.stats !== null && last.stats.firstIdleMs >= 0 && !last.busy) return last;
    if (Date.now() > deadline) throw new Error(`the engine did not settle on ${page.url()}: ${JSON.stringify(last)}`);
    await sleep(pollMs);
  }
}
