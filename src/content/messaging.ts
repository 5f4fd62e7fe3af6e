/**
 * Answers the popup and the background (ContentProtocol) in the top frame: what is on this
 * page, and "go to the next mention". Every message is checked: our envelope, a known type, a
 * valid payload, and a sender that is this extension.
 */
import { browser, type Runtime } from '../shared/browser.ts';
import {
  isEntityId,
  isEnvelope,
  isObject,
  type ContentProtocol,
  type ContentType,
  type Request,
  type Response,
} from '../shared/messages.ts';

export interface ContentHandlers {
  mentions(): Response<ContentProtocol, 'page/mentions'>;
  goto(request: Request<ContentProtocol, 'page/goto'>): Response<ContentProtocol, 'page/goto'>;
}

/** The part of runtime we use; tests pass a fake. */
export interface MessageRuntime {
  readonly id: string;
  readonly onMessage: {
    addListener(cb: (message: unknown, sender: Runtime.MessageSender) => Promise<unknown> | undefined): void;
    removeListener(cb: (message: unknown, sender: Runtime.MessageSender) => Promise<unknown> | undefined): void;
  };
}

const TYPES: readonly ContentType[] = ['page/mentions', 'page/goto'];

function isEmpty(v: unknown): v is Record<string, never> {
  return isObject(v) && Object.keys(v).length === 0;
}

function isGoto(v: unknown): v is Request<ContentProtocol, 'page/goto'> {
  return (
    isObject(v) &&
    (v['entityId'] === null || isEntityId(v['entityId'])) &&
    (v['direction'] === 1 || v['direction'] === -1)
  );
}

/**
 * Returns the answer to one message, or undefined when it is not ours to answer (the
 * polyfill then lets other listeners respond).
 */
export function handleMessage(
  message: unknown,
  sender: Runtime.MessageSender | undefined,
  extensionId: string,
  handlers: ContentHandlers,
): Promise<unknown> | undefined {
  if (sender?.id !== extensionId || !isEnvelope(message, TYPES)) return undefined;
  try {
    if (message.type === 'page/mentions') {
      if (!isEmpty(message.payload)) return undefined;
      return Promise.resolve(handlers.mentions());
    }
    if (!isGoto(message.payload)) return undefined;
    return Promise.resolve(handlers.goto(message.payload));
  } catch (error) {
    // Never into the page, never an unhandled rejection: the sender sees a failed request.
    console.debug('[Context Cards] request failed', error);
    return Promise.resolve(message.type === 'page/goto' ? { ok: false } : undefined);
  }
}

/** Listens until `signal` aborts. */
export function listenForRequests(
  handlers: ContentHandlers,
  signal: AbortSignal,
  runtime: MessageRuntime = browser.runtime as unknown as MessageRuntime,
): void {
  const listener = (message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined =>
    handleMessage(message, sender, runtime.id, handlers);
  runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => runtime.onMessage.removeListener(listener), { once: true });
}
