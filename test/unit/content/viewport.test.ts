// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boxIsNear, NEAR_MARGIN_SCREENS, NearWatch } from '../../../src/content/engine/viewport.ts';
import { marked, startEngine, useEnginePage } from './harness.ts';

const registry = useEnginePage();

/** An IntersectionObserver the test drives: it records what is observed and delivers on demand. */
class FakeObserver {
  static last: FakeObserver | null = null;
  /** When set, each observed element is reported on soon after (as a browser does after a frame). */
  static auto: ((el: Element) => boolean) | null = null;
  readonly observed = new Set<Element>();
  constructor(
    private readonly callback: (entries: IntersectionObserverEntry[], observer: FakeObserver) => void,
    readonly init: IntersectionObserverInit = {},
  ) {
    FakeObserver.last = this;
  }
  observe(el: Element): void {
    this.observed.add(el);
    const auto = FakeObserver.auto;
    if (auto !== null)
      setTimeout(() => {
        if (this.observed.has(el)) this.deliver([[el, auto(el)]]);
      }, 5);
  }
  unobserve(el: Element): void {
    this.observed.delete(el);
  }
  disconnect(): void {
    this.observed.clear();
  }
  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }
  /** Reports elements as near (a box at the top of the viewport) or far (a box far below). */
  deliver(changes: readonly (readonly [Element, boolean])[]): void {
    const box = (top: number): DOMRectReadOnly =>
      ({ top, bottom: top + 20, left: 0, right: 100, width: 100, height: 20, x: 0, y: top }) as DOMRectReadOnly;
    this.callback(
      changes.map(
        ([target, near]) =>
          ({ target, isIntersecting: near, boundingClientRect: box(near ? 0 : 100_000) }) as IntersectionObserverEntry,
      ),
      this,
    );
  }
}

/** A ResizeObserver the test drives: `report()` stands for the browser's report after a layout. */
class FakeResizeObserver {
  static last: FakeResizeObserver | null = null;
  readonly observed = new Set<Element>();
  /** Elements observed anew since the last report (a browser reports each of them once). */
  readonly fresh = new Set<Element>();
  constructor(private readonly callback: () => void) {
    FakeResizeObserver.last = this;
  }
  observe(el: Element): void {
    this.observed.add(el);
    this.fresh.add(el);
  }
  unobserve(el: Element): void {
    this.observed.delete(el);
    this.fresh.delete(el);
  }
  disconnect(): void {
    this.observed.clear();
  }
  report(): void {
    this.fresh.clear();
    this.callback();
  }
}

const HEIGHT = 800;
let originalObserver: unknown;
let originalResize: unknown;

function setGlobal(name: string, value: unknown): void {
  for (const target of new Set<object>([globalThis, window]))
    Object.defineProperty(target, name, { value, configurable: true, writable: true });
}

/** Scrolls the page to `y` (happy-dom does no layout: boxes are the tests' own) and tells listeners. */
function scrollPage(y: number): void {
  Object.defineProperty(window, 'scrollY', { value: y, configurable: true });
  document.dispatchEvent(new Event('scroll'));
}

beforeEach(() => {
  originalObserver = (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver;
  originalResize = (window as { ResizeObserver?: unknown }).ResizeObserver;
  setGlobal('IntersectionObserver', FakeObserver);
  setGlobal('ResizeObserver', FakeResizeObserver);
  Object.defineProperty(window, 'innerHeight', { value: HEIGHT, configurable: true });
  Object.defineProperty(window, 'innerWidth', { value: 1200, configurable: true });
  Object.defineProperty(window, 'scrollY', { value: 0, configurable: true });
});

afterEach(() => {
  FakeObserver.auto = null;
  setGlobal('IntersectionObserver', originalObserver);
  setGlobal('ResizeObserver', originalResize);
});

/**
 * Paragraphs naming Zuckerberg, each given a box `top` px down the page (happy-dom does no layout;
 * the box follows window.scrollY, and `moveTo` moves it).
 */
function paragraphs(tops: readonly number[]): (HTMLParagraphElement & { moveTo: (top: number) => void })[] {
  return tops.map((start, i) => {
    const p = Object.assign(document.createElement('p'), { moveTo: (top: number) => void (at = top) });
    let at = start;
    p.textContent = `Paragraph ${String(i)}: Mark Zuckerberg spoke.`;
    p.getBoundingClientRect = () => {
      const top = at - window.scrollY;
      return { top, bottom: top + 20, left: 0, right: 600, width: 600, height: 20, x: 0, y: top } as DOMRect;
    };
    document.body.append(p);
    return p;
  });
}

describe('registering only what is near the viewport', () => {
  it('decides nearness from the box within the margin; a box of no size counts as near', () => {
    const box = (top: number, height = 20): Parameters<typeof boxIsNear>[0] => ({
      top,
      bottom: top + height,
      left: 0,
      right: 100,
      width: 100,
      height,
    });
    expect(boxIsNear(box(0), 1200, HEIGHT)).toBe(true);
    expect(boxIsNear(box(HEIGHT * (1 + NEAR_MARGIN_SCREENS) - 1), 1200, HEIGHT)).toBe(true);
    expect(boxIsNear(box(HEIGHT * (1 + NEAR_MARGIN_SCREENS) + 1), 1200, HEIGHT)).toBe(false);
    expect(boxIsNear(box(-HEIGHT * NEAR_MARGIN_SCREENS - 30), 1200, HEIGHT)).toBe(false);
    expect(boxIsNear({ top: 5000, bottom: 5000, left: 0, right: 0, width: 0, height: 0 }, 1200, HEIGHT)).toBe(true);
  });

  it('registers the marks of near blocks only, while counts and mentions keep every mark', async () => {
    const [near, far] = paragraphs([100, 10_000, 20_000]);
    const harness = await startEngine();
    expect(harness.engine.mentions()).toHaveLength(3);
    expect(harness.engine.counts().total).toBe(3);
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg']);
    expect(harness.engine.stats.registered).toBe(1);
    const range = [...(registry.get('context-cards-mark-zuckerberg') ?? [])][0] as AbstractRange;
    expect(near?.contains(range.startContainer)).toBe(true);
    // Every block's place is known: the intersection observer watches none of them any longer.
    expect(FakeObserver.last?.observed.size).toBe(0);
    expect(far).toBeDefined();
  });

  it('registers a block as the page scrolls near it and takes it out as it goes away, in one publication', async () => {
    const [first, second, third] = paragraphs([100, 10_000, 11_500]);
    const harness = await startEngine();
    if (first === undefined || second === undefined || third === undefined) throw new Error('setup');
    const before = harness.engine.stats.publishes;
    let reads = 0;
    for (const p of [first, second, third]) {
      const box = p.getBoundingClientRect.bind(p);
      p.getBoundingClientRect = () => {
        reads++;
        return box();
      };
    }
    scrollPage(9_900);
    await harness.settle();
    const ranges = [...(registry.get('context-cards-mark-zuckerberg') ?? [])] as AbstractRange[];
    expect(ranges).toHaveLength(2);
    expect(ranges.every((r) => !first.contains(r.startContainer))).toBe(true);
    expect(harness.engine.stats.publishes - before).toBe(1);
    expect(harness.engine.mentions()).toHaveLength(3);
    // Decided from the known places: no box was read on scroll.
    expect(reads).toBe(0);
  });

  it('reads every box again after the layout when the page or a box in it changed, at most once a frame', async () => {
    const [first, second] = paragraphs([100, 10_000]);
    const harness = await startEngine();
    const ro = FakeResizeObserver.last;
    if (ro === null || first === undefined || second === undefined) throw new Error('setup');
    expect(ro.observed.has(document.documentElement)).toBe(true);
    ro.report(); // the first report of the roots: nothing changed yet
    // Content was inserted above: the second paragraph moved up to the viewport, the first down.
    first.moveTo(5_000);
    second.moveTo(300);
    // A box in the page scrolled, and the window was resized, in one frame: one reading, after layout.
    const inner = document.createElement('div');
    document.body.append(inner);
    inner.dispatchEvent(new Event('scroll'));
    window.dispatchEvent(new Event('resize'));
    await harness.settle();
    expect(marked(registry, 'mark-zuckerberg')).toHaveLength(1);
    expect(ro.fresh.has(document.documentElement)).toBe(true);
    ro.report();
    await harness.settle();
    const ranges = [...(registry.get('context-cards-mark-zuckerberg') ?? [])] as AbstractRange[];
    expect(ranges).toHaveLength(1);
    expect(second.contains(ranges[0]?.startContainer ?? null)).toBe(true);
    // The root changing size (the page grew) reads them again too.
    second.moveTo(20_000);
    first.moveTo(200);
    ro.report();
    await harness.settle();
    const after = [...(registry.get('context-cards-mark-zuckerberg') ?? [])] as AbstractRange[];
    expect(after).toHaveLength(1);
    expect(first.contains(after[0]?.startContainer ?? null)).toBe(true);
  });

  it('registers a far mention at once when navigation focuses it (before any scroll or frame)', async () => {
    const [, , third] = paragraphs([100, 10_000, 20_000]);
    const harness = await startEngine();
    const target = harness.engine.mentions()[2];
    if (target === undefined || third === undefined) throw new Error('setup');
    expect(third.contains(target.at.startContainer)).toBe(true);
    harness.engine.setFocusMark(target);
    // No await: registered in the same task.
    const ranges = [...(registry.get('context-cards-mark-zuckerberg') ?? [])] as AbstractRange[];
    expect(ranges).toContain(target.at);
    expect(registry.get('context-cards-focus')?.has(target.at)).toBe(true);
  });

  it('takes a far mention registered by navigation out again when the page scrolls away without reaching it', async () => {
    const [, , third] = paragraphs([100, 10_000, 20_000]);
    const harness = await startEngine();
    const target = harness.engine.mentions()[2];
    if (target === undefined || third === undefined) throw new Error('setup');
    harness.engine.setFocusMark(target);
    harness.engine.setFocusMark(null);
    expect(marked(registry, 'mark-zuckerberg')).toHaveLength(2);
    // The page did not scroll to it (a container that does not scroll, a script that scrolled back):
    // the next scroll, which leaves it far away, takes its marks out.
    scrollPage(50);
    await harness.settle();
    const ranges = [...(registry.get('context-cards-mark-zuckerberg') ?? [])] as AbstractRange[];
    expect(ranges).toHaveLength(1);
    expect(third.contains(ranges[0]?.startContainer ?? null)).toBe(false);
    // Scrolling to it registers it again, from its known place.
    scrollPage(19_900);
    await harness.settle();
    const near = [...(registry.get('context-cards-mark-zuckerberg') ?? [])] as AbstractRange[];
    expect(near.some((r) => third.contains(r.startContainer))).toBe(true);
  });

  it('stops watching a block the page removed, and hit tests still find far marks through the index', async () => {
    const [, second] = paragraphs([100, 10_000]);
    const harness = await startEngine();
    second?.remove();
    await harness.settle();
    expect(harness.engine.mentions()).toHaveLength(1);
    // The removed block is out of the index: scrolling to where it was registers nothing of it.
    scrollPage(9_900);
    await harness.settle();
    expect(marked(registry, 'mark-zuckerberg')).toEqual([]);
    scrollPage(0);
    await harness.settle();
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg']);
  });

  it('observes a new block only until the browser first reports it, then keeps its place', () => {
    const [near, far] = paragraphs([100, 10_000]);
    if (near === undefined || far === undefined) throw new Error('setup');
    const seen: [Element, boolean][] = [];
    const watch = new NearWatch((changes) => {
      for (const [key, value] of changes) seen.push([key as Element, value]);
    });
    const io = FakeObserver.last;
    if (io === null) throw new Error('setup');
    expect(watch.watch(near)).toBe(false);
    expect(watch.watch(far)).toBe(false);
    expect(watch.pending).toBe(true);
    expect(io.observed.size).toBe(2);
    io.deliver([
      [near, true],
      [far, false],
    ]);
    expect(seen).toEqual([
      [near, true],
      [far, false],
    ]);
    expect(io.observed.size).toBe(0);
    expect(watch.pending).toBe(false);
    expect(watch.size).toBe(2);
    watch.unwatch(far);
    expect(watch.size).toBe(1);
    // Watched again, it is near or far at once, from its last known place.
    expect(watch.watch(far)).toBe(false);
    expect(watch.watch(near)).toBe(true);
    watch.dispose();
  });

  it('reads no box when the browser reports first, and settles only once every new block is reported', async () => {
    FakeObserver.auto = (el) => el.id === 'p0';
    const list = paragraphs([100, 10_000, 20_000]);
    list.forEach((p, i) => (p.id = `p${String(i)}`));
    let reads = 0;
    for (const p of list) {
      const box = p.getBoundingClientRect.bind(p);
      p.getBoundingClientRect = () => {
        reads++;
        return box();
      };
    }
    const harness = await startEngine();
    expect(reads).toBe(0);
    expect(harness.engine.busy).toBe(false);
    const ranges = [...(registry.get('context-cards-mark-zuckerberg') ?? [])] as AbstractRange[];
    expect(ranges).toHaveLength(1);
    expect(list[0]?.contains(ranges[0]?.startContainer ?? null)).toBe(true);
  });
});
