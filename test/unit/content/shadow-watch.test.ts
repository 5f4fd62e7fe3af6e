// @vitest-environment happy-dom
/**
 * Web components that attach their shadow root after the engine read the page: no mutation
 * record reports it, so custom elements read without one are checked for a while.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SHADOW_CHECK_MS, SHADOW_CHECKS, SHADOW_WATCH_MAX } from '../../../src/content/engine/constants.ts';
import { ShadowWatch } from '../../../src/content/engine/shadow-watch.ts';
import { marked, startEngine, useEnginePage, type Harness } from './harness.ts';

const registry = useEnginePage();
let harness: Harness | null = null;

afterEach(() => {
  vi.useRealTimers();
});

/** A watch on fake timers, with a spy for the hosts it hands back. */
function fakeTimedWatch(): { attached: ReturnType<typeof vi.fn>; controller: AbortController; watch: ShadowWatch } {
  vi.useFakeTimers();
  const attached = vi.fn();
  const controller = new AbortController();
  return { attached, controller, watch: new ShadowWatch(attached, controller.signal) };
}

describe('ShadowWatch', () => {
  it('hands back a host once it has a shadow root, then stops checking it', () => {
    const { attached, controller, watch } = fakeTimedWatch();
    const host = document.createElement('x-late');
    const gone = document.createElement('x-gone');
    document.body.append(host, gone);
    watch.add(host);
    watch.add(gone);
    watch.add(host);
    expect(watch.size).toBe(2);
    vi.advanceTimersByTime(SHADOW_CHECK_MS);
    expect(attached).not.toHaveBeenCalled();
    gone.remove();
    host.attachShadow({ mode: 'open' });
    vi.advanceTimersByTime(SHADOW_CHECK_MS);
    expect(attached).toHaveBeenCalledExactlyOnceWith(host);
    expect(watch.size).toBe(0);
    controller.abort();
  });

  it('gives up after its checks, watches a bounded number of hosts, and stops when aborted', () => {
    const { attached, controller, watch } = fakeTimedWatch();
    const hosts = Array.from({ length: SHADOW_WATCH_MAX + 10 }, () => document.createElement('x-many'));
    document.body.append(...hosts);
    for (const host of hosts) watch.add(host);
    expect(watch.size).toBe(SHADOW_WATCH_MAX);
    vi.advanceTimersByTime(SHADOW_CHECK_MS * SHADOW_CHECKS);
    expect(watch.size).toBe(0);
    hosts[0]?.attachShadow({ mode: 'open' });
    vi.advanceTimersByTime(SHADOW_CHECK_MS * 3);
    expect(attached).not.toHaveBeenCalled();
    controller.abort();
    watch.add(document.createElement('x-after'));
    expect(watch.size).toBe(0);
  });
});

describe('ShadowWatch renewal', () => {
  it('renews its checks when another host is added, so the first one is still checked', () => {
    const { attached, controller, watch } = fakeTimedWatch();
    const first = document.createElement('x-first');
    const second = document.createElement('x-second');
    document.body.append(first, second);
    watch.add(first);
    vi.advanceTimersByTime(SHADOW_CHECK_MS * (SHADOW_CHECKS - 1));
    watch.add(second);
    vi.advanceTimersByTime(SHADOW_CHECK_MS * (SHADOW_CHECKS - 1));
    expect(watch.size).toBe(2);
    first.attachShadow({ mode: 'open' });
    vi.advanceTimersByTime(SHADOW_CHECK_MS);
    expect(attached).toHaveBeenCalledExactlyOnceWith(first);
    controller.abort();
  });
});

describe('the engine and late shadow roots', () => {
  it('reads a shadow root attached after the first read, without marking the host’s light text twice', async () => {
    const p = document.createElement('p');
    const host = document.createElement('x-profile');
    host.textContent = 'Scale AI';
    p.append('Card: ', host, ' (light text)');
    document.body.append(p);
    harness = await startEngine();
    expect(marked(registry, 'scale-ai')).toEqual(['Scale AI']);
    const root = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('p');
    inner.textContent = 'Inside: Mark Zuckerberg';
    root.append(inner);
    await new Promise((r) => setTimeout(r, SHADOW_CHECK_MS + 100));
    await harness.settle();
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg']);
    expect(marked(registry, 'scale-ai')).toEqual(['Scale AI']);
    // Changes inside the new tree are followed too.
    (inner.firstChild as Text).data = 'Inside: Alexandr Wang';
    await harness.settle();
    expect(marked(registry, 'mark-zuckerberg')).toEqual([]);
    expect(marked(registry, 'alexandr-wang')).toEqual(['Alexandr Wang']);
  });
});
