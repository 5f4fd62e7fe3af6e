import { charClass, WORD } from './chars.ts';

/**
 * How far around an ambiguous name its context may stand, in UTF-16 units each side. About two
 * sentences of news prose: far enough to reach the subject of the sentence that names "Wang" or
 * "Llama", near enough that a sidebar item or the next article teaser does not lend its words.
 */
export const CONTEXT_WINDOW = 200;

/** How far a window edge may move outwards to avoid cutting a word in two ("Meta|verse"). */
const EDGE_SLACK = 40;

const IGNORABLE_RE = /[\u00AD\u200B\u200C\u200D\u2060\uFEFF]/g;
const HAS_UPPER_RE = /\p{Lu}/u;
const WORD_CLASS = '[\\p{L}\\p{M}\\p{N}_]';
const SEP_CLASS = "[\\s\\-\\u2010-\\u2014\\u2212]+";

function escapeTerm(body: string): string {
  return body
    .trim()
    .split(/[\s\-\u2010-\u2014\u2212]+/u)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['\u2019\u02BC]/gu, "['\u2019\u02BC]"))
    .join(SEP_CLASS);
}

function buildRegex(alternatives: readonly string[], flags: string): RegExp | null {
  if (alternatives.length === 0) return null;
  return new RegExp(`(?<!${WORD_CLASS})(?:${alternatives.join('|')})`, flags);
}

/**
 * Finds an entity's context terms near a position. A term is a phrase with its own rule, read
 * from how the dataset writes it, so packs need no extra fields:
 * - all lower case ("superintelligence") matches in any case;
 * - with a capital ("Meta", "AI") matches as written or in ALL CAPS, so "AI" is not Italian "ai";
 * - a trailing `*` ("superintelligen*") matches any word starting with the term.
 * Otherwise a term must stand as whole words, optionally with a possessive "s".
 */
export class ContextFinder {
  private readonly anyCase: RegExp | null;
  private readonly exactCase: RegExp | null;

  constructor(terms: readonly string[]) {
    const any: string[] = [];
    const exact: string[] = [];
    for (const raw of terms) {
      const prefix = raw.trimEnd().endsWith('*');
      const body = prefix ? raw.trimEnd().slice(0, -1) : raw;
      if (body.trim().length === 0) continue;
      const tail = prefix ? '' : `(?:['\u2019\u02BC]?s)?(?!${WORD_CLASS})`;
      if (HAS_UPPER_RE.test(body)) {
        exact.push(`(?:${escapeTerm(body)}|${escapeTerm(body.toUpperCase())})${tail}`);
      } else any.push(`(?:${escapeTerm(body)})${tail}`);
    }
    this.anyCase = buildRegex(any, 'iu');
    this.exactCase = buildRegex(exact, 'u');
  }

  /** True when a context term occurs within CONTEXT_WINDOW units of [start, end) in `text`. */
  isNear(text: string, start: number, end: number): boolean {
    if (this.anyCase === null && this.exactCase === null) return false;
    let from = Math.max(0, start - CONTEXT_WINDOW);
    let to = Math.min(text.length, end + CONTEXT_WINDOW);
    for (let k = 0; k < EDGE_SLACK && from > 0 && charClass(text.charCodeAt(from - 1)) === WORD; k++) from--;
    for (let k = 0; k < EDGE_SLACK && to < text.length && charClass(text.charCodeAt(to)) === WORD; k++) to++;
    const window = text.slice(from, to).replace(IGNORABLE_RE, '');
    return (this.anyCase?.test(window) ?? false) || (this.exactCase?.test(window) ?? false);
  }
}
