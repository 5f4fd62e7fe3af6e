/**
 * Names inside addresses are not mentions: "https://ai.meta.com/people/…/yann-lecun/",
 * "www.zuckerberg.example", "someone@meta.com", and slugs such as "yann-lecun" where a
 * multi-word name is written in lower case with hyphens or underscores instead of spaces.
 */
import * as chars from './chars.ts';

// Module-local copies: imported bindings may compile to getter calls (see matcher.ts).
const { SEP, WORD, charClass, isSpace } = chars;

/** How far to look for the edges of the whitespace-free token around a name. */
const MAX_TOKEN = 256;

const DOMAIN_PATH = /^[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)+\//u;

/** Whether the unit at `i` is punctuation an address needs: "/", "@", ":", or a "." followed by a letter. */
function addressMark(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code === 47 || code === 64 || code === 58) return true;
  return code === 46 && i + 1 < text.length && charClass(text.charCodeAt(i + 1)) === WORD;
}

/** True when [start, end) lies in a URL, a host name with a path, or an e-mail address. */
export function inAddress(text: string, start: number, end: number): boolean {
  // The whitespace-free token around the name; most have no address punctuation at all.
  let marked = false;
  let from = start;
  while (from > 0 && start - from < MAX_TOKEN && !isSpace(text.charCodeAt(from - 1))) {
    from--;
    marked ||= addressMark(text, from);
  }
  let to = end;
  while (to < text.length && to - end < MAX_TOKEN && !isSpace(text.charCodeAt(to))) {
    marked ||= addressMark(text, to);
    to++;
  }
  if (!marked) return false;
  const token = text.slice(from, to);
  const lower = token.toLowerCase().replace(/^[("'<[]+/, '');
  return lower.includes('://') || lower.startsWith('www.') || DOMAIN_PATH.test(lower) || /@[\w-]+\./.test(lower);
}

/**
 * True when a name of several words is written as a slug: only hyphens or underscores between its
 * words and no capital letter, though the name itself has capitals ("yann-lecun" for "Yann LeCun").
 */
export function isSlug(text: string, start: number, end: number, aliasHasCapitals: boolean): boolean {
  if (!aliasHasCapitals) return false;
  let joins = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const cls = charClass(code);
    if (cls === SEP) {
      if (code !== 45 /* - */) return false;
      joins++;
    } else if (cls === WORD && String.fromCharCode(code) !== String.fromCharCode(code).toLowerCase()) return false;
  }
  return joins > 0;
}
