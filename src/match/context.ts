import * as boundaries from './boundaries.ts';
import * as chars from './chars.ts';
import * as scanText from './text-scan.ts';

const { WORD, charClass } = chars;
const { nameEndAllowed, nameStartAllowed } = boundaries;
const { prevSignificant } = scanText;

/**
 * How far around an ambiguous name its context may stand, in UTF-16 units each side. About two
 * sentences of news prose: far enough to reach the subject of the sentence that names "Wang" or
 * "Llama", near enough that a sidebar item or the next article teaser does not lend its words.
 */
export const CONTEXT_WINDOW = 200;

/** How far a window edge may move outwards to avoid cutting a word in two ("Meta|verse"). */
const EDGE_SLACK = 40;

// Alternation, not a class: a class holding U+200D reads to lint as a joined emoji sequence.
const IGNORABLE_RE = /\u00AD|\u200B|\u200C|\u200D|\u2060|\uFEFF/g;
const HAS_UPPER_RE = /\p{Lu}/u;
const SEP_PATTERN = '[\\s\\-\\u2010-\\u2014\\u2212\\u00B7\\u2027\\u30FB\\uFF65]+';

function escapeTerm(body: string): string {
  return body
    .trim()
    .split(/[\s\-\u2010-\u2014\u2212\u00B7\u2027\u30FB\uFF65]+/u)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['\u2019\u02BC]/gu, "['\u2019\u02BC]"))
    .join(SEP_PATTERN);
}

/** One group of terms sharing a case rule and an end rule; boundaries are checked in code (cheap to compile). */
interface TermGroup {
  readonly regex: RegExp;
  readonly prefix: boolean;
}

/**
 * Vetoes a term found at [start, end) of a text, e.g. "Meta" inside "Meta-Analyse": the matcher
 * knows which terms are ambiguous names and which phrases exclude them.
 */
export type TermVeto = (text: string, start: number, end: number) => boolean;

/**
 * Finds an entity's context terms near a position. A term is a phrase with its own rule, read
 * from how the dataset writes it, so packs need no extra fields:
 * - all lower case ("superintelligence") matches in any case;
 * - with a capital ("Meta", "AI") matches as written or in ALL CAPS, so "AI" is not Italian "ai";
 * - a trailing `*` ("superintelligen*") matches any word starting with the term.
 * Otherwise a term must stand as whole words (by the boundary rules of its script), optionally
 * with a possessive "s".
 */
export class ContextFinder {
  private readonly groups: TermGroup[] = [];

  constructor(
    terms: readonly string[],
    private readonly veto: TermVeto = () => false,
  ) {
    const buckets = new Map<string, string[]>();
    for (const raw of terms) {
      const trimmed = raw.trim();
      const prefix = trimmed.endsWith('*');
      const body = prefix ? trimmed.slice(0, -1) : trimmed;
      if (body.trim().length === 0) continue;
      const exact = HAS_UPPER_RE.test(body);
      const key = `${exact ? 'exact' : 'any'}|${prefix ? 'prefix' : 'word'}`;
      const list = buckets.get(key) ?? [];
      list.push(escapeTerm(body));
      if (exact) list.push(escapeTerm(body.toUpperCase()));
      buckets.set(key, list);
    }
    for (const [key, alternatives] of buckets) {
      // Longest first, so that "Scale AI" is tried before "Scale" at the same place.
      alternatives.sort((a, b) => b.length - a.length);
      this.groups.push({
        regex: new RegExp(alternatives.join('|'), key.startsWith('exact') ? 'g' : 'gi'),
        prefix: key.endsWith('prefix'),
      });
    }
  }

  /** True when a context term occurs within CONTEXT_WINDOW units of [start, end) in `text`. */
  isNear(text: string, start: number, end: number): boolean {
    if (this.groups.length === 0) return false;
    let from = Math.max(0, start - CONTEXT_WINDOW);
    let to = Math.min(text.length, end + CONTEXT_WINDOW);
    for (let k = 0; k < EDGE_SLACK && from > 0 && charClass(text.charCodeAt(from - 1)) === WORD; k++) from--;
    for (let k = 0; k < EDGE_SLACK && to < text.length && charClass(text.charCodeAt(to)) === WORD; k++) to++;
    // The name itself lends no evidence: a term inside or across it ("Superintelligence" in
    // "Superintelligence Lab") is skipped, so an ambiguous name never confirms itself.
    const before = text.slice(from, start).replace(IGNORABLE_RE, '');
    const own = text.slice(start, end).replace(IGNORABLE_RE, '');
    const window = before + own + text.slice(end, to).replace(IGNORABLE_RE, '');
    const ownStart = before.length;
    const ownEnd = ownStart + own.length;
    for (const group of this.groups) {
      group.regex.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = group.regex.exec(window)) !== null) {
        const s = m.index;
        const e = s + m[0].length;
        if (e === s) {
          group.regex.lastIndex++;
          continue;
        }
        if (s < ownEnd && e > ownStart) continue;
        if (!nameStartAllowed(window, s, window.charCodeAt(s))) continue;
        if (!group.prefix && !nameEndAllowed(window, e, window.charCodeAt(prevSignificant(window, e)))) continue;
        if (this.veto(window, s, e)) continue;
        return true;
      }
    }
    return false;
  }
}
