/**
 * How bright the page is where a card opens, read cheaply: the computed background colour of an
 * element and its ancestors up to <html>, once per card (and once per session for the marks),
 * never per frame. Background images and gradients are not looked at; a page whose colours cannot
 * be read (transparent all the way up under a page that lets the browser pick dark, or a colour
 * syntax we do not parse) gets null, and the card follows the system's colour scheme.
 */

export type PageTheme = 'light' | 'dark';

/** Ancestors read at most: deep trees are rare, and the answer is almost always near the top. */
const MAX_DEPTH = 64;

/** Colours at least this opaque hide what is behind them well enough to decide. */
const OPAQUE_ENOUGH = 0.5;

/**
 * Relative luminance below which white text reads better than black (where both contrast
 * ratios are equal): a background darker than this is a dark page.
 */
const DARK_BELOW = 0.179;

/** [r, g, b, alpha] of a computed colour ("rgb(…)", "rgba(…)", "transparent"; empty: none), or null. */
export function parseColor(css: string): [number, number, number, number] | null {
  const value = css.trim().toLowerCase();
  if (value === 'transparent' || value === '') return [0, 0, 0, 0];
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%)?)?\s*\)$/.exec(value);
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map(Number);
  let a = m[4] === undefined ? 1 : Number(m[4]);
  if (m[5] === '%') a /= 100;
  if ([r, g, b, a].some((n) => n === undefined || !Number.isFinite(n))) return null;
  return [r ?? 0, g ?? 0, b ?? 0, Math.min(1, Math.max(0, a))];
}

function luminance([r, g, b]: readonly number[]): number {
  const [lr, lg, lb] = [r, g, b].map((v) => {
    const c = (v ?? 0) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (lr ?? 0) + 0.7152 * (lg ?? 0) + 0.0722 * (lb ?? 0);
}

/**
 * The theme of a stack of background colours, innermost first: the first one opaque enough
 * decides. With none, the canvas shows: white unless the page lets the browser choose a dark
 * one (`color-scheme` naming dark), which only the system's scheme can tell.
 */
export function themeOfBackgrounds(backgrounds: readonly string[], rootColorScheme: string): PageTheme | null {
  for (const css of backgrounds) {
    const color = parseColor(css);
    if (color === null) return null;
    if (color[3] >= OPAQUE_ENOUGH) return luminance(color) < DARK_BELOW ? 'dark' : 'light';
  }
  return /\bdark\b/.test(rootColorScheme) ? null : 'light';
}

/** The page's theme behind `from` (or behind <body> when null); null when it cannot be told. */
export function pageTheme(doc: Document, from: Element | null = null): PageTheme | null {
  try {
    const view = doc.defaultView;
    const root = doc.documentElement;
    if (!view || !root) return null;
    const backgrounds: string[] = [];
    let el: Element | null = from ?? doc.body ?? root;
    for (let depth = 0; el !== null && depth < MAX_DEPTH; depth++) {
      backgrounds.push(view.getComputedStyle(el).backgroundColor);
      // Out of a shadow root through its host; stops above <html>.
      el = el.parentElement ?? (el.parentNode instanceof view.ShadowRoot ? el.parentNode.host : null);
    }
    if (el !== null) return null;
    return themeOfBackgrounds(backgrounds, view.getComputedStyle(root).colorScheme);
  } catch {
    // A hostile or half-torn-down page: the system's scheme it is.
    return null;
  }
}
