/**
 * Typed sending over the protocol in messages.ts. Receivers live in each context; this file only
 * builds envelopes and narrows the sender.
 */
import { browser, type Runtime } from './browser.ts';
import { message, type BackgroundProtocol, type ContentProtocol, type Request, type Response } from './messages.ts';

/** Sends a request to the background. Rejects when nothing answers (e.g. during an update). */
export async function sendToBackground<K extends keyof BackgroundProtocol & string>(
  type: K,
  payload: Request<BackgroundProtocol, K>,
): Promise<Response<BackgroundProtocol, K>> {
  return (await browser.runtime.sendMessage(message<BackgroundProtocol, K>(type, payload))) as Response<
    BackgroundProtocol,
    K
  >;
}

/**
 * Sends a request to the content script in a tab's top frame (sub-frames have their own
 * scripts and would answer too). Rejects when the tab has no content script: browser pages,
 * stores, PDF viewers, or pages loaded before the extension.
 */
export async function sendToTab<K extends keyof ContentProtocol & string>(
  tabId: number,
  type: K,
  payload: Request<ContentProtocol, K>,
): Promise<unknown> {
  // The answer comes from another context: callers validate it before use.
  return (await browser.tabs.sendMessage(tabId, message<ContentProtocol, K>(type, payload), { frameId: 0 })) as unknown;
}

/** True when a message comes from this extension (its pages or its content scripts). */
export function isOwnSender(sender: Runtime.MessageSender | undefined, extensionId: string): boolean {
  return sender !== undefined && sender.id === extensionId;
}
