/**
 * The e2e side of the test build's card hook (src/content/test-hook-protocol.ts): the same
 * types, names and answer checks as the content script, imported rather than copied (the stats
 * hook's side is engineState in engine.ts). The code inside
 * `evaluate` runs in the page, so every name it needs is passed in as an argument. It uses only
 * dispatchEvent and getAttribute there, which the hostile fixtures leave alone.
 */
import type { Page } from 'puppeteer-core';
import {
  CARD_HOOK,
  CARD_HOOK_ATTRIBUTE,
  CARD_HOOK_EVENT,
  type CardHookProtocol,
  type HookAnswer,
} from '../../../src/content/test-hook-protocol.ts';
import { checkAnswer, message, type Request, type Response } from '../../../src/shared/protocol.ts';
import { waitFor } from './engine.ts';

export type { CardSnapshot } from '../../../src/content/test-hook-protocol.ts';

/** Whether the card hook has answered at least once (it says "ready" once the cards are wired up). */
export function cardHookReady(page: Page): Promise<boolean> {
  return page.evaluate((name: string) => document.documentElement.hasAttribute(name), CARD_HOOK_ATTRIBUTE);
}

/** The card hook of one page; requests carry increasing ids so an answer is never mistaken for an older one. */
export class CardHook {
  private next = 1;
  constructor(private readonly page: Page) {}

  /** Sends a request and returns its answer, checked against CARD_HOOK; throws the hook's error. */
  async send<K extends keyof CardHookProtocol & string>(
    type: K,
    payload: Request<CardHookProtocol, K>,
  ): Promise<Response<CardHookProtocol, K>> {
    const id = this.next++;
    await this.page.evaluate(
      (event: string, detail: string) => {
        document.dispatchEvent(new CustomEvent(event, { detail }));
      },
      CARD_HOOK_EVENT,
      JSON.stringify({ ...message<CardHookProtocol, K>(type, payload), id }),
    );
    const raw = await waitFor(
      () => this.page.evaluate((name: string) => document.documentElement.getAttribute(name), CARD_HOOK_ATTRIBUTE),
      (r) => r !== null && (JSON.parse(r) as HookAnswer).id === id,
      `the answer to ${type} ${JSON.stringify(payload)}`,
      5_000,
    );
    const answer = JSON.parse(raw ?? '{}') as HookAnswer;
    if (answer.error !== undefined) throw new Error(`card hook ${type}: ${answer.error}`);
    return checkAnswer(CARD_HOOK, type, answer.result);
  }
}
