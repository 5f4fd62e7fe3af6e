/**
 * The protocols of messages.ts over the browser's runtime messaging: one `send` per direction,
 * each checking the answer against the protocol, and `serve` for every receiver.
 */
import { browser, type Runtime } from './browser.ts';
import { BACKGROUND, CONTENT, type BackgroundProtocol, type ContentProtocol } from './messages.ts';
import {
  checkAnswer,
  extensionRouter,
  message,
  type Handlers,
  type Request,
  type Response,
  type Router,
  type Sender,
  type Table,
} from './protocol.ts';

/**
 * Sends a request to the background and returns its checked answer. Rejects when nothing
 * answers (e.g. during an update), when the request is refused, or when the answer is malformed.
 */
export async function sendToBackground<K extends keyof BackgroundProtocol & string>(
  type: K,
  payload: Request<BackgroundProtocol, K>,
): Promise<Response<BackgroundProtocol, K>> {
  const answer: unknown = await browser.runtime.sendMessage(message<BackgroundProtocol, K>(type, payload));
  return checkAnswer(BACKGROUND, type, answer);
}

/**
 * Sends a request to the content script in a tab's top frame (sub-frames have their own
 * scripts and would answer too) and returns its checked answer. Rejects when the tab has no
 * content script: browser pages, stores, PDF viewers, or pages loaded before the extension.
 */
export async function sendToTab<K extends keyof ContentProtocol & string>(
  tabId: number,
  type: K,
  payload: Request<ContentProtocol, K>,
): Promise<Response<ContentProtocol, K>> {
  const answer: unknown = await browser.tabs.sendMessage(tabId, message<ContentProtocol, K>(type, payload), {
    frameId: 0,
  });
  return checkAnswer(CONTENT, type, answer);
}

/** The part of runtime a receiver uses; tests pass a fake. */
export interface MessageRuntime {
  readonly id: string;
  getURL(path: string): string;
  readonly onMessage: {
    addListener(cb: Router<Runtime.MessageSender>): void;
    removeListener(cb: Router<Runtime.MessageSender>): void;
  };
}

/**
 * Answers protocol P's requests until `signal` aborts (never, without one). Registered at
 * once, so a background worker woken by a message finds its listener.
 */
export function serve<P>(
  table: Table<P>,
  handlers: Handlers<P, Sender>,
  signal?: AbortSignal,
  runtime: MessageRuntime = browser.runtime,
): void {
  const router = extensionRouter(table, handlers, { extensionId: runtime.id, extensionOrigin: runtime.getURL('') });
  runtime.onMessage.addListener(router);
  signal?.addEventListener('abort', () => runtime.onMessage.removeListener(router), { once: true });
}
