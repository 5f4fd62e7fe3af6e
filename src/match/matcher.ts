import * as boundaries from './boundaries.ts';
import * as chars from './chars.ts';
import { CitationRule } from './citations.ts';
import { ContextFinder } from './context.ts';
import { DistinctionRule, MAX_DISTANCE as MAX_DISTINCTION_DISTANCE } from './distinctions.ts';
import { PageMemory } from './coreference.ts';
import * as language from './language.ts';
import * as phrases from './phrases.ts';
import type { PhraseRule } from './phrases.ts';
import { isPinyinName, isPinyinSyllable } from './pinyin.ts';
import * as scanText from './text-scan.ts';
import * as trieOps from './trie.ts';
import type { FlatTrie } from './trie.ts';
import type { MatchEntity, MatchRules, Mention } from './types.ts';
import * as urls from './urls.ts';
import { otherSpellings, variantGroups } from './variants.ts';
import * as versions from './versions.ts';

// Module-local copies: bundlers and loaders may turn imported bindings into getter calls, which
// on a per-character path costs more than the work itself.
const {
  ASCII_CLASS,
  APOSTROPHE,
  CJK,
  HANGUL,
  IGNORABLE,
  KATAKANA,
  SEP,
  SEP_CODE,
  WORD,
  charClass,
  fold,
  foldKey,
  isSpace,
  scriptOf,
} = chars;
const { cjkStartAllowed, nameEndAllowed } = boundaries;
const { isEndBoundary, isShouting, prevSignificant } = scanText;
const { buildTrie, childOf } = trieOps;
const { blockLanguage, primaryTag, scriptLanguage } = language;
const { foldedAfter, foldedBefore, mayStand, phraseAround, phraseRules } = phrases;
const { inAddress, isSlug } = urls;
const { versionEnd } = versions;

/** The result of scanning one block of text. */
export interface BlockScan {
  /** Mentions that stand on their own: an unambiguous alias, or an ambiguous one with evidence in the block. Sorted by start, non-overlapping. */
  readonly confirmed: readonly Mention[];
  /** Ambiguous mentions without evidence in the block: they count once the document gives evidence for their entity. */
  readonly deferred: readonly Mention[];
  /**
   * Entity ids this block gives document evidence for: named here by an unambiguous alias, or
   * an entity that counts such a name as page evidence (its `pageEntities`).
   */
  readonly strong: readonly string[];
}

/** Where a block stands: its language and the page it belongs to. */
export interface ScanContext {
  /**
   * The language the page declares for the block (the closest `lang` attribute), or null. Called
   * at most once per scan, and only when a language-tagged alias is found.
   */
  readonly lang?: () => string | null;
  /** What the page said so far, for coreference; one per document (`newPageMemory`). Without it the block stands alone. */
  readonly page?: PageMemory;
}

/** A compiled dataset: turns text into mentions. */
export interface Matcher {
  /** Scan one block of text (the page engine joins a block's inline text nodes into one string). */
  scan(text: string, context?: ScanContext): BlockScan;
  /** Treat `text` as a whole document: scan it, then keep deferred mentions the text gives evidence for. Sorted, non-overlapping. */
  find(text: string, lang?: string | null): Mention[];
}

/** A fresh memory for one page (document): the page engine keeps one per document it reads. */
export function newPageMemory(): PageMemory {
  return new PageMemory();
}

const CASE_ANY = 0;
const CASE_EXACT = 1;
const CASE_CAPITALIZED = 2;

interface CompiledAlias {
  readonly entity: number;
  readonly caseMode: number;
  readonly needsContext: boolean;
  /** The alias as written without separators, apostrophes as `'`: what "exact" compares. */
  readonly letters: string;
  readonly lettersUpper: string;
  /** Its folded key (the trie's), from which exclude and namesake phrases are matched. */
  readonly key: string;
  /** As the dataset writes it: a context term for entities that list this one. */
  readonly text: string;
  /** Languages it is restricted to, or null. */
  readonly langs: ReadonlySet<string> | null;
  /**
   * Whether all its languages are written in CJK scripts ("meta" in lower case is Meta in Chinese,
   * Japanese and Korean text, and a common word elsewhere). Such an alias counts only where the
   * text around it (SCRIPT_WINDOW units each side) is written in one of them: CJK text is always
   * recognised by its script, whatever the page declares. A few range checks decide that, so an
   * Italian paragraph full of "meta" (the goal) costs no language guess.
   */
  readonly cjkOnly: boolean;
  /** A product name that takes a version number that follows it into the mention (versions.ts). */
  readonly versioned: boolean;
  /** Whether its key ends in a digit ("llama 4"): a version may go on with ".1" or ".x" only. */
  readonly endsInNumber: boolean;
  /** All capitals, two letters or more ("FAIR", "MSL"): in a shouted headline it cannot be told from a word. */
  readonly acronym: boolean;
  /** Several words with capitals: written in lower case with hyphens it is a slug. */
  readonly sluggable: boolean;
  readonly person: boolean;
  /** For a bare surname ("Wang", "ワン"): its coreference group (its key); else null. */
  readonly surname: string | null;
  /** For a full name: the surname groups it introduces ("alexandr wang" introduces "wang"). */
  readonly introduces: readonly string[];
  /** Built the first time the alias is found: most aliases are never found on a page. */
  excludes: readonly PhraseRule[] | null;
  namesakes: readonly PhraseRule[] | null;
}

interface CompiledEntity {
  readonly id: string;
  readonly person: boolean;
  readonly excludes: readonly string[];
  readonly namesakes: readonly string[];
  readonly context: readonly string[];
  /** Indices of entities whose unambiguous names count as context. */
  readonly contextEntities: readonly number[];
  /** Indices of entities whose unambiguous names anywhere on the page (or in the block) count as evidence. */
  readonly pageEntities: readonly number[];
  /** Indices of entities this one gives page evidence for when named unambiguously. */
  readonly evidenceFor: number[];
  /** Surname groups of this entity's bare surnames. */
  readonly surnames: readonly string[];
}

export interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly aliases: readonly number[];
}

/** At most this many nested aliases can end along one walk ("Meta", "Meta AI", ...); deeper ones are ignored. */
const MAX_ENDS = 64;

/**
 * Nearly every block on a real page names nobody. A scan of such a block returns this one shared
 * object, so it allocates nothing (a profile of the page scan showed garbage collection at 10-13 %
 * of the time). It is frozen, arrays included: callers only read a BlockScan, and a caller that
 * tried to write into it would fail loudly (in strict mode) instead of corrupting later scans.
 */
const NO_MENTIONS: readonly Mention[] = Object.freeze([]);
const NO_IDS: readonly string[] = Object.freeze([]);
const EMPTY_SCAN: BlockScan = Object.freeze({ confirmed: NO_MENTIONS, deferred: NO_MENTIONS, strong: NO_IDS });
export const NO_CANDIDATES: readonly Candidate[] = Object.freeze([]);

/** Class bits that keep a word going: its letters, and invisible units inside it ("Zucker\u00ADberg"). */
const IN_WORD = WORD | IGNORABLE;
/** Class bits where a name may start. */
const START = WORD | CJK;
/** How far around a CJK-only alias ("meta") its script is read: a short clause of CJK text. */
const SCRIPT_WINDOW = 32;
/** Languages written in the scripts the language guess always recognises. */
const UNSPACED_LANGUAGES: ReadonlySet<string> = new Set(['zh', 'ja', 'ko']);
/** A referent key for people other than our entities (namesakes), followed by their phrase. */
const OTHER = '~';

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

/** 0-9 (NaN, past the end of a string, is none). */
function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

function caseModeOf(mode: string): number {
  return mode === 'exact' ? CASE_EXACT : mode === 'capitalized' ? CASE_CAPITALIZED : CASE_ANY;
}

/** One letter side of a script change inside a name: Latin-like letters, or CJK. */
function scriptGroup(code: number): number {
  return charClass(code) === CJK ? 2 : 1;
}

/**
 * Whether a name's space (or middle dot) may be left out between these two units: where the
 * script changes ("Meta超级智能实验室", "스케일AI"), and between two Hangul or two Katakana units,
 * since Korean writes compound names with or without spaces ("메타초지능연구소") and Japanese
 * drops the dot between given name and surname ("マークザッカーバーグ"). Han is left out on
 * purpose: without the dot, 亚历山大王 reads as "King Alexander".
 */
function spaceOptional(code: number, last: number): boolean {
  if (scriptGroup(code) !== scriptGroup(last)) return true;
  const script = scriptOf(code);
  return (script === HANGUL || script === KATAKANA) && scriptOf(last) === script;
}

/** The words of a phrase key as a set, for finding which surnames a namesake phrase holds. */
function keyWords(key: string): string[] {
  return key.split(' ').filter((word) => word.length > 0);
}

/** The capitalised Latin word right before `start` (one run of spaces between), or ''. */
function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function wordBefore(text: string, start: number): string {
  let i = start;
  let spaces = 0;
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) {
    i--;
    spaces++;
  }
  if (spaces === 0) return '';
  let from = i;
  while (from > 0 && isAsciiLetter(text.charCodeAt(from - 1))) from--;
  if (from > 0 && charClass(text.charCodeAt(from - 1)) === WORD) return '';
  return text.slice(from, i);
}

/** The capitalised Latin word right after `end` (one run of spaces between), or ''. */
function wordAfter(text: string, end: number): string {
  let i = end;
  let spaces = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) {
    i++;
    spaces++;
  }
  if (spaces === 0) return '';
  let to = i;
  while (to < text.length && isAsciiLetter(text.charCodeAt(to))) to++;
  if (to < text.length && charClass(text.charCodeAt(to)) === WORD) return '';
  return text.slice(i, to);
}

/** The dataset compiled into a trie and rules. Exported for the benchmark, which swaps the start scanner. */
export class CompiledMatcher implements Matcher {
  protected readonly trie: FlatTrie;
  private readonly aliases: CompiledAlias[] = [];
  private readonly entities: CompiledEntity[] = [];
  private readonly contextFinders: (ContextFinder | undefined)[] = [];
  private readonly citations: CitationRule;
  private readonly distinctions: DistinctionRule;
  /** Keys of ambiguous aliases, with their alias indices: as context terms they follow those aliases' excludes. */
  private readonly ambiguousKeys = new Map<string, number[]>();
  /**
   * Words of every alias key: a neighbour that is one of our names is no namesake's given name.
   * Built on first need (a Chinese surname beside a pinyin word), not at compile time.
   */
  private aliasWordSet: Set<string> | null = null;
  /**
   * Which CJK units start some alias, by unit (1) or not (0): in CJK text every unit may start a
   * name, and one load here passes over the rest without a trie lookup.
   */
  private readonly cjkFirst = new Uint8Array(0x10000);
  private readonly ends = new Int32Array(MAX_ENDS);
  private readonly endNodes = new Int32Array(MAX_ENDS);
  /** 1 where an end is followed directly by digits: only a versioned name may end there (`gluedVersion`). */
  private readonly endGlued = new Uint8Array(MAX_ENDS);
  /**
   * The word-start test for two ASCII units, ahead of time: `pairs[first << 7 | second]` is
   * PAIR_REJECT(_WORD) when no alias can start there, the trie node after both units when a walk
   * may go on from there, or PAIR_CHECK when only the general test can tell. See `buildPairs`.
   */
  private readonly pairs: Int32Array;
  // The block being scanned: its text, declared-language getter and computed language.
  private blockText = '';
  private scanLang: (() => string | null) | undefined = undefined;
  private language: string | null | undefined = undefined;

  constructor(entities: readonly MatchEntity[], rules: MatchRules = {}) {
    const keys: string[] = [];
    const index = new Map(entities.map((entity, i) => [entity.id, i]));
    const indices = (ids: readonly string[] | undefined): number[] =>
      (ids ?? []).map((id) => index.get(id) ?? -1).filter((i) => i >= 0);
    /** Each entity's alias keys, folded once. */
    const aliasKeys: string[][] = [];
    entities.forEach((entity) => {
      const person = entity.kind === 'person';
      const entityKeys = entity.aliases.map((alias) => foldKey(alias.text));
      aliasKeys.push(entityKeys);
      // A bare surname is a one-name alias that ends one of the entity's longer aliases.
      const surnames = person
        ? entityKeys.filter((key) => {
            const ending = ` ${key}`;
            return entityKeys.some((other) => other !== key && other.endsWith(ending));
          })
        : [];
      this.entities.push({
        id: entity.id,
        person,
        excludes: entity.excludes,
        namesakes: entity.namesakes ?? [],
        context: entity.context,
        contextEntities: indices(entity.contextEntities),
        pageEntities: indices(entity.pageEntities),
        evidenceFor: [],
        surnames,
      });
    });
    entities.forEach((entity, entityIndex) => {
      const compiled = this.entities[entityIndex];
      for (const source of compiled?.pageEntities ?? []) this.entities[source]?.evidenceFor.push(entityIndex);
      const entityKeys = aliasKeys[entityIndex] ?? [];
      entity.aliases.forEach((alias, a) => {
        const letters = lettersOf(alias.text);
        const upper = letters.toUpperCase();
        const key = entityKeys[a] ?? foldKey(alias.text);
        const surname = compiled?.surnames.includes(key) === true ? key : null;
        keys.push(key);
        const aliasIndex = this.aliases.length;
        this.aliases.push({
          entity: entityIndex,
          caseMode: caseModeOf(alias.case),
          needsContext: alias.needsContext,
          letters,
          // Upper-casing that changes the length (ß -> SS) cannot line up with the text unit by unit.
          lettersUpper: upper.length === letters.length ? upper : letters,
          key,
          text: alias.text,
          langs: alias.lang === null ? null : new Set(alias.lang.map((tag) => primaryTag(tag) ?? tag)),
          cjkOnly: alias.lang?.every((tag) => UNSPACED_LANGUAGES.has(primaryTag(tag) ?? tag)) ?? false,
          versioned: alias.versioned === true,
          endsInNumber: isDigitCode(key.charCodeAt(key.length - 1)),
          acronym: letters.length >= 2 && /^\p{Lu}+$/u.test(letters),
          sluggable: key.includes(' ') && /\p{Lu}/u.test(alias.text),
          person: compiled?.person === true,
          surname,
          introduces:
            surname === null && compiled !== undefined
              ? compiled.surnames.filter((group) => key !== group && key.endsWith(` ${group}`))
              : [],
          excludes: null,
          namesakes: null,
        });
        if (alias.needsContext) {
          const same = this.ambiguousKeys.get(key);
          if (same === undefined) this.ambiguousKeys.set(key, [aliasIndex]);
          else same.push(aliasIndex);
        }
      });
    });
    const groups = variantGroups(rules.characterVariants ?? []);
    const spellings: [string, number][] = [];
    keys.forEach((key, aliasIndex) => {
      for (const spelling of otherSpellings(key, groups)) spellings.push([spelling, aliasIndex]);
    });
    this.trie = buildTrie(keys, spellings);
    this.pairs = buildPairs(this.trie);
    for (const key of [...keys, ...spellings.map(([spelling]) => spelling)])
      if (key.length > 0 && charClass(key.charCodeAt(0)) === CJK) this.cjkFirst[key.charCodeAt(0)] = 1;
    this.citations = new CitationRule(rules.citationMarkers ?? []);
    this.distinctions = new DistinctionRule(rules.distinctionMarkers ?? []);
  }

  private aliasWords(): Set<string> {
    this.aliasWordSet ??= new Set(this.aliases.flatMap((alias) => keyWords(alias.key)));
    return this.aliasWordSet;
  }

  /** Returns EMPTY_SCAN (shared, frozen) when the text names nobody; see there. */
  scan(text: string, context?: ScanContext): BlockScan {
    this.blockText = text;
    this.scanLang = context?.lang;
    this.language = undefined;
    const candidates = this.candidates(text);
    if (candidates.length === 0) return EMPTY_SCAN;
    const page = context?.page ?? new PageMemory();
    // First pass, in reading order: who is meant (citations, namesakes, coreference) and which
    // entities the block names unambiguously.
    const chosen: (readonly number[] | null)[] = [];
    const strong = new Set<number>();
    // A warning against a mix-up between two names (distinctions.ts): the ambiguous one is someone else.
    const distinctions = this.distinctions.active;
    candidates.forEach((candidate, k) => {
      const p = distinctions ? this.previousPerson(candidates, k) : -1;
      const previous = candidates[p];
      const distinct = previous === undefined ? null : this.distinction(text, previous, candidate);
      if (distinct === 'second') {
        this.noteOther(candidate, page);
        chosen.push(null);
        return;
      }
      if (distinct === 'first' && previous !== undefined && chosen[p] !== null) {
        this.noteOther(previous, page);
        chosen[p] = null;
      }
      const survivors = this.whoIsMeant(text, candidate, page);
      chosen.push(survivors);
      const sure = survivors?.find((index) => this.aliases[index]?.needsContext === false);
      const alias = sure === undefined ? undefined : this.aliases[sure];
      if (alias !== undefined) strong.add(alias.entity);
    });
    // Second pass: ambiguous names need evidence in the block, else the page's (deferred).
    let confirmed: Mention[] | null = null;
    let deferred: Mention[] | null = null;
    candidates.forEach((candidate, k) => {
      const survivors = chosen[k];
      if (survivors === null || survivors === undefined || survivors.length === 0) return;
      const { start, end } = candidate;
      const sure = survivors.find((index) => this.aliases[index]?.needsContext === false);
      const evidenced = sure ?? survivors.find((index) => this.hasEvidence(index, strong, text, start, end));
      const alias = this.aliases[evidenced ?? survivors[0] ?? -1];
      if (alias === undefined) return;
      const mention = { entityId: this.entities[alias.entity]?.id ?? '', start, end };
      if (evidenced === undefined) (deferred ??= []).push(mention);
      else (confirmed ??= []).push(mention);
    });
    const evidence = new Set<string>();
    for (const entity of strong) {
      const compiled = this.entities[entity];
      if (compiled === undefined) continue;
      evidence.add(compiled.id);
      for (const other of compiled.evidenceFor) evidence.add(this.entities[other]?.id ?? '');
    }
    // Lists that stayed empty are the shared frozen ones: most blocks with a name hold one kind only.
    return {
      confirmed: confirmed ?? NO_MENTIONS,
      deferred: deferred ?? NO_MENTIONS,
      strong: evidence.size === 0 ? NO_IDS : [...evidence],
    };
  }

  find(text: string, lang: string | null = null): Mention[] {
    const { confirmed, deferred, strong } = this.scan(text, { lang: () => lang, page: new PageMemory() });
    if (deferred.length === 0) return [...confirmed];
    const evidence = new Set(strong);
    const kept = deferred.filter((mention) => evidence.has(mention.entityId));
    return [...confirmed, ...kept].sort((a, b) => a.start - b.start);
  }

  /**
   * The aliases of a candidate that still stand once people are sorted out, noting on the page
   * who was introduced: an author citation is nobody; a namesake ("Randi Zuckerberg", "Wang
   * Xiaochuan") is someone else, whom later bare surnames may refer to; a bare surname refers to
   * whoever the page has talked about most under that name. Null when nothing stands.
   */
  private whoIsMeant(text: string, candidate: Candidate, page: PageMemory): readonly number[] | null {
    const { start, end } = candidate;
    let survivors: number[] | null = null;
    for (const index of candidate.aliases) {
      const alias = this.aliases[index];
      if (alias === undefined) continue;
      if (alias.person) {
        if (alias.surname !== null && this.citations.isCitation(text, start, end)) continue;
        const namesake = this.namesakeAt(alias, text, start, end);
        if (namesake !== null) {
          for (const group of namesake.groups) page.note(group, namesake.referent);
          continue;
        }
        const id = this.entities[alias.entity]?.id ?? '';
        if (alias.surname !== null) {
          const referent = page.resolve(alias.surname);
          page.note(alias.surname, referent ?? id);
          if (referent !== null && referent !== id) continue;
        }
        for (const group of alias.introduces) page.note(group, id);
      }
      (survivors ??= []).push(index);
    }
    return survivors;
  }

  /** The index of the nearest candidate before `k` that may name a person, within MAX_DISTINCTION_DISTANCE; -1 if none. */
  private previousPerson(candidates: readonly Candidate[], k: number): number {
    const start = candidates[k]?.start ?? 0;
    for (let p = k - 1; p >= 0; p--) {
      const candidate = candidates[p];
      if (candidate === undefined || start - candidate.end > MAX_DISTINCTION_DISTANCE) return -1;
      if (candidate.aliases.some((index) => this.aliases[index]?.person === true)) return p;
    }
    return -1;
  }

  /**
   * Which of two person candidates is someone else, when one is an unambiguous name of one of our
   * people, the other only an ambiguous form of the same person, and a warning against a mix-up
   * stands between them: "Alexandr Wang (à ne pas confondre avec Alexander Wang ...)" (the second)
   * or "Alexander Wang, not to be confused with Alexandr Wang" (the first). Null otherwise.
   */
  private distinction(text: string, first: Candidate, second: Candidate): 'first' | 'second' | null {
    const sureIn = (candidate: Candidate): CompiledAlias | undefined =>
      this.aliases[candidate.aliases.find((index) => this.aliases[index]?.needsContext === false) ?? -1];
    const onlyAmbiguous = (candidate: Candidate, entity: number): boolean =>
      candidate.aliases.every((index) => {
        const alias = this.aliases[index];
        return alias !== undefined && alias.person && alias.needsContext && alias.entity === entity;
      });
    const firstSure = sureIn(first);
    const secondSure = sureIn(second);
    let answer: 'first' | 'second' | null = null;
    if (firstSure?.person === true && secondSure === undefined && onlyAmbiguous(second, firstSure.entity))
      answer = 'second';
    else if (secondSure?.person === true && firstSure === undefined && onlyAmbiguous(first, secondSure.entity))
      answer = 'first';
    if (answer === null || !this.distinctions.follows(text, first.end, second.start)) return null;
    return answer;
  }

  /** Notes on the page that the candidate's forms name someone else, for the surnames they introduce. */
  private noteOther(candidate: Candidate, page: PageMemory): void {
    for (const index of candidate.aliases) {
      const alias = this.aliases[index];
      for (const group of alias?.introduces ?? []) page.note(group, OTHER + (alias?.key ?? ''));
    }
  }

  /** The namesake standing at [start, end) for a person's alias (listed, or a Chinese full name), or null. */
  private namesakeAt(
    alias: CompiledAlias,
    text: string,
    start: number,
    end: number,
  ): { referent: string; groups: readonly string[] } | null {
    const entity = this.entities[alias.entity];
    if (entity === undefined) return null;
    alias.namesakes ??= phraseRules(alias.key, entity.namesakes);
    const before = alias.namesakes.length > 0 ? foldedBefore(text, start) : -1;
    const after = alias.namesakes.length > 0 ? foldedAfter(text, end) : -1;
    for (const rule of alias.namesakes) {
      if (!mayStand(rule, before, after) || !phraseAround(text, start, end, rule)) continue;
      const words = keyWords(rule.phrase);
      return { referent: OTHER + rule.phrase, groups: entity.surnames.filter((group) => words.includes(group)) };
    }
    // Only a Chinese surname makes a full name with a pinyin neighbour: "Zuckerberg Fake News" is no one's name.
    if (alias.surname === null || !isPinyinSyllable(alias.surname)) return null;
    for (const word of [wordBefore(text, start), wordAfter(text, end)]) {
      if (isPinyinName(word) && !this.aliasWords().has(word.toLowerCase()))
        return { referent: `${OTHER}${word.toLowerCase()} ${alias.surname}`, groups: [alias.surname] };
    }
    return null;
  }

  /**
   * The one rule for ambiguous aliases: the entity (or one of its page entities) is named
   * unambiguously in the same block, or one of its context terms (or a context entity's name)
   * stands within CONTEXT_WINDOW. (The page engine adds the third source, evidence elsewhere in
   * the document, by promoting deferred mentions.)
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
    const entity = this.entities[alias.entity];
    if (entity === undefined) return false;
    if (entity.pageEntities.some((other) => strong.has(other))) return true;
    let finder = this.contextFinders[alias.entity];
    if (finder === undefined) {
      finder = new ContextFinder(this.contextTerms(entity), (window, s, e) => this.vetoTerm(window, s, e));
      this.contextFinders[alias.entity] = finder;
    }
    return finder.isNear(text, start, end);
  }

  /** An entity's context terms: its own, and the unambiguous names of its context entities. */
  private contextTerms(entity: CompiledEntity): string[] {
    const terms = [...entity.context];
    for (const alias of this.aliases)
      if (!alias.needsContext && entity.contextEntities.includes(alias.entity)) terms.push(alias.text);
    return terms;
  }

  /**
   * A context term that is also an ambiguous name follows that name's excludes: "Meta" in
   * "Meta-Analyse" or "Meta Description" is no evidence for anyone.
   */
  private vetoTerm(text: string, start: number, end: number): boolean {
    const indices = this.ambiguousKeys.get(foldKey(text.slice(start, end)));
    if (indices === undefined) return false;
    for (const index of indices) {
      const alias = this.aliases[index];
      if (alias === undefined) continue;
      alias.excludes ??= phraseRules(alias.key, this.entities[alias.entity]?.excludes ?? []);
      if (alias.excludes.some((rule) => phraseAround(text, start, end, rule))) return true;
    }
    return false;
  }

  /**
   * The single pass: leftmost-longest alias matches at word starts (and at CJK units, where
   * names need no space), each with the aliases that survive case, language, excludes and
   * address checks. Returns the shared NO_CANDIDATES unless something was found.
   *
   * Two tight inner loops take turns, gap and word, so that a unit costs one class lookup and the
   * per-word work happens once per word: at a word start one load from `pairs` (first two units)
   * rejects most words or says where the walk goes on, and a rejected word is skipped to its end.
   * The rule is the one of a plain loop over every unit: a word starts at a WORD unit whose
   * previous significant (non-ignorable) unit is not a WORD unit.
   */
  protected candidates(text: string): readonly Candidate[] {
    let out: Candidate[] | null = null;
    const pairs = this.pairs;
    const len = text.length;
    let i = 0;
    for (;;) {
      // Gap: every unit here follows a non-word unit (ignorables change nothing), so the first
      // WORD unit found starts a word.
      let code = 0;
      let cls = 0;
      for (; i < len; i++) {
        code = text.charCodeAt(i);
        cls = code < 128 ? (ASCII_CLASS[code] ?? 0) : charClass(code);
        if ((cls & START) !== 0) break;
      }
      if (i >= len) break;
      if (cls === CJK) {
        // No spaces in these scripts: every unit may start a name, and none skips a word.
        const candidate = this.cjkFirst[code] === 1 ? this.startAtCjk(text, i, code) : null;
        if (candidate === null) i++;
        else {
          (out ??= []).push(candidate);
          i = candidate.end;
        }
        continue;
      }
      // A word starts at i; unless a name is found, the rest of it is skipped from `skipFrom`.
      let skipFrom = i + 1;
      const second = skipFrom < len ? text.charCodeAt(skipFrom) : -1;
      const pair = code < 128 && second >= 0 && second < 128 ? (pairs[(code << 7) | second] ?? PAIR_CHECK) : PAIR_CHECK;
      let candidate: Candidate | null = null;
      if (pair >= 0) candidate = this.walk(text, i, pair, i + 2, second);
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
  protected startAt(text: string, i: number, code: number, second: number): Candidate | null {
    const trie = this.trie;
    const first = childOf(trie, 0, fold(code));
    if (first === -1) return null;
    if (second >= 0 && (trie.termStart[first] ?? 0) === (trie.termStart[first + 1] ?? 0)) {
      if (charClass(second) === WORD && childOf(trie, first, fold(second)) === -1) return null;
    }
    return this.walk(text, i, first, i + 1, code);
  }

  /** A walk from a CJK unit, where the script's start rule allows one. */
  private startAtCjk(text: string, i: number, code: number): Candidate | null {
    const first = childOf(this.trie, 0, fold(code));
    if (first === -1 || !cjkStartAllowed(text, i, code)) return null;
    return this.walk(text, i, first, i + 1, code);
  }

  /**
   * Walks the trie from `node`, reached by the units of `text` from `start` up to `from` (`last`
   * being the last of them); returns the longest acceptable alias. Where a space may be left out
   * (`spaceOptional`), the walk may take the alias's space without one in the text.
   */
  protected walk(text: string, start: number, node: number, from: number, last: number): Candidate | null {
    const trie = this.trie;
    const len = text.length;
    let i = from;
    let count = 0;
    let arrived = true;
    let lastUnit = last;
    for (;;) {
      if (arrived && (trie.termStart[node] ?? 0) < (trie.termStart[node + 1] ?? 0) && count < MAX_ENDS) {
        // Below U+0E00 the last unit is no CJK unit: the Latin end rule, without a class lookup.
        let glued = 0;
        let ends = lastUnit < 0x0e00 ? isEndBoundary(text, i) : nameEndAllowed(text, i, lastUnit);
        // A product name may take its version glued on ("Llama4", "LLaMA2"): checked below.
        if (!ends && i < len && isDigit(text.charCodeAt(i)) && !isDigit(lastUnit) && this.versionedAt(node)) {
          ends = true;
          glued = 1;
        }
        if (ends) {
          this.ends[count] = i;
          this.endNodes[count] = node;
          this.endGlued[count] = glued;
          count++;
        }
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
        // Below U+0E00 neither unit is CJK: no space may be left out (the common case, kept cheap).
        if (next === -1 && (code | lastUnit) >= 0x0e00 && spaceOptional(code, lastUnit)) {
          const space = childOf(trie, node, SEP_CODE);
          if (space !== -1) next = childOf(trie, space, fold(code));
        }
        if (next === -1) break;
        lastUnit = code;
        i++;
      }
      node = next;
      arrived = true;
    }
    for (let k = count - 1; k >= 0; k--) {
      const end = this.ends[k] ?? 0;
      const endNode = this.endNodes[k] ?? 0;
      const glued = this.endGlued[k] === 1;
      // Allocated only for a first survivor: "meta" in Italian prose reaches "Meta" and fails its case rule.
      let survivors: number[] | null = null;
      const from = trie.termStart[endNode] ?? 0;
      const to = trie.termStart[endNode + 1] ?? 0;
      for (let t = from; t < to; t++) {
        const index = trie.termAlias[t] ?? -1;
        const alias = this.aliases[index];
        if (alias === undefined || (glued && !gluedVersion(alias, text, end))) continue;
        if (this.accepts(alias, text, start, end)) (survivors ??= []).push(index);
      }
      if (survivors !== null) return { start, end: this.mentionEnd(survivors, text, end), aliases: survivors };
    }
    return null;
  }

  /** True when an alias ending at `node` takes a version number (a glued one is checked by `gluedVersion`). */
  private versionedAt(node: number): boolean {
    const trie = this.trie;
    const to = trie.termStart[node + 1] ?? 0;
    for (let t = trie.termStart[node] ?? 0; t < to; t++)
      if (this.aliases[trie.termAlias[t] ?? -1]?.versioned === true) return true;
    return false;
  }

  /** Where a found alias's mention ends: after a version number that follows a versioned name. */
  private mentionEnd(survivors: readonly number[], text: string, end: number): number {
    for (const index of survivors) {
      const alias = this.aliases[index];
      if (alias?.versioned === true) return versionEnd(text, end, alias.endsInNumber);
    }
    return end;
  }

  private accepts(alias: CompiledAlias, text: string, start: number, end: number): boolean {
    if (alias.caseMode !== CASE_ANY && !caseMatches(alias, text, start, end)) return false;
    if (alias.acronym && alias.needsContext && isShouting(text, start, end)) return false;
    if (alias.langs !== null) {
      // A block whose language cannot be told keeps an alias of spaced-script languages ("Zuck").
      const lang = alias.cjkOnly
        ? scriptLanguage(text, Math.max(0, start - SCRIPT_WINDOW), Math.min(text.length, end + SCRIPT_WINDOW))
        : this.blockLanguage();
      if (lang === null ? alias.cjkOnly : !alias.langs.has(lang)) return false;
    }
    alias.excludes ??= phraseRules(alias.key, this.entities[alias.entity]?.excludes ?? []);
    if (alias.excludes.length > 0) {
      const before = foldedBefore(text, start);
      const after = foldedAfter(text, end);
      for (const rule of alias.excludes)
        if (mayStand(rule, before, after) && phraseAround(text, start, end, rule)) return false;
    }
    if (alias.sluggable && isSlug(text, start, end, true)) return false;
    return !inAddress(text, start, end);
  }

  /** The language of the block being scanned, computed on first need. */
  private blockLanguage(): string | null {
    if (this.language === undefined) this.language = blockLanguage(this.blockText, this.scanLang?.() ?? null);
    return this.language;
  }
}

/** `pairs` entries that are no trie node: no alias starts here (the second unit continues the word, or not); the general test decides. */
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

/**
 * "exact": the name as written, or in ALL CAPS where the surrounding text is in capitals too.
 * "capitalized": the first letter as written (or its capital), the others in any case.
 */
function caseMatches(alias: CompiledAlias, text: string, start: number, end: number): boolean {
  const capitalized = alias.caseMode === CASE_CAPITALIZED;
  let written = true;
  let upper = true;
  let k = 0;
  for (let i = start; i < end && (written || upper); i++) {
    const code = text.charCodeAt(i);
    const cls = charClass(code);
    if (cls === SEP || cls === IGNORABLE) continue;
    const unit = cls === APOSTROPHE ? 39 : code;
    const want = alias.letters.charCodeAt(k);
    if (capitalized && k > 0) {
      if (fold(unit) !== fold(want)) written = false;
    } else if (unit !== want) written = false;
    if (unit !== alias.lettersUpper.charCodeAt(k)) upper = false;
    k++;
  }
  if (k !== alias.letters.length) return false;
  if (written) return true;
  return !capitalized && upper && isShouting(text, start, end);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * For a match followed directly by digits: true when the alias is a versioned name that does not
 * end in a number and the digits are a version that ends the word ("Llama4", "LLaMA3.1", but not
 * "Llama70B", "Llama2025" or "Llama 45").
 */
function gluedVersion(alias: CompiledAlias, text: string, end: number): boolean {
  return alias.versioned && !alias.endsInNumber && versionEnd(text, end, false) > end;
}

/** Compiles the dataset's entities once into a matcher; every rule comes from the entities' data. */
export function compileMatcher(entities: readonly MatchEntity[], rules: MatchRules = {}): Matcher {
  return new CompiledMatcher(entities, rules);
}
