/**
 * Phrases around a match: an exclude ("Meta-Analyse", "Randi Zuckerberg", "Meta分析") or a
 * namesake surrounds the matched alias when the text before and after the match spells the rest
 * of the phrase. Compared unit by unit on folded keys, so it works in every script: a space in the
 * key stands for a run of separators (spaces, hyphens, name dots), or for nothing where the script
 * changes ("Meta分析" and "Meta 分析" are the same phrase).
 */
import * as chars from './chars.ts';
import * as boundaries from './boundaries.ts';
import * as scanText from './text-scan.ts';

const { CJK, IGNORABLE, SEP, SEP_CODE, WORD, charClass, fold, foldKey } = chars;
const { nameEndAllowed, nameStartAllowed } = boundaries;
const { nextSignificant, prevSignificant } = scanText;

/** The parts of a phrase key before and after one occurrence of an alias key in it. */
export interface PhraseRule {
  /** The phrase's folded key, for reporting which phrase matched (namesakes are referents). */
  readonly phrase: string;
  readonly before: string;
  readonly after: string;
  /** The unit of `before` next to the alias, separators left out, or -1 (see `mayStand`). */
  readonly beforeNext: number;
  /** The unit of `after` next to the alias, separators left out, or -1. */
  readonly afterNext: number;
  /**
   * Whether the phrase must end at a plain word end: its last word is a Latin word of one or two
   * letters. A name may take a glued genitive "s" ("Wangs", "Metas"), and a longer last word its
   * plural ("Meta-Analyses"), but a short word with an "s" is another word: the exclude
   * "Llama a" (Spanish: calls to) must not stand in "Llama as an abbreviation".
   */
  readonly strictEnd: boolean;
}

/** Words of this many letters or fewer end a phrase only at a plain word end (see `strictEnd`). */
const SHORT_LAST_WORD = 2;

/** True when the key's last word is a Latin word of at most SHORT_LAST_WORD units. */
function endsInShortWord(key: string): boolean {
  let n = 0;
  for (let i = key.length - 1; i >= 0; i--) {
    const code = key.charCodeAt(i);
    if (code === SEP_CODE) break;
    if (charClass(code) !== WORD) return false;
    if (++n > SHORT_LAST_WORD) return false;
  }
  return n > 0;
}

function isKeyBoundary(key: string, pos: number): boolean {
  if (pos <= 0 || pos >= key.length) return true;
  const a = key.charCodeAt(pos - 1);
  const b = key.charCodeAt(pos);
  if (a === SEP_CODE || b === SEP_CODE) return true;
  // A script change inside a key is a word break too ("meta分析").
  return (charClass(a) === CJK) !== (charClass(b) === CJK);
}

/** Every occurrence of `aliasKey` as whole words in each phrase, as before/after parts. */
export function phraseRules(aliasKey: string, phrases: readonly string[]): PhraseRule[] {
  const rules: PhraseRule[] = [];
  if (aliasKey.length === 0) return rules;
  for (const raw of phrases) {
    const phrase = foldKey(raw);
    for (let k = phrase.indexOf(aliasKey); k >= 0; k = phrase.indexOf(aliasKey, k + 1)) {
      const end = k + aliasKey.length;
      if (!isKeyBoundary(phrase, k) || !isKeyBoundary(phrase, end)) continue;
      if (k === 0 && end === phrase.length) continue;
      const before = phrase.slice(0, k).trimEnd();
      const after = phrase.slice(end).trimStart();
      rules.push({
        phrase,
        before: phrase.slice(0, k),
        after: phrase.slice(end),
        beforeNext: before.length > 0 ? before.charCodeAt(before.length - 1) : -1,
        afterNext: after.length > 0 ? after.charCodeAt(0) : -1,
        strictEnd: after.length > 0 && endsInShortWord(after),
      });
    }
  }
  return rules;
}

function groupOf(code: number): number {
  const cls = charClass(code);
  return cls === CJK ? 2 : cls === WORD ? 1 : 0;
}

/** Matches `part` backwards ending at `pos`; returns where it starts in the text, or -1. */
function matchBefore(text: string, pos: number, part: string): number {
  let i = pos;
  let after = i < text.length ? text.charCodeAt(i) : -1;
  for (let k = part.length - 1; k >= 0; k--) {
    const want = part.charCodeAt(k);
    if (want === SEP_CODE) {
      let seen = false;
      while (i > 0 && (charClass(text.charCodeAt(i - 1)) & (SEP | IGNORABLE)) !== 0) {
        seen ||= charClass(text.charCodeAt(i - 1)) === SEP;
        i--;
      }
      const prev = i > 0 ? text.charCodeAt(i - 1) : -1;
      if (!seen && (prev < 0 || after < 0 || groupOf(prev) === groupOf(after))) return -1;
      continue;
    }
    while (i > 0 && charClass(text.charCodeAt(i - 1)) === IGNORABLE) i--;
    if (i <= 0 || fold(text.charCodeAt(i - 1)) !== want) return -1;
    i--;
    after = text.charCodeAt(i);
  }
  return i;
}

/** Matches `part` forwards from `pos`; returns where it ends in the text, or -1. */
function matchAfter(text: string, pos: number, part: string): number {
  let i = pos;
  let before = i > 0 ? text.charCodeAt(i - 1) : -1;
  for (let k = 0; k < part.length; k++) {
    const want = part.charCodeAt(k);
    if (want === SEP_CODE) {
      let seen = false;
      while (i < text.length && (charClass(text.charCodeAt(i)) & (SEP | IGNORABLE)) !== 0) {
        seen ||= charClass(text.charCodeAt(i)) === SEP;
        i++;
      }
      const next = i < text.length ? text.charCodeAt(i) : -1;
      if (!seen && (next < 0 || before < 0 || groupOf(next) === groupOf(before))) return -1;
      continue;
    }
    while (i < text.length && charClass(text.charCodeAt(i)) === IGNORABLE) i++;
    if (i >= text.length || fold(text.charCodeAt(i)) !== want) return -1;
    before = text.charCodeAt(i);
    i++;
  }
  return i;
}

/** The folded unit after `end`, separators and invisible units skipped; -1 at the end. */
export function foldedAfter(text: string, end: number): number {
  let i = end;
  while (i < text.length && (charClass(text.charCodeAt(i)) & (SEP | IGNORABLE)) !== 0) i++;
  return i < text.length ? fold(text.charCodeAt(i)) : -1;
}

/** The folded unit before `start`, separators and invisible units skipped; -1 at the start. */
export function foldedBefore(text: string, start: number): number {
  let i = start;
  while (i > 0 && (charClass(text.charCodeAt(i - 1)) & (SEP | IGNORABLE)) !== 0) i--;
  return i > 0 ? fold(text.charCodeAt(i - 1)) : -1;
}

/**
 * A cheap first test, given the folded units next to a match (`foldedBefore`, `foldedAfter`):
 * false when the rule's phrase cannot stand there. A name with fifty excludes ("Meta") then
 * costs fifty integer comparisons, not fifty phrase walks.
 */
export function mayStand(rule: PhraseRule, before: number, after: number): boolean {
  return (rule.beforeNext < 0 || rule.beforeNext === before) && (rule.afterNext < 0 || rule.afterNext === after);
}

/** True when the phrase of `rule` stands around [start, end) in `text`, as whole words. */
export function phraseAround(text: string, start: number, end: number, rule: PhraseRule): boolean {
  let from = start;
  if (rule.before.length > 0) {
    from = matchBefore(text, start, rule.before);
    if (from < 0) return false;
  }
  if (from !== start && !nameStartAllowed(text, from, text.charCodeAt(from))) return false;
  if (rule.after.length === 0) return true;
  const to = matchAfter(text, end, rule.after);
  if (to < 0) return false;
  if (rule.strictEnd) {
    const next = nextSignificant(text, to);
    return next >= text.length || charClass(text.charCodeAt(next)) !== WORD;
  }
  return nameEndAllowed(text, to, text.charCodeAt(prevSignificant(text, to)));
}
