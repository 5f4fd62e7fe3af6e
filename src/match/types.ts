/**
 * What the matcher needs to know about an entity. The dataset's entities are structurally
 * compatible with this, so `match/` never imports `dataset/`.
 */
export interface MatchAlias {
  /** The surface form as written, e.g. "Mark Zuckerberg", "Wang", "LLaMA". */
  readonly text: string;
  /**
   * "any": case-insensitive. "exact": as written, or in ALL CAPS (headlines).
   */
  readonly case: 'any' | 'exact';
  /** An ambiguous alias: counts only with evidence (context nearby or a strong mention in the document). */
  readonly needsContext: boolean;
  /** BCP-47 language subtags the alias belongs to, or null for every language. Informational for matching. */
  readonly lang: readonly string[] | null;
}

export interface MatchEntity {
  readonly id: string;
  readonly aliases: readonly MatchAlias[];
  /** Phrases that look alike but mean someone or something else; a match inside one is discarded. */
  readonly excludes: readonly string[];
  /** Terms that, near an ambiguous alias, show that this entity is meant. */
  readonly context: readonly string[];
}

/** A mention over a string: UTF-16 offsets into the original, unnormalised text. */
export interface Mention {
  readonly entityId: string;
  readonly start: number;
  readonly end: number;
}
