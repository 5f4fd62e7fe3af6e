// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { liveRange, textAt } from '../../../src/content/mention-range.ts';
import { marked, startEngine, useEnginePage, type Harness } from './harness.ts';

const registry = useEnginePage();
let harness: Harness | null = null;

function para(text: string, id?: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  if (id !== undefined) p.id = id;
  return p;
}

describe('mutations', () => {
  it('marks content added later and reads only the new block', async () => {
    document.body.append(para('First: Zuckerberg.'), para('Second: nothing here.'));
    harness = await startEngine();
    harness.scanned.length = 0;
    document.body.append(para('Late: Alexandr Wang.'));
    await harness.settle();
    expect(marked(registry, 'alexandr-wang')).toEqual(['Alexandr Wang']);
    expect(harness.scanned).toEqual(['Late: Alexandr Wang.']);
  });

  it('rescans only the block whose text changed, once per batch', async () => {
    const target = para('Nothing yet.');
    document.body.append(para('Other: Zuckerberg.'), target, para('More text.'));
    harness = await startEngine();
    harness.scanned.length = 0;
    const text = target.firstChild as Text;
    for (let i = 0; i < 20; i++) text.data = `Edit ${i}: Scale AI`;
    await harness.settle();
    expect(harness.scanned).toEqual(['Edit 19: Scale AI']);
    expect(marked(registry, 'scale-ai')).toEqual(['Scale AI']);
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Zuckerberg']);
  });

  it('rejoins a run when inline content is inserted into it', async () => {
    const p = para('Mark Zucker');
    document.body.append(p);
    harness = await startEngine();
    expect(marked(registry, 'mark-zuckerberg')).toEqual([]);
    const b = document.createElement('b');
    b.textContent = 'berg';
    p.append(b);
    await harness.settle();
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg']);
  });

  it('drops the ranges of removed text', async () => {
    const gone = para('Gone: Mark Zuckerberg.');
    const stays = para('Stays: Zuckerberg.');
    const inline = document.createElement('span');
    inline.textContent = 'Scale AI';
    stays.append(' and ', inline);
    document.body.append(gone, stays);
    harness = await startEngine();
    const h = registry.get('context-cards-mark-zuckerberg');
    const removedRange = [...(h ?? [])].find((r) => textAt(r) === 'Mark Zuckerberg');
    expect(removedRange).toBeDefined();

    gone.remove();
    inline.remove();
    await harness.settle();
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Zuckerberg']);
    expect(h?.has(removedRange as AbstractRange)).toBe(false);
    expect(marked(registry, 'scale-ai')).toEqual([]);
    expect(harness.engine.counts().total).toBe(1);
  });

  it('follows text nodes the page keeps and edits', async () => {
    const p = para('Nothing.');
    document.body.append(p);
    const node = p.firstChild as Text;
    harness = await startEngine();
    node.data = 'Now Mark Zuckerberg.';
    await harness.settle();
    const range = [...(registry.get('context-cards-mark-zuckerberg') ?? [])][0] as AbstractRange;
    expect(range.startContainer).toBe(node);
    expect(p.firstChild).toBe(node);
    expect(p.childNodes).toHaveLength(1);
    node.data = 'Gone again.';
    await harness.settle();
    expect(marked(registry, 'mark-zuckerberg')).toEqual([]);
  });

  it('ignores our own card host: no rescan, no marks', async () => {
    document.body.append(para('Zuckerberg.'));
    harness = await startEngine();
    harness.scanned.length = 0;
    const host = document.createElement('context-cards-root');
    host.append(para('Mark Zuckerberg inside the card'));
    document.documentElement.append(host);
    await harness.settle();
    host.remove();
    await harness.settle();
    expect(harness.scanned).toEqual([]);
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Zuckerberg']);
  });

  it('drops marks of a subtree that becomes editable or aria-hidden, and brings them back', async () => {
    const box = document.createElement('div');
    box.append(para('In the box: Alexandr Wang.'));
    document.body.append(box, para('Outside: Scale AI.'));
    harness = await startEngine();
    expect(marked(registry, 'alexandr-wang')).toEqual(['Alexandr Wang']);
    box.setAttribute('contenteditable', 'true');
    await harness.settle();
    expect(marked(registry, 'alexandr-wang')).toEqual([]);
    box.removeAttribute('contenteditable');
    await harness.settle();
    expect(marked(registry, 'alexandr-wang')).toEqual(['Alexandr Wang']);
    box.setAttribute('aria-hidden', 'true');
    await harness.settle();
    expect(marked(registry, 'alexandr-wang')).toEqual([]);
    expect(marked(registry, 'scale-ai')).toEqual(['Scale AI']);
  });

  it('ignores typing inside editable content', async () => {
    const editor = document.createElement('div');
    editor.setAttribute('contenteditable', 'true');
    editor.append(para('Draft'));
    document.body.append(editor);
    harness = await startEngine();
    harness.scanned.length = 0;
    (editor.firstChild?.firstChild as Text).data = 'Draft about Mark Zuckerberg';
    await harness.settle();
    expect(harness.scanned).toEqual([]);
    expect(marked(registry, 'mark-zuckerberg')).toEqual([]);
  });

  it('covers shadow roots that arrive later and changes inside them', async () => {
    harness = await startEngine();
    const host = document.createElement('x-card');
    const root = host.attachShadow({ mode: 'open' });
    const inner = para('Shadow: Scale AI.');
    root.append(inner);
    document.body.append(host);
    await harness.settle();
    expect(marked(registry, 'scale-ai')).toEqual(['Scale AI']);
    harness.scanned.length = 0;
    (inner.firstChild as Text).data = 'Shadow: Zuckerberg.';
    await harness.settle();
    expect(harness.scanned).toEqual(['Shadow: Zuckerberg.']);
    expect(marked(registry, 'scale-ai')).toEqual([]);
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Zuckerberg']);
  });

  it('keeps marks of a moved block without reading it again', async () => {
    const moving = para('Moving: Zuckerberg.');
    const a = document.createElement('section');
    const b = document.createElement('section');
    a.append(moving);
    document.body.append(a, b);
    harness = await startEngine();
    const before = [...(registry.get('context-cards-mark-zuckerberg') ?? [])];
    b.append(moving);
    await harness.settle();
    const after = [...(registry.get('context-cards-mark-zuckerberg') ?? [])];
    expect(after.map((r) => textAt(r))).toEqual(['Zuckerberg']);
    expect(after[0]).toBe(before[0]);
  });
  describe('marks keep static positions', () => {
    it('takes a mark out before the next frame when the page edits its text, then marks the new text', async () => {
      const p = para('Mark Zuckerberg spoke.');
      document.body.append(p);
      harness = await startEngine();
      const node = p.firstChild as Text;
      const [mention] = harness.engine.mentions();
      if (mention === undefined) throw new Error('setup');
      expect(mention.at).toBeInstanceOf(StaticRange);
      harness.engine.setFocusMark(mention);
      expect(registry.get('context-cards-focus')?.size).toBe(1);
      // The old positions (0-15) would now cover "Then Mark Zuck".
      node.data = 'Then Mark Zuckerberg spoke.';
      // The observer's callback, a microtask: no frame and no slice of the engine ran yet.
      await Promise.resolve();
      expect(marked(registry, 'mark-zuckerberg')).toEqual([]);
      expect(registry.get('context-cards-focus')?.size).toBe(0);
      expect(harness.engine.counts().total).toBe(0);
      expect(harness.engine.mentions()).toEqual([]);
      expect(harness.engine.stats.registered).toBe(1); // the figure of the last settled pass
      expect(mention.current).toBe(false);
      expect(liveRange(mention)).toBeNull();
      // A card asking for it (setFocusMark from navigation) gets no focus mark at the old place.
      harness.engine.setFocusMark(mention);
      expect(registry.get('context-cards-focus')?.size ?? 0).toBe(0);
      await harness.settle();
      const ranges = [...(registry.get('context-cards-mark-zuckerberg') ?? [])];
      expect(ranges.map((r) => [textAt(r), r.startOffset])).toEqual([['Mark Zuckerberg', 5]]);
      expect(harness.engine.counts().total).toBe(1);
      expect(harness.engine.stats.registered).toBe(1);
      const [again] = harness.engine.mentions();
      expect(again?.current).toBe(true);
      expect(liveRange(again ?? mention)?.toString()).toBe('Mark Zuckerberg');
    });

    it('keeps the marks of other text nodes of the block while one changes (a clock beside a name)', async () => {
      const p = document.createElement('p');
      const clock = document.createElement('span');
      clock.textContent = '12:00:00';
      p.append('Alexandr Wang at ', clock, ' with Mark Zuckerberg.');
      document.body.append(p);
      harness = await startEngine();
      const before = [...(registry.get('context-cards-mark-zuckerberg') ?? [])];
      (clock.firstChild as Text).data = '12:00:01';
      await Promise.resolve();
      expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg']);
      expect(marked(registry, 'alexandr-wang')).toEqual(['Alexandr Wang']);
      expect(harness.engine.counts().total).toBe(2);
      await harness.settle();
      // Read again: the same positions, the same objects.
      expect([...(registry.get('context-cards-mark-zuckerberg') ?? [])]).toEqual(before);
      expect(harness.engine.counts().total).toBe(2);
    });

    it('forgets a mark whose text the page removed, and never lists it', async () => {
      const p = para('Scale AI and Mark Zuckerberg.');
      document.body.append(p);
      harness = await startEngine();
      const node = p.firstChild as Text;
      node.replaceData(0, 13, '');
      await Promise.resolve();
      expect(marked(registry, 'scale-ai')).toEqual([]);
      expect(harness.engine.mentions().map((m) => m.entityId)).toEqual([]);
      await harness.settle();
      expect(marked(registry, 'scale-ai')).toEqual([]);
      expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg']);
      expect(harness.engine.counts().total).toBe(1);
    });
  });
});
