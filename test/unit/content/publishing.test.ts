// @vitest-environment happy-dom
/**
 * What the page engine costs a page that has nothing to mark, and how its highlight changes reach
 * the page: the marks' stylesheet is adopted only once a first mark is shown, and highlight
 * changes are staged and published together (each publication costs the browser a repaint).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MAX_STYLED_TAGS,
  PUBLISH_FIRST_INTERVAL_MS,
  PUBLISH_MAX_INTERVAL_MS,
} from '../../../src/content/engine/constants.ts';
import { DocumentHighlights, HIGHLIGHT_PREFIX } from '../../../src/content/engine/highlights.ts';
import { DocumentStyles, type MarkTargets } from '../../../src/content/engine/mark-styles.ts';
import { FakeHighlight, marked, startEngine, useEnginePage, type Harness } from './harness.ts';

const registry = useEnginePage();
let harness: Harness | null = null;

beforeEach(() => {
  document.adoptedStyleSheets = [];
});

function paragraphs(texts: readonly string[]): void {
  for (const text of texts) {
    const p = document.createElement('p');
    p.textContent = text;
    document.body.append(p);
  }
}

function fakeEnvironment(): {
  registry: Map<string, FakeHighlight>;
  env: { registry: HighlightRegistry; create: () => Highlight };
} {
  const map = new Map<string, FakeHighlight>();
  return {
    registry: map,
    env: { registry: map as unknown as HighlightRegistry, create: () => new FakeHighlight() as unknown as Highlight },
  };
}

describe('a page without any mention', () => {
  it('gets no stylesheet and no highlight', async () => {
    const own = new CSSStyleSheet();
    document.adoptedStyleSheets = [own];
    paragraphs(['Nothing here is about anyone we know.', 'Neither is this paragraph.']);
    harness = await startEngine();
    expect(registry.size).toBe(0);
    expect(document.adoptedStyleSheets).toEqual([own]);
    expect(harness.engine.stats.publishes).toBe(0);
  });

  it('adopts the stylesheet when the first mention appears, keeping the page’s own sheets', async () => {
    const own = new CSSStyleSheet();
    document.adoptedStyleSheets = [own];
    paragraphs(['Nothing to see.']);
    harness = await startEngine();
    expect(document.adoptedStyleSheets).toHaveLength(1);
    paragraphs(['Then Mark Zuckerberg spoke.']);
    await harness.settle();
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg']);
    expect(document.adoptedStyleSheets).toHaveLength(2);
    expect(document.adoptedStyleSheets[0]).toBe(own);
    expect(document.adoptedStyleSheets[1]?.cssRules.length).toBeGreaterThan(0);
    harness.controller.abort();
    harness = null;
    expect(document.adoptedStyleSheets).toEqual([own]);
    expect(registry.size).toBe(0);
  });
});

describe('the "none" mark style', () => {
  it('adopts no stylesheet for marks nobody sees, and adopts it when a visible style is chosen', async () => {
    paragraphs(['Then Mark Zuckerberg spoke.']);
    harness = await startEngine({ markStyle: 'none' });
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg']);
    expect(document.adoptedStyleSheets).toHaveLength(0);
    harness.engine.applySettings({ markStyle: 'underline', hiddenEntities: [], firstMentionOnly: false });
    await harness.settle();
    expect(document.adoptedStyleSheets).toHaveLength(1);
  });

  it('brings the rules up to date before showing the focus mark', async () => {
    paragraphs(['Then Mark Zuckerberg spoke.']);
    harness = await startEngine();
    const sync = vi.spyOn(DocumentStyles.prototype, 'sync');
    const [mention] = harness.engine.mentions();
    harness.engine.setFocusMark(mention ?? null);
    expect(sync).toHaveBeenCalled();
    sync.mockRestore();
  });

  it('adopts it for the keyboard focus mark', async () => {
    paragraphs(['Then Mark Zuckerberg spoke.']);
    harness = await startEngine({ markStyle: 'none' });
    const [mention] = harness.engine.mentions();
    expect(mention).toBeDefined();
    harness.engine.setFocusMark(mention ?? null);
    expect(document.adoptedStyleSheets).toHaveLength(1);
    expect(registry.has('context-cards-focus')).toBe(true);
  });
});

describe('publishing highlight changes', () => {
  it('publishes a pass of many blocks at once', async () => {
    paragraphs(['Mark Zuckerberg opened.']);
    harness = await startEngine();
    const before = harness.engine.stats.publishes;
    expect(before).toBe(1);
    paragraphs(Array.from({ length: 200 }, (_, i) => `Item ${i}: Scale AI and Mark Zuckerberg.`));
    // A clock that barely moves: the pass stays within the first publication interval however busy the machine is.
    let now = performance.now();
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 0.01));
    try {
      await harness.settle();
    } finally {
      clock.mockRestore();
    }
    expect(marked(registry, 'scale-ai')).toHaveLength(200);
    expect(marked(registry, 'mark-zuckerberg')).toHaveLength(201);
    // One publication for the whole pass.
    expect(harness.engine.stats.publishes - before).toBe(1);
  });

  it('publishes on a timer during a long pass, with growing intervals', async () => {
    paragraphs(Array.from({ length: 400 }, (_, i) => `Row ${i} names Scale AI.`));
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 10));
    try {
      harness = await startEngine();
    } finally {
      clock.mockRestore();
    }
    expect(marked(registry, 'scale-ai')).toHaveLength(400);
    const { publishes, slices, firstIdleMs } = harness.engine.stats;
    // The pass ran (by this clock) at least ten first intervals: a fixed interval would publish
    // ten times or more; doubling ones (250, 500, 1000, 2000, 2000 ms, ...) far fewer.
    expect(firstIdleMs).toBeGreaterThan(10 * PUBLISH_FIRST_INTERVAL_MS);
    expect(slices).toBeGreaterThan(20);
    expect(publishes).toBeGreaterThan(2);
    const doubling = 2 + Math.ceil((firstIdleMs - 3 * PUBLISH_FIRST_INTERVAL_MS) / PUBLISH_MAX_INTERVAL_MS) + 2;
    expect(publishes).toBeLessThanOrEqual(doubling);
    expect(publishes).toBeLessThan(firstIdleMs / PUBLISH_FIRST_INTERVAL_MS / 2);
  });

  it('waits the first interval in a pass that starts after the page was quiet (no flicker of removed marks)', async () => {
    paragraphs(Array.from({ length: 30 }, (_, i) => `Old ${i}: Scale AI.`));
    harness = await startEngine();
    const h = harness;
    expect(marked(registry, 'scale-ai')).toHaveLength(30);
    let now = performance.now();
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 1));
    const snapshots: number[] = [];
    const original = DocumentHighlights.prototype.commit;
    const spy = vi.spyOn(DocumentHighlights.prototype, 'commit').mockImplementation(function (
      this: DocumentHighlights,
    ) {
      const changed = original.call(this);
      if (changed > 0) snapshots.push(marked(registry, 'scale-ai').length);
      return changed;
    });
    try {
      // The page was quiet for a while, then re-renders its list.
      now += 5_000;
      const before = h.engine.stats.slices;
      document.body.replaceChildren();
      paragraphs(Array.from({ length: 100 }, (_, i) => `New ${i}: Scale AI.`));
      await h.settle();
      expect(h.engine.stats.slices - before).toBeGreaterThanOrEqual(3);
    } finally {
      spy.mockRestore();
      clock.mockRestore();
    }
    // One publication: the old marks went and the new came in the same frame.
    expect(snapshots).toEqual([100]);
  });

  it('removes ranges of text that left the page in the same publication as it adds new ones', async () => {
    paragraphs(['Scale AI one.', 'Scale AI two.']);
    harness = await startEngine();
    expect(marked(registry, 'scale-ai')).toEqual(['Scale AI', 'Scale AI']);
    const before = harness.engine.stats.publishes;
    document.body.firstElementChild?.remove();
    paragraphs(['Yann? No: Mark Zuckerberg.']);
    await harness.settle();
    expect(marked(registry, 'scale-ai')).toEqual(['Scale AI']);
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg']);
    expect(harness.engine.stats.publishes - before).toBe(1);
  });
});

describe('DocumentHighlights staging', () => {
  it('changes nothing in the registry until commit, and the last change of a range wins', () => {
    const { registry: map, env } = fakeEnvironment();
    const first = vi.fn();
    const highlights = new DocumentHighlights(env, first);
    const a = document.createRange();
    const b = document.createRange();
    highlights.stage('meta', a, true);
    highlights.stage('meta', b, true);
    highlights.stage('meta', b, false);
    expect(highlights.pending).toBe(true);
    expect(map.size).toBe(0);
    expect(first).not.toHaveBeenCalled();
    expect(highlights.commit()).toBe(1);
    expect(highlights.pending).toBe(false);
    expect(first).toHaveBeenCalledOnce();
    expect([...(map.get(`${HIGHLIGHT_PREFIX}meta`) ?? [])]).toEqual([a]);
    highlights.stage('meta', a, false);
    expect(map.get(`${HIGHLIGHT_PREFIX}meta`)?.size).toBe(1);
    expect(highlights.commit()).toBe(1);
    expect(map.get(`${HIGHLIGHT_PREFIX}meta`)?.size).toBe(0);
    expect(highlights.commit()).toBe(0);
    expect(highlights.commits).toBe(2);
    expect(first).toHaveBeenCalledOnce();
    highlights.dispose();
  });

  it('registers nothing for a removal alone, and drops staged changes when disposed', () => {
    const { registry: map, env } = fakeEnvironment();
    const first = vi.fn();
    const highlights = new DocumentHighlights(env, first);
    highlights.stage('llama', document.createRange(), false);
    expect(highlights.commit()).toBe(0);
    expect(map.size).toBe(0);
    expect(first).not.toHaveBeenCalled();
    highlights.stage('llama', document.createRange(), true);
    highlights.dispose();
    expect(highlights.commit()).toBe(0);
    expect(map.size).toBe(0);
  });

  it('treats the focus mark as a first use too, and survives a listener that throws', () => {
    const { registry: map, env } = fakeEnvironment();
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const highlights = new DocumentHighlights(env, () => {
      throw new Error('listener failure for the test');
    });
    expect(() => highlights.setFocus(document.createRange())).not.toThrow();
    expect(map.size).toBe(1);
    expect(debug).toHaveBeenCalledOnce();
    debug.mockRestore();
    highlights.dispose();
  });
});

describe('DocumentStyles', () => {
  it('builds its rules for the tags that hold marked text, growing them when highlights are published', () => {
    const build = vi.fn((tags: MarkTargets) => `/* ${typeof tags === 'function' ? '' : tags.join(' ')} */`);
    const styles = new DocumentStyles(document, build);
    styles.addTags(['p', 'b']);
    expect(build).not.toHaveBeenCalled();
    styles.activate();
    expect(build).toHaveBeenLastCalledWith(['b', 'p']);
    styles.addTags(['p', 'li']);
    expect(build).toHaveBeenCalledTimes(1);
    styles.sync();
    expect(build).toHaveBeenLastCalledWith(['b', 'li', 'p']);
    styles.sync();
    styles.addTags(['b']);
    styles.sync();
    expect(build).toHaveBeenCalledTimes(2);
    // Past MAX_STYLED_TAGS, every element: and then new tags change nothing.
    expect(MAX_STYLED_TAGS).toBe(3);
    styles.addTags(['td']);
    styles.sync();
    expect(build).toHaveBeenLastCalledWith(['*']);
    styles.addTags(['h2', 'em']);
    styles.sync();
    expect(build).toHaveBeenCalledTimes(3);
    styles.dispose();
  });

  it('gets the tags of every text node of a mention from the engine', async () => {
    const addTags = vi.spyOn(DocumentStyles.prototype, 'addTags');
    const p = document.createElement('p');
    const b = document.createElement('b');
    b.textContent = 'Mark';
    const a = document.createElement('a');
    const span = document.createElement('span');
    span.textContent = 'berg';
    a.append('Zucker', span);
    p.append('Then ', b, ' ', a, ' spoke.');
    document.body.append(p);
    harness = await startEngine();
    const seen = new Set(addTags.mock.calls.flatMap(([tags]) => [...tags]));
    expect([...seen].sort()).toEqual(['a', 'b', 'p', 'span']);
    addTags.mockRestore();
  });

  it('parses no sheet before activation, and activates with the latest rules', () => {
    const styles = new DocumentStyles(document, () => '::highlight(context-cards-meta) { color: red; }');
    // Plain selectors: the DOM test environment drops rules for pseudo-elements it does not know.
    styles.update(() => 'p { color: blue; }\nh1 { color: green; }');
    expect(document.adoptedStyleSheets).toHaveLength(0);
    styles.activate();
    const [sheet] = document.adoptedStyleSheets;
    expect(sheet?.cssRules).toHaveLength(2);
    expect(sheet?.cssRules[0]?.cssText).toContain('blue');
    styles.dispose();
  });

  it('adopts into trees seen before activation only once activated, and into later ones at once', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const styles = new DocumentStyles(document, () => '::highlight(context-cards-meta) { color: red; }');
    styles.adopt(root);
    expect(styles.isActive).toBe(false);
    expect(document.adoptedStyleSheets).toHaveLength(0);
    expect(root.adoptedStyleSheets).toHaveLength(0);
    styles.activate();
    expect(document.adoptedStyleSheets).toHaveLength(1);
    expect(root.adoptedStyleSheets).toHaveLength(1);
    const later = document.createElement('div').attachShadow({ mode: 'open' });
    styles.adopt(later);
    expect(later.adoptedStyleSheets).toHaveLength(1);
    styles.dispose();
    expect(document.adoptedStyleSheets).toHaveLength(0);
    expect(root.adoptedStyleSheets).toHaveLength(0);
  });
});
