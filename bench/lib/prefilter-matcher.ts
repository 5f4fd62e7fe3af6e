/**
 * The alternative start scanner, for the benchmark only (it is not in the content script): one
 * compiled regular expression over the first two units of every alias finds candidate starts
 * natively; boundaries are checked and the trie walked by the shipped matcher's own code. It
 * measured no faster with the bundled data and slower with a large pack, so the shipped matcher
 * keeps its JavaScript scan loop; this stays to show that comparison on every run.
 */
import { CJK, SEP_CODE, WORD, charClass, fold, foldKey } from '../../src/match/chars.ts';
import { cjkStartAllowed } from '../../src/match/boundaries.ts';
import { CompiledMatcher, NO_CANDIDATES, type Candidate, type Matcher } from '../../src/match/matcher.ts';
import { prevSignificant } from '../../src/match/text-scan.ts';
import { childOf } from '../../src/match/trie.ts';
import type { MatchEntity, MatchRules } from '../../src/match/types.ts';

const IGNORABLE_CLASS = '[\\u00AD\\u200B\\u200C\\u200D\\u2060\\uFEFF]';

function escapeUnit(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Every alias key's first unit followed by its second unit or an ignorable. Its size is bounded
 * by the number of distinct two-unit prefixes, not by the number of names.
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

class PrefilterMatcher extends CompiledMatcher {
  private readonly prefilter: RegExp | null;

  constructor(entities: readonly MatchEntity[], rules: MatchRules) {
    super(entities, rules);
    this.prefilter = buildPrefilter(entities.flatMap((entity) => entity.aliases.map((alias) => foldKey(alias.text))));
  }

  protected override candidates(text: string): readonly Candidate[] {
    const prefilter = this.prefilter;
    if (prefilter === null) return NO_CANDIDATES;
    let out: Candidate[] | null = null;
    prefilter.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = prefilter.exec(text)) !== null) {
      const at = m.index;
      const code = text.charCodeAt(at);
      const cjk = charClass(code) === CJK;
      const before = prevSignificant(text, at);
      const starts = cjk ? cjkStartAllowed(text, at, code) : before < 0 || charClass(text.charCodeAt(before)) !== WORD;
      const first = starts ? childOf(this.trie, 0, fold(code)) : -1;
      const candidate = first === -1 ? null : this.walk(text, at, first, at + 1, code);
      if (candidate === null) {
        prefilter.lastIndex = at + 1;
        continue;
      }
      (out ??= []).push(candidate);
      prefilter.lastIndex = candidate.end;
    }
    return out ?? NO_CANDIDATES;
  }
}

/** The shipped matcher with the prefilter start scanner in place of its scan loop. */
export function compilePrefilterMatcher(entities: readonly MatchEntity[], rules: MatchRules = {}): Matcher {
  return new PrefilterMatcher(entities, rules);
}
