/** UI strings through `browser.i18n`, with the English text as the fallback for tests and gaps. */
import { browser } from './browser.ts';

/** Returns the localised message `key`, or `fallback` when it is missing. */
export function t(key: string, fallback: string, substitutions?: string | string[]): string {
  try {
    const text = browser.i18n.getMessage(key, substitutions);
    return text === '' ? fallback : text;
  } catch {
    return fallback;
  }
}
