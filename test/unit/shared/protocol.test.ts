import { describe, expect, it, vi } from 'vitest';
import { CONTENT, type ContentProtocol } from '../../../src/shared/messages.ts';
import {
  APP,
  checkAnswer,
  extensionRouter,
  extensionSenderKind,
  InvalidAnswerError,
  RefusedError,
  type Handlers,
  type Sender,
} from '../../../src/shared/protocol.ts';

const ID = 'ext-id';
const ORIGIN = 'chrome-extension://ext-id/';
const self = { extensionId: ID, extensionOrigin: ORIGIN };
const POPUP: Sender = { id: ID, url: `${ORIGIN}popup/index.html` };
const WORKER: Sender = { id: ID };
const CONTENT_SCRIPT: Sender = { id: ID, url: 'https://example.com/', frameId: 0, tab: { id: 4 } };

function handlers(): Handlers<ContentProtocol, Sender> & { 'page/goto': ReturnType<typeof vi.fn> } {
  return {
    'page/mentions': () => ({
      counts: [{ entityId: 'meta', count: 2 }],
      total: 2,
      url: 'https://example.com/',
      title: 'T',
      host: 'example.com',
      active: true,
    }),
    'page/goto': vi.fn(() => ({ ok: true })),
  };
}

describe('sender kinds', () => {
  it('tells extension pages, the worker and content scripts apart, and refuses anyone else', () => {
    expect(extensionSenderKind(POPUP, self)).toBe('extension');
    // Chrome's service worker sends without a URL (w3c/webextensions#851).
    expect(extensionSenderKind(WORKER, self)).toBe('extension');
    // An extension page in a tab is still an extension page.
    expect(extensionSenderKind({ ...POPUP, tab: { id: 3 } }, self)).toBe('extension');
    expect(extensionSenderKind(CONTENT_SCRIPT, self)).toBe('content');
    expect(extensionSenderKind({ ...POPUP, id: 'other' }, self)).toBeNull();
    expect(extensionSenderKind({ url: POPUP.url }, self)).toBeNull();
    expect(extensionSenderKind({ id: ID, url: 'https://example.com/' }, self)).toBeNull();
    expect(extensionSenderKind(undefined, self)).toBeNull();
  });
});

describe('the router, serving the content protocol', () => {
  const route = (h: Handlers<ContentProtocol, Sender>, raw: unknown, sender: Sender = POPUP) =>
    extensionRouter(CONTENT, h, self)(raw, sender);

  it('answers page/mentions from an extension page and page/goto from the worker', async () => {
    await expect(route(handlers(), { app: APP, type: 'page/mentions', payload: {} })).resolves.toMatchObject({
      total: 2,
      host: 'example.com',
      active: true,
    });
    const h = handlers();
    await expect(
      route(h, { app: APP, type: 'page/goto', payload: { entityId: 'meta', direction: -1 } }, WORKER),
    ).resolves.toEqual({ ok: true });
    await expect(route(h, { app: APP, type: 'page/goto', payload: { entityId: null, direction: 1 } })).resolves.toEqual(
      { ok: true },
    );
    expect(h['page/goto']).toHaveBeenCalledWith({ entityId: 'meta', direction: -1 }, WORKER);
  });

  it('leaves messages that are not ours to other listeners', () => {
    const h = handlers();
    expect(route(h, { app: 'someone-else', type: 'page/mentions', payload: {} })).toBeUndefined();
    expect(route(h, { app: APP, type: 'page/report', payload: {} })).toBeUndefined();
    expect(route(h, { app: APP, type: 'page/mentions' })).toBeUndefined();
    expect(route(h, 'page/mentions')).toBeUndefined();
    expect(route(h, null)).toBeUndefined();
  });

  it('refuses other senders and bad payloads before any handler runs', async () => {
    const h = handlers();
    const goto = (payload: unknown, sender: Sender = POPUP) =>
      route(h, { app: APP, type: 'page/goto', payload }, sender);
    await expect(goto({ entityId: null, direction: 1 }, { id: 'other', url: POPUP.url })).rejects.toThrow(
      /sender not allowed/,
    );
    await expect(goto({ entityId: null, direction: 1 }, CONTENT_SCRIPT)).rejects.toBeInstanceOf(RefusedError);
    await expect(goto({ entityId: 'meta', direction: 2 })).rejects.toThrow(/invalid payload/);
    await expect(goto({ entityId: 'Not An Id!', direction: 1 })).rejects.toThrow(/invalid payload/);
    await expect(goto({ direction: 1 })).rejects.toThrow(/invalid payload/);
    await expect(goto(null)).rejects.toThrow(/invalid payload/);
    await expect(route(h, { app: APP, type: 'page/mentions', payload: { x: 1 } })).rejects.toThrow(/invalid payload/);
    expect(h['page/goto']).not.toHaveBeenCalled();
  });

  it('turns a throwing handler into a rejected answer instead of throwing', async () => {
    const h = handlers();
    h['page/goto'].mockImplementation(() => {
      throw new Error('boom');
    });
    let answer: Promise<unknown> | undefined;
    expect(
      () => (answer = route(h, { app: APP, type: 'page/goto', payload: { entityId: null, direction: 1 } })),
    ).not.toThrow();
    await expect(answer).rejects.toThrow('boom');
  });
});

describe('checked answers', () => {
  it('passes an answer that matches the protocol, and throws InvalidAnswerError otherwise', () => {
    expect(checkAnswer(CONTENT, 'page/goto', { ok: false })).toEqual({ ok: false });
    expect(() => checkAnswer(CONTENT, 'page/goto', undefined)).toThrow(InvalidAnswerError);
    expect(() => checkAnswer(CONTENT, 'page/goto', { ok: 'yes' })).toThrow(InvalidAnswerError);
    expect(() => checkAnswer(CONTENT, 'page/mentions', { total: 2 })).toThrow(/page\/mentions/);
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
      },
    );
    expect(() => checkAnswer(CONTENT, 'page/goto', hostile)).toThrow(InvalidAnswerError);
  });
});
