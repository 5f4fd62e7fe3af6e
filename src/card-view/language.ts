import type { CardLanguage } from '../shared/settings.ts';
import type { CardLang } from './strings.ts';

/** The card language: the setting, or for "auto" the browser's language (German or else English). */
export function resolveCardLanguage(setting: CardLanguage, browserLanguage: string | undefined): CardLang {
  if (setting === 'en' || setting === 'de') return setting;
  return browserLanguage?.toLowerCase().startsWith('de') ? 'de' : 'en';
}
