/**
 * The language of a block, for aliases tagged with languages ("Zuck" is not German). The page's
 * own `lang` attribute is trusted unless the text clearly says otherwise: Hangul is Korean, Kana
 * is Japanese, Han alone is Chinese, and a block with several stop words of one Latin-script
 * language and few of any other is in that language. Many sites declare one language for every
 * page (a code host shows a German README under lang="en"), so clear text evidence wins.
 * Only computed when a tagged alias is found, so it costs nothing on most blocks.
 */
import * as chars from './chars.ts';

// Module-local copies: imported bindings may compile to getter calls (see matcher.ts).
const { HAN, HANGUL, HIRAGANA, KATAKANA, scriptOf } = chars;

/** A few frequent words of each language that are rare in the others. */
const STOP_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['the', 'and', 'of', 'is', 'was', 'with', 'that', 'for', 'this', 'from', 'said', 'has', 'have', 'were', 'which'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'sich', 'auf', 'für', 'ein', 'eine', 'dem', 'den', 'wird'],
  fr: ['le', 'la', 'les', 'et', 'est', 'des', 'une', 'pour', 'dans', 'qui', 'pas', 'sur', 'avec', 'au', 'du'],
  it: ['il', 'di', 'che', 'è', 'per', 'una', 'sono', 'della', 'del', 'gli', 'nel', 'anche', 'come', 'alla', 'non'],
  es: ['el', 'los', 'las', 'que', 'y', 'por', 'para', 'una', 'con', 'del', 'es', 'se', 'como', 'más', 'pero'],
};

const WORD_INDEX: ReadonlyMap<string, readonly string[]> = (() => {
  const index = new Map<string, string[]>();
  for (const [lang, words] of Object.entries(STOP_WORDS))
    for (const word of words) index.set(word, [...(index.get(word) ?? []), lang]);
  return index;
})();

/** The fewest stop words, and how many times more than the runner-up, for a confident guess. */
const MIN_STOP_WORDS = 3;
const MARGIN = 2;
/** The longest text read for a guess: a paragraph says enough. */
const MAX_GUESS_UNITS = 2000;

/**
 * The CJK language the script of `text` (from `from` up to `to`) shows, or null: Hangul is
 * Korean, Kana is Japanese, Han alone is Chinese. One pass of range checks.
 */
export function scriptLanguage(
  text: string,
  from = 0,
  to: number = Math.min(text.length, MAX_GUESS_UNITS),
): string | null {
  let han = 0;
  let kana = 0;
  let hangul = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    // Han, Kana and Hangul all lie above U+1100: Latin text is passed over with one comparison.
    if (code < 0x1100) continue;
    const script = scriptOf(code);
    if (script === HANGUL) hangul++;
    else if (script === HIRAGANA || script === KATAKANA) kana++;
    else if (script === HAN) han++;
  }
  if (hangul >= 2) return 'ko';
  if (kana >= 2) return 'ja';
  if (han >= 2) return 'zh';
  return null;
}

/** The language the text is written in, or null when it does not say clearly. */
export function guessLanguage(text: string): string | null {
  const byScript = scriptLanguage(text);
  if (byScript !== null) return byScript;
  const limit = Math.min(text.length, MAX_GUESS_UNITS);
  const counts = new Map<string, number>();
  for (const word of text
    .slice(0, limit)
    .toLowerCase()
    .split(/[^\p{L}]+/u)) {
    for (const lang of WORD_INDEX.get(word) ?? []) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (best === undefined || best[1] < MIN_STOP_WORDS) return null;
  if (second !== undefined && best[1] < MARGIN * second[1]) return null;
  return best[0];
}

/** The primary subtag of a BCP-47 tag, lower case ("zh-Hant" -> "zh"), or null. */
export function primaryTag(tag: string | null | undefined): string | null {
  if (tag === null || tag === undefined) return null;
  const primary = tag.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

/** The block's language: a confident guess from the text, else the declared tag, else null. */
export function blockLanguage(text: string, declared: string | null): string | null {
  return guessLanguage(text) ?? primaryTag(declared);
}
