/**
 * The story packs' database (IndexedDB through idb), apart from the history's so that clearing
 * the history can never touch a pack. Opened only here, in the background.
 *
 * Version 1: store `packs`, key `id`, rows `{ id, dataset, sourceText, importedAt, enabled }`
 * (the dataset as validated at import); store `state`, key `bundled`, `{ enabled }`.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Dataset } from '../dataset/schema.ts';

export const PACK_DB_NAME = 'context-cards-packs';
export const PACK_DB_VERSION = 1;

export interface PackRow {
  readonly id: string;
  readonly dataset: Dataset;
  readonly sourceText: string;
  readonly importedAt: number;
  readonly enabled: boolean;
}

interface PackSchema extends DBSchema {
  packs: { key: string; value: PackRow };
  state: { key: string; value: { enabled: boolean } };
}

/** What the pack service needs of storage; tests pass an in-memory one. */
export interface PackDb {
  all(): Promise<PackRow[]>;
  get(id: string): Promise<PackRow | undefined>;
  put(row: PackRow): Promise<void>;
  delete(id: string): Promise<void>;
  bundledEnabled(): Promise<boolean>;
  setBundledEnabled(enabled: boolean): Promise<void>;
}

function wrap(db: IDBPDatabase<PackSchema>): PackDb {
  return {
    all: () => db.getAll('packs'),
    get: (id) => db.get('packs', id),
    async put(row) {
      await db.put('packs', row);
    },
    delete: (id) => db.delete('packs', id),
    async bundledEnabled() {
      return (await db.get('state', 'bundled'))?.enabled ?? true;
    },
    async setBundledEnabled(enabled) {
      await db.put('state', { enabled }, 'bundled');
    },
  };
}

export async function openPackDb(): Promise<PackDb> {
  if (typeof indexedDB === 'undefined') throw new DOMException('IndexedDB is not available', 'UnknownError');
  const db = await openDB<PackSchema>(PACK_DB_NAME, PACK_DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('packs', { keyPath: 'id' });
        database.createObjectStore('state');
      }
    },
  });
  return wrap(db);
}
