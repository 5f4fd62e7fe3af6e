/** Limits that keep a library of story packs cheap to store, to merge and to match. */
export const PACK_LIMITS = {
  /** Bytes of one pack file (UTF-8), its source text included. */
  maxBytes: 5 * 1024 * 1024,
  /** Imported packs (the bundled one is not counted). */
  maxPacks: 50,
  /** Aliases over all packs, the bundled one included: each is a key of the matcher. */
  maxAliases: 5_000,
  /** Characters of a source text. */
  maxSourceChars: 4_000_000,
  /**
   * Bytes (as JSON) of the stories that are on, without their source texts: what every page's
   * content script reads at its start, and what fits well inside `storage.local`'s quota.
   */
  maxPublishedBytes: 4 * 1024 * 1024,
  /**
   * Bytes (as JSON) the background sends a page for one card: the stories about its entity, each
   * cut to that entity, newest first; older stories beyond this are left out of the card. Far
   * below the browsers' message limits (64 MiB in Chrome).
   */
  maxCardBytes: 8 * 1024 * 1024,
} as const;
