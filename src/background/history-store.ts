/** Reads and writes history rows: record a visit, query by entity, list, prune, clear. */
import type { EntityCount, EntityHistory, HistoryPage } from '../shared/messages.ts';
import { webUrl } from '../shared/urls.ts';
import { BY_ENTITY, BY_LAST_SEEN, STORE, type HistoryDb, type VisitRow } from './history-db.ts';

/** 90 days: long enough for "recently", short enough that old reading does not pile up. */
export const HISTORY_MAX_AGE_MS = 90 * 24 * 60 * 60 * 1000;
/** 10,000 rows (a few MB at most): beyond this the oldest are dropped first. */
export const HISTORY_MAX_ROWS = 10_000;

export interface Visit {
  /** Already stripped of query and fragment. */
  readonly url: string;
  readonly title: string;
  readonly counts: readonly EntityCount[];
}

function toPage(row: VisitRow): HistoryPage {
  return { url: row.url, title: row.title, firstSeen: row.firstSeen, lastSeen: row.lastSeen, count: row.count };
}

const newestFirst = (a: VisitRow, b: VisitRow): number => b.lastSeen - a.lastSeen;

/**
 * Records one visit: per entity, first and last seen and the mention count. One transaction,
 * so a visit is stored whole or not at all. Pruning is the caller's business (see prune).
 */
export async function recordVisit(db: HistoryDb, visit: Visit, now: number): Promise<void> {
  const tx = db.transaction(STORE, 'readwrite');
  const counts = visit.counts.filter((c) => c.count > 0);
  await Promise.all(
    counts.map(async ({ entityId, count }) => {
      const old = await tx.store.get([entityId, visit.url]);
      await tx.store.put({
        entityId,
        url: visit.url,
        title: visit.title,
        firstSeen: old?.firstSeen ?? now,
        lastSeen: now,
        count,
      });
    }),
  );
  await tx.done;
}

/**
 * Drops rows not seen for HISTORY_MAX_AGE_MS, then the oldest beyond HISTORY_MAX_ROWS.
 * Returns how many rows were deleted.
 */
export async function prune(
  db: HistoryDb,
  now: number,
  maxAgeMs = HISTORY_MAX_AGE_MS,
  maxRows = HISTORY_MAX_ROWS,
): Promise<number> {
  const tx = db.transaction(STORE, 'readwrite');
  const index = tx.store.index(BY_LAST_SEEN);
  let deleted = 0;
  for (let c = await index.openCursor(IDBKeyRange.upperBound(now - maxAgeMs, true)); c; c = await c.continue()) {
    await c.delete();
    deleted++;
  }
  let excess = (await tx.store.count()) - maxRows;
  for (let c = excess > 0 ? await index.openCursor() : null; c && excess > 0; c = await c.continue()) {
    await c.delete();
    deleted++;
    excess--;
  }
  await tx.done;
  return deleted;
}

/** Recent pages that mention an entity, other than `excludeUrl`, newest first. */
export async function pagesForEntity(
  db: HistoryDb,
  entityId: string,
  excludeUrl: string,
  limit: number,
): Promise<{ total: number; pages: HistoryPage[] }> {
  const rows = (await db.getAllFromIndex(STORE, BY_ENTITY, entityId))
    .filter((r) => r.url !== excludeUrl)
    .sort(newestFirst);
  return { total: rows.length, pages: rows.slice(0, limit).map(toPage) };
}

/** All history grouped by entity; entities and pages newest first. */
export async function allHistory(db: HistoryDb): Promise<EntityHistory[]> {
  const groups = new Map<string, VisitRow[]>();
  for (const row of (await db.getAll(STORE)).sort(newestFirst)) {
    const list = groups.get(row.entityId);
    if (list) list.push(row);
    else groups.set(row.entityId, [row]);
  }
  return [...groups].map(([entityId, rows]) => ({ entityId, pages: rows.map(toPage) }));
}

export async function clearHistory(db: HistoryDb): Promise<void> {
  await db.clear(STORE);
}

/** The page URL history keeps: http(s) only, without query, fragment or credentials. */
export function historyUrl(raw: string): string | null {
  const url = webUrl(raw);
  return url === null ? null : `${url.protocol}//${url.host}${url.pathname}`;
}
