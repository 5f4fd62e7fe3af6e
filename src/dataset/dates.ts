/**
 * Partial ISO dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) as the span of days they cover, so dates of
 * different precision compare honestly: "2026-03" is not before "2026-03-05", it contains it.
 * Days are numbers like 20260305. Pure; the schema has already checked the shape.
 */

function parts(date: string): [number, number | null, number | null] {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 0, m ?? null, d ?? null];
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first day the date covers. */
export function firstDay(date: string): number {
  const [y, m, d] = parts(date);
  return y * 10_000 + (m ?? 1) * 100 + (d ?? 1);
}

/** The last day the date covers. */
export function lastDay(date: string): number {
  const [y, m, d] = parts(date);
  const month = m ?? 12;
  return y * 10_000 + month * 100 + (d ?? daysIn(y, month));
}

/** The later of two dates by the last day they cover (the more precise one on a tie). */
export function later(a: string, b: string): string {
  const la = lastDay(a);
  const lb = lastDay(b);
  if (la !== lb) return la > lb ? a : b;
  return a.length >= b.length ? a : b;
}
