/**
 * Faults injected into the real background module (src/background/index.ts), on a fake browser
 * that keeps storage, badges and IndexedDB across worker restarts: corrupt settings, a blocked
 * or full IndexedDB, a worker stopped between two messages, failing storage writes, and
 * messages from senders posing as the extension. Each gives defaults or a clear message; what
 * was stored before is still there; no exception escapes (Vitest fails a run on an unhandled
 * rejection).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_NAME } from '../../../src/background/history-db.ts';
import { HISTORY_ERROR_KEY } from '../../../src/shared/history-status.ts';
import { SETTINGS_KEY, loadSettings } from '../../../src/shared/settings-store.ts';
import { DEFAULT_SETTINGS, parseSettings } from '../../../src/shared/settings.ts';
import {
  browserState,
  contentSender,
  EXTENSION_ORIGIN,
  POPUP,
  startWorker,
  type BrowserState,
  type Worker,
} from './fake-browser.ts';

const APP = 'context-cards/1';
const msg = (type: string, payload: unknown): unknown => ({ app: APP, type, payload });
const report = (url: string, counts: { entityId: string; count: number }[]): unknown =>
  msg('page/report', { counts, total: counts.reduce((n, c) => n + c.count, 0), url, title: `Title of ${url}` });

interface HistoryAnswer {
  entities: { entityId: string; pages: { url: string; count: number }[] }[];
  error: string | null;
}

let state: BrowserState;
let warn: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  state = browserState();
  state.tabs.push({ id: 7, url: 'https://news.example/a' }, { id: 8, url: 'https://news.example/b' });
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.doUnmock('../../../src/shared/browser.ts');
});

async function installed(): Promise<Worker> {
  const worker = await startWorker(state);
  worker.onInstalled.emit();
  await worker.idle();
  return worker;
}

async function history(worker: Worker): Promise<HistoryAnswer> {
  return (await worker.send(msg('history/all', {}), POPUP)) as HistoryAnswer;
}

async function visit(
  worker: Worker,
  tabId: number,
  url: string,
  counts: { entityId: string; count: number }[],
): Promise<void> {
  await expect(worker.send(report(url, counts), contentSender(tabId, url))).resolves.toEqual({ ok: true });
  await worker.idle();
}

describe('a background restarted between two messages', () => {
  it('still knows the badge counts and the history, and takes the next message', async () => {
    const first = await installed();
    await visit(first, 7, 'https://news.example/a', [{ entityId: 'meta', count: 3 }]);
    expect(await first.send(msg('badge/get', { tabId: 7 }), POPUP)).toEqual({ text: '3' });

    // The browser stops the worker; the next message starts a new one (no startup event).
    const second = await startWorker(state);
    expect(await second.send(msg('badge/get', { tabId: 7 }), POPUP)).toEqual({ text: '3' });
    expect((await history(second)).entities).toEqual([
      { entityId: 'meta', pages: [expect.objectContaining({ url: 'https://news.example/a', count: 3 })] },
    ]);
    await visit(second, 8, 'https://news.example/b', [{ entityId: 'llama', count: 2 }]);
    expect(await second.send(msg('badge/get', { tabId: 8 }), POPUP)).toEqual({ text: '2' });
    expect((await history(second)).entities.map((e) => e.entityId).sort()).toEqual(['llama', 'meta']);
    // A restart on browser start-up repaints from what was stored.
    const third = await startWorker(state);
    third.onStartup.emit();
    await third.idle();
    expect(await third.send(msg('badge/get', { tabId: 7 }), POPUP)).toEqual({ text: '3' });
  });
});

describe('corrupt settings in storage', () => {
  const corrupt: readonly [string, unknown][] = [
    ['a string', 'settings'],
    ['an array', [1, 2, 3]],
    [
      'wrong types everywhere',
      {
        version: 'two',
        enabled: 'yes',
        disabledSites: 'example.com',
        markStyle: 42,
        hoverDelayMs: -1e9,
        hiddenEntities: [null, {}],
        history: 'maybe',
      },
    ],
    ['a future version', { version: 999, enabled: false, history: true }],
    ['prototype keys', JSON.parse('{"__proto__": {"enabled": false}, "constructor": 1, "version": 2}') as unknown],
    ['a huge list', { version: 2, disabledSites: Array.from({ length: 100_000 }, (_, i) => `site${i}.example`) }],
    ['null', null],
  ];

  it.each(corrupt)(
    '%s: the background repairs it to valid settings, keeps the history, answers as before',
    async (_label, value) => {
      // History from before the corruption.
      const before = await installed();
      await visit(before, 7, 'https://news.example/a', [{ entityId: 'meta', count: 1 }]);
      state.local.set(SETTINGS_KEY, value);

      const worker = await startWorker(state);
      worker.onStartup.emit();
      await worker.idle();
      const stored = state.local.get(SETTINGS_KEY);
      const reparsed = parseSettings(stored);
      // What is stored now is valid as it stands, and what a content script reads is the same.
      expect(reparsed.warnings).toEqual([]);
      expect(await loadSettings({ get: async (k) => ({ [k]: stored }), set: async () => undefined })).toEqual(
        reparsed.settings,
      );
      expect(reparsed.settings.version).toBe(DEFAULT_SETTINGS.version);
      // A clear message says what was repaired (a value that reads as valid needs none).
      const repaired = warn.mock.calls.some((c: unknown[]) =>
        String(c[0]).includes('[Context Cards] settings repaired'),
      );
      expect(repaired).toBe(parseSettings(value).warnings.length > 0);
      // History survives unless the stored value really switched it off.
      const answer = await history(worker);
      expect(answer.error).toBeNull();
      if (reparsed.settings.history) expect(answer.entities).toHaveLength(1);
      await visit(worker, 8, 'https://news.example/b', [{ entityId: 'meta', count: 2 }]);
      expect(await worker.send(msg('badge/get', { tabId: 8 }), POPUP)).toEqual({
        text: reparsed.settings.enabled ? '2' : '',
      });
    },
  );
});

describe('IndexedDB that cannot be used', () => {
  /** A connection of an older version that never lets go (another window of an old build). */
  function holdOldVersion(): Promise<IDBDatabase> {
    return new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        const store = req.result.createObjectStore('visits', { keyPath: ['entityId', 'url'] });
        store.put({ entityId: 'meta', url: 'https://old.example/', title: 'Old', seen: Date.now() - 1000 });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }

  it('blocked: history goes off with the reason "blocked", the badge still works, the old rows come back later', async () => {
    const old = await holdOldVersion();
    const worker = await installed();
    await visit(worker, 7, 'https://news.example/a', [{ entityId: 'meta', count: 4 }]);
    expect(await worker.send(msg('badge/get', { tabId: 7 }), POPUP)).toEqual({ text: '4' });
    expect(await history(worker)).toEqual({ entities: [], error: 'blocked' });
    expect(parseSettings(state.local.get(SETTINGS_KEY)).settings.history).toBe(false);
    expect(warn.mock.calls.some((c: unknown[]) => String(c[0]).includes('history switched off (blocked)'))).toBe(true);

    // The old window closes; the user switches history on again: the old rows are there.
    old.close();
    const next = await startWorker(state);
    state.local.set(SETTINGS_KEY, { ...DEFAULT_SETTINGS, history: true });
    next.storageChanged.emit({ [SETTINGS_KEY]: { newValue: { ...DEFAULT_SETTINGS, history: true } } }, 'local');
    await next.idle();
    const answer = await history(next);
    expect(answer.error).toBeNull();
    expect(answer.entities).toEqual([
      { entityId: 'meta', pages: [expect.objectContaining({ url: 'https://old.example/' })] },
    ]);
  });

  it('over quota: history goes off with the reason "quota", and what it held before is kept', async () => {
    const worker = await installed();
    await visit(worker, 7, 'https://news.example/a', [{ entityId: 'meta', count: 1 }]);
    expect((await history(worker)).entities).toHaveLength(1);

    // The disk fills up: nothing more can be added (deleting still works, as it frees space).
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await visit(worker, 8, 'https://news.example/b', [{ entityId: 'llama', count: 1 }]);
    expect(await worker.send(msg('badge/get', { tabId: 8 }), POPUP)).toEqual({ text: '1' });
    expect(parseSettings(state.local.get(SETTINGS_KEY)).settings.history).toBe(false);
    expect((state.local.get(HISTORY_ERROR_KEY) as { code: string }).code).toBe('quota');
    put.mockRestore();

    // Switched off by a failure, not by the user: the rows are still in the database.
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const req = indexedDB.open(DB_NAME);
      req.onsuccess = () => {
        const all = req.result.transaction('visits').objectStore('visits').getAll();
        all.onsuccess = () => {
          req.result.close();
          resolve(all.result);
        };
      };
      req.onerror = () => reject(req.error);
    });
    expect(rows).toEqual([expect.objectContaining({ entityId: 'meta', url: 'https://news.example/a' })]);
    // The popup is told why.
    expect(await history(worker)).toEqual({ entities: [], error: 'quota' });
  });

  it('storage itself refusing writes: messages still get answers, nothing escapes', async () => {
    const worker = await installed();
    state.failWrites = true;
    // The badge cannot be stored; the report is refused with a message, not a crash.
    await expect(
      worker.send(
        report('https://news.example/a', [{ entityId: 'meta', count: 1 }]),
        contentSender(7, 'https://news.example/a'),
      ),
    ).rejects.toThrow(/quota/);
    state.failWrites = false;
    await visit(worker, 7, 'https://news.example/a', [{ entityId: 'meta', count: 1 }]);
    expect(await worker.send(msg('badge/get', { tabId: 7 }), POPUP)).toEqual({ text: '1' });
  });
});

describe('messages from senders posing as the extension', () => {
  const posers: readonly [string, Parameters<Worker['send']>[1]][] = [
    [
      'a web page (no extension id)',
      { url: 'https://evil.example/', tab: { id: 7, url: 'https://evil.example/' }, frameId: 0 },
    ],
    ['another extension', { id: 'other-extension', url: 'chrome-extension://other-extension/page.html' }],
    [
      'our content script on a page, asking for an extension-page request',
      {
        id: 'context-cards-test',
        url: 'https://evil.example/',
        tab: { id: 7, url: 'https://evil.example/' },
        frameId: 0,
      },
    ],
    ['a sender claiming our origin from a web page', { url: `${EXTENSION_ORIGIN}popup/index.html` }],
  ];

  it.each(posers)(
    '%s: clearing history or reading the badge is refused with a clear message, and nothing changes',
    async (_label, sender) => {
      const worker = await installed();
      await visit(worker, 7, 'https://news.example/a', [{ entityId: 'meta', count: 2 }]);
      await expect(worker.send(msg('history/clear', {}), sender)).rejects.toThrow(
        /^history\/clear: sender not allowed$/,
      );
      await expect(worker.send(msg('history/all', {}), sender)).rejects.toThrow(/sender not allowed/);
      await expect(worker.send(msg('badge/get', { tabId: 7 }), sender)).rejects.toThrow(/sender not allowed/);
      expect((await history(worker)).entities).toHaveLength(1);
      expect(await worker.send(msg('badge/get', { tabId: 7 }), POPUP)).toEqual({ text: '2' });
    },
  );

  it('forged envelopes (wrong app, unknown type, bad payload) are ignored or refused', async () => {
    const worker = await installed();
    await expect(worker.send({ app: 'other/1', type: 'history/clear', payload: {} }, POPUP)).rejects.toThrow(
      /Receiving end does not exist/,
    );
    await expect(worker.send(msg('history/drop-table', {}), POPUP)).rejects.toThrow(/Receiving end does not exist/);
    await expect(worker.send(msg('history/clear', { all: true }), POPUP)).rejects.toThrow(/invalid payload/);
    await expect(
      worker.send(
        msg('page/report', { counts: 'all', total: 1e12, url: 'x'.repeat(10_000), title: '' }),
        contentSender(7, 'https://news.example/a'),
      ),
    ).rejects.toThrow(/invalid payload/);
  });
});
