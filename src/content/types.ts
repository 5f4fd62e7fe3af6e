/**
 * The seam between the page engine (marks) and the cards (hover, keyboard, card host). The
 * engine implements MentionSource; the cards consume it.
 */
import type { Library } from '../dataset/library.ts';

/** One marked mention on the page. */
export interface PageMention {
  readonly entityId: string;
  /** A live Range over the page's own text nodes (static ranges would go stale). */
  readonly range: Range;
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
