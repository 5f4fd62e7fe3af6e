/**
 * Names inside addresses are not mentions: "https://ai.meta.com/people/…/yann-lecun/",
 * "www.zuckerberg.example", "someone@meta.com", and slugs such as "yann-lecun" where a
 * multi-word name is written in lower case with hyphens or underscores instead of spaces.
 */
import { SEP, WORD, charClass } from './chars.ts';

/** How far to look for the edges of the whitespace-free token around a name. */
const MAX_TOKEN = 256;

const SPACE_RE = /\s/;
const DOMAIN_PATH = /^[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)+\//u;

function tokenAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && start - from < MAX_TOKEN && !SPACE_RE.test(text.charAt(from - 1))) from--;
  let to = end;
  while (to < text.length && to - end < MAX_TOKEN && !SPACE_RE.test(text.charAt(to))) to++;
  return text.slice(from, to);
}

/** True when [start, end) lies in a URL, a host name with a path, or an e-mail address. */
export function inAddress(text: string, start: number, end: number): boolean {
  const token = tokenAround(text, start, end);
  if (token.length === end - start) return false;
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
