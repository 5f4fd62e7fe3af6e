/**
 * The history as the popup lists it: one row per page, newest first, with the names found on it.
 * The background keeps it by entity (that is what a card asks for); a reader thinks in pages.
 * Pure, for tests.
 */
import type { EntityHistory } from '../shared/messages.ts';

export interface PageRow {
  readonly url: string;
  readonly title: string;
  /** When any of its names was last seen there. */
  readonly lastSeen: number;
  /** The entities on it, most mentioned first (then by id, for a stable order). */
  readonly entityIds: readonly string[];
}

export function historyByPage(groups: readonly EntityHistory[]): PageRow[] {
  const pages = new Map<string, { url: string; title: string; lastSeen: number; counts: Map<string, number> }>();
  for (const group of groups) {
    for (const page of group.pages) {
      let row = pages.get(page.url);
      if (row === undefined) {
        row = { url: page.url, title: page.title, lastSeen: page.lastSeen, counts: new Map() };
        pages.set(page.url, row);
      } else if (page.lastSeen > row.lastSeen) {
        // The newest visit's title: pages change their titles.
        row.lastSeen = page.lastSeen;
        row.title = page.title;
      }
      row.counts.set(group.entityId, (row.counts.get(group.entityId) ?? 0) + page.count);
    }
  }
  return [...pages.values()]
    .sort((a, b) => b.lastSeen - a.lastSeen || a.url.localeCompare(b.url))
    .map(({ url, title, lastSeen, counts }) => ({
      url,
      title,
      lastSeen,
      entityIds: [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id),
    }));
}
