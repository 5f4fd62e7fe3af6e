/**
 * One CSS Custom Highlight per entity, registered as `context-cards-<entityId>` in the
 * registry of the document the ranges live in (each same-origin frame has its own), plus the
 * keyboard focus mark `context-cards-focus`. Entries the page removes are put back.
 *
 * Changes are staged and published together (commit()): in Chromium every change to a
 * registered Highlight makes the next frame rebuild the markers of every range of every
 * highlight and repaint, which costs tens of milliseconds on a large page however small the
 * change. One publication per pass of the engine pays that once instead of once per frame.
 */
import { REGISTRY_CHECK_MS } from './constants.ts';

export const HIGHLIGHT_PREFIX = 'context-cards-';
export const FOCUS_HIGHLIGHT = `${HIGHLIGHT_PREFIX}focus`;

/** Painted above the entity marks, so the focused mention stands out where marks overlap. */
const FOCUS_PRIORITY = 1;

/** The parts of a window the engine needs: a page's own `CSS.highlights` and `Highlight`. */
export interface HighlightEnvironment {
  readonly registry: HighlightRegistry;
  readonly create: () => Highlight;
}

/** Reads the highlight API of a document's window, or null when it has none. */
export function highlightEnvironment(doc: Document): HighlightEnvironment | null {
  const win = doc.defaultView;
  if (win === null) return null;
  try {
    const css = (win as Window & typeof globalThis).CSS;
    const Ctor = (win as Window & typeof globalThis).Highlight;
    if (css === undefined || !('highlights' in css) || typeof Ctor !== 'function') return null;
    // Created with the frame's own constructor: a registry accepts highlights of its realm.
    return { registry: css.highlights, create: () => new Ctor() };
  } catch {
    return null;
  }
}

/** What a document's first highlight of a kind is for: its stylesheet is needed from then on. */
export type HighlightKind = 'marks' | 'focus';

/** The highlights of one document. */
export class DocumentHighlights {
  private readonly byEntity = new Map<string, Highlight>();
  private focus: Highlight | null = null;
  private watch: ReturnType<typeof setInterval> | null = null;
  /** Staged changes per entity: range -> true to add, false to delete (the last one wins). */
  private readonly staged = new Map<string, Map<AbstractRange, boolean>>();
  private stagedCount = 0;
  /** How many of our entries were put back after the page removed or replaced them. */
  restored = 0;
  /**
   * How many times staged changes were published (for tests; the engine counts its publications in
   * EngineStats.publishes).
   */
  commits = 0;

  constructor(
    private readonly env: HighlightEnvironment,
    /** Called before the first entity highlight ('marks') and the first focus mark ('focus') are registered. */
    private readonly onFirstUse: (kind: HighlightKind) => void = () => undefined,
  ) {}

  /** True while changes wait for commit(). */
  get pending(): boolean {
    return this.stagedCount > 0;
  }

  /** Stages adding (`shown`) or removing a range; nothing reaches the page until commit(). */
  stage(entityId: string, range: AbstractRange, shown: boolean): void {
    let changes = this.staged.get(entityId);
    if (changes === undefined) {
      changes = new Map();
      this.staged.set(entityId, changes);
    }
    if (!changes.has(range)) this.stagedCount++;
    changes.set(range, shown);
  }

  /**
   * Takes a range out now, not at the next commit(): its text changed, and its static positions
   * must not be painted in the next frame.
   */
  removeNow(entityId: string, range: AbstractRange): void {
    const changes = this.staged.get(entityId);
    if (changes?.delete(range) === true) this.stagedCount--;
    try {
      this.byEntity.get(entityId)?.delete(range);
    } catch (error) {
      console.debug('[Context Cards] highlight not updated', error);
    }
  }

  /** Publishes the staged changes; returns how many ranges were added or removed. */
  commit(): number {
    if (this.stagedCount === 0) return 0;
    let n = 0;
    try {
      for (const [entityId, changes] of this.staged) {
        let h = this.byEntity.get(entityId);
        for (const [range, shown] of changes) {
          if (shown) {
            h ??= this.of(entityId);
            h.add(range);
            n++;
          } else if (h?.delete(range) === true) {
            n++;
          }
        }
      }
    } finally {
      // Staged changes are applied once: a registry that threw is not retried on every slice.
      this.staged.clear();
      this.stagedCount = 0;
      this.commits++;
    }
    return n;
  }

  /** The highlight of an entity, created and registered on first use. */
  of(entityId: string): Highlight {
    let h = this.byEntity.get(entityId);
    if (h === undefined) {
      this.used('marks');
      h = this.env.create();
      this.byEntity.set(entityId, h);
      this.env.registry.set(HIGHLIGHT_PREFIX + entityId, h);
      this.watch ??= setInterval(() => this.restore(), REGISTRY_CHECK_MS);
    }
    return h;
  }

  /** Registers again our highlights that the page took out of its registry or replaced. */
  restore(): number {
    let n = 0;
    try {
      const { registry } = this.env;
      for (const [id, h] of this.byEntity) {
        if (registry.get(HIGHLIGHT_PREFIX + id) !== h) {
          registry.set(HIGHLIGHT_PREFIX + id, h);
          n++;
        }
      }
      if (this.focus !== null && registry.get(FOCUS_HIGHLIGHT) !== this.focus) {
        registry.set(FOCUS_HIGHLIGHT, this.focus);
        n++;
      }
    } catch (error) {
      console.debug('[Context Cards] highlights not restored', error);
    }
    this.restored += n;
    return n;
  }

  /** Shows the focus mark on `range`, or clears it. */
  setFocus(range: AbstractRange | null): void {
    if (range === null) {
      this.focus?.clear();
      return;
    }
    if (this.focus === null) {
      this.used('focus');
      this.focus = this.env.create();
      this.focus.priority = FOCUS_PRIORITY;
      this.env.registry.set(FOCUS_HIGHLIGHT, this.focus);
    }
    this.focus.clear();
    this.focus.add(range);
  }

  private readonly usedKinds = new Set<HighlightKind>();

  private used(kind: HighlightKind): void {
    if (this.usedKinds.has(kind)) return;
    this.usedKinds.add(kind);
    try {
      this.onFirstUse(kind);
    } catch (error) {
      console.debug('[Context Cards] first highlight listener failed', error);
    }
  }

  /** Unregisters everything we registered (only our own highlight objects). */
  dispose(): void {
    this.staged.clear();
    this.stagedCount = 0;
    if (this.watch !== null) clearInterval(this.watch);
    this.watch = null;
    for (const [id, h] of this.byEntity) {
      if (this.env.registry.get(HIGHLIGHT_PREFIX + id) === h) this.env.registry.delete(HIGHLIGHT_PREFIX + id);
      h.clear();
    }
    this.byEntity.clear();
    if (this.focus !== null && this.env.registry.get(FOCUS_HIGHLIGHT) === this.focus)
      this.env.registry.delete(FOCUS_HIGHLIGHT);
    this.focus = null;
  }
}
