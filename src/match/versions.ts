/**
 * Product names come with version numbers the dataset cannot list ahead of time: "Llama 4.x",
 * "Llama 3.5", "라마 3.1", "ラマ4". An alias marked `versioned` takes a version that follows it
 * into the mention, so the mark covers the whole name and a new release needs no new alias.
 */
import * as chars from './chars.ts';

// Module-local copies: imported bindings may compile to getter calls (see matcher.ts).
const { WORD, charClass } = chars;

/** A version's first number has at most this many digits: "Llama 2" is a version, "Llama 2025" a year. */
const MAX_MAJOR_DIGITS = 2;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Index after a run of ASCII digits from `i` (at most `max` of them, else -1 when more follow). */
function digitsEnd(text: string, i: number, max: number): number {
  let j = i;
  while (j < text.length && isDigit(text.charCodeAt(j))) {
    j++;
    if (j - i > max) return -1;
  }
  return j;
}

/**
 * Where a mention of a versioned alias ends, given the alias matched up to `end`. `afterNumber`
 * says whether the alias itself ends in a number ("Llama 4", which may go on as "4.x" or "4.1");
 * otherwise a number may follow after one space, no-break space or hyphen, or none ("라마3").
 * The version must end at a boundary ("Llama 70B" is no version); if not, `end` is returned.
 */
export function versionEnd(text: string, end: number, afterNumber: boolean): number {
  let i = end;
  if (!afterNumber) {
    const gap = text.charCodeAt(i);
    if (gap === 32 || gap === 0xa0 || gap === 45) i++;
    const major = digitsEnd(text, i, MAX_MAJOR_DIGITS);
    if (major <= i) return end;
    i = major;
  }
  // Minor parts: ".1", ".2.1", or a wildcard ".x".
  while (text.charCodeAt(i) === 46) {
    const next = text.charCodeAt(i + 1);
    if (isDigit(next)) i = digitsEnd(text, i + 1, Number.MAX_SAFE_INTEGER);
    else if ((next === 120 || next === 88) && !isWordAt(text, i + 2)) i += 2;
    else break;
  }
  if (i === end || isWordAt(text, i)) return end;
  return i;
}

function isWordAt(text: string, i: number): boolean {
  return i < text.length && charClass(text.charCodeAt(i)) === WORD;
}
