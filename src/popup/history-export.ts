/** The history export: a JSON file a person can read and another tool can parse. */
import type { EntityHistory } from '../shared/messages.ts';
import type { EntityName } from './dataset-summary.ts';

export const EXPORT_FORMAT = 'context-cards-history';
export const EXPORT_VERSION = 1;

export interface HistoryExport {
  readonly filename: string;
  readonly text: string;
}

/** Builds the export file; dates as ISO 8601 so the file reads the same in any time zone. */
export function buildHistoryExport(
  entities: readonly EntityHistory[],
  names: readonly EntityName[],
  now: number,
): HistoryExport {
  const iso = (ms: number): string => new Date(ms).toISOString();
  const body = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: iso(now),
    entities: entities.map(({ entityId, pages }) => ({
      entityId,
      name: names.find((n) => n.id === entityId)?.name ?? entityId,
      pages: pages.map((p) => ({
        url: p.url,
        title: p.title,
        firstSeen: iso(p.firstSeen),
        lastSeen: iso(p.lastSeen),
        count: p.count,
      })),
    })),
  };
  return {
    filename: `context-cards-history-${iso(now).slice(0, 10)}.json`,
    text: `${JSON.stringify(body, null, 2)}\n`,
  };
}
