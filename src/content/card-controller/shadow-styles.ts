import { CARD_CSS } from '../../card-view/card-styles.ts';

export type StyleMode = 'adopted' | 'style-element';

let shared: CSSStyleSheet | null = null;

/**
 * Puts the card's stylesheet into a shadow root. A constructable sheet comes first: page CSP
 * (style-src) does not govern it, so `default-src 'none'` pages still get a styled card. It is
 * created with the content script's own CSSStyleSheet; Firefox's content-script Xrays accept it
 * (checked in Firefox 153 ESR and Chromium 156, e2e "CSP" test). If a browser refuses it, a
 * <style> element is the fallback: styles a content script adds are not blocked by the page's
 * CSP in either browser (checked the same way, with adoptedStyleSheets made to throw).
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
