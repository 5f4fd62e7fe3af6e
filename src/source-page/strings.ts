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
  readonly articleHeading: string;
  readonly translationsFor: string;
  readonly claimRef: (n: number) => string;
  readonly backToQuote: (n: number) => string;
  readonly missing: (n: number) => string;
  readonly datasetError: string;
  readonly languageName: Readonly<Record<CardLang, string>>;
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
    articleHeading: 'Article (German original)',
    translationsFor: 'Translations of the marked sentences',
    claimRef: (n) => `Claim ${n}: translation`,
    backToQuote: (n) => `Claim ${n} in the article`,
    missing: (n) => `${n} quoted ${n === 1 ? 'sentence was' : 'sentences were'} not found in the article.`,
    datasetError: 'The dataset could not be read; the article is shown without marks.',
    languageName: { en: 'English', de: 'Deutsch' },
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
    articleHeading: 'Artikel (deutsches Original)',
    translationsFor: 'Übersetzungen der markierten Sätze',
    claimRef: (n) => `Aussage ${n}: Übersetzung`,
    backToQuote: (n) => `Aussage ${n} im Artikel`,
    missing: (n) => `${n} ${n === 1 ? 'zitierter Satz wurde' : 'zitierte Sätze wurden'} im Artikel nicht gefunden.`,
    datasetError: 'Der Datensatz konnte nicht gelesen werden; der Artikel wird ohne Markierungen gezeigt.',
    languageName: { en: 'English', de: 'Deutsch' },
  },
};
