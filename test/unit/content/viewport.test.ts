// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boxIsNear, NEAR_MARGIN_SCREENS } from '../../../src/content/engine/viewport.ts';
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
  /** Reports elements as near (intersecting the margin) or not. */
  deliver(changes: readonly (readonly [Element, boolean])[]): void {
    const box = { top: 0, bottom: 20, left: 0, right: 100, width: 100, height: 20, x: 0, y: 0 } as DOMRectReadOnly;
    this.callback(
      changes.map(
        ([target, near]) => ({ target, isIntersecting: near, boundingClientRect: box }) as IntersectionObserverEntry,
      ),
      this,
    );
  }
}

const HEIGHT = 800;
let originalObserver: unknown;

beforeEach(() => {
  originalObserver = (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver;
  Object.defineProperty(globalThis, 'IntersectionObserver', {
    value: FakeObserver,
    configurable: true,
    writable: true,
  });
  Object.defineProperty(window, 'innerHeight', { value: HEIGHT, configurable: true });
  Object.defineProperty(window, 'innerWidth', { value: 1200, configurable: true });
});

afterEach(() => {
  FakeObserver.auto = null;
  Object.defineProperty(globalThis, 'IntersectionObserver', {
    value: originalObserver,
    configurable: true,
    writable: true,
  });
});

/** Paragraphs naming Zuckerberg, each given a box `top` px down the page (happy-dom does no layout). */
function paragraphs(tops: readonly number[]): HTMLParagraphElement[] {
  return tops.map((top, i) => {
    const p = document.createElement('p');
    p.textContent = `Paragraph ${String(i)}: Mark Zuckerberg spoke.`;
    p.getBoundingClientRect = () =>
      ({ top, bottom: top + 20, left: 0, right: 600, width: 600, height: 20, x: 0, y: top }) as DOMRect;
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
    const range = [...(registry.get('context-cards-mark-zuckerberg') ?? [])][0] as Range;
    expect(near?.contains(range.startContainer)).toBe(true);
    // Every block with marks is watched, near or not.
    expect(FakeObserver.last?.observed.size).toBe(3);
    expect(far).toBeDefined();
    // The margin: window heights above and below.
    expect(String(FakeObserver.last?.init.rootMargin)).toContain(`${String(NEAR_MARGIN_SCREENS * 100)}%`);
  });

  it('registers a block as it comes near and takes it out as it goes away, in one publication', async () => {
    const [first, second, third] = paragraphs([100, 10_000, 20_000]);
    const harness = await startEngine();
    const io = FakeObserver.last;
    if (io === null || first === undefined || second === undefined || third === undefined) throw new Error('setup');
    const before = harness.engine.stats.publishes;
    io.deliver([
      [first, false],
      [second, true],
      [third, true],
    ]);
    await harness.settle();
    const ranges = [...(registry.get('context-cards-mark-zuckerberg') ?? [])] as Range[];
    expect(ranges).toHaveLength(2);
    expect(ranges.every((r) => !first.contains(r.startContainer))).toBe(true);
    expect(harness.engine.stats.publishes - before).toBe(1);
    expect(harness.engine.mentions()).toHaveLength(3);
  });

  it('registers a far mention at once when navigation focuses it (before any scroll or frame)', async () => {
    const [, , third] = paragraphs([100, 10_000, 20_000]);
    const harness = await startEngine();
    const target = harness.engine.mentions()[2];
    if (target === undefined || third === undefined) throw new Error('setup');
    expect(third.contains(target.range.startContainer)).toBe(true);
    harness.engine.setFocusMark(target);
    // No await: registered in the same task.
    const ranges = [...(registry.get('context-cards-mark-zuckerberg') ?? [])] as Range[];
    expect(ranges).toContain(target.range);
    expect(registry.get('context-cards-focus')?.has(target.range)).toBe(true);
  });

  it('stops watching a block the page removed, and hit tests still find far marks through the index', async () => {
    const [, second] = paragraphs([100, 10_000]);
    const harness = await startEngine();
    expect(FakeObserver.last?.observed.size).toBe(2);
    second?.remove();
    await harness.settle();
    expect(harness.engine.mentions()).toHaveLength(1);
    expect(FakeObserver.last?.observed.size).toBe(1);
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
    const ranges = [...(registry.get('context-cards-mark-zuckerberg') ?? [])] as Range[];
    expect(ranges).toHaveLength(1);
    expect(list[0]?.contains(ranges[0]?.startContainer ?? null)).toBe(true);
  });
});
