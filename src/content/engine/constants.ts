/**
 * Limits and timings of the page engine, each with the reason for its value.
 */

/**
 * Longest stretch of our work between two yields. 8 ms leaves half of a 60 Hz frame to the page
 * and stays far below the 50 ms at which a task counts as "long" and delays input.
 */
export const SLICE_BUDGET_MS = 8;

/**
 * How many DOM nodes we visit between two clock reads: performance.now() is cheap but not free,
 * and 64 nodes take well under a millisecond even through Firefox's Xray wrappers.
 */
export const NODES_PER_CLOCK_CHECK = 64;

/**
 * Upper bound on marks per page (each holds a live Range and its highlight entry): keeps memory
 * and highlight painting bounded on pathological pages (a 100,000-row table of "Meta").
 */
export const MAX_MARKS = 5_000;

/**
 * Longest string handed to the matcher at once. A block of plain text (a text/plain document is
 * one <pre> with one text node) is cut at whitespace near this length so one match call stays
 * around a millisecond; a name standing exactly across a cut is the price.
 */
export const MAX_RUN_CHARS = 32_768;

/** How far back from MAX_RUN_CHARS we look for whitespace to cut at. */
export const CUT_SEARCH_CHARS = 256;

/**
 * Mutations are batched per animation frame; hidden documents get no frames, so a timer takes
 * over after this long (so a background tab is marked before the user returns to it).
 */
export const FRAME_FALLBACK_MS = 100;

/**
 * A page that keeps changing (a clock, a ticker, a video's time display): once its changes came
 * within LIVE_GAP_MS of our previous read LIVE_STREAK times in a row (about a third of a second
 * of changes in every frame), they are read every LIVE_READ_MS instead of in every frame. Marks in
 * text the page edits still leave the highlights at once, in the observer's callback; only new
 * mentions in the changed text wait, at most LIVE_READ_MS. A pause longer than LIVE_GAP_MS ends it.
 */
export const LIVE_STREAK = 20;
export const LIVE_GAP_MS = 50;
export const LIVE_READ_MS = 250;

/**
 * A page script may empty or overwrite `CSS.highlights` (a framework resetting "its" highlights,
 * or plain hostility). Checking our entries twice a second brings the marks back within a
 * second, for a few map lookups per check.
 */
export const REGISTRY_CHECK_MS = 500;

/**
 * Highlight changes are published when a pass of the engine ends, and during a long pass (the
 * first read of a large page) first after this long, so the top of the page is marked within a
 * quarter second. Each publication makes Chromium rebuild all highlight markers and repaint
 * (tens of milliseconds on a large page), so the wait doubles after each one in the same pass,
 * up to PUBLISH_MAX_INTERVAL_MS: repaints stay a small share of a long pass.
 */
export const PUBLISH_FIRST_INTERVAL_MS = 250;
export const PUBLISH_MAX_INTERVAL_MS = 2_000;

/**
 * Custom elements read without a shadow root are checked this often, this many times after the
 * last one was found, for a shadow root attached later (no mutation record reports one): a web
 * component defined up to ten seconds after our read is still covered, for a few property reads
 * a second. At most SHADOW_WATCH_MAX are watched, so a page of countless elements costs no more.
 */
export const SHADOW_CHECK_MS = 1_000;
export const SHADOW_CHECKS = 10;
export const SHADOW_WATCH_MAX = 500;

/**
 * For the tag sheet (shadow roots, and documents whose highlight registry the content script cannot
 * read, as in Firefox; a document's own sheet in Chromium names elements by their place, see
 * mark-targets.ts). Adopting (or changing) a sheet makes Chromium restyle every element its rules
 * can match, in one task. A universal `::highlight()` rule restyles the whole tree; rules naming
 * only the tags that hold marked text restyle only those elements, and cost less up to three tags.
 * Beyond that the named rules cost more than the universal one, so the sheet falls back to it.
 * The measurements: bench/README.md, "What we changed" and "The marks' stylesheet".
 */
export const MAX_STYLED_TAGS = 3;
