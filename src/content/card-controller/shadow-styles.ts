import { CARD_CSS } from '../../card-view/card-styles.ts';

export type StyleMode = 'adopted' | 'style-element';

/** One constructed sheet per stylesheet text, shared by every root that uses it. */
const sheets = new Map<string, CSSStyleSheet>();

/**
 * Puts a stylesheet (the card's unless told otherwise) into a shadow root. A constructable sheet
 * comes first: page CSP (style-src) does not govern it, so `default-src 'none'` pages still get a
 * styled card. It is created with the content script's own CSSStyleSheet; Firefox's
 * content-script Xrays accept it (checked in Firefox 153 ESR and Chromium 156, e2e "CSP" test).
 * If a browser refuses it, a <style> element is the fallback: styles a content script adds are
 * not blocked by the page's CSP in either browser (checked the same way, with adoptedStyleSheets
 * made to throw).
 */
export function applyCardStyles(root: ShadowRoot, css: string = CARD_CSS): StyleMode {
  try {
    let sheet = sheets.get(css);
    if (sheet === undefined) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    }
    root.adoptedStyleSheets = [sheet];
    if (root.adoptedStyleSheets.length === 1) return 'adopted';
  } catch {
    // fall through to the <style> element
  }
  const style = root.ownerDocument.createElement('style');
  style.textContent = css;
  root.append(style);
  return 'style-element';
}
