/** The few facts of the bundled dataset the popup shows: entity names and the one-line summary. */
import { BUNDLED_DATASET } from '../dataset/bundled.ts';
import type { Entity, Source } from '../dataset/index.ts';

export interface EntityName {
  readonly id: string;
  readonly name: string;
}

export interface DatasetSummary {
  readonly entities: readonly EntityName[];
  readonly claims: number;
  readonly notes: number;
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD"; null when unknown. */
  readonly writtenAround: string | null;
  /** Where the translated original appeared; null when the article is not a translation. */
  readonly originalSite: string | null;
}

/** The parts of a Dataset the summary reads (tests pass just these). */
interface Summarised {
  readonly entities: readonly Pick<Entity, 'id' | 'name'>[];
  readonly claims: readonly unknown[];
  readonly notes: readonly unknown[];
  readonly source: {
    readonly writtenAround: Pick<Source['writtenAround'], 'estimate'>;
    readonly translationOf: Pick<NonNullable<Source['translationOf']>, 'site'> | null;
  };
}

/** Extracts the summary (pure, for tests with other datasets). */
export function summarise(d: Summarised): DatasetSummary {
  return {
    entities: d.entities.map(({ id, name }) => ({ id, name })),
    claims: d.claims.length,
    notes: d.notes.length,
    writtenAround: d.source.writtenAround.estimate,
    originalSite: d.source.translationOf?.site ?? null,
  };
}

export const BUNDLED: DatasetSummary = summarise(BUNDLED_DATASET);

/** "2025-12" as "December 2025" in the UI language (day precision is not needed in one line). */
export function formatEstimate(estimate: string | null, language: string): string | null {
  const m = estimate === null ? null : /^(\d{4})(?:-(\d{2}))?/.exec(estimate);
  if (!m?.[1]) return null;
  const year = Number(m[1]);
  if (!m[2]) return String(year);
  try {
    return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
      Date.UTC(year, Number(m[2]) - 1, 15),
    );
  } catch {
    return estimate;
  }
}
