/**
 * The card's own UI strings in English and German. They live here rather than in _locales
 * because the card follows the card-language setting, not the browser's UI language.
 */
import type { Claim, Entity, Note, SourceDate } from '../dataset/index.ts';
import { formatDate, formatShortDate, precisionOf } from './dates.ts';

export type CardLang = 'en' | 'de';

type Verdict = Note['verdict'];

/** A note's source as the card names it. */
export interface SourceLabelInput {
  readonly publisher: string;
  readonly relays: string | null;
  readonly date: SourceDate | null;
}

/** The product's name: the same in every language. */
export const PRODUCT_NAME = 'Context Cards';

export interface CardStrings {
  /** The card's first line: what it is and what it rests on, "Context Cards · one German news article, Dec 2025". */
  readonly brand: (source: SourceSummary) => string;
  readonly dialogLabel: (name: string) => string;
  readonly announce: (name: string, claims: number) => string;
  readonly close: string;
  readonly kind: Readonly<Record<Entity['kind'], string>>;
  /** Beside a role or summary: "as of December 2025". */
  readonly asOf: (date: string) => string;
  readonly whatHappenedNext: string;
  /** The one quiet line on a card whose newest date is older than the threshold. */
  readonly stale: (newest: string) => string;
  readonly showMore: string;
  readonly showLess: string;
  readonly inThisArticle: string;
  /** The heading of the claims when several stories speak of the entity. */
  readonly inStories: (n: number) => string;
  /** Beside the heading of the claims: when the article was (probably) written. */
  readonly articleWhen: (estimate: string | null) => string | null;
  readonly noClaims: (name: string) => string;
  /** How the article presents a claim; says nothing about whether it is true. */
  readonly claimKind: Readonly<Record<Claim['kind'], string>>;
  /** Said before the text of a contradicted or qualified claim. */
  readonly leadVerdict: Readonly<Record<'contradicted' | 'qualified', string>>;
  /** The way from the preview to every claim: "All 20 claims about Alexandr Wang →". */
  readonly allClaims: (n: number, name: string) => string;
  /** The toggle of a claim's notes when its verdict was already said before it. */
  readonly whatOthersSay: string;
  readonly showQuote: string;
  readonly hideQuote: string;
  readonly quoteLabel: string;
  readonly readInContext: string;
  /** A note's lead-in, naming its verdict. */
  readonly verdict: Readonly<Record<Verdict, string>>;
  /** A note's lead-in where the verdict is already said (before the claim, or in a heading). */
  readonly otherReporting: string;
  /** The note's date, after its lead-in: "(as of July 2025)". */
  readonly noteAsOf: (date: string) => string;
  readonly sourcesLabel: string;
  readonly sourceLabel: (source: SourceLabelInput) => string;
  /** Said when a claim's text exists only in the other language. */
  readonly fallbackNote: string;
  readonly footerSource: (what: SourceSummary) => string;
  readonly oneSource: string;
  readonly checkedUpTo: (date: string) => string;
  readonly readSource: string;
  readonly turnOffOnSite: string;
  /** The message after "Turn off on this site", with its Undo. */
  readonly turnedOff: (host: string) => string;
  readonly undo: string;
  /** After Undo: the marks come back. */
  readonly turnedOnAgain: (host: string) => string;
  readonly undoFailed: string;
  readonly dismiss: string;
  readonly alsoOnPages: (n: number) => string;
  readonly errorTitle: string;
  readonly errorBody: string;
  /** The card's data did not come from the extension. */
  readonly errorUnreachable: string;
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
// After "ein": the adjective in the nominative masculine, as in "ein deutscher Nachrichtenartikel".
const NEWS_DE: Readonly<Record<string, string>> = {
  de: 'deutscher',
  it: 'italienischer',
  en: 'englischer',
  fr: 'französischer',
  es: 'spanischer',
};
const SITE_DE: Readonly<Record<string, string>> = {
  de: 'deutschen',
  it: 'italienischen',
  en: 'englischsprachigen',
  fr: 'französischen',
  es: 'spanischen',
};

/** "probably written in December 2025" / "vermutlich im Dezember 2025 geschrieben": an estimate says so. */
function probablyWritten(estimate: string | null, lang: CardLang): string | null {
  const precision = estimate === null ? null : precisionOf(estimate);
  if (estimate === null || precision === null) return null;
  const when = formatDate(estimate, lang);
  if (lang === 'de') {
    const prep = precision === 'day' ? 'am ' : precision === 'month' ? 'im ' : '';
    return `vermutlich ${prep}${when} geschrieben`;
  }
  return `probably written ${precision === 'day' ? 'on' : 'in'} ${when}`;
}

/** "13 June 2025 (date from the URL)", "updated 17 October 2025", or the plain date. */
function sourceDate(date: SourceDate, lang: CardLang): string {
  const when = formatDate(date.value, lang);
  if (date.kind === 'per-url') return lang === 'de' ? `${when} (Datum laut URL)` : `${when} (date from the URL)`;
  if (date.kind === 'updated') {
    if (lang === 'en') return `updated ${when}`;
    const precision = precisionOf(date.value);
    return `aktualisiert ${precision === 'day' ? 'am ' : precision === 'month' ? 'im ' : ''}${when}`;
  }
  return when;
}

function sourceLabel(s: SourceLabelInput, lang: CardLang): string {
  const relay =
    s.relays === null ? '' : lang === 'de' ? ` (Originalquelle: ${s.relays})` : ` (original source: ${s.relays})`;
  const date = s.date === null ? '' : `, ${sourceDate(s.date, lang)}`;
  return `${s.publisher}${relay}${date}`;
}

/** "Dec 2025" for a month or a day estimate, "2025" for a year, nothing for none. */
function shortWhen(estimate: string | null, lang: CardLang): string {
  return estimate === null || precisionOf(estimate) === null ? '' : `, ${formatShortDate(estimate, lang)}`;
}

export const STRINGS: Readonly<Record<CardLang, CardStrings>> = {
  en: {
    brand: (s) => {
      const adjective = ADJECTIVE_EN[s.language];
      return `${PRODUCT_NAME} · one ${adjective ? `${adjective} ` : ''}news article${shortWhen(s.writtenAround, 'en')}`;
    },
    dialogLabel: (name) => `Context card: ${name}`,
    announce: (name, n) =>
      `Context card for ${name}: ${n === 0 ? 'no claims' : n === 1 ? 'one claim' : `${n} claims`} in the article.`,
    close: 'Close',
    kind: { person: 'Person', organization: 'Organisation', product: 'Product', term: 'Term' },
    asOf: (date) => `as of ${formatDate(date, 'en')}`,
    whatHappenedNext: 'What happened next',
    showMore: 'Show more',
    showLess: 'Show less',
    stale: (newest) =>
      `Checked against other reporting up to ${formatDate(newest, 'en')}. Things may have changed since.`,
    inThisArticle: 'In the source article',
    inStories: (n) => `In ${n} stories, newest first`,
    articleWhen: (estimate) => probablyWritten(estimate, 'en'),
    noClaims: (name) => `The article makes no specific claim about ${name}.`,
    claimKind: { fact: 'Stated as fact', reported: 'Reported', opinion: 'Opinion' },
    leadVerdict: { contradicted: 'Contradicted by other reporting', qualified: 'Qualified by other reporting' },
    allClaims: (n, name) => (n === 1 ? `The claim about ${name}, in context →` : `All ${n} claims about ${name} →`),
    whatOthersSay: 'What other reporting says',
    showQuote: 'Show the German quote',
    hideQuote: 'Hide the German quote',
    quoteLabel: 'Quote from the article',
    readInContext: 'Read in context',
    verdict: {
      corroborated: 'Other reporting confirms this',
      qualified: 'Other reporting qualifies this',
      contradicted: 'Other reporting contradicts this',
      'not-found': 'Not found in other reporting',
    },
    otherReporting: 'Other reporting',
    noteAsOf: (date) => `(as of ${formatDate(date, 'en')})`,
    sourcesLabel: 'Sources',
    sourceLabel: (source) => sourceLabel(source, 'en'),
    fallbackNote: '(only available in German)',
    footerSource: (s) => {
      const adjective = ADJECTIVE_EN[s.language];
      const article = adjective ? `${adjective} article` : 'Article';
      const parts = [article, probablyWritten(s.writtenAround, 'en')].filter((p): p is string => p !== null);
      const original = s.translatedFrom === null ? undefined : ADJECTIVE_EN[s.translatedFrom];
      let from = '';
      if (s.translatedFrom !== null)
        from = original
          ? `, translated from ${/^[AEIOU]/.test(original) ? 'an' : 'a'} ${original} site`
          : ', translated from another language';
      return `Source: ${parts.join(', ')}${from}.`;
    },
    oneSource: 'One source only.',
    checkedUpTo: (date) => `Checked against other reporting up to ${formatDate(date, 'en')}.`,
    readSource: 'Read the source',
    turnOffOnSite: 'Turn off on this site',
    turnedOff: (host) => `${PRODUCT_NAME} is off on ${host}.`,
    undo: 'Undo',
    turnedOnAgain: (host) => `${PRODUCT_NAME} is on again on ${host}.`,
    undoFailed: "Could not switch it back on here; the popup's site switch can.",
    dismiss: 'Dismiss',
    alsoOnPages: (n) => `Also on ${n === 1 ? 'one page' : `${n} pages`} you read recently`,
    errorTitle: 'Card unavailable',
    errorBody: 'The data for this card could not be read.',
    errorUnreachable: 'The extension did not send the data for this card. Reload the page to try again.',
  },
  de: {
    brand: (s) => {
      const adjective = NEWS_DE[s.language];
      return `${PRODUCT_NAME} · ein ${adjective ? `${adjective} ` : ''}Nachrichtenartikel${shortWhen(s.writtenAround, 'de')}`;
    },
    dialogLabel: (name) => `Kontextkarte: ${name}`,
    announce: (name, n) =>
      `Kontextkarte zu ${name}: ${n === 0 ? 'keine Aussagen' : n === 1 ? 'eine Aussage' : `${n} Aussagen`} im Artikel.`,
    close: 'Schließen',
    kind: { person: 'Person', organization: 'Organisation', product: 'Produkt', term: 'Begriff' },
    asOf: (date) => `Stand: ${formatDate(date, 'de')}`,
    whatHappenedNext: 'Was danach geschah',
    showMore: 'Mehr anzeigen',
    showLess: 'Weniger anzeigen',
    stale: (newest) =>
      `Mit anderen Berichten abgeglichen bis ${formatDate(newest, 'de')}. Seitdem kann sich einiges geändert haben.`,
    inThisArticle: 'Im Quellartikel',
    inStories: (n) => `In ${n} Quellen, die neueste zuerst`,
    articleWhen: (estimate) => probablyWritten(estimate, 'de'),
    noClaims: (name) => `Der Artikel macht keine bestimmte Aussage über ${name}.`,
    claimKind: { fact: 'Als Tatsache dargestellt', reported: 'Berichtet', opinion: 'Meinung' },
    leadVerdict: { contradicted: 'Andere Berichte widersprechen', qualified: 'Andere Berichte schränken ein' },
    allClaims: (n, name) =>
      n === 1 ? `Die Aussage über ${name} im Zusammenhang →` : `Alle ${n} Aussagen über ${name} →`,
    whatOthersSay: 'Was andere Berichte sagen',
    showQuote: 'Deutsches Zitat zeigen',
    hideQuote: 'Deutsches Zitat ausblenden',
    quoteLabel: 'Zitat aus dem Artikel',
    readInContext: 'Im Zusammenhang lesen',
    verdict: {
      corroborated: 'Andere Berichte bestätigen das',
      qualified: 'Andere Berichte schränken das ein',
      contradicted: 'Andere Berichte widersprechen dem',
      'not-found': 'In anderen Berichten nicht gefunden',
    },
    otherReporting: 'Andere Berichte',
    noteAsOf: (date) => `(Stand: ${formatDate(date, 'de')})`,
    sourcesLabel: 'Quellen',
    sourceLabel: (source) => sourceLabel(source, 'de'),
    fallbackNote: '(nur auf Englisch verfügbar)',
    footerSource: (s) => {
      const article = ARTICLE_DE[s.language] ? `${ARTICLE_DE[s.language]} Artikel` : 'Artikel';
      const parts = [article, probablyWritten(s.writtenAround, 'de')].filter((p): p is string => p !== null);
      let from = '';
      if (s.translatedFrom !== null) {
        const site = SITE_DE[s.translatedFrom];
        from = site ? `, Übersetzung eines Beitrags einer ${site} Website` : ', aus einer anderen Sprache übersetzt';
      }
      return `Quelle: ${parts.join(', ')}${from}.`;
    },
    oneSource: 'Nur eine Quelle.',
    checkedUpTo: (date) => `Mit anderen Berichten abgeglichen bis ${formatDate(date, 'de')}.`,
    readSource: 'Quelle lesen',
    turnOffOnSite: 'Auf dieser Website ausschalten',
    turnedOff: (host) => `${PRODUCT_NAME} ist auf ${host} ausgeschaltet.`,
    undo: 'Rückgängig',
    turnedOnAgain: (host) => `${PRODUCT_NAME} ist auf ${host} wieder eingeschaltet.`,
    undoFailed: 'Das Wiedereinschalten hat nicht geklappt; der Website-Schalter im Pop-up kann es.',
    dismiss: 'Schließen',
    alsoOnPages: (n) => `Auch auf ${n === 1 ? 'einer Seite' : `${n} Seiten`}, die Sie kürzlich gelesen haben`,
    errorTitle: 'Karte nicht verfügbar',
    errorBody: 'Die Daten für diese Karte konnten nicht gelesen werden.',
    errorUnreachable:
      'Die Erweiterung hat die Daten für diese Karte nicht geschickt. Laden Sie die Seite neu, um es noch einmal zu versuchen.',
  },
};
