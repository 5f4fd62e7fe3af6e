import { CARD_CSS } from '../../card/card-styles.ts';

export type StyleMode = 'adopted' | 'style-element';

let shared: CSSStyleSheet | null = null;

/**
 * Puts the card's stylesheet into a shadow root. A constructable sheet comes first: page CSP
 * (style-src) does not govern it, so `default-src 'none'` pages still get a styled card. If the
 * browser refuses it (older engines, or a content-script sandbox that cannot share the sheet),
 * a <style> element is the fallback; page CSP does not apply to styles a content script adds
 * in Chrome, and Firefox exempts extension-inserted styles too.
 */
export function applyCardStyles(root: ShadowRoot): StyleMode {
  try {
    if (shared === null) {
      shared = new CSSStyleSheet();
      shared.replaceSync(CARD_CSS);
    }
    root.adoptedStyleSheets = [shared];
    if (root.adoptedStyleSheets.length === 1) return 'adopted';
  } catch {
    // fall through to the <style> element
  }
  const style = root.ownerDocument.createElement('style');
  style.textContent = CARD_CSS;
  root.append(style);
  return 'style-element';
}
