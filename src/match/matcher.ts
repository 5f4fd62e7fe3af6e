import * as chars from './chars.ts';
import { ContextFinder } from './context.ts';
import * as scanText from './text-scan.ts';
import * as trieOps from './trie.ts';
import type { FlatTrie } from './trie.ts';
import type { MatchEntity, Mention } from './types.ts';

// Module-local copies: bundlers and loaders may turn imported bindings into getter calls, which
// on a per-character path costs more than the work itself.
const { ASCII_CLASS, APOSTROPHE, IGNORABLE, SEP, SEP_CODE, WORD, charClass, fold, foldKey } = chars;
const { hasWordsAround, isEndBoundary, isShouting, prevSignificant } = scanText;
const { buildTrie, childOf } = trieOps;

/** The result of scanning one block of text. */
export interface BlockScan {
  /**
   * Mentions that stand on their own: an unambiguous alias, or an ambiguous one with context nearby.
   * Sorted by start, non-overlapping.
   */
  readonly confirmed: readonly Mention[];
  /**
   * Ambiguous mentions without context nearby: they count once the document holds a strong mention of
   * the same entity.
   */
  readonly deferred: readonly Mention[];
  /** Entity ids named in this block by an unambiguous alias (document evidence). */
  readonly strong: readonly string[];
}

/** A compiled dataset: turns text into mentions. */
export interface Matcher {
  /** Scan one block of text (the page engine joins a block's inline text nodes into one string). */
  scan(text: string): BlockScan;
  /**
   * Treat `text` as a whole document: scan it, then keep deferred mentions whose entity has a strong
   * mention anywhere in the text. Sorted, non-overlapping.
   */
  find(text: string): Mention[];
}

/** Words around an alias inside one exclude phrase: "Vera Wang" for "Wang" is before=["vera"]. */
interface ExcludeRule {
  readonly before: readonly string[];
  readonly after: readonly string[];
}

interface CompiledAlias {
  readonly entity: number;
  readonly exact: boolean;
  readonly needsContext: boolean;
  /** The alias as written without separators, apostrophes as `'`: what "exact" compares. */
  readonly letters: string;
  readonly lettersUpper: string;
  /** The alias as the dataset writes it, and its entity's exclude phrases: what `excludes` is built from. */
  readonly text: string;
  readonly excludePhrases: readonly string[];
  /**
   * Built the first time the alias is found: splitting every exclude phrase for every alias was
   * most of the compile time, and most aliases are never found (bench/README.md, "Fixed costs").
   */
  excludes: readonly ExcludeRule[] | null;
}

interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly aliases: readonly number[];
}

/** How the single pass finds where a walk down the trie may start. */
export interface MatcherOptions {
  /**
   * "loop" (default): a JavaScript loop visits every unit, walks the trie at word starts.
   * "prefilter": one compiled regular expression over the first two units of every alias finds
   * candidate starts natively; boundaries are checked and the trie walked in code. Kept for the
   * benchmark: it measured no faster with the bundled data and slower with a large pack.
   */
  readonly scanner?: 'prefilter' | 'loop';
}

const IGNORABLE_CLASS = '[\\u00AD\\u200B\\u200C\\u200D\\u2060\\uFEFF]';

/** At most this many nested aliases can end along one walk ("Meta", "Meta AI", ...); deeper ones are ignored. */
const MAX_ENDS = 64;

/**
 * Nearly every block on a real page names nobody. A scan of such a block returns this one shared
 * object, so it allocates nothing (garbage collection showed up in profiles of the page scan:
 * `bench/profile.ts`). It is frozen, arrays included: callers only read a BlockScan, and a caller that
 * tried to write into it would fail loudly (in strict mode) instead of corrupting later scans.
 */
const NO_MENTIONS: readonly Mention[] = Object.freeze([]);
const NO_IDS: readonly string[] = Object.freeze([]);
const EMPTY_SCAN: BlockScan = Object.freeze({ confirmed: NO_MENTIONS, deferred: NO_MENTIONS, strong: NO_IDS });
const NO_CANDIDATES: readonly Candidate[] = Object.freeze([]);

/** Class bits that keep a word going: its letters, and invisible units inside it ("Zucker\u00ADberg"). */
const IN_WORD = WORD | IGNORABLE;

function lettersOf(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const cls = charClass(code);
    if (cls === SEP || cls === IGNORABLE) continue;
    out += cls === APOSTROPHE ? "'" : text.charAt(i);
  }
  return out;
}

function wordsOf(text: string): string[] {
  return foldKey(text)
    .split(/[^\p{L}\p{M}\p{N}_]+/u)
    .filter((word) => word.length > 0);
}

function excludeRules(aliasText: string, excludes: readonly string[]): ExcludeRule[] {
  const aliasWords = wordsOf(aliasText);
  const rules: ExcludeRule[] = [];
  if (aliasWords.length === 0) return rules;
  for (const phrase of excludes) {
    const words = wordsOf(phrase);
    for (let k = 0; k + aliasWords.length <= words.length; k++) {
      if (aliasWords.every((word, j) => words[k + j] === word)) {
        rules.push({ before: words.slice(0, k), after: words.slice(k + aliasWords.length) });
      }
    }
  }
  return rules;
}

class CompiledMatcher implements Matcher {
  private readonly trie: FlatTrie;
  private readonly aliases: CompiledAlias[] = [];
  private readonly entityIds: string[] = [];
  private readonly contextTerms: (readonly string[])[] = [];
  private readonly contextFinders: (ContextFinder | undefined)[] = [];
  private readonly prefilter: RegExp | null;
  private readonly ends = new Int32Array(MAX_ENDS);
  private readonly endNodes = new Int32Array(MAX_ENDS);
  /**
   * The word-start test for two ASCII units, ahead of time: `pairs[first << 7 | second]` is
   * PAIR_REJECT(_WORD) when no alias can start there, the trie node after both units when a walk
   * may go on from there, or PAIR_CHECK when only the general test can tell. See `buildPairs`.
   */
  private readonly pairs: Int32Array;

  constructor(entities: readonly MatchEntity[], options: MatcherOptions) {
    const keys: string[] = [];
    entities.forEach((entity, entityIndex) => {
      this.entityIds.push(entity.id);
      this.contextTerms.push(entity.context);
      for (const alias of entity.aliases) {
        const letters = lettersOf(alias.text);
        const upper = letters.toUpperCase();
        keys.push(foldKey(alias.text));
        this.aliases.push({
          entity: entityIndex,
          exact: alias.case === 'exact',
          needsContext: alias.needsContext,
          letters,
          // Upper-casing that changes the length (ß -> SS) cannot line up with the text unit by unit.
          lettersUpper: upper.length === letters.length ? upper : letters,
          text: alias.text,
          excludePhrases: entity.excludes,
          excludes: null,
        });
      }
    });
    this.trie = buildTrie(keys);
    this.pairs = buildPairs(this.trie);
    this.prefilter = options.scanner === 'prefilter' ? buildPrefilter(keys) : null;
  }

  /** Returns EMPTY_SCAN (shared, frozen) when the text names nobody; see there. */
  scan(text: string): BlockScan {
    const candidates = this.candidates(text);
    if (candidates.length === 0) return EMPTY_SCAN;
    const strong = new Set<number>();
    const unambiguous: (CompiledAlias | undefined)[] = candidates.map((candidate) => {
      for (const index of candidate.aliases) {
        const alias = this.aliases[index];
        if (alias !== undefined && !alias.needsContext) {
          strong.add(alias.entity);
          return alias;
        }
      }
      return undefined;
    });
    let confirmed: Mention[] | null = null;
    let deferred: Mention[] | null = null;
    candidates.forEach((candidate, k) => {
      const { start, end } = candidate;
      const sure = unambiguous[k];
      if (sure !== undefined) {
        (confirmed ??= []).push({ entityId: this.entityIds[sure.entity] ?? '', start, end });
        return;
      }
      const evidenced = candidate.aliases.find((index) => this.hasEvidence(index, strong, text, start, end));
      const chosen = this.aliases[evidenced ?? candidate.aliases[0] ?? -1];
      if (chosen === undefined) return;
      const mention = { entityId: this.entityIds[chosen.entity] ?? '', start, end };
      if (evidenced === undefined) (deferred ??= []).push(mention);
      else (confirmed ??= []).push(mention);
    });
    // Lists that stayed empty are the shared frozen ones: most blocks with a name hold one kind only.
    return {
      confirmed: confirmed ?? NO_MENTIONS,
      deferred: deferred ?? NO_MENTIONS,
      strong: strong.size === 0 ? NO_IDS : [...strong].map((entity) => this.entityIds[entity] ?? ''),
    };
  }

  find(text: string): Mention[] {
    const { confirmed, deferred, strong } = this.scan(text);
    if (deferred.length === 0) return [...confirmed];
    const evidence = new Set(strong);
    const kept = deferred.filter((mention) => evidence.has(mention.entityId));
    return [...confirmed, ...kept].sort((a, b) => a.start - b.start);
  }

  /**
   * The one rule for ambiguous aliases: the entity is named unambiguously in the same block, or
   * one of its context terms stands within CONTEXT_WINDOW. (The page engine adds the third
   * source, a strong mention elsewhere in the document, by promoting deferred mentions.)
   */
  private hasEvidence(
    aliasIndex: number,
    strong: ReadonlySet<number>,
    text: string,
    start: number,
    end: number,
  ): boolean {
    const alias = this.aliases[aliasIndex];
    if (alias === undefined) return false;
    if (strong.has(alias.entity)) return true;
    let finder = this.contextFinders[alias.entity];
    if (finder === undefined) {
      finder = new ContextFinder(this.contextTerms[alias.entity] ?? []);
      this.contextFinders[alias.entity] = finder;
    }
    return finder.isNear(text, start, end);
  }

  /**
   * The single pass: leftmost-longest alias matches at word starts, each with the aliases that
   * survive case and excludes. Returns the shared NO_CANDIDATES unless something was found.
   *
   * Two tight inner loops take turns, gap and word, so that a unit costs one class lookup and the
   * per-word work happens once per word: at a word start one load from `pairs` (first two units)
   * rejects most words or says where the walk goes on, and a rejected word is skipped to its end.
   * The rule is the one of a plain loop over every unit: a word starts at a WORD unit whose
   * previous significant (non-ignorable) unit is not a WORD unit.
   */
  private candidates(text: string): readonly Candidate[] {
    if (this.prefilter !== null) return this.candidatesByPrefilter(text, this.prefilter);
    let out: Candidate[] | null = null;
    const pairs = this.pairs;
    const len = text.length;
    let i = 0;
    for (;;) {
      // Gap: every unit here follows a non-word unit (ignorables change nothing), so the first
      // WORD unit found starts a word.
      let code = 0;
      for (; i < len; i++) {
        code = text.charCodeAt(i);
        if ((code < 128 ? (ASCII_CLASS[code] ?? 0) : charClass(code)) === WORD) break;
      }
      if (i >= len) break;
      // A word starts at i; unless a name is found, the rest of it is skipped from `skipFrom`.
      let skipFrom = i + 1;
      const second = skipFrom < len ? text.charCodeAt(skipFrom) : -1;
      const pair = code < 128 && second >= 0 && second < 128 ? (pairs[(code << 7) | second] ?? PAIR_CHECK) : PAIR_CHECK;
      let candidate: Candidate | null = null;
      if (pair >= 0) candidate = this.walk(text, i, pair, i + 2);
      else if (pair === PAIR_CHECK) candidate = this.startAt(text, i, code, second);
      else if (pair === PAIR_REJECT_WORD) skipFrom = i + 2;
      if (candidate !== null) {
        (out ??= []).push(candidate);
        i = candidate.end;
        // A name that ends before a non-word unit leaves us in a gap; one that ends before a
        // possessive "s" ("Wangs") leaves us inside a word, which is skipped.
        if (charClass(text.charCodeAt(prevSignificant(text, i))) !== WORD) continue;
        skipFrom = i;
      }
      // Word: skip its remaining units; ignorables inside a word do not end it.
      for (i = skipFrom; i < len; i++) {
        code = text.charCodeAt(i);
        if (((code < 128 ? (ASCII_CLASS[code] ?? 0) : charClass(code)) & IN_WORD) === 0) break;
      }
    }
    return out ?? NO_CANDIDATES;
  }

  /**
   * The general word-start test (any units; `second` is -1 at the end of the text), which
   * `buildPairs` precomputes for ASCII pairs: the first unit must start an alias key, and most
   * words leave the trie at their second unit, which is looked up before paying for a walk.
   */
  private startAt(text: string, i: number, code: number, second: number): Candidate | null {
    const trie = this.trie;
    const first = childOf(trie, 0, fold(code));
    if (first === -1) return null;
    if (second >= 0 && (trie.termStart[first] ?? 0) === (trie.termStart[first + 1] ?? 0)) {
      if (charClass(second) === WORD && childOf(trie, first, fold(second)) === -1) return null;
    }
    return this.walk(text, i, first, i + 1);
  }

  private candidatesByPrefilter(text: string, prefilter: RegExp): readonly Candidate[] {
    let out: Candidate[] | null = null;
    prefilter.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = prefilter.exec(text)) !== null) {
      const at = m.index;
      const before = prevSignificant(text, at);
      if (before >= 0 && charClass(text.charCodeAt(before)) === WORD) {
        prefilter.lastIndex = at + 1;
        continue;
      }
      const first = childOf(this.trie, 0, fold(text.charCodeAt(at)));
      const candidate = first === -1 ? null : this.walk(text, at, first, at + 1);
      if (candidate === null) {
        prefilter.lastIndex = at + 1;
        continue;
      }
      (out ??= []).push(candidate);
      prefilter.lastIndex = candidate.end;
    }
    return out ?? NO_CANDIDATES;
  }

  /**
   * Walks the trie from `node`, reached by the units of `text` from `start` up to `from`; returns the
   * longest acceptable alias.
   */
  private walk(text: string, start: number, node: number, from: number): Candidate | null {
    const trie = this.trie;
    const len = text.length;
    let i = from;
    let count = 0;
    let arrived = true;
    for (;;) {
      if (
        arrived &&
        (trie.termStart[node] ?? 0) < (trie.termStart[node + 1] ?? 0) &&
        count < MAX_ENDS &&
        isEndBoundary(text, i)
      ) {
        this.ends[count] = i;
        this.endNodes[count] = node;
        count++;
      }
      if (i >= len) break;
      const code = text.charCodeAt(i);
      const cls = code < 128 ? (ASCII_CLASS[code] ?? 0) : charClass(code);
      arrived = false;
      if (cls === IGNORABLE) {
        // Inside the name an ignorable is skipped without leaving the current node.
        i++;
        continue;
      }
      let next: number;
      if (cls === SEP) {
        next = childOf(trie, node, SEP_CODE);
        if (next === -1) break;
        while (i < len && (charClass(text.charCodeAt(i)) & (SEP | IGNORABLE)) !== 0) i++;
      } else {
        next = childOf(trie, node, code < 128 ? (code >= 65 && code <= 90 ? code + 32 : code) : fold(code));
        if (next === -1) break;
        i++;
      }
      node = next;
      arrived = true;
    }
    for (let k = count - 1; k >= 0; k--) {
      const end = this.ends[k] ?? 0;
      const endNode = this.endNodes[k] ?? 0;
      // Allocated only for a first survivor: "meta" in Italian prose reaches "Meta" and fails its case rule.
      let survivors: number[] | null = null;
      const from = trie.termStart[endNode] ?? 0;
      const to = trie.termStart[endNode + 1] ?? 0;
      for (let t = from; t < to; t++) {
        const index = trie.termAlias[t] ?? -1;
        const alias = this.aliases[index];
        if (alias !== undefined && this.accepts(alias, text, start, end)) (survivors ??= []).push(index);
      }
      if (survivors !== null) return { start, end, aliases: survivors };
    }
    return null;
  }

  private accepts(alias: CompiledAlias, text: string, start: number, end: number): boolean {
    if (alias.exact && !caseMatches(alias, text, start, end)) return false;
    alias.excludes ??= excludeRules(alias.text, alias.excludePhrases);
    for (const rule of alias.excludes) if (hasWordsAround(text, start, end, rule.before, rule.after)) return false;
    return true;
  }
}

/**
 * `pairs` entries that are no trie node: no alias starts here (the second unit continues the word, or
 * not); the general test decides.
 */
const PAIR_REJECT_WORD = -1;
const PAIR_REJECT = -2;
const PAIR_CHECK = -3;

/**
 * The scan loop's word-start test for every pair of ASCII units, ahead of time (16,384 entries,
 * 64 kB): what `startAt` would decide, so using it changes nothing but the cost.
 * - PAIR_REJECT_WORD, PAIR_REJECT: the first unit starts no alias key; or it starts only longer
 *   keys, and the second is a word unit that continues none of them. PAIR_REJECT_WORD when the
 *   second unit is a word unit, so the skip over the rest of the word may start after it.
 * - a node: no alias ends after the first unit and the second is a word unit the trie continues
 *   with, so a walk from this node at the third unit is the same walk as from the first.
 * - PAIR_CHECK: an alias ends after the first unit, or the second unit is a separator, an
 *   apostrophe or punctuation: only a walk from the first unit can tell (end boundary, "s").
 */
function buildPairs(trie: FlatTrie): Int32Array {
  const table = new Int32Array(128 * 128).fill(PAIR_CHECK);
  for (let a = 0; a < 128; a++) {
    const first = childOf(trie, 0, fold(a));
    if (first === -1) {
      for (let b = 0; b < 128; b++)
        table[(a << 7) | b] = (ASCII_CLASS[b] ?? 0) === WORD ? PAIR_REJECT_WORD : PAIR_REJECT;
      continue;
    }
    if ((trie.termStart[first] ?? 0) !== (trie.termStart[first + 1] ?? 0)) continue;
    for (let b = 0; b < 128; b++) {
      if ((ASCII_CLASS[b] ?? 0) !== WORD) continue;
      const next = childOf(trie, first, fold(b));
      table[(a << 7) | b] = next === -1 ? PAIR_REJECT_WORD : next;
    }
  }
  return table;
}

/** "exact": the name as written, or in ALL CAPS where the surrounding text is in capitals too. */
function caseMatches(alias: CompiledAlias, text: string, start: number, end: number): boolean {
  let written = true;
  let upper = true;
  let k = 0;
  for (let i = start; i < end && (written || upper); i++) {
    const code = text.charCodeAt(i);
    const cls = charClass(code);
    if (cls === SEP || cls === IGNORABLE) continue;
    const unit = cls === APOSTROPHE ? 39 : code;
    if (unit !== alias.letters.charCodeAt(k)) written = false;
    if (unit !== alias.lettersUpper.charCodeAt(k)) upper = false;
    k++;
  }
  if (k !== alias.letters.length) return false;
  if (written) return true;
  return upper && isShouting(text, start, end);
}

function escapeUnit(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * The prefilter: every alias key's first unit followed by its second unit or an ignorable. Its
 * size is bounded by the number of distinct two-unit prefixes, not by the number of names.
 */
function buildPrefilter(keys: readonly string[]): RegExp | null {
  const seconds = new Map<number, Set<number>>();
  for (const key of keys) {
    if (key.length === 0) continue;
    const first = key.charCodeAt(0);
    const set = seconds.get(first) ?? new Set<number>();
    // A one-unit key or one whose second unit is a separator: any following unit may do.
    set.add(key.length === 1 || key.charCodeAt(1) === SEP_CODE ? -1 : key.charCodeAt(1));
    seconds.set(first, set);
  }
  if (seconds.size === 0) return null;
  const alternatives: string[] = [];
  for (const [first, set] of seconds) {
    const head = escapeUnit(first);
    if (set.has(-1)) {
      alternatives.push(head);
      continue;
    }
    // Keys fold apostrophes to U+0027; the text may hold any of them.
    if (set.has(39)) set.add(0x2019).add(0x02bc);
    const units = [...set].map(escapeUnit).join('');
    alternatives.push(`${head}(?:[${units}]|${IGNORABLE_CLASS})`);
  }
  return new RegExp(alternatives.join('|'), 'gi');
}

/** Compiles the dataset's entities once into a matcher; every rule comes from the entities' data. */
export function compileMatcher(entities: readonly MatchEntity[], options: MatcherOptions = {}): Matcher {
  return new CompiledMatcher(entities, options);
}
