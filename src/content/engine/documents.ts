/**
 * The trees the engine marks: its own document, the open shadow roots in it, and same-origin
 * frames the browser gives no content script of their own (about:blank, about:srcdoc). Each
 * document has its own highlight registry and stylesheet; each shadow root adopts the sheet of
 * its document, since `::highlight()` rules apply only in the tree that holds them.
 */
import type { BlockKey } from './dom-rules.ts';
import { DocumentHighlights, highlightEnvironment } from './highlights.ts';
import type { Scope } from './mark-store.ts';
import { DocumentStyles, type MarkCssBuilder } from './mark-styles.ts';

export interface DocState {
  readonly scope: Scope;
  readonly styles: DocumentStyles;
  readonly frame: Element | null;
}

/** What the engine does for a new tree. */
export interface TreeHost {
  /** Watch a document or shadow root for mutations. */
  observe(root: Document | ShadowRoot): void;
  /** Read a new document (its root element) in full. */
  read(key: BlockKey): void;
  /** A frame document came or went: read it, drop what the old one held. */
  framesChanged(): void;
  readonly signal: AbortSignal;
}

/** Frames whose documents get no content script from the manifest. */
function isUncoveredFrameUrl(url: string): boolean {
  return url.startsWith('about:');
}

export class Documents {
  private readonly docs = new Map<Document, DocState>();
  private readonly trees = new Set<ShadowRoot>();
  private readonly frames = new WeakSet<Element>();
  private main: DocState | null = null;
  private framesAdded = 0;

  constructor(
    private readonly host: TreeHost,
    private css: MarkCssBuilder,
    /** False for the "none" mark style: the sheet then styles only the focus mark. */
    private marksVisible = true,
  ) {}

  /** The engine's own document. */
  get primary(): DocState | null {
    return this.main;
  }

  /** Open shadow roots in use (for hit testing inside them). */
  get shadowRoots(): ShadowRoot[] {
    return [...this.trees];
  }

  isShadowRoot(key: BlockKey): boolean {
    return this.trees.has(key as ShadowRoot);
  }

  /** The document state of a block (one DOM read only when frames are covered). */
  stateOf(key: BlockKey): DocState | undefined {
    return this.framesAdded === 0 ? (this.main ?? undefined) : this.docs.get(key.ownerDocument);
  }

  /** The frame element showing a covered document, for document order. */
  frameOf(doc: Document): Element | null {
    return this.docs.get(doc)?.frame ?? null;
  }

  /** Starts marking a document; null when it has no CSS Custom Highlight API. */
  add(doc: Document, frame: Element | null): DocState | null {
    const env = highlightEnvironment(doc);
    if (env === null) return null;
    const styles = new DocumentStyles(doc, this.css, this.marksVisible, env.registry);
    const scope: Scope = {
      doc,
      highlights: new DocumentHighlights(env, (kind) => styles.use(kind)),
      primary: frame === null,
      alive:
        frame === null ? () => true : () => frame.isConnected && (frame as HTMLIFrameElement).contentDocument === doc,
    };
    const state: DocState = { scope, styles, frame };
    this.docs.set(doc, state);
    if (frame === null) this.main = state;
    else this.framesAdded++;
    this.host.observe(doc);
    if (doc.documentElement !== null) this.host.read(doc.documentElement);
    return state;
  }

  /** Starts covering a shadow root; false when it was already covered. */
  attachTree(root: ShadowRoot): boolean {
    if (this.trees.has(root)) return false;
    this.trees.add(root);
    this.host.observe(root);
    this.docs.get(root.ownerDocument)?.styles.adopt(root);
    return true;
  }

  /** Covers a frame's document now and whenever it loads another (srcdoc, navigation). */
  considerFrame(el: Element): void {
    if (this.frames.has(el)) return;
    this.frames.add(el);
    el.addEventListener('load', () => this.attachFrame(el), { signal: this.host.signal });
    this.attachFrame(el);
  }

  private attachFrame(el: Element): void {
    try {
      // Null for cross-origin frames: those have content scripts of their own, or none of ours.
      const doc = (el as HTMLIFrameElement).contentDocument;
      if (doc === null || this.docs.has(doc) || !isUncoveredFrameUrl(doc.URL) || this.host.signal.aborted) return;
      if (this.add(doc, el) !== null) this.host.framesChanged();
    } catch (error) {
      console.debug('[Context Cards] frame not covered', error);
    }
  }

  updateCss(css: MarkCssBuilder, marksVisible: boolean): void {
    this.css = css;
    this.marksVisible = marksVisible;
    for (const state of this.docs.values()) state.styles.update(css, marksVisible);
  }

  /** Shows the focus mark in one scope and clears it everywhere else. */
  setFocus(range: AbstractRange | null, scope: Scope | undefined): void {
    const target = scope ?? this.main?.scope;
    for (const state of this.docs.values())
      if (state.scope !== target || range === null) state.scope.highlights.setFocus(null);
    if (range !== null) target?.highlights.setFocus(range);
    // The focus mark is shown at once, not at the next publication: its rules must be there too.
    for (const state of this.docs.values()) state.styles.sync();
  }

  /** True while some document has highlight changes staged. */
  get pending(): boolean {
    for (const state of this.docs.values()) if (state.scope.highlights.pending) return true;
    return false;
  }

  /** Publishes the staged highlight changes of every document; returns how many ranges changed. */
  commit(): number {
    let n = 0;
    for (const state of this.docs.values()) {
      try {
        n += state.scope.highlights.commit();
      } catch (error) {
        // One document (a frame going away) must not keep the others from being published.
        console.debug('[Context Cards] highlights not published', error);
      }
      // In the same task: the rules follow what is registered now, and reach the same frame.
      state.styles.sync();
    }
    return n;
  }

  /** Forgets shadow roots that left the page and frame documents that are gone. */
  prune(): void {
    for (const root of this.trees) if (!root.isConnected) this.trees.delete(root);
    for (const [doc, state] of this.docs) {
      if (state.scope.alive()) continue;
      state.scope.highlights.dispose();
      state.styles.dispose();
      this.docs.delete(doc);
    }
  }

  /** Unregisters every highlight and takes every stylesheet out again. */
  dispose(): void {
    for (const state of this.docs.values()) {
      state.scope.highlights.dispose();
      state.styles.dispose();
    }
    this.docs.clear();
    this.trees.clear();
    this.main = null;
  }
}
