/** The source page's own words, in the browser's language (English unless it is German). */
import type { CardLang } from '../card-view/strings.ts';

export interface PageStrings {
  readonly pageTitle: string;
  readonly intro: string;
  readonly writtenAround: string;
  readonly notesChecked: string;
  readonly translationOf: (site: string) => string;
  readonly fileLabel: string;
  readonly translationLegend: string;
  /** The label of the source text, naming its language ("de": "Article (German original)"). */
  readonly articleHeading: (language: string) => string;
  readonly translationsFor: string;
  readonly claimRef: (n: number) => string;
  readonly backToQuote: (n: number) => string;
  readonly missing: (n: number) => string;
  readonly datasetError: string;
  /** A story pack asked for by id could not be read; the detail follows. */
  readonly storyError: (id: string) => string;
  readonly languageName: Readonly<Record<CardLang, string>>;
  /** The heading of the page opened from a card for one entity. */
  readonly entityHeading: (name: string, n: number) => string;
  readonly entityIntro: string;
  readonly wholeArticle: string;
  readonly inWholeArticle: string;
  readonly inContextLabel: string;
}

/** "German original" / "Original, Deutsch": the source's language in the page's; plain "original" when unknown. */
function languageLabel(language: string, ui: CardLang, original: string): string {
  if (ui === 'en' && language === 'de') return 'German original';
  if (ui === 'de' && language === 'de') return 'deutsches Original';
  try {
    const name = new Intl.DisplayNames([ui], { type: 'language' }).of(language);
    return name === undefined || name === language ? original : `${original}, ${name}`;
  } catch {
    return original;
  }
}

export const PAGE_STRINGS: Readonly<Record<CardLang, PageStrings>> = {
  en: {
    pageTitle: 'Read the source',
    intro:
      'The whole article the context cards are based on, with every sentence they quote marked and translated beside it.',
    writtenAround: 'When',
    notesChecked: 'Checked against other reporting up to',
    translationOf: (site) => `A translation of a piece on ${site}`,
    fileLabel: 'File',
    translationLegend: 'Translation',
    articleHeading: (language) => `Article (${languageLabel(language, 'en', 'original')})`,
    translationsFor: 'Translations of the marked sentences',
    claimRef: (n) => `Claim ${n}: translation`,
    backToQuote: (n) => `Claim ${n} in the article`,
    missing: (n) => `${n} quoted ${n === 1 ? 'sentence was' : 'sentences were'} not found in the article.`,
    datasetError: 'The dataset could not be read; the article is shown without marks.',
    storyError: (id) => `The story pack “${id}” could not be shown. Open it again from the options page.`,
    languageName: { en: 'English', de: 'Deutsch' },
    entityHeading: (name, n) => `${name}: ${n === 1 ? 'one claim' : `${n} claims`} in the article`,
    entityIntro:
      'Every claim the article makes about them: its quote in its paragraph, its translation, and what other reporting says.',
    wholeArticle: 'Read the whole article',
    inWholeArticle: 'In the whole article',
    inContextLabel: 'The quote in its paragraph',
  },
  de: {
    pageTitle: 'Die Quelle lesen',
    intro:
      'Der ganze Artikel, auf dem die Kontextkarten beruhen; jeder zitierte Satz ist markiert und daneben übersetzt.',
    writtenAround: 'Wann',
    notesChecked: 'Mit anderen Berichten abgeglichen bis',
    translationOf: (site) => `Übersetzung eines Beitrags auf ${site}`,
    fileLabel: 'Datei',
    translationLegend: 'Übersetzung',
    articleHeading: (language) => `Artikel (${languageLabel(language, 'de', 'Original')})`,
    translationsFor: 'Übersetzungen der markierten Sätze',
    claimRef: (n) => `Aussage ${n}: Übersetzung`,
    backToQuote: (n) => `Aussage ${n} im Artikel`,
    missing: (n) => `${n} ${n === 1 ? 'zitierter Satz wurde' : 'zitierte Sätze wurden'} im Artikel nicht gefunden.`,
    datasetError: 'Der Datensatz konnte nicht gelesen werden; der Artikel wird ohne Markierungen gezeigt.',
    storyError: (id) =>
      `Das Story-Paket „${id}“ konnte nicht gezeigt werden. Öffnen Sie es erneut über die Einstellungen.`,
    languageName: { en: 'English', de: 'Deutsch' },
    entityHeading: (name, n) => `${name}: ${n === 1 ? 'eine Aussage' : `${n} Aussagen`} im Artikel`,
    entityIntro:
      'Jede Aussage des Artikels dazu: das Zitat in seinem Absatz, seine Übersetzung und was andere Berichte sagen.',
    wholeArticle: 'Den ganzen Artikel lesen',
    inWholeArticle: 'Im ganzen Artikel',
    inContextLabel: 'Das Zitat in seinem Absatz',
  },
};
