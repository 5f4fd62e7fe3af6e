/**
 * The card's own UI strings in English and German. They live here rather than in _locales
 * because the card follows the card-language setting, not the browser's UI language.
 */
import type { Attribution, Claim, Entity, Note } from '../dataset/index.ts';

export type CardLang = 'en' | 'de';

export interface CardStrings {
  readonly dialogLabel: (name: string) => string;
  readonly announce: (name: string, claims: number) => string;
  readonly close: string;
  readonly kind: Readonly<Record<Entity['kind'], string>>;
  readonly inThisArticle: string;
  readonly noClaims: (name: string) => string;
  readonly attribution: Readonly<Record<Attribution['kind'], string>>;
  readonly claimKind: Readonly<Record<Claim['kind'], string>>;
  readonly showQuote: string;
  readonly hideQuote: string;
  readonly quoteLabel: string;
  readonly attributedTo: string;
  readonly readInContext: string;
  readonly verdict: Readonly<Record<Note['verdict'], string>>;
  readonly sourcesLabel: string;
  /** Said when a claim's text exists only in the other language. */
  readonly fallbackNote: string;
  readonly footerSource: (what: SourceSummary) => string;
  readonly oneSource: string;
  readonly readSource: string;
  readonly hideOnSite: string;
  readonly alsoOnPages: (n: number) => string;
  readonly errorTitle: string;
  readonly errorBody: string;
}

/** What the footer says about the article, derived from dataset.source. */
export interface SourceSummary {
  /** BCP 47 language of the article ("de"). */
  readonly language: string;
  /** "2025-12", "2025" or null. */
  readonly writtenAround: string | null;
  /** Language of the original it translates, or null when it is not a translation. */
  readonly translatedFrom: string | null;
}

// Adjectives for the languages the footer is likely to name; others fall back to a neutral form.
const ADJECTIVE_EN: Readonly<Record<string, string>> = {
  de: 'German',
  it: 'Italian',
  en: 'English',
  fr: 'French',
  es: 'Spanish',
};
const ARTICLE_DE: Readonly<Record<string, string>> = {
  de: 'Deutscher',
  it: 'Italienischer',
  en: 'Englischer',
  fr: 'Französischer',
  es: 'Spanischer',
};
const FROM_DE: Readonly<Record<string, string>> = {
  de: 'Deutschen',
  it: 'Italienischen',
  en: 'Englischen',
  fr: 'Französischen',
  es: 'Spanischen',
};
const SITE_DE: Readonly<Record<string, string>> = {
  de: 'deutschen',
  it: 'italienischen',
  en: 'englischsprachigen',
  fr: 'französischen',
  es: 'spanischen',
};

/** "late 2025" / "Ende 2025": the estimate is rough, so the footer says it roughly. */
function when(estimate: string | null, lang: CardLang): string | null {
  if (estimate === null) return null;
  const match = /^(\d{4})(?:-(\d{2}))?/.exec(estimate);
  if (!match?.[1]) return null;
  const year = match[1];
  const month = match[2] ? Number(match[2]) : null;
  if (month === null || month < 1 || month > 12) return year;
  const third = month <= 4 ? 0 : month <= 8 ? 1 : 2;
  if (lang === 'de') return `${['Anfang', 'Mitte', 'Ende'][third]} ${year}`;
  return `${['early', 'mid', 'late'][third]} ${year}`;
}

export const STRINGS: Readonly<Record<CardLang, CardStrings>> = {
  en: {
    dialogLabel: (name) => `Context card: ${name}`,
    announce: (name, n) =>
      `Context card for ${name}: ${n === 0 ? 'no claims' : n === 1 ? 'one claim' : `${n} claims`} in the article.`,
    close: 'Close',
    kind: { person: 'Person', organization: 'Organisation', product: 'Product', term: 'Term' },
    inThisArticle: 'In this article',
    noClaims: (name) => `The article makes no specific claim about ${name}.`,
    attribution: { article: 'The article itself', named: 'Named source', anonymous: 'Anonymous sources' },
    claimKind: { fact: 'Fact', reported: 'Reported', opinion: 'Opinion' },
    showQuote: 'Show the German quote',
    hideQuote: 'Hide the German quote',
    quoteLabel: 'Quote from the article',
    attributedTo: 'Attributed to',
    readInContext: 'Read in context',
    verdict: {
      corroborated: 'Other reporting confirms this:',
      qualified: 'Other reporting qualifies this:',
      contradicted: 'Other reporting contradicts this:',
      'not-found': 'No other reporting found on this:',
    },
    sourcesLabel: 'Sources',
    fallbackNote: '(only available in German)',
    footerSource: (s) => {
      const adjective = ADJECTIVE_EN[s.language];
      const article = adjective ? `${adjective} article` : 'Article';
      const parts = [article, when(s.writtenAround, 'en')].filter((p): p is string => p !== null);
      const original = s.translatedFrom === null ? undefined : ADJECTIVE_EN[s.translatedFrom];
      let from = '';
      if (s.translatedFrom !== null)
        from = original
          ? `, translated from ${/^[AEIOU]/.test(original) ? 'an' : 'a'} ${original} site`
          : ', translated from another language';
      return `Source: ${parts.join(', ')}${from}.`;
    },
    oneSource: 'One source only.',
    readSource: 'Read the source',
    hideOnSite: 'Hide on this site',
    alsoOnPages: (n) => `Also on ${n === 1 ? 'one page' : `${n} pages`} you read recently`,
    errorTitle: 'Card unavailable',
    errorBody: 'The data for this card could not be read.',
  },
  de: {
    dialogLabel: (name) => `Kontextkarte: ${name}`,
    announce: (name, n) =>
      `Kontextkarte zu ${name}: ${n === 0 ? 'keine Aussagen' : n === 1 ? 'eine Aussage' : `${n} Aussagen`} im Artikel.`,
    close: 'Schließen',
    kind: { person: 'Person', organization: 'Organisation', product: 'Produkt', term: 'Begriff' },
    inThisArticle: 'In diesem Artikel',
    noClaims: (name) => `Der Artikel macht keine bestimmte Aussage über ${name}.`,
    attribution: { article: 'Der Artikel selbst', named: 'Genannte Quelle', anonymous: 'Anonyme Quellen' },
    claimKind: { fact: 'Tatsache', reported: 'Berichtet', opinion: 'Meinung' },
    showQuote: 'Deutsches Zitat zeigen',
    hideQuote: 'Deutsches Zitat ausblenden',
    quoteLabel: 'Zitat aus dem Artikel',
    attributedTo: 'Zugeschrieben',
    readInContext: 'Im Zusammenhang lesen',
    verdict: {
      corroborated: 'Andere Berichte bestätigen das:',
      qualified: 'Andere Berichte schränken das ein:',
      contradicted: 'Andere Berichte widersprechen dem:',
      'not-found': 'Keine anderen Berichte dazu gefunden:',
    },
    sourcesLabel: 'Quellen',
    fallbackNote: '(nur auf Englisch verfügbar)',
    footerSource: (s) => {
      const article = ARTICLE_DE[s.language] ? `${ARTICLE_DE[s.language]} Artikel` : 'Artikel';
      const parts = [article, when(s.writtenAround, 'de')].filter((p): p is string => p !== null);
      let from = '';
      if (s.translatedFrom !== null) {
        from =
          SITE_DE[s.translatedFrom] && FROM_DE[s.translatedFrom]
            ? `, aus dem ${FROM_DE[s.translatedFrom]} einer ${SITE_DE[s.translatedFrom]} Website übersetzt`
            : ', aus einer anderen Sprache übersetzt';
      }
      return `Quelle: ${parts.join(', ')}${from}.`;
    },
    oneSource: 'Nur eine Quelle.',
    readSource: 'Quelle lesen',
    hideOnSite: 'Auf dieser Website ausblenden',
    alsoOnPages: (n) => `Auch auf ${n === 1 ? 'einer Seite' : `${n} Seiten`}, die Sie kürzlich gelesen haben`,
    errorTitle: 'Karte nicht verfügbar',
    errorBody: 'Die Daten für diese Karte konnten nicht gelesen werden.',
  },
};
