import * as chars from './chars.ts';

// Module-local copies: imported bindings may compile to getter calls (see matcher.ts).
const { IGNORABLE, SEP, WORD, charClass, fold, isUpper } = chars;

/** Index of the first non-ignorable unit at or after `pos` (or `text.length`). */
export function nextSignificant(text: string, pos: number): number {
  while (pos < text.length && charClass(text.charCodeAt(pos)) === IGNORABLE) pos++;
  return pos;
}

/** Index of the last non-ignorable unit before `pos` (or -1). */
export function prevSignificant(text: string, pos: number): number {
  pos--;
  while (pos >= 0 && charClass(text.charCodeAt(pos)) === IGNORABLE) pos--;
  return pos;
}

function isWordAt(text: string, pos: number): boolean {
  return pos >= 0 && pos < text.length && charClass(text.charCodeAt(pos)) === WORD;
}

/**
 * True when a name may end at `pos`: the next visible unit is not part of a word, or it starts a
 * possessive/genitive suffix that ends the word ("Wang's", "Wang’s", German "Wangs"). The suffix
 * is never part of the mention, so ranges cover exactly the name.
 */
export function isEndBoundary(text: string, pos: number): boolean {
  const i = nextSignificant(text, pos);
  if (i >= text.length) return true;
  const cls = charClass(text.charCodeAt(i));
  if (cls !== WORD) return true;
  const s = nextSignificant(text, i);
  if (fold(text.charCodeAt(s)) === 115 /* s */) return !isWordAt(text, nextSignificant(text, s + 1));
  return false;
}

/** The most punctuation allowed between two words of an exclude phrase (", " or " / " but not a sentence). */
const MAX_GAP_PUNCTUATION = 2;

/**
 * Skips the gap left of `pos` (separators, ignorables, a little punctuation). Returns the index
 * just after the previous word, or -1 when there is no gap or too much punctuation.
 */
function gapBefore(text: string, pos: number): number {
  let i = pos - 1;
  let punct = 0;
  let seen = false;
  for (; i >= 0; i--) {
    const cls = charClass(text.charCodeAt(i));
    if (cls === WORD) break;
    if (cls === IGNORABLE) continue;
    seen = true;
    if (cls !== SEP && ++punct > MAX_GAP_PUNCTUATION) return -1;
  }
  return seen && i >= 0 ? i + 1 : -1;
}

function gapAfter(text: string, pos: number): number {
  let i = pos;
  let punct = 0;
  let seen = false;
  for (; i < text.length; i++) {
    const cls = charClass(text.charCodeAt(i));
    if (cls === WORD) break;
    if (cls === IGNORABLE) continue;
    seen = true;
    if (cls !== SEP && ++punct > MAX_GAP_PUNCTUATION) return -1;
  }
  return seen && i < text.length ? i : -1;
}

/** If the word ending at `end` equals folded `word`, returns its start index; else -1. */
function wordEndingAt(text: string, end: number, word: string): number {
  let i = end - 1;
  for (let k = word.length - 1; k >= 0; k--) {
    while (i >= 0 && charClass(text.charCodeAt(i)) === IGNORABLE) i--;
    if (i < 0 || fold(text.charCodeAt(i)) !== word.charCodeAt(k)) return -1;
    i--;
  }
  return isWordAt(text, prevSignificant(text, i + 1)) ? -1 : i + 1;
}

/** If the word starting at `start` equals folded `word`, returns its end index; else -1. */
function wordStartingAt(text: string, start: number, word: string): number {
  let i = start;
  for (let k = 0; k < word.length; k++) {
    while (i < text.length && charClass(text.charCodeAt(i)) === IGNORABLE) i++;
    if (i >= text.length || fold(text.charCodeAt(i)) !== word.charCodeAt(k)) return -1;
    i++;
  }
  return i;
}

/** True when the words `before` precede `start` and the words `after` follow `end`, each separated by a gap. */
export function hasWordsAround(
  text: string,
  start: number,
  end: number,
  before: readonly string[],
  after: readonly string[],
): boolean {
  let pos = start;
  for (let k = before.length - 1; k >= 0; k--) {
    const wordEnd = gapBefore(text, pos);
    if (wordEnd < 0) return false;
    pos = wordEndingAt(text, wordEnd, before[k] ?? '');
    if (pos < 0) return false;
  }
  pos = end;
  for (const word of after) {
    const wordStart = gapAfter(text, pos);
    if (wordStart < 0) return false;
    pos = wordStartingAt(text, wordStart, word);
    if (pos < 0) return false;
  }
  return after.length === 0 || isEndBoundary(text, pos);
}

/** True when the word around `pos` has at least two letters, all of them upper case. */
function isShoutedWord(text: string, from: number, to: number): boolean {
  let letters = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    const cls = charClass(code);
    if (cls === IGNORABLE) continue;
    if (fold(code) === code) {
      // A lower-case letter ends the claim; digits and caseless letters are neutral.
      if (code >= 48 && code <= 57) continue;
      if (String.fromCharCode(code).toUpperCase() !== String.fromCharCode(code)) return false;
      continue;
    }
    if (isUpper(code)) letters++;
  }
  return letters >= 2;
}

/**
 * True when the text around [start, end) is itself in capitals (a headline or caption), so an
 * ALL-CAPS form of a name written in mixed case is the name shouted, not an acronym or a ticker
 * ("Meta Platforms, Inc. META").
 */
export function isShouting(text: string, start: number, end: number): boolean {
  const prevEnd = gapBefore(text, start);
  if (prevEnd > 0) {
    let s = prevEnd;
    while (s > 0 && charClass(text.charCodeAt(s - 1)) !== SEP && charClass(text.charCodeAt(s - 1)) !== 0) s--;
    if (isShoutedWord(text, s, prevEnd)) return true;
  }
  let i = end;
  while (i < text.length && charClass(text.charCodeAt(i)) === WORD) i++;
  const nextStart = gapAfter(text, i);
  if (nextStart > 0) {
    let e = nextStart;
    while (e < text.length && charClass(text.charCodeAt(e)) !== SEP && charClass(text.charCodeAt(e)) !== 0) e++;
    if (isShoutedWord(text, nextStart, e)) return true;
  }
  return false;
}
