// @vitest-environment happy-dom
/**
 * Faults a page can cause in the content script's own objects: a page that empties or overwrites
 * the highlight registry, and a page that sends the "newer copy takes over" event.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../src/shared/browser.ts', () => ({ browser: { runtime: { id: 'context-cards-test' } } }));

const { REGISTRY_CHECK_MS } = await import('../../../src/content/engine/constants.ts');
const { DocumentHighlights, HIGHLIGHT_PREFIX, FOCUS_HIGHLIGHT } =
  await import('../../../src/content/engine/highlights.ts');
const { claimPage, extensionAlive, TAKEOVER_EVENT } = await import('../../../src/content/guard.ts');

class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
}

function environment(): {
  registry: Map<string, FakeHighlight>;
  env: { registry: HighlightRegistry; create: () => Highlight };
} {
  const registry = new Map<string, FakeHighlight>();
  return {
    registry,
    env: {
      registry: registry as unknown as HighlightRegistry,
      create: () => new FakeHighlight() as unknown as Highlight,
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('a page that empties the highlight registry', () => {
  it('gets our highlights back within a second, and the same objects with their ranges', () => {
    vi.useFakeTimers();
    const { registry, env } = environment();
    const highlights = new DocumentHighlights(env);
    const range = document.createRange();
    highlights.of('meta').add(range);
    highlights.setFocus(range);
    const meta = registry.get(`${HIGHLIGHT_PREFIX}meta`);
    registry.clear();
    expect(REGISTRY_CHECK_MS).toBeLessThanOrEqual(1000);
    vi.advanceTimersByTime(REGISTRY_CHECK_MS);
    expect(registry.get(`${HIGHLIGHT_PREFIX}meta`)).toBe(meta);
    expect([...(meta ?? [])]).toEqual([range]);
    expect(registry.has(FOCUS_HIGHLIGHT)).toBe(true);
    expect(highlights.restored).toBe(2);
    highlights.dispose();
  });

  it('takes its name back from a highlight the page put in its place', () => {
    const { registry, env } = environment();
    const highlights = new DocumentHighlights(env);
    const ours = highlights.of('llama');
    registry.set(`${HIGHLIGHT_PREFIX}llama`, new FakeHighlight());
    expect(highlights.restore()).toBe(1);
    expect(registry.get(`${HIGHLIGHT_PREFIX}llama`)).toBe(ours);
    expect(highlights.restore()).toBe(0);
    highlights.dispose();
  });

  it('stops checking once disposed, and survives a registry that throws', () => {
    vi.useFakeTimers();
    const { registry, env } = environment();
    const highlights = new DocumentHighlights(env);
    highlights.of('meta');
    highlights.dispose();
    expect(registry.size).toBe(0);
    vi.advanceTimersByTime(10 * REGISTRY_CHECK_MS);
    expect(registry.size).toBe(0);

    let failing = true;
    const broken = new DocumentHighlights({
      registry: {
        set: () => undefined,
        delete: () => true,
        get: () => {
          if (failing) throw new Error('page: get is off');
          return undefined;
        },
      } as unknown as HighlightRegistry,
      create: () => new FakeHighlight() as unknown as Highlight,
    });
    broken.of('meta');
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    expect(() => broken.restore()).not.toThrow();
    expect(debug).toHaveBeenCalledOnce();
    failing = false;
    broken.dispose();
    debug.mockRestore();
  });
});

describe('a page that sends the takeover event', () => {
  it('is ignored while our extension is alive; an orphaned copy stands down', () => {
    const scope = globalThis as Record<symbol, unknown>;
    const loaded = Symbol.for('context-cards/content-script');
    expect(extensionAlive()).toBe(true);

    let alive = true;
    const signal = claimPage(() => alive);
    expect(signal).not.toBeNull();
    // A second copy in the same world does not start.
    expect(claimPage(() => true)).toBeNull();
    document.dispatchEvent(new CustomEvent(TAKEOVER_EVENT));
    expect(signal?.aborted).toBe(false);
    // The extension was updated under this copy: the next takeover ends it.
    alive = false;
    document.dispatchEvent(new CustomEvent(TAKEOVER_EVENT));
    expect(signal?.aborted).toBe(true);
    expect(scope[loaded]).toBe(false);
  });
});
