/**
 * Why history was switched off by the extension itself (not by the user): stored next to the
 * settings so the popup can say so after the background worker is long gone.
 */

export const HISTORY_ERROR_KEY = 'historyError';

/**
 * quota: storage full; blocked: another version holds the database; unavailable: no IndexedDB (e.g.
 * some private modes); failed: anything else.
 */
export type HistoryErrorCode = 'quota' | 'blocked' | 'unavailable' | 'failed';

export interface HistoryError {
  readonly code: HistoryErrorCode;
  /** Epoch milliseconds. */
  readonly at: number;
}

const CODES: readonly HistoryErrorCode[] = ['quota', 'blocked', 'unavailable', 'failed'];

export function isHistoryErrorCode(v: unknown): v is HistoryErrorCode {
  return (CODES as readonly unknown[]).includes(v);
}

/** Validates a stored history error; anything else reads as "no error". */
export function parseHistoryError(raw: unknown): HistoryError | null {
  if (typeof raw !== 'object' || raw === null) return null;
  try {
    const { code, at } = raw as Record<string, unknown>;
    if (!isHistoryErrorCode(code) || typeof at !== 'number' || !Number.isFinite(at)) return null;
    return { code, at };
  } catch {
    return null;
  }
}
