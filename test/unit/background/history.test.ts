import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BlockedError,
  DB_NAME,
  DB_VERSION,
  migrateV1Row,
  openHistoryDb,
  type HistoryDb,
} from '../../../src/background/history-db.ts';
import { HistoryService, PRUNE_INTERVAL_MS } from '../../../src/background/history-service.ts';
import {
  HISTORY_MAX_AGE_MS,
  HISTORY_MAX_ROWS,
  allHistory,
  historyUrl,
  pagesForEntity,
  prune,
  recordVisit,
} from '../../../src/background/history-store.ts';
import type { HistoryErrorCode } from '../../../src/shared/history-status.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings.ts';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 1);

let db: HistoryDb | null = null;
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => {
  db?.close();
  db = null;
  vi.restoreAllMocks();
});

async function open(): Promise<HistoryDb> {
  db = await openHistoryDb();
  return db;
}

/** Creates the version 1 database as the first release did, with rows. */
function createV1(rows: readonly unknown[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore('visits', { keyPath: ['entityId', 'url'] });
      for (const row of rows) store.put(row);
    };
    req.onsuccess = () => {
      req.result.close();
      resolve();
    };
    req.onerror = () => reject(req.error);
  });
}

describe('history store', () => {
  it('records a visit per entity with first and last seen and the count', async () => {
    const d = await open();
    await recordVisit(
      d,
      {
        url: 'https://a.example/x',
        title: 'A',
        counts: [
          { entityId: 'meta', count: 3 },
          { entityId: 'llama', count: 1 },
        ],
      },
      T0,
    );
    await recordVisit(
      d,
      { url: 'https://a.example/x', title: 'A, updated', counts: [{ entityId: 'meta', count: 5 }] },
      T0 + DAY,
    );
    const meta = await pagesForEntity(d, 'meta', '', 10);
    expect(meta).toEqual({
      total: 1,
      pages: [{ url: 'https://a.example/x', title: 'A, updated', firstSeen: T0, lastSeen: T0 + DAY, count: 5 }],
    });
    expect((await pagesForEntity(d, 'llama', '', 10)).pages[0]?.lastSeen).toBe(T0);
  });

  it('skips entities with a zero count', async () => {
    const d = await open();
    await recordVisit(d, { url: 'https://a.example/', title: 'A', counts: [{ entityId: 'meta', count: 0 }] }, T0);
    expect(await allHistory(d)).toEqual([]);
  });

  it('lists other pages of an entity, newest first, limited, without the current page', async () => {
    const d = await open();
    for (let i = 0; i < 6; i++)
      await recordVisit(
        d,
        { url: `https://a.example/${i}`, title: `P${i}`, counts: [{ entityId: 'meta', count: 1 }] },
        T0 + i,
      );
    const r = await pagesForEntity(d, 'meta', 'https://a.example/5', 3);
    expect(r.total).toBe(5);
    expect(r.pages.map((p) => p.title)).toEqual(['P4', 'P3', 'P2']);
  });

  it('groups all history by entity, newest first', async () => {
    const d = await open();
    await recordVisit(d, { url: 'https://a.example/1', title: '1', counts: [{ entityId: 'meta', count: 1 }] }, T0);
    await recordVisit(
      d,
      {
        url: 'https://a.example/2',
        title: '2',
        counts: [
          { entityId: 'llama', count: 1 },
          { entityId: 'meta', count: 1 },
        ],
      },
      T0 + 1,
    );
    const all = await allHistory(d);
    expect(all.map((g) => g.entityId)).toEqual(['llama', 'meta']);
    expect(all[1]?.pages.map((p) => p.title)).toEqual(['2', '1']);
  });

  it('drops rows older than 90 days', async () => {
    const d = await open();
    await recordVisit(d, { url: 'https://a.example/old', title: 'old', counts: [{ entityId: 'meta', count: 1 }] }, T0);
    await recordVisit(
      d,
      { url: 'https://a.example/new', title: 'new', counts: [{ entityId: 'meta', count: 1 }] },
      T0 + HISTORY_MAX_AGE_MS,
    );
    expect((await pagesForEntity(d, 'meta', '', 10)).pages.map((p) => p.title)).toEqual(['new', 'old']);
    expect(await prune(d, T0 + HISTORY_MAX_AGE_MS)).toBe(0);
    expect(await prune(d, T0 + HISTORY_MAX_AGE_MS + 1)).toBe(1);
    expect((await pagesForEntity(d, 'meta', '', 10)).pages.map((p) => p.title)).toEqual(['new']);
  });

  it('keeps at most the row limit, dropping the oldest first', async () => {
    const d = await open();
    const tx = d.transaction('visits', 'readwrite');
    for (let i = 0; i < 30; i++)
      void tx.store.put({
        entityId: 'meta',
        url: `https://a.example/${i}`,
        title: `${i}`,
        firstSeen: T0 + i,
        lastSeen: T0 + i,
        count: 1,
      });
    await tx.done;
    expect(await prune(d, T0 + 100, HISTORY_MAX_AGE_MS, 25)).toBe(5);
    const left = (await pagesForEntity(d, 'meta', '', 50)).pages.map((p) => Number(p.title));
    expect(left).toHaveLength(25);
    expect(Math.min(...left)).toBe(5);
  });

  it(`prunes a full store (${HISTORY_MAX_ROWS} + 500 rows) to the limit`, async () => {
    const d = await open();
    const tx = d.transaction('visits', 'readwrite');
    for (let i = 0; i < HISTORY_MAX_ROWS + 500; i++) {
      void tx.store.put({
        entityId: `e${i % 50}`,
        url: `https://a.example/${i}`,
        title: `${i}`,
        firstSeen: T0 + i,
        lastSeen: T0 + i,
        count: 1,
      });
    }
    await tx.done;
    const started = performance.now();
    const deleted = await prune(d, T0 + HISTORY_MAX_ROWS + 500);
    const ms = performance.now() - started;
    const again = performance.now();
    expect(await prune(d, T0 + HISTORY_MAX_ROWS + 500)).toBe(0);
    console.info(
      `[bench] prune of ${HISTORY_MAX_ROWS + 500} rows (fake-indexeddb): ${ms.toFixed(0)} ms; nothing to drop: ${(performance.now() - again).toFixed(0)} ms`,
    );
    expect(deleted).toBe(500);
    expect(await d.count('visits')).toBe(HISTORY_MAX_ROWS);
    expect(await d.get('visits', ['e0', 'https://a.example/0'])).toBeUndefined();
    expect(await d.get('visits', ['e0', 'https://a.example/500'])).toBeDefined();
  }, 60_000);

  it('keeps only http(s) URLs, without query, fragment or credentials', () => {
    expect(historyUrl('https://user:pw@a.example:8443/p/a?q=secret#frag')).toBe('https://a.example:8443/p/a');
    expect(historyUrl('http://a.example')).toBe('http://a.example/');
    expect(historyUrl('file:///home/me/a.html')).toBeNull();
    expect(historyUrl('chrome://settings')).toBeNull();
    expect(historyUrl('not a url')).toBeNull();
  });
});

describe('history database versions', () => {
  it(`opens at version ${DB_VERSION} with both indexes`, async () => {
    const d = await open();
    expect(d.version).toBe(DB_VERSION);
    expect([...d.transaction('visits').store.indexNames].sort()).toEqual(['by-entity', 'by-lastSeen']);
  });

  it('upgrades a version 1 database, converting its rows and dropping broken ones', async () => {
    await createV1([
      { entityId: 'meta', url: 'https://a.example/1', title: 'One', seen: T0 },
      { entityId: 'llama', url: 'https://a.example/2', seen: T0 + 5 },
      { entityId: 'meta', url: 'https://a.example/broken', title: 'no date' },
    ]);
    const d = await open();
    expect(d.version).toBe(2);
    expect(await d.count('visits')).toBe(2);
    expect(await pagesForEntity(d, 'meta', '', 10)).toEqual({
      total: 1,
      pages: [{ url: 'https://a.example/1', title: 'One', firstSeen: T0, lastSeen: T0, count: 1 }],
    });
    // The new index works on migrated rows.
    expect((await pagesForEntity(d, 'llama', '', 10)).pages[0]?.title).toBe('https://a.example/2');
    await recordVisit(
      d,
      { url: 'https://a.example/1', title: 'One', counts: [{ entityId: 'meta', count: 4 }] },
      T0 + DAY,
    );
    expect((await pagesForEntity(d, 'meta', '', 10)).pages[0]).toMatchObject({
      firstSeen: T0,
      lastSeen: T0 + DAY,
      count: 4,
    });
  });

  it('migrateV1Row rejects garbage', () => {
    expect(migrateV1Row(null)).toBeNull();
    expect(migrateV1Row({ entityId: 'meta', url: 'u', seen: Number.NaN })).toBeNull();
    expect(migrateV1Row({ entityId: 1, url: 'u', seen: 1 })).toBeNull();
  });

  it('rejects with BlockedError when an old connection does not let go', async () => {
    await createV1([]);
    const old = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onsuccess = () => resolve(req.result);
    });
    await expect(openHistoryDb()).rejects.toBeInstanceOf(BlockedError);
    old.close();
  });
});

describe('history service', () => {
  function service(overrides: Partial<{ settings: Settings; open: () => Promise<HistoryDb> }> = {}) {
    const disabled: HistoryErrorCode[] = [];
    let settings = overrides.settings ?? DEFAULT_SETTINGS;
    const svc = new HistoryService({
      open: overrides.open ?? (async () => (db = await openHistoryDb())),
      settings: async () => settings,
      disable: async (code) => {
        disabled.push(code);
        settings = { ...settings, history: false };
      },
      now: () => T0,
    });
    return { svc, disabled };
  }
  const visit = { url: 'https://a.example/', title: 'A', counts: [{ entityId: 'meta', count: 2 }] };

  it('records normal visits and never private ones', async () => {
    const { svc } = service();
    await svc.record({ ...visit, url: 'https://a.example/private' }, true);
    await svc.record(visit, false);
    const all = await svc.all();
    expect(all.flatMap((g) => g.pages.map((p) => p.url))).toEqual(['https://a.example/']);
  });

  it('records nothing when history is off', async () => {
    const { svc } = service({ settings: { ...DEFAULT_SETTINGS, history: false } });
    await svc.record(visit, false);
    expect(await svc.forEntity('meta', '', 5)).toEqual({ total: 0, pages: [] });
    db = await openHistoryDb();
    expect(await db.count('visits')).toBe(0);
  });

  it('prunes at the first visit of a worker, then not again within the interval', async () => {
    let now = T0 + HISTORY_MAX_AGE_MS * 2;
    globalThis.indexedDB = new IDBFactory();
    const d = await openHistoryDb();
    db = d;
    await d.put('visits', {
      entityId: 'meta',
      url: 'https://old.example/',
      title: 'old',
      firstSeen: T0,
      lastSeen: T0,
      count: 1,
    });
    const svc = new HistoryService({
      open: async () => d,
      settings: async () => DEFAULT_SETTINGS,
      disable: async () => undefined,
      now: () => now,
    });
    await svc.record(visit, false);
    expect(await d.count('visits')).toBe(1);
    await d.put('visits', {
      entityId: 'meta',
      url: 'https://old2.example/',
      title: 'old',
      firstSeen: T0,
      lastSeen: T0,
      count: 1,
    });
    now += PRUNE_INTERVAL_MS - 1;
    await svc.record(visit, false);
    expect(await d.count('visits')).toBe(2);
    now += 1;
    await svc.record(visit, false);
    expect(await d.count('visits')).toBe(1);
  });

  it('clears everything', async () => {
    const { svc } = service();
    await svc.record(visit, false);
    expect(await svc.clear()).toBe(true);
    expect(await svc.all()).toEqual([]);
  });

  it.each([
    ['QuotaExceededError', 'quota'],
    ['InvalidStateError', 'unavailable'],
    ['DataError', 'failed'],
  ] as const)('a %s switches history off with the reason %s, and does not throw', async (name, code) => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { svc, disabled } = service({ open: () => Promise.reject(new DOMException('no', name)) });
    await expect(svc.record(visit, false)).resolves.toBeUndefined();
    expect(disabled).toEqual([code]);
    // Off now: nothing more is tried, nothing more is reported.
    await svc.record(visit, false);
    expect(disabled).toEqual([code]);
  });

  it('a quota error while writing switches history off', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { svc, disabled } = service({
      open: async () => {
        const d = await openHistoryDb();
        db = d;
        vi.spyOn(d, 'transaction').mockImplementation(() => {
          throw new DOMException('full', 'QuotaExceededError');
        });
        return d;
      },
    });
    await svc.record(visit, false);
    expect(disabled).toEqual(['quota']);
  });

  it('a blocked upgrade switches history off as "blocked"', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await createV1([]);
    const old = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onsuccess = () => resolve(req.result);
    });
    const { svc, disabled } = service();
    expect(await svc.all()).toEqual([]);
    expect(disabled).toEqual(['blocked']);
    old.close();
  });

  it('works without IndexedDB at all', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const saved = globalThis.indexedDB;
    // @ts-expect-error: simulating a context without IndexedDB
    delete globalThis.indexedDB;
    try {
      const { svc, disabled } = service();
      await svc.record(visit, false);
      expect(disabled).toEqual(['unavailable']);
    } finally {
      globalThis.indexedDB = saved;
    }
  });
});
