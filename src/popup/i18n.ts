/** Plurals and numbers in the UI language; the strings themselves come from the connector. */
import type { MessageKey, PopupConnector } from './connector.ts';

/** Picks the "one" or "other" message for a count (English and German need no more forms). */
export function plural(c: PopupConnector, count: number, one: MessageKey, other: MessageKey): string {
  let form: string;
  try {
    form = new Intl.PluralRules(c.uiLanguage).select(count);
  } catch {
    form = count === 1 ? 'one' : 'other';
  }
  return c.msg(form === 'one' ? one : other, [formatNumber(c, count)]);
}

export function formatNumber(c: PopupConnector, n: number): string {
  try {
    return new Intl.NumberFormat(c.uiLanguage).format(n);
  } catch {
    return String(n);
  }
}

/** A short local date for history rows. */
export function formatDate(c: PopupConnector, epochMs: number): string {
  try {
    return new Intl.DateTimeFormat(c.uiLanguage, { dateStyle: 'medium' }).format(epochMs);
  } catch {
    return new Date(epochMs).toISOString().slice(0, 10);
  }
}
