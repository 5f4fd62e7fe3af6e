/**
 * The card's size limits, shared by its stylesheet and the host that places it (which must know
 * how tall the card can get before it picks a side of the mention).
 */

/** A preview, not a dossier: never taller than this ... */
export const PREVIEW_MAX_HEIGHT_PX = 420;
/** ... nor than this share of the window, so the page stays the larger part of the view. */
export const PREVIEW_MAX_VIEWPORT_SHARE = 0.55;

/** The tallest a card may be in a window `viewportHeight` pixels tall. */
export function previewCap(viewportHeight: number): number {
  return Math.min(PREVIEW_MAX_HEIGHT_PX, Math.floor(viewportHeight * PREVIEW_MAX_VIEWPORT_SHARE));
}
