import { describe, expect, it, vi } from 'vitest';

// The polyfill refuses to load outside an extension; handleMessage takes everything as arguments.
vi.mock('../../../src/shared/browser.ts', () => ({ browser: {} }));

import { handleMessage, type ContentHandlers } from '../../../src/content/messaging.ts';
import { APP } from '../../../src/shared/messages.ts';

const ID = 'ext-id';
const own = { id: ID };

function handlers(): ContentHandlers & { goto: ReturnType<typeof vi.fn> } {
  return {
    mentions: () => ({
      counts: [{ entityId: 'meta', count: 2 }],
      total: 2,
      url: 'https://example.com/',
      title: 'T',
      host: 'example.com',
      active: true,
    }),
    goto: vi.fn(() => ({ ok: true })),
  };
}

describe('handleMessage', () => {
  it('answers page/mentions from this extension', async () => {
    const answer = await handleMessage({ app: APP, type: 'page/mentions', payload: {} }, own, ID, handlers());
    expect(answer).toMatchObject({ total: 2, host: 'example.com', active: true });
  });

  it('delegates page/goto with a valid payload', async () => {
    const h = handlers();
    await expect(
      handleMessage({ app: APP, type: 'page/goto', payload: { entityId: 'meta', direction: -1 } }, own, ID, h),
    ).resolves.toEqual({ ok: true });
    await expect(
      handleMessage({ app: APP, type: 'page/goto', payload: { entityId: null, direction: 1 } }, own, ID, h),
    ).resolves.toEqual({ ok: true });
    expect(h.goto).toHaveBeenCalledWith({ entityId: 'meta', direction: -1 });
  });

  it('ignores other senders, other apps, unknown types and bad payloads', () => {
    const h = handlers();
    const goto = (payload: unknown): unknown => handleMessage({ app: APP, type: 'page/goto', payload }, own, ID, h);
    expect(handleMessage({ app: APP, type: 'page/mentions', payload: {} }, { id: 'other' }, ID, h)).toBeUndefined();
    expect(handleMessage({ app: APP, type: 'page/mentions', payload: {} }, undefined, ID, h)).toBeUndefined();
    expect(handleMessage({ app: 'someone-else', type: 'page/mentions', payload: {} }, own, ID, h)).toBeUndefined();
    expect(handleMessage({ app: APP, type: 'page/report', payload: {} }, own, ID, h)).toBeUndefined();
    expect(handleMessage({ app: APP, type: 'page/mentions', payload: { x: 1 } }, own, ID, h)).toBeUndefined();
    expect(goto({ entityId: 'meta', direction: 2 })).toBeUndefined();
    expect(goto({ entityId: 'Not An Id!', direction: 1 })).toBeUndefined();
    expect(goto({ direction: 1 })).toBeUndefined();
    expect(goto(null)).toBeUndefined();
    expect(handleMessage('page/mentions', own, ID, h)).toBeUndefined();
    expect(h.goto).not.toHaveBeenCalled();
  });

  it('turns a failing handler into a failed answer instead of throwing', async () => {
    const h = handlers();
    h.goto.mockImplementation(() => {
      throw new Error('boom');
    });
    await expect(
      handleMessage({ app: APP, type: 'page/goto', payload: { entityId: null, direction: 1 } }, own, ID, h),
    ).resolves.toEqual({ ok: false });
  });
});
