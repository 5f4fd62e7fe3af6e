import { describe, expect, it, vi } from 'vitest';
import { backgroundHandlers, SOURCE_PAGE, type HandlerDeps } from '../../../src/background/handlers.ts';
import { PACK_LIMITS } from '../../../src/dataset/limits.ts';
import { BACKGROUND, type BackgroundProtocol } from '../../../src/shared/messages.ts';
import { extensionRouter, message, RefusedError, type Request, type Sender } from '../../../src/shared/protocol.ts';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings.ts';

const ID = 'context-cards@test';
const ORIGIN = 'chrome-extension://abc/';
const POPUP: Sender = { id: ID, url: `${ORIGIN}popup/index.html` };
const PAGE_URL = 'https://news.example/a?utm=x#part';
const CONTENT: Sender = { id: ID, url: PAGE_URL, frameId: 0, tab: { id: 7, url: PAGE_URL, incognito: false } };

function deps() {
  const d = {
    extensionOrigin: ORIGIN,
    toolbar: { report: vi.fn(async () => undefined), text: vi.fn(async () => '3') },
    history: {
      record: vi.fn(async () => undefined),
      forEntity: vi.fn(async () => ({ total: 1, pages: [] })),
      all: vi.fn(async () => []),
      clear: vi.fn(async () => true),
    },
    packs: {
      list: vi.fn(async () => []),
      importPack: vi.fn(async () => ({ status: 'imported' as const, id: 'p', replaced: false })),
      setEnabled: vi.fn(async () => true),
      remove: vi.fn(async () => true),
      text: vi.fn(async () => null),
      stories: vi.fn(async () => []),
    },
    settings: vi.fn(async () => DEFAULT_SETTINGS),
    historyError: vi.fn(async () => 'quota' as const),
    openTab: vi.fn(async () => undefined),
  } satisfies HandlerDeps;
  return d;
}

/** The background's router, as src/background/index.ts serves it. */
function handleMessage(raw: unknown, sender: Sender, d: HandlerDeps): Promise<unknown> | undefined {
  return extensionRouter(BACKGROUND, backgroundHandlers(d), { extensionId: ID, extensionOrigin: ORIGIN })(raw, sender);
}

function send<K extends keyof BackgroundProtocol & string>(
  type: K,
  payload: Request<BackgroundProtocol, K>,
  sender: Sender,
  d: HandlerDeps,
) {
  return handleMessage(message<BackgroundProtocol, K>(type, payload), sender, d);
}

const report = { counts: [{ entityId: 'meta', count: 2 }], total: 2, url: 'https://evil.example/', title: ' Title ' };

describe('background handlers', () => {
  it('ignores messages that are not ours (other listeners may answer)', () => {
    const d = deps();
    expect(handleMessage({ type: 'page/report' }, CONTENT, d)).toBeUndefined();
    expect(handleMessage('hello', CONTENT, d)).toBeUndefined();
    expect(handleMessage({ app: 'context-cards/1', type: 'unknown', payload: {} }, CONTENT, d)).toBeUndefined();
  });

  it('refuses senders from other extensions', async () => {
    const d = deps();
    await expect(
      send('history/entity', { entityId: 'meta', excludeUrl: '', limit: 3 }, { ...POPUP, id: 'someone-else' }, d),
    ).rejects.toBeInstanceOf(RefusedError);
    await expect(send('history/entity', { entityId: 'meta', excludeUrl: '', limit: 3 }, {}, d)).rejects.toBeInstanceOf(
      RefusedError,
    );
    expect(d.history.forEntity).not.toHaveBeenCalled();
  });

  it('page/report: paints the badge for the tab and records history at the sender URL, stripped', async () => {
    const d = deps();
    await expect(send('page/report', report, CONTENT, d)).resolves.toEqual({ ok: true });
    expect(d.toolbar.report).toHaveBeenCalledWith(7, PAGE_URL, 2, DEFAULT_SETTINGS);
    expect(d.history.record).toHaveBeenCalledWith(
      { url: 'https://news.example/a', title: 'Title', counts: report.counts },
      false,
    );
  });

  it('page/report: passes the private-window flag on, ignores sub-frames, refuses extension pages', async () => {
    const d = deps();
    await send('page/report', report, { ...CONTENT, tab: { id: 7, incognito: true } }, d);
    expect(d.history.record).toHaveBeenLastCalledWith(expect.anything(), true);
    d.history.record.mockClear();
    d.toolbar.report.mockClear();
    await expect(send('page/report', report, { ...CONTENT, frameId: 3 }, d)).resolves.toEqual({ ok: true });
    expect(d.toolbar.report).not.toHaveBeenCalled();
    expect(d.history.record).not.toHaveBeenCalled();
    await expect(send('page/report', report, POPUP, d)).rejects.toThrow(/sender not allowed/);
  });

  it('page/report: does not record pages that are not http(s), but still paints the badge', async () => {
    const d = deps();
    await send('page/report', report, { ...CONTENT, url: 'file:///tmp/a.html' }, d);
    expect(d.toolbar.report).toHaveBeenCalled();
    expect(d.history.record).not.toHaveBeenCalled();
  });

  it('page/report: refuses an invalid payload and does nothing', async () => {
    const d = deps();
    await expect(
      handleMessage(
        message<BackgroundProtocol, 'page/report'>('page/report', { ...report, total: -4 } as never),
        CONTENT,
        d,
      ),
    ).rejects.toThrow(/invalid payload/);
    await expect(
      handleMessage({ app: 'context-cards/1', type: 'page/report', payload: null }, CONTENT, d),
    ).rejects.toThrow(/invalid payload/);
    expect(d.toolbar.report).not.toHaveBeenCalled();
  });

  it('history/entity: from content scripts and pages, excluding the current page without its query', async () => {
    const d = deps();
    await expect(
      send('history/entity', { entityId: 'meta', excludeUrl: PAGE_URL, limit: 3 }, CONTENT, d),
    ).resolves.toEqual({ total: 1, pages: [] });
    expect(d.history.forEntity).toHaveBeenCalledWith('meta', 'https://news.example/a', 3);
    await expect(
      send('history/entity', { entityId: 'meta', excludeUrl: '', limit: 3 }, POPUP, d),
    ).resolves.toBeDefined();
    await expect(send('history/entity', { entityId: 'meta', excludeUrl: '', limit: 10_000 }, POPUP, d)).rejects.toThrow(
      /invalid/,
    );
  });

  it('history/all and history/clear: extension pages only', async () => {
    const d = deps();
    await expect(send('history/all', {}, POPUP, d)).resolves.toEqual({ entities: [], error: 'quota' });
    await expect(send('history/all', {}, CONTENT, d)).rejects.toThrow(/sender not allowed/);
    await expect(send('history/clear', {}, CONTENT, d)).rejects.toThrow(/sender not allowed/);
    expect(d.history.clear).not.toHaveBeenCalled();
    await expect(send('history/clear', {}, POPUP, d)).resolves.toEqual({ ok: true });
    await expect(
      handleMessage(
        message<BackgroundProtocol, 'history/clear'>('history/clear', { everything: true } as never),
        POPUP,
        d,
      ),
    ).rejects.toThrow(/invalid/);
  });

  it('source/open: opens the source page at a claim, at the top, or for one entity', async () => {
    const d = deps();
    await send('source/open', { claimId: 'c01-ai-most-important' }, CONTENT, d);
    expect(d.openTab).toHaveBeenLastCalledWith(`${ORIGIN}${SOURCE_PAGE}#claim-c01-ai-most-important`);
    await send('source/open', { claimId: null }, POPUP, d);
    expect(d.openTab).toHaveBeenLastCalledWith(`${ORIGIN}${SOURCE_PAGE}`);
    await send('source/open', { claimId: null, entityId: 'alexandr-wang' }, CONTENT, d);
    expect(d.openTab).toHaveBeenLastCalledWith(`${ORIGIN}${SOURCE_PAGE}?entity=alexandr-wang`);
    await expect(
      handleMessage(
        message<BackgroundProtocol, 'source/open'>('source/open', { claimId: null, entityId: 'a&b=c' }),
        CONTENT,
        d,
      ),
    ).rejects.toThrow(/invalid/);
    await expect(
      handleMessage(
        message<BackgroundProtocol, 'source/open'>('source/open', { claimId: 'https://evil.example' } as never),
        POPUP,
        d,
      ),
    ).rejects.toThrow(/invalid/);
    await send('source/open', { claimId: 'c02', entityId: 'alice', story: 'my-pack' }, CONTENT, d);
    expect(d.openTab).toHaveBeenLastCalledWith(`${ORIGIN}${SOURCE_PAGE}?story=my-pack&entity=alice#claim-c02`);
    expect(d.openTab).toHaveBeenCalledTimes(4);
  });

  it('packs: only extension pages may list, import, switch, remove or read packs', async () => {
    const d = deps();
    await expect(send('packs/import', { text: '{}', confirm: true }, CONTENT, d)).rejects.toBeInstanceOf(RefusedError);
    await expect(send('packs/remove', { id: 'p' }, CONTENT, d)).rejects.toBeInstanceOf(RefusedError);
    expect(d.packs.importPack).not.toHaveBeenCalled();
    expect(d.packs.remove).not.toHaveBeenCalled();
    await expect(send('packs/import', { text: '{}', confirm: false }, POPUP, d)).resolves.toEqual({
      status: 'imported',
      id: 'p',
      replaced: false,
    });
    await expect(send('packs/enable', { id: 'p', enabled: false }, POPUP, d)).resolves.toEqual({ ok: true });
    expect(d.packs.setEnabled).toHaveBeenCalledWith('p', false);
    await expect(send('packs/get', { id: 'p' }, POPUP, d)).resolves.toEqual({ text: null });
    await expect(send('packs/get', { id: '../x' }, POPUP, d)).rejects.toThrow(/invalid/);
  });

  it('library/stories: answers content scripts with the stories asked for, ids checked', async () => {
    const d = deps();
    const ask = (payload: unknown, from = CONTENT) =>
      send('library/stories', payload as { ids: string[]; entityId: string }, from, d);
    await expect(ask({ ids: ['p', 'meta-ai'], entityId: 'alice' })).resolves.toEqual({ stories: [] });
    expect(d.packs.stories).toHaveBeenCalledWith(['p', 'meta-ai'], 'alice');
    await expect(ask({ ids: ['../x'], entityId: 'alice' })).rejects.toThrow(/invalid/);
    await expect(ask({ ids: 'p', entityId: 'alice' })).rejects.toThrow(/invalid/);
    await expect(ask({ ids: ['p'] })).rejects.toThrow(/invalid/);
    await expect(ask({ ids: ['p'], entityId: '../x' })).rejects.toThrow(/invalid/);
    // At most every pack and the bundled story.
    const many = Array.from({ length: PACK_LIMITS.maxPacks + 2 }, (_, i) => `p${i}`);
    await expect(ask({ ids: many, entityId: 'alice' })).rejects.toThrow(/invalid/);
    await expect(ask({ ids: ['p'], entityId: 'alice' }, POPUP)).rejects.toThrow(/sender not allowed/);
  });

  it('badge/get: reads the badge of a tab for extension pages', async () => {
    const d = deps();
    await expect(send('badge/get', { tabId: 7 }, POPUP, d)).resolves.toEqual({ text: '3' });
    expect(d.toolbar.text).toHaveBeenCalledWith(7);
    await expect(send('badge/get', { tabId: 7 }, CONTENT, d)).rejects.toThrow(/sender not allowed/);
  });

  it('a guard that throws counts as invalid, not as a crash', async () => {
    const d = deps();
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('boom');
        },
      },
    );
    await expect(
      handleMessage({ app: 'context-cards/1', type: 'history/all', payload: hostile }, POPUP, d),
    ).rejects.toThrow(/invalid payload/);
  });
});
