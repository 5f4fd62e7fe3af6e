/**
 * History as the rest of the background sees it: respects the setting and private windows, and
 * turns a storage failure into "history off, with a reason" instead of a broken extension.
 */
import type { HistoryErrorCode } from '../shared/history-status.ts';
import type { EntityHistory, HistoryPage } from '../shared/messages.ts';
import type { Settings } from '../shared/settings.ts';
import { BlockedError, type HistoryDb } from './history-db.ts';
import { allHistory, clearHistory, pagesForEntity, prune, recordVisit, type Visit } from './history-store.ts';

/**
 * Pages report again on every change (dynamic pages do so often); counting and pruning 10,000
 * rows each time would be waste. Once per 10 minutes of a worker's life is plenty for limits
 * measured in days and thousands. A new worker prunes at its first visit.
 */
export const PRUNE_INTERVAL_MS = 10 * 60 * 1000;

export interface HistoryServiceDeps {
  open(): Promise<HistoryDb>;
  settings(): Promise<Settings>;
  /** Switches history off in the settings and stores why. */
  disable(code: HistoryErrorCode): Promise<void>;
  now(): number;
}

/** Maps a storage failure to what the popup explains. */
export function classifyHistoryError(error: unknown): HistoryErrorCode {
  if (error instanceof BlockedError) return 'blocked';
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') return 'quota';
  if (name === 'InvalidStateError' || name === 'UnknownError' || name === 'SecurityError' || name === 'NotFoundError')
    return 'unavailable';
  return 'failed';
}

export class HistoryService {
  /** A cached connection is only a speed-up: a new worker simply opens it again. */
  private connection: Promise<HistoryDb> | null = null;
  private lastPrune = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: HistoryServiceDeps) {}

  private db(): Promise<HistoryDb> {
    if (!this.connection) {
      const opening = this.deps.open().then((db) => {
        // Let a newer version (or a deletion) proceed, and reopen on the next use.
        db.addEventListener('versionchange', () => {
          db.close();
          this.connection = null;
        });
        db.addEventListener('close', () => {
          this.connection = null;
        });
        return db;
      });
      opening.catch(() => {
        this.connection = null;
      });
      this.connection = opening;
    }
    return this.connection;
  }

  private async fail(error: unknown): Promise<void> {
    const code = classifyHistoryError(error);
    console.warn(`[Context Cards] history switched off (${code})`, error);
    try {
      await this.deps.disable(code);
    } catch (inner) {
      console.warn('[Context Cards] could not switch history off', inner);
    }
  }

  /** Records a visit unless history is off or the tab is private. Never rejects. */
  async record(visit: Visit, incognito: boolean): Promise<void> {
    if (incognito || visit.counts.every((c) => c.count === 0)) return;
    try {
      if (!(await this.deps.settings()).history) return;
      const db = await this.db();
      const now = this.deps.now();
      await recordVisit(db, visit, now);
      if (now - this.lastPrune >= PRUNE_INTERVAL_MS) {
        this.lastPrune = now;
        await prune(db, now);
      }
    } catch (error) {
      await this.fail(error);
    }
  }

  async forEntity(
    entityId: string,
    excludeUrl: string,
    limit: number,
  ): Promise<{ total: number; pages: readonly HistoryPage[] }> {
    try {
      if (!(await this.deps.settings()).history) return { total: 0, pages: [] };
      return await pagesForEntity(await this.db(), entityId, excludeUrl, limit);
    } catch (error) {
      await this.fail(error);
      return { total: 0, pages: [] };
    }
  }

  async all(): Promise<readonly EntityHistory[]> {
    try {
      if (!(await this.deps.settings()).history) return [];
      return await allHistory(await this.db());
    } catch (error) {
      await this.fail(error);
      return [];
    }
  }

  /** Deletes every row. Returns false when the database could not be reached. */
  async clear(): Promise<boolean> {
    try {
      await clearHistory(await this.db());
      return true;
    } catch (error) {
      console.warn('[Context Cards] history could not be cleared', error);
      return false;
    }
  }
}
