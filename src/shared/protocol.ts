/**
 * How every protocol of the extension is declared, routed and checked. A protocol is a map
 * from message type to its request and response types; its table gives each type the sender
 * kinds allowed to send it and a guard for each direction. One router serves every receiver
 * (background, content script, test hooks), and every sender checks the answer against the
 * same table. Pure: no browser API, so unit and e2e tests import it directly.
 */

/** Marks our messages so stray ones (other extensions, pages posing as us) are ignored. */
export const APP = 'context-cards/1' as const;

/**
 * Who sent a message, as far as the receiver can tell. content: a content script of this
 * extension in a tab; extension: a page or worker at the extension's origin (popup, source page,
 * background); page-script: the page itself (only the test build's hooks accept it).
 */
export type SenderKind = 'content' | 'extension' | 'page-script';

export type Guard<T> = (value: unknown) => value is T;

export type Request<P, K extends keyof P> = P[K] extends { req: infer R } ? R : never;
export type Response<P, K extends keyof P> = P[K] extends { res: infer R } ? R : never;

export interface Entry<Q, S> {
  readonly from: readonly SenderKind[];
  readonly request: Guard<Q>;
  readonly response: Guard<S>;
}

/** The declaration of protocol P: one entry per message type, typed against P. */
export type Table<P> = { readonly [K in keyof P]: Entry<Request<P, K>, Response<P, K>> };

export interface Envelope<K extends string = string> {
  readonly app: typeof APP;
  readonly type: K;
  readonly payload: unknown;
}

/** Builds a message of protocol P. */
export function message<P, K extends keyof P & string>(type: K, payload: Request<P, K>): Envelope<K> {
  return { app: APP, type, payload };
}

/** Narrows an unknown value to an envelope of one of `types`. */
export function isEnvelope<K extends string>(value: unknown, types: readonly K[]): value is Envelope<K> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v['app'] === APP &&
    typeof v['type'] === 'string' &&
    (types as readonly string[]).includes(v['type']) &&
    'payload' in v
  );
}

/** Runs a guard on input from elsewhere: a throwing getter (a hostile proxy) reads as invalid. */
export function passes<T>(guard: Guard<T>, value: unknown): value is T {
  try {
    return guard(value);
  } catch {
    return false;
  }
}

/** A request the receiver would not serve: wrong sender or malformed payload. */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
}

/** An answer that does not match the protocol (an old or broken receiver). */
export class InvalidAnswerError extends Error {
  override readonly name = 'InvalidAnswerError';
}

/** What a receiver knows of a message's sender (a subset of runtime.MessageSender). */
export interface Sender {
  readonly id?: string | undefined;
  readonly url?: string | undefined;
  readonly frameId?: number | undefined;
  readonly tab?:
    { readonly id?: number | undefined; readonly url?: string | undefined; readonly incognito?: boolean } | undefined;
}

export interface Self {
  readonly extensionId: string;
  /** e.g. chrome-extension://<id>/ : extension pages and the worker have URLs under it. */
  readonly extensionOrigin: string;
}

/**
 * The kind of a runtime message's sender, or null for anyone else. The URL decides first: an
 * extension page opened in a tab (Firefox's test build, the source page) has a tab too. Chrome
 * gives messages from the service worker neither a URL nor a tab (w3c/webextensions#851), while
 * a content script's always have a tab: so a sender of ours with neither is the worker.
 */
export function extensionSenderKind(sender: Sender | undefined, self: Self): SenderKind | null {
  if (sender === undefined || sender.id !== self.extensionId) return null;
  if (typeof sender.url === 'string' && sender.url.startsWith(self.extensionOrigin)) return 'extension';
  if (sender.tab !== undefined) return 'content';
  return sender.url === undefined ? 'extension' : null;
}

export type Handler<Q, S, C> = (payload: Q, sender: C) => S | Promise<S>;
export type Handlers<P, C> = { readonly [K in keyof P]: Handler<Request<P, K>, Response<P, K>, C> };

/**
 * Answers one incoming message: undefined when it is not a message of this protocol (so that
 * other listeners may answer), else a promise of the handler's answer, or a RefusedError when
 * the sender may not send it or its payload fails the guard. Never throws.
 */
export type Router<C> = (raw: unknown, sender: C) => Promise<unknown> | undefined;

export function createRouter<P, C>(
  table: Table<P>,
  handlers: Handlers<P, C>,
  kindOf: (sender: C) => SenderKind | null,
): Router<C> {
  const types = Object.keys(table) as (keyof P & string)[];
  function serve<K extends keyof P & string>(type: K, payload: unknown, sender: C): Promise<unknown> {
    const entry: Entry<Request<P, K>, Response<P, K>> = table[type];
    const kind = kindOf(sender);
    if (kind === null || !entry.from.includes(kind))
      return Promise.reject(new RefusedError(`${type}: sender not allowed`));
    if (!passes(entry.request, payload)) return Promise.reject(new RefusedError(`${type}: invalid payload`));
    try {
      return Promise.resolve(handlers[type](payload, sender));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
  return (raw, sender) => {
    try {
      return isEnvelope(raw, types) ? serve(raw.type, raw.payload, sender) : undefined;
    } catch {
      // Reading a hostile value threw: not a message we can answer.
      return undefined;
    }
  };
}

/** The answer to a `type` request if it matches the protocol; else an InvalidAnswerError. */
export function checkAnswer<P, K extends keyof P & string>(table: Table<P>, type: K, answer: unknown): Response<P, K> {
  const entry: Entry<Request<P, K>, Response<P, K>> = table[type];
  if (passes(entry.response, answer)) return answer;
  throw new InvalidAnswerError(`${type}: the answer does not match the protocol`);
}

/** The router for a runtime protocol: senders told apart by this extension's id and origin. */
export function extensionRouter<P>(table: Table<P>, handlers: Handlers<P, Sender>, self: Self): Router<Sender> {
  return createRouter(table, handlers, (sender) => extensionSenderKind(sender, self));
}
