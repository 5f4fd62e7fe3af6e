/**
 * Which blocks with marks are near the viewport. Only their ranges are registered in
 * CSS.highlights: Chromium rebuilds the markers of every registered range in every frame in
 * which the page changed anything (a clock, a ticker), so the cost of a live page's frame grows
 * with what is registered, not with what changed. Marks far from the viewport stay in our own
 * index (counts, the popup's list, navigation, hover) and are registered as they come near.
 *
 * A position index: where each block with marks lies in its document, read when the block is
 * new and again when the layout may have moved it; nearness is then decided from the scroll
 * position alone, on each scroll event, without reading the DOM.
 * - A new block's box comes from the browser's first IntersectionObserver report (after the next
 *   frame's layout, so we never force a layout); the block is then unobserved. An observer on
 *   every block cost Chromium about 2.5 ms a frame on a live page with ~1,400 such blocks: it
 *   computes every target's intersection in every frame that changed anything.
 * - A document that renders no frames (a background tab) gets its boxes read after a short wait.
 * - Every box is read again, after the browser's layout (a ResizeObserver's report), when the
 *   document's root or body changes size (content added, images loaded, fonts), when the window
 *   is resized, and when a box inside the page scrolls (its content moved). At most once a frame.
 * The engine counts itself settled only once every block with marks has a known place.
 */
import { isShadowRoot, type BlockKey } from './dom-rules.ts';

/** Window heights above and below the viewport within which a block's marks are registered. */
export const NEAR_MARGIN_SCREENS = 1.5;

/**
 * How long to wait for the browser's first report on new blocks before reading their boxes: a
 * background tab renders no frames, and a frame takes at most this long on a busy page otherwise.
 */
const FALLBACK_MS = 100;

/** The element whose box stands for a block: a shadow root's host. */
function boxOf(key: BlockKey): Element {
  return isShadowRoot(key) ? key.host : key;
}

interface Box {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  readonly width: number;
  readonly height: number;
}

/**
 * True when a box (relative to the viewport) lies within the margin of a viewport of `width` x
 * `height`. A box of no size (`display: contents`, an element not rendered) says nothing about
 * where its text is: near.
 */
export function boxIsNear(box: Box, width: number, height: number): boolean {
  if (box.width === 0 && box.height === 0) return true;
  const dy = NEAR_MARGIN_SCREENS * height;
  return box.bottom >= -dy && box.top <= height + dy && box.right >= -width && box.left <= 2 * width;
}

/** A watched element: the blocks it stands for, and its box in document coordinates once known. */
interface Entry {
  readonly keys: BlockKey[];
  readonly view: ViewIndex;
  box: Box | null;
  near: boolean;
}

/** The scroll position and size of a window, and the listeners that keep its entries' places. */
class ViewIndex {
  readonly entries = new Set<Element>();
  private readonly resize: ResizeObserver | null;
  private readonly aborter = new AbortController();
  /** The observer's first report (it comes for any newly observed element) says nothing yet. */
  private first = true;
  /** A reading of every box is asked for after the next layout. */
  private asked = false;
  private fallback: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly win: Window,
    /** Reads every box again (called after layout). */
    private readonly measure: (view: ViewIndex) => void,
    /** The page scrolled (decide from the known places). */
    private readonly scrolled: (view: ViewIndex) => void,
  ) {
    const doc = win.document;
    const options = { capture: true, passive: true, signal: this.aborter.signal };
    // The page's scroll reaches the document; a scrolling box's does not bubble, but is captured.
    doc.addEventListener('scroll', (event) => (event.target === doc ? scrolled(this) : this.ask()), options);
    win.addEventListener('resize', () => this.ask(), options);
    this.resize = ViewIndex.sizeObserver(win, () => this.laidOut());
    for (const el of [doc.documentElement, doc.body]) if (el !== null) this.resize?.observe(el);
  }

  private static sizeObserver(win: Window, callback: () => void): ResizeObserver | null {
    // Our own constructor first (in Firefox the page's one would call back into the page's world).
    const own = (globalThis as { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
    const Ctor = own ?? (win as { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
    if (typeof Ctor !== 'function') return null;
    try {
      return new Ctor(callback);
    } catch {
      return null;
    }
  }

  /** The root or the body changed size, or a reading was asked for: the layout is clean now. */
  private laidOut(): void {
    if (this.first && !this.asked) {
      this.first = false;
      return;
    }
    this.first = false;
    this.asked = false;
    this.measure(this);
  }

  /**
   * Asks for every box to be read again after the next layout, at most once a frame: observing the
   * root anew makes the ResizeObserver report it once more, after the next frame's layout.
   */
  ask(): void {
    if (this.asked) return;
    this.asked = true;
    const root = this.win.document.documentElement;
    if (this.resize === null) {
      this.fallback ??= setTimeout(() => {
        this.fallback = null;
        this.asked = false;
        this.measure(this);
      }, FALLBACK_MS);
      return;
    }
    this.resize.unobserve(root);
    this.resize.observe(root);
  }

  /** Viewport-relative box -> document coordinates. */
  toDocument(rect: Box): Box {
    const x = this.win.scrollX;
    const y = this.win.scrollY;
    return {
      top: rect.top + y,
      bottom: rect.bottom + y,
      left: rect.left + x,
      right: rect.right + x,
      width: rect.width,
      height: rect.height,
    };
  }

  /** Whether a box in document coordinates is near the viewport now. */
  isNear(box: Box): boolean {
    const x = this.win.scrollX;
    const y = this.win.scrollY;
    return boxIsNear(
      {
        top: box.top - y,
        bottom: box.bottom - y,
        left: box.left - x,
        right: box.right - x,
        width: box.width,
        height: box.height,
      },
      this.win.innerWidth,
      this.win.innerHeight,
    );
  }

  dispose(): void {
    this.aborter.abort();
    this.resize?.disconnect();
    if (this.fallback !== null) clearTimeout(this.fallback);
  }
}

export class NearWatch {
  private readonly observer: IntersectionObserver | null;
  /** The watched elements (a host and its shadow root may share one). */
  private readonly entries = new Map<Element, Entry>();
  private readonly views = new Map<Window, ViewIndex>();
  /** What was last known about an element's box (kept after unwatch: a block read again keeps it). */
  private readonly known = new WeakMap<Element, Box>();
  /** Watched elements the browser has not reported on yet (observed until it does). */
  private readonly unknown = new Set<Element>();
  private waiters: (() => void)[] = [];
  private fallback: ReturnType<typeof setTimeout> | null = null;
  /** How many times every box of a view was read again (for tests and the benchmark). */
  remeasures = 0;

  constructor(
    /** Called with the blocks whose nearness changed, in one batch per report or scroll. */
    private readonly changed: (changes: readonly (readonly [BlockKey, boolean])[]) => void,
  ) {
    this.observer = NearWatch.create((entries) => this.deliver(entries));
  }

  private static create(callback: IntersectionObserverCallback): IntersectionObserver | null {
    if (typeof IntersectionObserver !== 'function') return null;
    try {
      return new IntersectionObserver(callback);
    } catch {
      return null;
    }
  }

  /**
   * Starts watching a block; returns whether it is near as far as known now. A block never seen
   * before is not near until the browser's first report, which comes after the next frame's
   * layout: reading its box here would force that layout inside our slice.
   */
  watch(key: BlockKey): boolean {
    const el = boxOf(key);
    let entry = this.entries.get(el);
    if (entry === undefined) {
      const view = this.viewOf(el);
      if (view === null || this.observer === null) return true;
      entry = { keys: [key], view, box: this.known.get(el) ?? null, near: false };
      this.entries.set(el, entry);
      view.entries.add(el);
      if (entry.box !== null) {
        entry.near = view.isNear(entry.box);
        return entry.near;
      }
      this.unknown.add(el);
      this.observer.observe(el);
      return false;
    }
    if (!entry.keys.includes(key)) entry.keys.push(key);
    return entry.near;
  }

  /**
   * Navigation registered a far block's marks before the page scrolled there: the block counts as
   * near from now on, so that the next scroll that leaves it far away takes its marks out again
   * (without this, its marks would stay registered until the block came near and went away).
   */
  assumeNear(key: BlockKey): void {
    const entry = this.entries.get(boxOf(key));
    if (entry !== undefined) entry.near = true;
  }

  /** Stops watching a block. */
  unwatch(key: BlockKey): void {
    const el = boxOf(key);
    const entry = this.entries.get(el);
    if (entry === undefined) return;
    const i = entry.keys.indexOf(key);
    if (i >= 0) entry.keys.splice(i, 1);
    if (entry.keys.length > 0) return;
    this.entries.delete(el);
    entry.view.entries.delete(el);
    if (this.unknown.delete(el)) this.observer?.unobserve(el);
  }

  /** How many elements are watched. */
  get size(): number {
    return this.entries.size;
  }

  /** How many elements wait for the browser's first report (the observer watches only these). */
  get observed(): number {
    return this.unknown.size;
  }

  /** True while some watched block waits for the browser's first report. */
  get pending(): boolean {
    return this.unknown.size > 0;
  }

  /**
   * Calls `done` once every watched block has been reported on. The browser reports after its
   * next frame; a document that renders no frames (a background tab, a DOM without layout) gets
   * its answer from the blocks' boxes after FALLBACK_MS.
   */
  whenKnown(done: () => void): void {
    if (this.unknown.size === 0) {
      done();
      return;
    }
    this.waiters.push(done);
    this.fallback ??= setTimeout(() => {
      this.fallback = null;
      this.guess();
    }, FALLBACK_MS);
  }

  dispose(): void {
    this.observer?.disconnect();
    for (const view of this.views.values()) view.dispose();
    this.views.clear();
    this.entries.clear();
    this.unknown.clear();
    this.waiters = [];
    if (this.fallback !== null) clearTimeout(this.fallback);
    this.fallback = null;
  }

  private viewOf(el: Element): ViewIndex | null {
    const win = el.ownerDocument.defaultView;
    if (win === null) return null;
    let view = this.views.get(win);
    if (view === undefined) {
      try {
        view = new ViewIndex(
          win,
          (v) => this.measure(v),
          (v) => this.scrolled(v),
        );
      } catch {
        return null;
      }
      this.views.set(win, view);
    }
    return view;
  }

  /** Records a box read now (viewport-relative) and returns whether the entry's nearness changed. */
  private place(el: Element, entry: Entry, rect: Box): boolean {
    const box = entry.view.toDocument(rect);
    entry.box = box;
    this.known.set(el, box);
    const near = entry.view.isNear(box);
    if (near === entry.near) return false;
    entry.near = near;
    return true;
  }

  private deliver(reports: readonly IntersectionObserverEntry[]): void {
    const changes: (readonly [BlockKey, boolean])[] = [];
    for (const report of reports) {
      const el = report.target;
      this.observer?.unobserve(el);
      const entry = this.entries.get(el);
      if (entry === undefined || !this.unknown.delete(el)) continue;
      // The first answer is always passed on: near registers, far counts as known.
      this.place(el, entry, report.boundingClientRect);
      for (const key of entry.keys) changes.push([key, entry.near]);
    }
    this.report(changes);
  }

  /** No report came in time: each unknown block's box says (one layout, in a document not rendering). */
  private guess(): void {
    const changes: (readonly [BlockKey, boolean])[] = [];
    for (const el of this.unknown) {
      this.observer?.unobserve(el);
      const entry = this.entries.get(el);
      if (entry === undefined) continue;
      try {
        this.place(el, entry, el.getBoundingClientRect());
      } catch {
        // A box that cannot be read: near, as without an observer.
        entry.near = true;
      }
      for (const key of entry.keys) changes.push([key, entry.near]);
    }
    this.unknown.clear();
    this.report(changes);
  }

  /** The page scrolled: nearness from the known places, without reading the DOM. */
  private scrolled(view: ViewIndex): void {
    const changes: (readonly [BlockKey, boolean])[] = [];
    for (const el of view.entries) {
      const entry = this.entries.get(el);
      if (entry?.box == null) continue;
      const near = view.isNear(entry.box);
      if (near === entry.near) continue;
      entry.near = near;
      for (const key of entry.keys) changes.push([key, near]);
    }
    this.report(changes);
  }

  /** The layout of a view may have moved its blocks: every known box is read again (after layout). */
  private measure(view: ViewIndex): void {
    this.remeasures++;
    const changes: (readonly [BlockKey, boolean])[] = [];
    for (const el of view.entries) {
      const entry = this.entries.get(el);
      if (entry === undefined || this.unknown.has(el)) continue;
      let moved: boolean;
      try {
        moved = this.place(el, entry, el.getBoundingClientRect());
      } catch {
        continue;
      }
      if (moved) for (const key of entry.keys) changes.push([key, entry.near]);
    }
    this.report(changes);
  }

  private report(changes: readonly (readonly [BlockKey, boolean])[]): void {
    if (changes.length > 0) {
      try {
        this.changed(changes);
      } catch (error) {
        console.debug('[Context Cards] nearness not applied', error);
      }
    }
    if (this.unknown.size > 0) return;
    if (this.fallback !== null) clearTimeout(this.fallback);
    this.fallback = null;
    for (const done of this.waiters.splice(0)) done();
  }
}
