/**
 * The seam between the page engine (marks) and the cards (hover, keyboard, card host). The
 * engine implements MentionSource; the cards consume it.
 */
import type { Library } from '../dataset/library.ts';

/** One marked mention on the page. */
export interface PageMention {
  readonly entityId: string;
  /**
   * Where the mention was read: static positions (a StaticRange) in the page's own text nodes. The
   * document does not update them; `liveRange()` (mention-range.ts) makes a live Range on demand.
   */
  readonly at: AbstractRange;
  /** False once its text changed or its mark was dropped: `at` may then point at other text. */
  readonly current: boolean;
}

export interface MentionSource {
  /** All current mentions, in document order. */
  mentions(): readonly PageMention[];
  /** The mention under a viewport point (client coordinates), or null. */
  mentionAt(x: number, y: number): PageMention | null;
  /** Shows the keyboard focus mark on a mention (a separate highlight), or clears it. */
  setFocusMark(mention: PageMention | null): void;
}

/**
 * The card's library for one entity (the stories that are on and have it, each cut to it):
 * `ready` once it has arrived, `load` to ask the background for it (once per page, published
 * revision and entity; `content/runtime.ts`).
 */
export interface CardLibrary {
  ready(entityId: string): Library | null;
  load(entityId: string): Promise<Library>;
}
