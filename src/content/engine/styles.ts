/**
 * The look of the marks, without touching the page's DOM: one constructable stylesheet per
 * document, adopted by the document and by each open shadow root in it (`::highlight()` rules
 * apply only in the tree that holds them). Adopted sheets are not subject to the page's CSP
 * and never show up in its markup.
 *
 * The sheet is adopted only once the document shows its first highlight (activate()): adding a
 * sheet of `::highlight()` rules restyles every element of the page (Chromium keeps highlight
 * styles per element), a cost a page without any mention should never pay.
 */
import type { MarkStyle } from '../../shared/settings.ts';
import { FOCUS_HIGHLIGHT, HIGHLIGHT_PREFIX, type HighlightKind } from './highlights.ts';

/**
 * Colours are chosen to stay readable on any page, light or dark:
 * - underline: dotted, in the text's own colour, so it has the page's own contrast;
 * - background: sets text and background together (contrast about 14:1, and 9:1 in dark mode);
 * - focus: white on blue (6.7:1), distinct from both styles.
 * Forced-colors mode gets system colours.
 */
export function markCss(style: MarkStyle, entityIds: readonly string[]): string {
  const focus =
    `::highlight(${FOCUS_HIGHLIGHT}) { background-color: #1d4ed8; color: #ffffff; text-decoration: underline solid 2px; text-decoration-color: #ffffff; }\n` +
    `@media (forced-colors: active) { ::highlight(${FOCUS_HIGHLIGHT}) { background-color: Highlight; color: HighlightText; } }\n`;
  if (style === 'none' || entityIds.length === 0) return focus;
  const selector = entityIds.map((id) => `::highlight(${HIGHLIGHT_PREFIX}${id})`).join(',\n');
  const body =
    style === 'underline'
      ? `${selector} { text-decoration: underline dotted 2px; text-decoration-color: currentColor; text-underline-offset: 0.2em; }\n`
      : `${selector} { background-color: #fde68a; color: #1f2937; }\n` +
        `@media (prefers-color-scheme: dark) { ${selector} { background-color: #854d0e; color: #fefce8; } }\n` +
        `@media (forced-colors: active) { ${selector} { background-color: Mark; color: MarkText; } }\n`;
  return body + focus;
}

/** The stylesheet of one document and the trees that adopted it. */
export class DocumentStyles {
  /** Created on activation: a page that never shows a mark never gets one parsed. */
  private sheet: CSSStyleSheet | null = null;
  private readonly trees = new Set<Document | ShadowRoot>();
  /** Trees waiting for activate(). */
  private readonly waiting = new Set<Document | ShadowRoot>();
  private active = false;
  private marksUsed = false;
  private focusUsed = false;

  /** `marksVisible`: false for the "none" style, whose sheet styles only the focus mark. */
  constructor(
    private readonly doc: Document,
    private css: string,
    private marksVisible = true,
  ) {
    this.adopt(doc);
  }

  private createSheet(): CSSStyleSheet | null {
    try {
      // The document's own constructor: an adopted sheet must belong to the adopting document.
      const Ctor = (this.doc.defaultView as (Window & typeof globalThis) | null)?.CSSStyleSheet;
      if (Ctor === undefined) return null;
      const sheet = new Ctor();
      sheet.replaceSync(this.css);
      return sheet;
    } catch (error) {
      console.debug('[Context Cards] no stylesheet for marks', error);
      return null;
    }
  }

  /** True once the sheet is adopted (the first highlight appeared). */
  get isActive(): boolean {
    return this.active;
  }

  /** The document registered its first highlight of a kind: the sheet is adopted once it has something to show. */
  use(kind: HighlightKind): void {
    if (kind === 'focus') this.focusUsed = true;
    else this.marksUsed = true;
    this.refresh();
  }

  private refresh(): void {
    if (this.focusUsed || (this.marksUsed && this.marksVisible)) this.activate();
  }

  /** Adopts the sheet in every tree seen so far, and from now on in each new one. */
  activate(): void {
    if (this.active) return;
    this.active = true;
    this.sheet = this.createSheet();
    for (const tree of this.waiting) this.adopt(tree);
    this.waiting.clear();
  }

  /** Adds the sheet to a document or shadow root (once), now or when activated. */
  adopt(tree: Document | ShadowRoot): void {
    if (!this.active) {
      this.waiting.add(tree);
      return;
    }
    const sheet = this.sheet;
    if (sheet === null || this.trees.has(tree)) return;
    try {
      // Copied into an array of ours: Firefox shows the page's array through an Xray wrapper.
      const current = [...tree.adoptedStyleSheets];
      if (!current.includes(sheet)) tree.adoptedStyleSheets = [...current, sheet];
      this.trees.add(tree);
    } catch (error) {
      console.debug('[Context Cards] marks stylesheet not adopted', error);
    }
  }

  update(css: string, marksVisible: boolean = this.marksVisible): void {
    this.css = css;
    try {
      this.sheet?.replaceSync(css);
    } catch (error) {
      console.debug('[Context Cards] marks stylesheet not updated', error);
    }
    this.marksVisible = marksVisible;
    this.refresh();
  }

  /** Takes the sheet out of every tree, leaving the page's own sheets as they were. */
  dispose(): void {
    this.waiting.clear();
    const sheet = this.sheet;
    if (sheet === null) return;
    for (const tree of this.trees) {
      try {
        const current = [...tree.adoptedStyleSheets];
        if (current.includes(sheet)) tree.adoptedStyleSheets = current.filter((s) => s !== sheet);
      } catch {
        // A tree whose window is gone.
      }
    }
    this.trees.clear();
  }
}
