/**
 * The look of the marks, without touching the page's DOM: constructable stylesheets adopted by the
 * document and by each open shadow root in it (`::highlight()` rules apply only in the tree that
 * holds them). Adopted sheets are not subject to the page's CSP and never show up in its markup.
 *
 * The document's sheet names, by their place in the tree, only the elements holding the text of
 * the ranges registered now (mark-targets.ts): in Chromium every change to a document's sheets
 * costs a walk over the whole tree, and rules that can match many elements restyle all of them
 * (a universal `::highlight()` rule took 2.2 s on a 20 MB page). It is rebuilt when what is
 * registered changes, and replaced only when its text differs. Shadow roots share a second sheet
 * whose rules name the tags that hold marked text (a shadow tree is small, and its sheet changes
 * cost only that tree).
 *
 * Sheets are adopted only once the document shows its first highlight (activate()): a page
 * without any mention never pays for one.
 */
import type { MarkStyle } from '../../shared/settings.ts';
import { MAX_STYLED_TAGS } from './constants.ts';
import { FOCUS_HIGHLIGHT, HIGHLIGHT_PREFIX, type HighlightKind } from './highlights.ts';
import { registeredTargets, type RegistryView } from './mark-targets.ts';

/**
 * The page's own brightness where it could be read (content/page-theme.ts), or null to follow the
 * system's colour scheme: the "background" style picks its colours by it.
 */
export type MarkTheme = 'light' | 'dark' | null;

/**
 * Which elements a highlight's rules name: tag names for every highlight (`*` for all elements), or
 * for each highlight name its selectors (none: no rule for that name).
 */
export type MarkTargets = readonly string[] | ((name: string) => readonly string[]);

/** Builds the marks' CSS for the elements that hold marked text (see DocumentStyles). */
export type MarkCssBuilder = (targets: MarkTargets) => string;

/**
 * A tag name that can stand in a type selector as it is; anything else is styled through `*`.
 * Lower case only: a selector's type is lower-cased before it is matched against HTML elements, so
 * an HTML element created with an upper-case local name would match no rule of its own name.
 */
const PLAIN_TAG = /^[a-z][a-z0-9_-]*$/;

/** The universal selector: used when a mark's text has no plain tag to name. */
export const ANY_TAG = '*';

/**
 * The selector of the highlight `name` on the target elements (tags, ":host" for text at a shadow
 * root's top, or paths); empty when a per-name target list names none.
 */
function onTargets(name: string, targets: MarkTargets): string {
  if (typeof targets === 'function')
    return targets(name)
      .map((selector) => `${selector}::highlight(${name})`)
      .join(', ');
  const list = targets.length === 0 ? [ANY_TAG] : targets;
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
 * The rules name the elements that hold marked text: in a document by their place, in shadow roots
 * by their tags while those are few (see MAX_STYLED_TAGS), else every element (`::highlight(...)`).
 */
export function markCss(
  style: MarkStyle,
  entityIds: readonly string[],
  targets: MarkTargets = [ANY_TAG],
  theme: MarkTheme = null,
): string {
  const focusSelector = onTargets(FOCUS_HIGHLIGHT, targets);
  const focus =
    focusSelector === ''
      ? ''
      : `${focusSelector} { background-color: #1d4ed8; color: #ffffff; text-decoration: underline solid 2px; text-decoration-color: #ffffff; }\n` +
        `@media (forced-colors: active) { ${focusSelector} { background-color: Highlight; color: HighlightText; } }\n`;
  if (style === 'none' || entityIds.length === 0) return focus;
  const selector = entityIds
    .map((id) => onTargets(`${HIGHLIGHT_PREFIX}${id}`, targets))
    .filter((s) => s !== '')
    .join(',\n');
  if (selector === '') return focus;
  const body =
    style === 'underline'
      ? `${selector} { ${UNDERLINE_MARK} }\n`
      : backgroundMarks(selector, theme) +
        `@media (forced-colors: active) { ${selector} { background-color: Mark; color: MarkText; } }\n`;
  return body + focus;
}

/** The underline style's declarations (also the live-page benchmark's reference highlight). */
export const UNDERLINE_MARK =
  'text-decoration: underline dotted 2px; text-decoration-color: currentColor; text-underline-offset: 0.2em;';
const LIGHT_MARK = 'background-color: #fde68a; color: #1f2937;';
const DARK_MARK = 'background-color: #854d0e; color: #fefce8;';

/** The background style's colours: the page's theme when known, else the system's. */
function backgroundMarks(selector: string, theme: MarkTheme): string {
  if (theme !== null) return `${selector} { ${theme === 'dark' ? DARK_MARK : LIGHT_MARK} }\n`;
  return `${selector} { ${LIGHT_MARK} }\n@media (prefers-color-scheme: dark) { ${selector} { ${DARK_MARK} } }\n`;
}

/** The stylesheets of one document and the trees that adopted them. */
export class DocumentStyles {
  /**
   * The document's own sheet (rules naming the elements of registered ranges): created at the first
   * sync() after activation, so that it is adopted once, with its rules. Without a registry to read
   * (tests), the document shares the tag sheet.
   */
  private docSheet: CSSStyleSheet | null = null;
  /** The CSS the document's sheet holds. */
  private docCss: string | null = null;
  /** The sheet of the shadow roots (rules naming tags), created on activation. */
  private treeSheet: CSSStyleSheet | null = null;
  private readonly trees = new Map<Document | ShadowRoot, CSSStyleSheet>();
  /** Trees waiting for activate(), or (the document) for its sheet. */
  private readonly waiting = new Set<Document | ShadowRoot>();
  private active = false;
  private marksVisible: boolean;
  private marksUsed = false;
  private focusUsed = false;

  /** Tags of the elements that hold marked text in this document (and its shadow roots). */
  private readonly tags = new Set<string>();
  /** New tags wait for sync(). */
  private stale = false;

  /**
   * `marksVisible`: false for the "none" style, whose sheet styles only the focus mark.
   * `registry`: the document's highlight registry, whose ranges the document's rules follow.
   */
  constructor(
    private readonly doc: Document,
    private build: MarkCssBuilder,
    marksVisible = true,
    private registry: RegistryView | null = null,
  ) {
    this.marksVisible = marksVisible;
    this.adopt(doc);
  }

  /** The tags the tag sheet names: those holding marked text while they are few, else every element. */
  private get selectorTags(): readonly string[] {
    return this.tags.size <= MAX_STYLED_TAGS && !this.tags.has(ANY_TAG) ? [...this.tags].sort() : [ANY_TAG];
  }

  /** Tags of elements holding marked text; the tag sheet changes (at the next sync) when the tags it names do. */
  addTags(tags: Iterable<string>): void {
    let added: string[] | null = null;
    for (const tag of tags) if (!this.tags.has(tag)) (added ??= []).push(tag);
    // Most blocks with marks bring no new tag: nothing to compare.
    if (added === null) return;
    const before = this.selectorTags.join(' ');
    for (const tag of added) this.tags.add(tag);
    if (this.treeSheet !== null && this.selectorTags.join(' ') !== before) this.stale = true;
  }

  /**
   * Brings the sheets up to date with what is registered and the tags added since (called right
   * after highlights are published or the focus mark moves, in the same task, so both reach the
   * same frame).
   */
  sync(): void {
    if (this.stale) {
      this.stale = false;
      this.fill(this.treeSheet, this.build(this.selectorTags));
    }
    if (this.active && this.registry !== null) this.syncDocument();
  }

  /** The document's rules for the ranges registered now; the sheet is replaced only when they differ. */
  private syncDocument(): void {
    let css: string;
    try {
      const targets = registeredTargets(this.registry as RegistryView);
      css = this.build((name) => targets.get(name) ?? []);
    } catch {
      // A registry this script cannot read (Firefox: see RegistryView): the document shares the
      // tag sheet from now on.
      this.registry = null;
      if (this.waiting.delete(this.doc)) this.adopt(this.doc);
      return;
    }
    if (css === this.docCss) return;
    this.docCss = css;
    if (this.docSheet === null) {
      this.docSheet = this.createSheet(css);
      if (this.waiting.delete(this.doc)) this.adopt(this.doc);
    } else {
      this.fill(this.docSheet, css);
    }
  }

  private fill(sheet: CSSStyleSheet | null, css: string): void {
    try {
      sheet?.replaceSync(css);
    } catch (error) {
      console.debug('[Context Cards] marks stylesheet not updated', error);
    }
  }

  private createSheet(css: string): CSSStyleSheet | null {
    try {
      // The document's own constructor: an adopted sheet must belong to the adopting document.
      const Ctor = (this.doc.defaultView as (Window & typeof globalThis) | null)?.CSSStyleSheet;
      if (Ctor === undefined) return null;
      const sheet = new Ctor();
      sheet.replaceSync(css);
      return sheet;
    } catch (error) {
      console.debug('[Context Cards] no stylesheet for marks', error);
      return null;
    }
  }

  /** True once the sheets are adopted (the first highlight appeared). */
  get isActive(): boolean {
    return this.active;
  }

  /** The document registered its first highlight of a kind: the sheets are adopted once they have something to show. */
  use(kind: HighlightKind): void {
    if (kind === 'focus') this.focusUsed = true;
    else this.marksUsed = true;
    this.refresh();
  }

  private refresh(): void {
    if (this.focusUsed || (this.marksUsed && this.marksVisible)) this.activate();
  }

  /** Adopts the sheets in every tree seen so far, and from now on in each new one. */
  activate(): void {
    if (this.active) return;
    this.active = true;
    this.treeSheet = this.createSheet(this.build(this.selectorTags));
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const tree of waiting) this.adopt(tree);
  }

  /** The sheet a tree adopts, or null while the document's own sheet is not built yet. */
  private sheetFor(tree: Document | ShadowRoot): CSSStyleSheet | null {
    return tree === this.doc && this.registry !== null ? this.docSheet : this.treeSheet;
  }

  /** Adds the sheet to a document or shadow root (once), now or when activated. */
  adopt(tree: Document | ShadowRoot): void {
    if (!this.active || (tree === this.doc && this.registry !== null && this.docSheet === null)) {
      // The document's sheet is adopted by the first sync() after activation, with its rules.
      this.waiting.add(tree);
      return;
    }
    const sheet = this.sheetFor(tree);
    if (sheet === null || this.trees.has(tree)) return;
    try {
      // Copied into an array of ours: Firefox shows the page's array through an Xray wrapper.
      const current = [...tree.adoptedStyleSheets];
      if (!current.includes(sheet)) tree.adoptedStyleSheets = [...current, sheet];
      this.trees.set(tree, sheet);
    } catch (error) {
      console.debug('[Context Cards] marks stylesheet not adopted', error);
    }
  }

  update(build: MarkCssBuilder, marksVisible: boolean = this.marksVisible): void {
    this.build = build;
    this.stale = false;
    this.fill(this.treeSheet, build(this.selectorTags));
    this.marksVisible = marksVisible;
    this.refresh();
    if (this.active && this.registry !== null) this.syncDocument();
  }

  /** Takes the sheets out of every tree, leaving the page's own sheets as they were. */
  dispose(): void {
    this.waiting.clear();
    for (const [tree, sheet] of this.trees) {
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
