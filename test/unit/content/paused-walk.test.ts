// @vitest-environment happy-dom
/**
 * A block whose walk pauses at a slice's deadline gives the page time to change it before the
 * walk ends: blocks found before the pause, or the block itself, may have left the page.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BlockScanner } from '../../../src/content/engine/block-scanner.ts';
import { MarkStore } from '../../../src/content/engine/mark-store.ts';
import { textAt } from '../../../src/content/mention-range.ts';
import { marked, startEngine, useEnginePage, type Harness } from './harness.ts';

const registry = useEnginePage();
let harness: Harness | null = null;

afterEach(() => {
  vi.restoreAllMocks();
});

/** A block with a child block naming Scale AI, and enough inline nodes for its walk to pause. */
function longBlock(): { block: HTMLElement; child: HTMLElement } {
  const block = document.createElement('div');
  const child = document.createElement('div');
  child.textContent = 'Scale AI in a child block';
  block.append(child);
  for (let i = 0; i < 200; i++) {
    const span = document.createElement('span');
    span.textContent = `word ${i} `;
    block.append(span);
  }
  block.append(' and Mark Zuckerberg at the end');
  document.body.append(block);
  return { block, child };
}

/**
 * Makes the first walk of `block` pause at once and runs `change` as the page would between two
 * slices; the walk stays paused for a while, so the engine takes the page's mutation records
 * (and prunes what left the page) before the walk ends.
 */
function pauseOnce(block: HTMLElement, change: () => void): void {
  const step = BlockScanner.prototype.step;
  let state: 'before' | 'paused' | 'resumed' = 'before';
  vi.spyOn(BlockScanner.prototype, 'step').mockImplementation(function (this: BlockScanner, deadline: number) {
    if (this.current === block && state === 'before') {
      state = 'paused';
      expect(step.call(this, Number.NEGATIVE_INFINITY)).toBe(false);
      change();
      setTimeout(() => (state = 'resumed'), 250);
      return false;
    }
    if (this.current === block && state === 'paused') return false;
    return step.call(this, deadline);
  });
}

describe('a walk paused at a deadline', () => {
  it('does not read a child block the page removed meanwhile', async () => {
    const { block, child } = longBlock();
    pauseOnce(block, () => child.remove());
    harness = await startEngine();
    expect(child.isConnected).toBe(false);
    expect(marked(registry, 'scale-ai')).toEqual([]);
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg']);
    expect(harness.engine.counts().total).toBe(1);
  });

  it('keeps nothing of a block the page removed meanwhile', async () => {
    const { block } = longBlock();
    pauseOnce(block, () => block.remove());
    harness = await startEngine();
    expect(marked(registry, 'scale-ai')).toEqual([]);
    expect(marked(registry, 'mark-zuckerberg')).toEqual([]);
    expect(harness.engine.counts().total).toBe(0);
    expect(harness.engine.mentions()).toEqual([]);
  });

  it('reads a shadow root the page attached meanwhile to a block found before the pause', async () => {
    const { block, child } = longBlock();
    pauseOnce(block, () => {
      const root = child.attachShadow({ mode: 'open' });
      const p = document.createElement('p');
      p.textContent = 'Alexandr Wang in a shadow root';
      root.append(p);
    });
    harness = await startEngine();
    expect(marked(registry, 'alexandr-wang')).toEqual(['Alexandr Wang']);
    expect(marked(registry, 'scale-ai')).toEqual(['Scale AI']);
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg']);
  });

  it('still reads everything when the page changed nothing', async () => {
    const { block } = longBlock();
    pauseOnce(block, () => undefined);
    harness = await startEngine();
    expect(marked(registry, 'scale-ai')).toEqual(['Scale AI']);
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg']);
  });
  it('never lists or registers a mark read from text the page changed meanwhile (its static positions point elsewhere)', async () => {
    const { block } = longBlock();
    const first = document.createTextNode('Alexandr Wang said ');
    block.prepend(first);
    // What the engine lists and would register, each time it brings highlights up to date.
    const added: string[] = [];
    const paint = MarkStore.prototype.paint;
    vi.spyOn(MarkStore.prototype, 'paint').mockImplementation(function (this: MarkStore, deadline: number) {
      for (const mark of this.shown()) added.push(textAt(mark.at));
      return paint.call(this, deadline);
    });
    // Read before the pause; the old positions (0-13) would cover "Yesterday, Al".
    pauseOnce(block, () => (first.data = 'Yesterday, Alexandr Wang said '));
    harness = await startEngine();
    expect(added.filter((t) => t.includes('Wang'))).toContain('Alexandr Wang');
    expect(added.every((t) => ['Alexandr Wang', 'Scale AI', 'Mark Zuckerberg'].includes(t))).toBe(true);
    expect(marked(registry, 'alexandr-wang')).toEqual(['Alexandr Wang']);
    expect(harness.engine.counts().total).toBe(3);
  });
});
