/** Dates and titles as the options page shows them, in the browser's language. Pure. */

/** "2025-12" as "December 2025", "2025-12-19" as "19 December 2025", "2025" as "2025". */
export function formatPartialDate(date: string, language: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(date);
  if (!m?.[1]) return date;
  if (!m[2]) return m[1];
  const when = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] ?? 15));
  try {
    return new Intl.DateTimeFormat(language, {
      year: 'numeric',
      month: 'long',
      ...(m[3] ? { day: 'numeric' } : {}),
      timeZone: 'UTC',
    }).format(when);
  } catch {
    return date;
  }
}

/** A moment (ms) as a date in the local time zone. */
export function formatDay(ms: number, language: string): string {
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(ms);
  } catch {
    return new Date(ms).toISOString().slice(0, 10);
  }
}

/** The title in the UI language: German for a German browser, English otherwise. */
export function titleIn(title: { readonly en: string; readonly de: string }, language: string): string {
  return language.toLowerCase().startsWith('de') ? title.de : title.en;
}
