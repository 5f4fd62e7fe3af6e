/**
 * What the card can ask of the world. The content script passes the real implementation
 * (messages, storage); tests pass fakes. Keeps extension APIs out of the components.
 */
export interface CardActions {
  /** Opens the "Read the source" page of a story (the bundled one when not given), scrolled to a claim (or the top). */
  readSource(claimId: string | null, story?: string): void;
  /** Opens the "Read the source" page of a story showing one entity's claims: each quote in context, each note. */
  readEntity(entityId: string, story?: string): void;
  /** Switches the extension off for this site, with a way to undo it for a few seconds. */
  turnOffOnSite(): void;
  /** Closes the card (and returns focus to the page). */
  close(): void;
  /** Other pages read recently that mention the entity, newest first; may reject when unknown. */
  recentPages(entityId: string): Promise<RecentPages>;
}

export interface RecentPage {
  readonly url: string;
  readonly title: string;
}

export interface RecentPages {
  /** How many pages in all. */
  readonly total: number;
  /** The last few of them. */
  readonly pages: readonly RecentPage[];
}

export const NO_RECENT_PAGES: RecentPages = Object.freeze({ total: 0, pages: Object.freeze([]) });
