/**
 * Character classes and case folding over UTF-16 code units, shared by the matcher.
 *
 * Both tables are filled lazily, one code unit at a time, the first time that unit is seen:
 * building them eagerly for all 65,536 units would cost every page load several
 * milliseconds, while real text uses a few hundred distinct units.
 */

/** Letters, marks, digits and `_` of spaced scripts (Latin, Greek, Cyrillic...): a name must not start or end next to one. */
export const WORD = 1;
/** Whitespace (NBSP, thin spaces, line breaks...), hyphens/dashes and name dots: may sit between words of a name. */
export const SEP = 2;
/** Soft hyphen and zero-width characters: invisible, skipped as if absent. */
export const IGNORABLE = 4;
/** Apostrophes (' ’ ʼ): start of a possessive suffix. */
export const APOSTROPHE = 8;
/**
 * Letters of scripts written without spaces between words, or with particles glued to names:
 * Han, Kana, Hangul, Thai, Lao, Khmer, Myanmar. A Latin name next to one of these stands on its
 * own ("图灵奖获得者Yann LeCun。", "Metaの", "LeCun은"); see `scriptOf` for the rules inside them.
 */
export const CJK = 16;

const KNOWN = 128;
const classTable = new Uint8Array(65536);
const foldTable = new Uint16Array(65536);
const foldKnown = new Uint8Array(65536);

const WORD_RE = /^[\p{L}\p{M}\p{N}_]$/u;
const SPACE_RE = /^\s$/u;
// Hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus sign.
const DASHES = '-\u2010\u2011\u2012\u2013\u2014\u2212';
// Soft hyphen, zero-width space/non-joiner/joiner, word joiner, BOM/ZWNBSP.
const IGNORABLES = '\u00AD\u200B\u200C\u200D\u2060\uFEFF';
const APOSTROPHES = "'\u2019\u02BC";
// Middle dots between the parts of a transliterated name (马克·扎克伯格, ヤン・ルカン).
const NAME_DOTS = '\u00B7\u2027\u30FB\uFF65';

/** Scripts of CJK units, for the boundary rules that differ between them. */
export const HAN = 1;
export const HIRAGANA = 2;
export const KATAKANA = 3;
export const HANGUL = 4;
/** Thai, Lao, Khmer, Myanmar: no spaces between words, like Han. */
export const SOUTHEAST = 5;

/** The script of a CJK unit (HAN ... SOUTHEAST), or 0 for any other unit. Pure range checks. */
export function scriptOf(code: number): number {
  if (code < 0x0e00) return 0;
  if (code <= 0x0eff) return SOUTHEAST;
  if (code >= 0x1000 && code <= 0x109f) return SOUTHEAST;
  if (code >= 0x1100 && code <= 0x11ff) return HANGUL;
  if (code >= 0x1780 && code <= 0x17ff) return SOUTHEAST;
  if (code < 0x2e80) return 0;
  if (code <= 0x2fdf) return HAN;
  if (code === 0x3005 || code === 0x3007 || (code >= 0x3021 && code <= 0x3029) || (code >= 0x3038 && code <= 0x303b))
    return HAN;
  if (code >= 0x3041 && code <= 0x309f) return HIRAGANA;
  if (code >= 0x30a0 && code <= 0x30ff) return code === 0x30fb ? 0 : KATAKANA;
  if (code >= 0x3130 && code <= 0x318f) return HANGUL;
  if (code >= 0x31f0 && code <= 0x31ff) return KATAKANA;
  if (code >= 0x3400 && code <= 0x4dbf) return HAN;
  if (code >= 0x4e00 && code <= 0x9fff) return HAN;
  if (code >= 0xa960 && code <= 0xa97f) return HANGUL;
  if (code >= 0xac00 && code <= 0xd7ff) return HANGUL;
  if (code >= 0xf900 && code <= 0xfaff) return HAN;
  if (code >= 0xff66 && code <= 0xff9f) return KATAKANA;
  if (code >= 0xffa0 && code <= 0xffdc) return HANGUL;
  return 0;
}

function classify(code: number): number {
  const ch = String.fromCharCode(code);
  // Order matters: U+FEFF is in \s for JavaScript, but on pages it is an invisible joiner.
  if (IGNORABLES.includes(ch)) return IGNORABLE;
  if (APOSTROPHES.includes(ch)) return APOSTROPHE;
  if (DASHES.includes(ch) || NAME_DOTS.includes(ch) || SPACE_RE.test(ch)) return SEP;
  if (scriptOf(code) !== 0) return CJK;
  // Lone surrogates fail the test: astral characters count as non-word, which is right for emoji.
  if (WORD_RE.test(ch)) return WORD;
  return 0;
}

/** The class (WORD, CJK, SEP, IGNORABLE or APOSTROPHE) of one UTF-16 code unit; 0 for other punctuation. */
export function charClass(code: number): number {
  const known = classTable[code] ?? 0;
  if (known !== 0) return known & ~KNOWN;
  const cls = classify(code);
  classTable[code] = cls | KNOWN;
  return cls;
}

/**
 * The lower-case form of one code unit, or the unit itself when lower-casing would change the
 * length (e.g. U+0130) so that offsets stay one-to-one. Apostrophes fold to `'`.
 */
export function fold(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  if (foldKnown[code] === 1) return foldTable[code] ?? code;
  let folded = code;
  if (APOSTROPHES.includes(String.fromCharCode(code))) folded = 39;
  else {
    const lower = String.fromCharCode(code).toLowerCase();
    if (lower.length === 1) folded = lower.charCodeAt(0);
  }
  foldTable[code] = folded;
  foldKnown[code] = 1;
  return folded;
}

/** True when `code` is a cased letter in upper case (folding changes it). */
export function isUpper(code: number): boolean {
  return fold(code) !== code && (charClass(code) & WORD) !== 0;
}

/** The code unit that stands for any separator run inside an alias key. */
export const SEP_CODE = 32;

/**
 * Folds an alias or phrase into its key: lower case, each run of separators and ignorables
 * as one space, apostrophes as `'`, no leading or trailing separators.
 */
export function foldKey(text: string): string {
  let out = '';
  let pendingSep = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const cls = charClass(code);
    if (cls === IGNORABLE) continue;
    if (cls === SEP) {
      pendingSep = out.length > 0;
      continue;
    }
    if (pendingSep) out += ' ';
    pendingSep = false;
    out += String.fromCharCode(fold(code));
  }
  return out;
}

/** Class bits of the ASCII units, computed once: the scan loop reads this instead of calling `charClass`. */
export const ASCII_CLASS: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) table[c] = charClass(c);
  return table;
})();

/** What JavaScript's `\s` matches, by code unit (without a regular expression: it runs for every name found). */
export function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
