// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { MAX_MARKS } from '../../../src/content/engine/constants.ts';
import { textAt } from '../../../src/content/mention-range.ts';
import { marked, startEngine, useEnginePage, type Harness } from './harness.ts';

const registry = useEnginePage();
let harness: Harness | null = null;

/** Appends parsed fixture markup to the body. */
function html(markup: string): void {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${markup}</body>`, 'text/html');
  for (const node of [...parsed.body.childNodes]) document.body.append(document.importNode(node, true));
}

describe('reading blocks', () => {
  it('joins a name split across inline elements and maps it back to the text nodes', async () => {
    html('<p id="p">Then <b>Mark</b> <a href="#">Zucker<span>berg</span></a> spoke.</p>');
    const p = document.getElementById('p');
    const before = [...(p?.childNodes ?? [])];
    harness = await startEngine();
    const h = registry.get('context-cards-mark-zuckerberg');
    expect(h?.size).toBe(1);
    const range = [...(h ?? [])][0] as AbstractRange;
    expect(range).toBeInstanceOf(StaticRange);
    expect(textAt(range)).toBe('Mark Zuckerberg');
    expect(range.startContainer.nodeValue).toBe('Mark');
    expect(range.startOffset).toBe(0);
    expect(range.endContainer.nodeValue).toBe('berg');
    expect(range.endOffset).toBe(4);
    // Nothing was wrapped, split or merged.
    expect([...(p?.childNodes ?? [])]).toEqual(before);
    expect(p?.outerHTML).toBe('<p id="p">Then <b>Mark</b> <a href="#">Zucker<span>berg</span></a> spoke.</p>');
  });

  it('maps offsets inside a later text node of the run', async () => {
    html('<p>Intro <i>text</i> then Mark Zuckerberg left</p>');
    harness = await startEngine();
    const range = [...(registry.get('context-cards-mark-zuckerberg') ?? [])][0] as AbstractRange;
    expect(range.startContainer.nodeValue).toBe(' then Mark Zuckerberg left');
    expect(range.startOffset).toBe(6);
    expect(range.endOffset).toBe(21);
  });

  it('does not join text across block elements or line breaks', async () => {
    html('<div><p>Alexandr</p><p>Wang</p></div><p>Mark<br>Zuckerberg</p>');
    harness = await startEngine();
    expect(marked(registry, 'alexandr-wang')).toEqual([]);
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Zuckerberg']);
  });

  it('skips code, form fields, scripts, hidden and editable content and our own UI', async () => {
    html(`
      <p>Visible: Mark Zuckerberg</p>
      <script>var s = "Mark Zuckerberg";</script>
      <style>/* Mark Zuckerberg */</style>
      <noscript>Mark Zuckerberg</noscript>
      <template><p>Mark Zuckerberg</p></template>
      <textarea>Mark Zuckerberg</textarea>
      <select><option>Mark Zuckerberg</option></select>
      <code>Mark Zuckerberg</code>
      <div contenteditable="true"><p>Mark Zuckerberg</p></div>
      <div contenteditable=""><span>Mark Zuckerberg</span></div>
      <div aria-hidden="true"><p>Mark <b>Zuckerberg</b></p></div>
      <div hidden>Mark Zuckerberg</div>
      <context-cards-root>Mark Zuckerberg</context-cards-root>
      <div contenteditable="false"><p>Also visible: Zuckerberg</p></div>`);
    harness = await startEngine();
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg', 'Zuckerberg']);
  });

  it('marks text in open shadow roots', async () => {
    html('<div id="host"></div>');
    const root = document.getElementById('host')?.attachShadow({ mode: 'open' });
    const p = document.createElement('p');
    p.textContent = 'In the shadow: Alexandr Wang';
    root?.append(p);
    harness = await startEngine();
    const ranges = [...(registry.get('context-cards-alexandr-wang') ?? [])];
    expect(ranges.map((r) => textAt(r))).toEqual(['Alexandr Wang']);
    expect(ranges[0]?.startContainer.getRootNode()).toBe(root);
  });

  it('promotes deferred mentions once the page has a strong mention, and demotes them when it goes', async () => {
    html('<p>Wang said hello.</p><p>Wang again.</p>');
    harness = await startEngine();
    expect(marked(registry, 'alexandr-wang')).toEqual([]);
    expect(harness.engine.counts().total).toBe(0);

    html('<p id="strong">Alexandr Wang runs the lab.</p>');
    await harness.settle();
    expect(marked(registry, 'alexandr-wang').sort()).toEqual(['Alexandr Wang', 'Wang', 'Wang']);
    expect(harness.engine.counts()).toEqual({ counts: [{ entityId: 'alexandr-wang', count: 3 }], total: 3 });

    document.getElementById('strong')?.remove();
    await harness.settle();
    expect(marked(registry, 'alexandr-wang')).toEqual([]);
    expect(harness.engine.counts().total).toBe(0);
  });

  it('counts a mention confirmed by its context as evidence for the page', async () => {
    html('<h1>Wang speaks</h1><p>Later, Wang again.</p>');
    harness = await startEngine();
    expect(marked(registry, 'alexandr-wang')).toEqual([]);
    html('<p id="confirmed">Wang built Scale AI.</p>');
    await harness.settle();
    expect(marked(registry, 'alexandr-wang')).toEqual(['Wang', 'Wang', 'Wang']);
    document.getElementById('confirmed')?.remove();
    await harness.settle();
    expect(marked(registry, 'alexandr-wang')).toEqual([]);
  });

  it('keeps a block-level deferred mention with evidence nearby', async () => {
    html('<p>Wang built Scale AI.</p>');
    harness = await startEngine();
    expect(marked(registry, 'alexandr-wang')).toEqual(['Wang']);
  });

  it('stops at the cap of marks per page', async () => {
    // happy-dom's Ranges get slow by the thousand, so the cap is lowered here.
    const cap = 40;
    expect(MAX_MARKS).toBeGreaterThan(cap);
    const list = document.createElement('ul');
    for (let i = 0; i < cap + 5; i++) {
      const li = document.createElement('li');
      li.textContent = `Item ${i}: Zuckerberg`;
      list.append(li);
    }
    document.body.append(list);
    harness = await startEngine({}, { maxMarks: cap });
    expect(registry.get('context-cards-mark-zuckerberg')?.size).toBe(cap);
    expect(harness.engine.counts().total).toBe(cap);
    const last = list.lastElementChild?.firstChild;
    expect([...(registry.get('context-cards-mark-zuckerberg') ?? [])].some((r) => r.startContainer === last)).toBe(
      false,
    );

    // Room freed: the blocks that did not fit are read again.
    for (let i = 0; i < 10; i++) list.firstElementChild?.remove();
    await harness.settle();
    expect(registry.get('context-cards-mark-zuckerberg')?.size).toBe(cap - 5);
    expect([...(registry.get('context-cards-mark-zuckerberg') ?? [])].some((r) => r.startContainer === last)).toBe(
      true,
    );
  });
});

describe('failures', () => {
  it('skips a block that fails to read and marks the rest', async () => {
    html('<p>Scale AI before.</p><p>BOOM Zuckerberg</p><p>Alexandr Wang after.</p>');
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    harness = await startEngine({}, { failOn: 'BOOM' });
    expect(marked(registry, 'scale-ai')).toEqual(['Scale AI']);
    expect(marked(registry, 'alexandr-wang')).toEqual(['Alexandr Wang']);
    expect(marked(registry, 'mark-zuckerberg')).toEqual([]);
    expect(debug).toHaveBeenCalledWith('[Context Cards] a slice failed', expect.any(Error));
    debug.mockRestore();
  });
});

describe('settings', () => {
  it('hides entities and shows only first mentions, live', async () => {
    html('<p>Zuckerberg one.</p><p>Scale AI and Zuckerberg two.</p><p>Mark Zuckerberg three.</p>');
    harness = await startEngine();
    expect(marked(registry, 'mark-zuckerberg')).toHaveLength(3);

    harness.engine.applySettings({ markStyle: 'background', hiddenEntities: [], firstMentionOnly: true });
    await harness.settle();
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Zuckerberg']);
    expect(harness.engine.mentions().map((m) => textAt(m.at))).toEqual(['Zuckerberg', 'Scale AI']);
    // Counts still say how often the page names them.
    expect(harness.engine.counts().total).toBe(4);

    // A new first mention takes over.
    const first = document.createElement('p');
    first.textContent = 'Mark Zuckerberg zero.';
    document.body.prepend(first);
    await harness.settle();
    expect(marked(registry, 'mark-zuckerberg')).toEqual(['Mark Zuckerberg']);
    expect(harness.engine.mentions()[0]?.at.startContainer).toBe(first.firstChild);

    harness.engine.applySettings({
      markStyle: 'underline',
      hiddenEntities: ['mark-zuckerberg'],
      firstMentionOnly: false,
    });
    await harness.settle();
    expect(marked(registry, 'mark-zuckerberg')).toEqual([]);
    expect(marked(registry, 'scale-ai')).toEqual(['Scale AI']);
    expect(harness.engine.counts()).toEqual({ counts: [{ entityId: 'scale-ai', count: 1 }], total: 1 });

    harness.engine.applySettings({ markStyle: 'underline', hiddenEntities: [], firstMentionOnly: false });
    await harness.settle();
    expect(marked(registry, 'mark-zuckerberg')).toHaveLength(4);
  });

  it('removes every highlight when its signal aborts', async () => {
    html('<p>Mark Zuckerberg and Scale AI.</p>');
    harness = await startEngine();
    harness.engine.setFocusMark(harness.engine.mentions()[0] ?? null);
    expect([...registry.keys()].sort()).toEqual([
      'context-cards-focus',
      'context-cards-mark-zuckerberg',
      'context-cards-scale-ai',
    ]);
    harness.controller.abort();
    expect(registry.size).toBe(0);
    // Later changes are not observed any more.
    html('<p>Zuckerberg</p>');
    await new Promise((r) => setTimeout(r, 150));
    expect(registry.size).toBe(0);
  });
});

describe('mention source', () => {
  it('lists mentions in document order across shadow roots and sets the focus mark', async () => {
    html('<p>Scale AI first.</p><div id="host"></div><p>Zuckerberg last.</p>');
    const root = document.getElementById('host')?.attachShadow({ mode: 'open' });
    const inner = document.createElement('p');
    inner.textContent = 'Alexandr Wang in between.';
    root?.append(inner);
    harness = await startEngine();
    const list = harness.engine.mentions();
    expect(list.map((m) => m.entityId)).toEqual(['scale-ai', 'alexandr-wang', 'mark-zuckerberg']);
    expect(harness.engine.mentions()).toBe(list);

    harness.engine.setFocusMark(list[1] ?? null);
    const focus = registry.get('context-cards-focus');
    expect(focus?.priority).toBeGreaterThan(0);
    expect([...(focus ?? [])].map((r) => textAt(r))).toEqual(['Alexandr Wang']);
    harness.engine.setFocusMark(null);
    expect(focus?.size).toBe(0);
  });
});
