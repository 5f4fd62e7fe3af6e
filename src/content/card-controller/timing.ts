/**
 * Timing of the cards, each with its reason (the hover delay itself is a user setting,
 * settings.hoverDelayMs, defaulting to 350 ms).
 */

/**
 * After the pointer leaves both mention and card, the card stays this long: enough to cross the
 * gap between them or to overshoot a little, short enough that it feels dismissed (WCAG 1.4.13
 * "hoverable"). MediaWiki Popups and GitHub hovercards use 250-300 ms.
 */
export const CLOSE_GRACE_MS = 300;

/**
 * While a card is shown, pointing at another mention switches the card after this long: short
 * enough to feel immediate (about the 0.1 s people perceive as instant), long enough that a
 * pointer merely crossing a mention on its way into the card does not switch it. The card stays
 * on screen meanwhile, so there is no frame without one.
 */
export const SWITCH_DELAY_MS = 100;

/** Gap between the mention and the card: clear of the underline, small enough to cross at once. */
export const CARD_OFFSET_PX = 8;

/** Distance the card keeps from the viewport edges, so it is never cut off. */
export const VIEWPORT_PADDING_PX = 8;

/** Below this the card would be a slit; it scrolls inside rather than shrinking further. */
export const MIN_CARD_HEIGHT_PX = 160;
