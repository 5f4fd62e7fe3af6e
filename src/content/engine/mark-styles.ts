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
import { MAX_STYLED_TAGS } from './constants.ts';
import { FOCUS_HIGHLIGHT, HIGHLIGHT_PREFIX, type HighlightKind } from './highlights.ts';

/**
 * The page's own brightness where it could be read (content/page-theme.ts), or null to follow the
 * system's colour scheme: the "background" style picks its colours by it.
 */
export type MarkTheme = 'light' | 'dark' | null;

/** Builds the marks' CSS for the element tags that hold marked text (see DocumentStyles). */
export type MarkCssBuilder = (tags: readonly string[]) => string;

/**
 * A tag name that can stand in a type selector as it is; anything else is styled through `*`.
 * Lower case only: a selector's type is lower-cased before it is matched against HTML elements, so
 * an HTML element created with an upper-case local name would match no rule of its own name.
 */
const PLAIN_TAG = /^[a-z][a-z0-9_-]*$/;

/** The universal selector: used when a mark's text has no plain tag to name. */
export const ANY_TAG = '*';

/** The selector of the highlight `name` on elements of the given tags (":host" for text at a shadow root's top). */
function onTags(name: string, tags: readonly string[]): string {
  const list = tags.length === 0 ? [ANY_TAG] : tags;
  return list.map((tag) => `${tag === ANY_TAG ? '' : tag}::highlight(${name})`).join(', ');
}

/**
 * The tag under which a text node's highlight is styled: its parent element's local name.
 * (Text of a skipped element inside a mention, such as an aria-hidden bullet between two words
 * of a name, is not one of the mention's segments: in Firefox, which has no highlight
 * inheritance, that piece is left unstyled, and it is not part of the name either.)
 */
export function tagForText(text: Node): string {
  const parent = text.parentNode;
  if (parent === null) return ANY_TAG;
  if (parent.nodeType !== 1) return parent.nodeType === 11 ? ':host' : ANY_TAG;
  const tag = (parent as Element).localName;
  return PLAIN_TAG.test(tag) ? tag : ANY_TAG;
}

/**
 * Colours are chosen to stay readable on any page, light or dark:
 * - underline: dotted, in the text's own colour, so it has the page's own contrast;
 * - background: sets text and background together (contrast about 14:1, and 9:1 in dark mode);
 * - focus: white on blue (6.7:1), distinct from both styles.
 * Forced-colors mode gets system colours.
 *
 * The rules name the tags of the elements that hold marked text (`p::highlight(...)`) while those
 * are few (see MAX_STYLED_TAGS), else every element (`::highlight(...)`).
 */
export function markCss(
  style: MarkStyle,
  entityIds: readonly string[],
  tags: readonly string[] = [ANY_TAG],
  theme: MarkTheme = null,
): string {
  const focusSelector = onTags(FOCUS_HIGHLIGHT, tags);
  const focus =
    `${focusSelector} { background-color: #1d4ed8; color: #ffffff; text-decoration: underline solid 2px; text-decoration-color: #ffffff; }\n` +
    `@media (forced-colors: active) { ${focusSelector} { background-color: Highlight; color: HighlightText; } }\n`;
  if (style === 'none' || entityIds.length === 0) return focus;
  const selector = entityIds.map((id) => onTags(`${HIGHLIGHT_PREFIX}${id}`, tags)).join(',\n');
  const body =
    style === 'underline'
      ? `${selector} { text-decoration: underline dotted 2px; text-decoration-color: currentColor; text-underline-offset: 0.2em; }\n`
      : backgroundMarks(selector, theme) +
        `@media (forced-colors: active) { ${selector} { background-color: Mark; color: MarkText; } }\n`;
  return body + focus;
}

const LIGHT_MARK = 'background-color: #fde68a; color: #1f2937;';
const DARK_MARK = 'background-color: #854d0e; color: #fefce8;';

/** The background style's colours: the page's theme when known, else the system's. */
function backgroundMarks(selector: string, theme: MarkTheme): string {
  if (theme !== null) return `${selector} { ${theme === 'dark' ? DARK_MARK : LIGHT_MARK} }\n`;
  return `${selector} { ${LIGHT_MARK} }\n@media (prefers-color-scheme: dark) { ${selector} { ${DARK_MARK} } }\n`;
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

  /** Tags of the elements that hold marked text in this document (and its shadow roots). */
  private readonly tags = new Set<string>();
  /** New tags wait for sync(). */
  private stale = false;

  /** `marksVisible`: false for the "none" style, whose sheet styles only the focus mark. */
  constructor(
    private readonly doc: Document,
    private build: MarkCssBuilder,
    private marksVisible = true,
  ) {
    this.adopt(doc);
  }

  /** The tags the rules name: those holding marked text while they are few, else every element. */
  private get selectorTags(): readonly string[] {
    return this.tags.size <= MAX_STYLED_TAGS && !this.tags.has(ANY_TAG) ? [...this.tags].sort() : [ANY_TAG];
  }

  private get css(): string {
    return this.build(this.selectorTags);
  }

  /** Tags of elements holding marked text; the rules change (at the next sync) when the tags they name do. */
  addTags(tags: Iterable<string>): void {
    let added: string[] | null = null;
    for (const tag of tags) if (!this.tags.has(tag)) (added ??= []).push(tag);
    // Most blocks with marks bring no new tag: nothing to compare.
    if (added === null) return;
    const before = this.selectorTags.join(' ');
    for (const tag of added) this.tags.add(tag);
    if (this.sheet !== null && this.selectorTags.join(' ') !== before) this.stale = true;
  }

  /**
   * Brings the sheet up to date with the tags added since (called when highlights are published, so
   * both reach the same frame).
   */
  sync(): void {
    if (this.stale) this.replace();
  }

  private replace(): void {
    this.stale = false;
    try {
      this.sheet?.replaceSync(this.css);
    } catch (error) {
      console.debug('[Context Cards] marks stylesheet not updated', error);
    }
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

  update(build: MarkCssBuilder, marksVisible: boolean = this.marksVisible): void {
    this.build = build;
    this.replace();
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
