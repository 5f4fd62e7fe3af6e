/**
 * What the card can ask of the world. The content script passes the real implementation
 * (messages, storage); tests pass fakes. Keeps extension APIs out of the components.
 */
export interface CardActions {
  /** Opens the "Read the source" page, scrolled to a claim (or the top). */
  readSource(claimId: string | null): void;
  /** Switches the extension off for this site. */
  hideOnSite(): void;
  /** Closes the card (and returns focus to the page). */
  close(): void;
  /** How many other pages read recently mention the entity; may reject when unknown. */
  recentPages(entityId: string): Promise<number>;
}
