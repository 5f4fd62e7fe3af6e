// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
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
    const removedRange = [...(h ?? [])].find((r) => (r as Range).toString() === 'Mark Zuckerberg');
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
    const range = [...(registry.get('context-cards-mark-zuckerberg') ?? [])][0] as Range;
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
    expect(after.map((r) => (r as Range).toString())).toEqual(['Zuckerberg']);
    expect(after[0]).toBe(before[0]);
  });
});
