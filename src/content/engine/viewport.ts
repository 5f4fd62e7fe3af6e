/**
 * Which blocks with marks are near the viewport. Only their ranges are registered in
 * CSS.highlights: Chromium rebuilds the markers of every registered range in every frame in
 * which the page changed anything (a clock, a ticker), so the cost of a live page's frame grows
 * with what is registered, not with what changed. Marks far from the viewport stay in our own
 * index (counts, the popup's list, navigation, hover) and are registered as they come near.
 *
 * An IntersectionObserver on each block that holds marks, with a margin of NEAR_MARGIN_SCREENS
 * window heights above and below (and one width to the sides), tells when a block comes near or
 * goes away; the browser delivers its changes at most once per frame, after layout, so the engine
 * registers in at most one publication per frame, on scroll, resize or any change of layout.
 * A new block waits for the browser's first report (after the next frame's layout, so we never
 * force a layout); a document that renders no frames (a background tab) gets its answer from the
 * blocks' boxes after a short wait. The engine counts itself settled only once every block with
 * marks has been reported on.
 */
import { isShadowRoot, type BlockKey } from './dom-rules.ts';

/** Window heights above and below the viewport within which a block's marks are registered. */
export const NEAR_MARGIN_SCREENS = 1.5;

const MARGIN = `${String(NEAR_MARGIN_SCREENS * 100)}% 100%`;

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
 * True when a box lies within the margin of a viewport of `width` x `height`. A box of no size
 * (`display: contents`, an element not rendered) says nothing about where its text is: near.
 */
export function boxIsNear(box: Box, width: number, height: number): boolean {
  if (box.width === 0 && box.height === 0) return true;
  const dy = NEAR_MARGIN_SCREENS * height;
  return box.bottom >= -dy && box.top <= height + dy && box.right >= -width && box.left <= 2 * width;
}

export class NearWatch {
  private readonly observer: IntersectionObserver | null;
  /** The blocks each observed element stands for (a host and its shadow root may share one). */
  private readonly keys = new Map<Element, BlockKey[]>();
  /** What the browser last said about an element (kept after unwatch: a block read again keeps it). */
  private readonly known = new WeakMap<Element, boolean>();
  /** Watched elements the browser has not reported on yet. */
  private readonly unknown = new Set<Element>();
  private waiters: (() => void)[] = [];
  private fallback: ReturnType<typeof setTimeout> | null = null;

  constructor(
    /** Called with the blocks whose nearness the browser reported, in one batch per delivery. */
    private readonly changed: (changes: readonly (readonly [BlockKey, boolean])[]) => void,
  ) {
    this.observer = NearWatch.create((entries) => this.deliver(entries));
  }

  private static create(callback: IntersectionObserverCallback): IntersectionObserver | null {
    if (typeof IntersectionObserver !== 'function') return null;
    try {
      // No scrollMargin: browsers apply it to the page's own scroller too (Chromium 156 then
      // registered twice as far), so text in a scrolling box is registered as it enters the box.
      return new IntersectionObserver(callback, { rootMargin: MARGIN });
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
    const list = this.keys.get(el);
    if (list === undefined) {
      this.keys.set(el, [key]);
      this.observer?.observe(el);
    } else if (!list.includes(key)) {
      list.push(key);
    }
    if (this.observer === null) return true;
    const known = this.known.get(el);
    if (known !== undefined) return known;
    this.unknown.add(el);
    return false;
  }

  /** Stops watching a block. */
  unwatch(key: BlockKey): void {
    const el = boxOf(key);
    const list = this.keys.get(el);
    if (list === undefined) return;
    const rest = list.filter((k) => k !== key);
    if (rest.length > 0) {
      this.keys.set(el, rest);
      return;
    }
    this.keys.delete(el);
    this.unknown.delete(el);
    this.observer?.unobserve(el);
  }

  /** How many elements are watched. */
  get size(): number {
    return this.keys.size;
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
    this.keys.clear();
    this.unknown.clear();
    this.waiters = [];
    if (this.fallback !== null) clearTimeout(this.fallback);
    this.fallback = null;
  }

  private deliver(entries: readonly IntersectionObserverEntry[]): void {
    const changes: (readonly [BlockKey, boolean])[] = [];
    for (const entry of entries) {
      const keys = this.keys.get(entry.target);
      if (keys === undefined) continue;
      const b = entry.boundingClientRect;
      const near = entry.isIntersecting || (b.width === 0 && b.height === 0);
      this.known.set(entry.target, near);
      this.unknown.delete(entry.target);
      for (const key of keys) changes.push([key, near]);
    }
    this.report(changes);
  }

  /** No report came in time: each unknown block's box says (one layout, in a document not rendering). */
  private guess(): void {
    const changes: (readonly [BlockKey, boolean])[] = [];
    for (const el of this.unknown) {
      let near = true;
      try {
        const view = el.ownerDocument.defaultView;
        if (view !== null) near = boxIsNear(el.getBoundingClientRect(), view.innerWidth, view.innerHeight);
      } catch {
        // A box that cannot be read: near, as without an observer.
      }
      this.known.set(el, near);
      for (const key of this.keys.get(el) ?? []) changes.push([key, near]);
    }
    this.unknown.clear();
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
