import * as chars from './chars.ts';

// Module-local copies: imported bindings may compile to getter calls (see matcher.ts).
const { CJK, IGNORABLE, SEP, WORD, charClass, fold, isUpper } = chars;

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

/** The most punctuation allowed between a shouted name and the next shouted word (", " but not a sentence). */
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
    if ((cls & (WORD | CJK)) !== 0) break;
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
    if ((cls & (WORD | CJK)) !== 0) break;
    if (cls === IGNORABLE) continue;
    seen = true;
    if (cls !== SEP && ++punct > MAX_GAP_PUNCTUATION) return -1;
  }
  return seen && i < text.length ? i : -1;
}

/** How many capital letters the word [from, to) has, or -1 when it has a lower-case letter. */
function capitals(text: string, from: number, to: number): number {
  let letters = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    const cls = charClass(code);
    if (cls === IGNORABLE) continue;
    if (fold(code) === code) {
      // A lower-case letter ends the claim; digits and caseless letters are neutral.
      if (code >= 48 && code <= 57) continue;
      if (String.fromCharCode(code).toUpperCase() !== String.fromCharCode(code)) return -1;
      continue;
    }
    if (isUpper(code)) letters++;
  }
  return letters;
}

function isWordUnit(code: number): boolean {
  const cls = charClass(code);
  return cls !== SEP && cls !== 0;
}

/** The capitals of the word before `pos` (see `capitals`), and where that word starts; -1 when there is none. */
function wordBefore(text: string, pos: number): { capitals: number; start: number } {
  const end = gapBefore(text, pos);
  if (end <= 0) return { capitals: -1, start: -1 };
  let s = end;
  while (s > 0 && isWordUnit(text.charCodeAt(s - 1))) s--;
  return { capitals: capitals(text, s, end), start: s };
}

/** The capitals of the word after `pos`, and where that word ends; -1 when there is none. */
function wordAfter(text: string, pos: number): { capitals: number; end: number } {
  const start = gapAfter(text, pos);
  if (start <= 0) return { capitals: -1, end: -1 };
  let e = start;
  while (e < text.length && isWordUnit(text.charCodeAt(e))) e++;
  return { capitals: capitals(text, start, e), end: e };
}

/** A word of capitals long enough not to be a mere acronym (CEO, AI, USA). */
const SHOUTED_WORD = 4;

/**
 * True when the text around [start, end) is itself in capitals (a headline or caption), so an
 * ALL-CAPS form of a name written in mixed case is the name shouted, not an acronym or a ticker
 * ("Meta Platforms, Inc. META", "META CEO Mark Zuckerberg"): a neighbouring word of four capitals
 * or more, or two neighbouring words in capitals (one each side, or two on one side).
 */
export function isShouting(text: string, start: number, end: number): boolean {
  let i = end;
  while (i < text.length && charClass(text.charCodeAt(i)) === WORD) i++;
  const left = wordBefore(text, start);
  const right = wordAfter(text, i);
  if (left.capitals >= SHOUTED_WORD || right.capitals >= SHOUTED_WORD) return true;
  if (left.capitals >= 2 && right.capitals >= 2) return true;
  if (left.capitals >= 2 && left.start > 0 && wordBefore(text, left.start).capitals >= 2) return true;
  return right.capitals >= 2 && right.end > 0 && wordAfter(text, right.end).capitals >= 2;
}
