/**
 * What the matcher needs to know about an entity. The dataset's entities are structurally
 * compatible with this, so `match/` never imports `dataset/`.
 */
export interface MatchAlias {
  /** The surface form as written, e.g. "Mark Zuckerberg", "Wang", "LLaMA", "扎克伯格". */
  readonly text: string;
  /**
   * "any": case-insensitive. "exact": as written, or in ALL CAPS (headlines).
   * "capitalized": the first letter as written, the others in any case ("Llama", "LLaMA", "LlaMa").
   */
  readonly case: 'any' | 'exact' | 'capitalized';
  /** An ambiguous alias: counts only with evidence (context nearby or a strong mention in the document). */
  readonly needsContext: boolean;
  /**
   * BCP-47 language subtags the alias belongs to, or null for every language. A tagged alias
   * counts only in blocks of one of these languages (declared by `lang`, or guessed).
   */
  readonly lang: readonly string[] | null;
  /**
   * A product name that may be followed by a version number ("Llama 4.x", "라마3"): the version
   * becomes part of the mention. Absent means false.
   */
  readonly versioned?: boolean;
}

export interface MatchEntity {
  readonly id: string;
  /** "person" entities follow the citation and coreference rules. */
  readonly kind?: string;
  readonly aliases: readonly MatchAlias[];
  /** Phrases that look alike but mean something else; a match inside one is discarded. */
  readonly excludes: readonly string[];
  /**
   * Other people who share a name with this entity ("Randi Zuckerberg"). A match inside one is
   * discarded, and a later bare surname may refer to them (coreference).
   */
  readonly namesakes?: readonly string[];
  /** Terms that, near an ambiguous alias, show that this entity is meant. Specific, never generic. */
  readonly context: readonly string[];
  /** Entities whose unambiguous names near an ambiguous alias count as context too. */
  readonly contextEntities?: readonly string[];
  /** Entities whose unambiguous names anywhere on the page count as evidence for this one. */
  readonly pageEntities?: readonly string[];
}

/** Rules that hold for every entity of a dataset. */
export interface MatchRules {
  /**
   * Words that, after a person's name (or a list of names), make it an author citation rather
   * than a mention: "et al.", "and colleagues", "und Kollegen", "等人"...
   */
  readonly citationMarkers?: readonly string[];
  /**
   * Words that warn against a mix-up ("not to be confused with", "à ne pas confondre avec"): an
   * ambiguous form of a person's name right after them, following that person's unambiguous
   * name, is someone else (distinctions.ts).
   */
  readonly distinctionMarkers?: readonly string[];
  /**
   * Groups of characters written interchangeably in names, each group one string: traditional
   * and simplified Chinese ("馬马", "紮扎"). A name matches in any mix of them ("馬克·扎克伯格"),
   * so one alias covers every way of writing it.
   */
  readonly characterVariants?: readonly string[];
}

/** A mention over a string: UTF-16 offsets into the original, unnormalised text. */
export interface Mention {
  readonly entityId: string;
  readonly start: number;
  readonly end: number;
}
