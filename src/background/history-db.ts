/**
 * The history database (IndexedDB through idb). Opened only here, in the background: in a
 * content script IndexedDB would belong to the page's origin.
 *
 * Versions:
 * - 1: store `visits`, key [entityId, url], rows `{ entityId, url, title, seen }`, no indexes.
 * - 2: rows `{ entityId, url, title, firstSeen, lastSeen, count }`, indexes by entity and by
 *   lastSeen (for the card's "also on N pages" and for pruning oldest first).
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';

export const DB_NAME = 'context-cards';
export const DB_VERSION = 2;
export const STORE = 'visits';
export const BY_ENTITY = 'by-entity';
export const BY_LAST_SEEN = 'by-lastSeen';

export interface VisitRow {
  readonly entityId: string;
  /** Page URL without query or fragment. */
  readonly url: string;
  readonly title: string;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Mentions of the entity on the page at the last visit. */
  readonly count: number;
}

export interface HistorySchema extends DBSchema {
  visits: {
    key: [string, string];
    value: VisitRow;
    indexes: { 'by-entity': string; 'by-lastSeen': number };
  };
}

export type HistoryDb = IDBPDatabase<HistorySchema>;

/** Raised when an older connection (another window of an old version) keeps the upgrade waiting. */
export class BlockedError extends Error {
  override readonly name = 'BlockedError';
}

/** Converts a version 1 row; rows that cannot be read are dropped rather than kept broken. */
export function migrateV1Row(raw: unknown): VisitRow | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { entityId, url, title, seen } = raw as Record<string, unknown>;
  if (typeof entityId !== 'string' || typeof url !== 'string' || typeof seen !== 'number' || !Number.isFinite(seen))
    return null;
  return { entityId, url, title: typeof title === 'string' ? title : url, firstSeen: seen, lastSeen: seen, count: 1 };
}

async function upgradeFromV1(
  tx: IDBPTransaction<HistorySchema, StoreNames<HistorySchema>[], 'versionchange'>,
): Promise<void> {
  const store = tx.objectStore(STORE);
  for (let cursor = await store.openCursor(); cursor; cursor = await cursor.continue()) {
    const row = migrateV1Row(cursor.value);
    if (row) await cursor.update(row);
    else await cursor.delete();
  }
}

/**
 * Opens (creating or upgrading) the database. Rejects with BlockedError when an older
 * connection does not let go, instead of waiting for ever.
 */
export function openHistoryDb(): Promise<HistoryDb> {
  if (typeof indexedDB === 'undefined')
    return Promise.reject(new DOMException('IndexedDB is not available', 'UnknownError'));
  return new Promise<HistoryDb>((resolve, reject) => {
    let blocked = false;
    openDB<HistorySchema>(DB_NAME, DB_VERSION, {
      upgrade(db, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) {
          db.createObjectStore(STORE, { keyPath: ['entityId', 'url'] });
        }
        const store = tx.objectStore(STORE);
        if (oldVersion < 2) {
          store.createIndex(BY_ENTITY, 'entityId');
          store.createIndex(BY_LAST_SEEN, 'lastSeen');
          if (oldVersion === 1) void upgradeFromV1(tx);
        }
      },
      blocked() {
        blocked = true;
        reject(new BlockedError('history database upgrade is blocked by another connection'));
      },
    }).then((db) => {
      // Opened after all, too late for the caller that gave up: do not leak the connection.
      if (blocked) db.close();
      else resolve(db);
    }, reject);
  });
}
