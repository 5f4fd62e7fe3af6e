/**
 * Character classes and case folding over UTF-16 code units, shared by the matcher.
 *
 * Both tables are filled lazily, one code unit at a time, the first time that unit is seen:
 * building them eagerly for all 65,536 units would cost every page load several
 * milliseconds, while real text uses a few hundred distinct units.
 */

/** Letters, marks, digits and `_`: a name must not start or end next to one of these. */
export const WORD = 1;
/** Whitespace (NBSP, thin spaces, line breaks...) and hyphens/dashes: may sit between words of a name. */
export const SEP = 2;
/** Soft hyphen and zero-width characters: invisible, skipped as if absent. */
export const IGNORABLE = 4;
/** Apostrophes (' ’ ʼ): start of a possessive suffix. */
export const APOSTROPHE = 8;

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

function classify(code: number): number {
  const ch = String.fromCharCode(code);
  // Order matters: U+FEFF is in \s for JavaScript, but on pages it is an invisible joiner.
  if (IGNORABLES.includes(ch)) return IGNORABLE;
  if (APOSTROPHES.includes(ch)) return APOSTROPHE;
  if (DASHES.includes(ch) || SPACE_RE.test(ch)) return SEP;
  // Lone surrogates fail the test: astral characters count as non-word, which is right for emoji.
  if (WORD_RE.test(ch)) return WORD;
  return 0;
}

/** The class bits (WORD, SEP, IGNORABLE, APOSTROPHE) of one UTF-16 code unit; 0 for other punctuation. */
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
