/**
 * Partial ISO dates in words, in the card language: "2025-12" → "December 2025" /
 * "Dezember 2025", "2025-12-19" → "19 December 2025" / "19. Dezember 2025". Fixed tables rather
 * than Intl, so every browser (and every test) says the same thing.
 */
import type { CardLang } from './strings.ts';

const MONTHS: Readonly<Record<CardLang, readonly string[]>> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  de: [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ],
};

// Abbreviations as each language writes them (German abbreviates only the long names).
const SHORT_MONTHS: Readonly<Record<CardLang, readonly string[]>> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  de: ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'],
};

export type Precision = 'year' | 'month' | 'day';

/** How precise a date is; null when it is not a date at all. */
export function precisionOf(date: string): Precision | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m) return null;
  return m[3] ? 'day' : m[2] ? 'month' : 'year';
}

/** The date in words; anything that is not a date is returned as it is. */
export function formatDate(date: string, lang: CardLang): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m?.[1]) return date;
  const month = m[2] ? MONTHS[lang][Number(m[2]) - 1] : undefined;
  if (m[2] && month === undefined) return date;
  if (!month) return m[1];
  if (!m[3]) return `${month} ${m[1]}`;
  const day = Number(m[3]);
  return lang === 'de' ? `${day}. ${month} ${m[1]}` : `${day} ${month} ${m[1]}`;
}

/** The date in short words for a one-line label: "Dec 2025" / "Dez. 2025"; a day is left out. */
export function formatShortDate(date: string, lang: CardLang): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m?.[1]) return date;
  if (!m[2]) return m[1];
  const month = SHORT_MONTHS[lang][Number(m[2]) - 1];
  return month === undefined ? date : `${month} ${m[1]}`;
}
