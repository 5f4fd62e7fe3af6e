// @vitest-environment happy-dom
/**
 * Fuzz (fast-check): random DOM trees, with random text and the bundled dataset's names
 * scattered across elements (whole, split over nested inline elements, inside skipped elements),
 * go through the page engine with the real matcher. It never throws (nor logs a caught error),
 * every range lies within connected text nodes outside skipped subtrees, the tree is exactly as
 * it was afterwards, and the same holds after random changes to the tree.
 */
import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import bundled from '../../../assets/dataset/meta-ai-leadership.json';
import { PageEngine } from '../../../src/content/engine/engine.ts';
import { textAt } from '../../../src/content/mention-range.ts';
import { compileMatcher, type MatchEntity } from '../../../src/match/index.ts';
import { installFakeHighlights, type FakeHighlight } from '../content/harness.ts';

const entities = (bundled as unknown as { entities: MatchEntity[] }).entities;
const matcher = compileMatcher(entities);
const entityIds = entities.map((e) => e.id);

const NAMES = [
  'Mark Zuckerberg',
  'Alexandr Wang',
  'Yann LeCun',
  'Meta Superintelligence Labs',
  'Scale AI',
  'Meta Platforms',
  'Llama 4',
  'Zuckerberg',
  'LeCun',
];
const FRAGMENTS = [
  'Mark',
  'Zucker',
  'berg',
  'Alexandr',
  'Wang',
  'Yann',
  'Le',
  'Cun',
  'Meta',
  'Scale',
  'AI',
  'Llama',
  'Vera Wang',
  'Randi Zuckerberg',
  'se llama',
  'the',
  '.',
  ',',
  '’s',
];
const SPACES = [' ', '\n', '\t', '\u00A0', '\u00AD', '\u200B', ''];
const BLOCKS = ['div', 'p', 'section', 'li', 'ul', 'td', 'h2', 'blockquote', 'article', 'x-card'];
const INLINE = ['span', 'b', 'a', 'em', 'i', 'strong', 'small', 'mark', 'sub', 'custom-inline'];
// No <template>: happy-dom collapses a Range whose ends lie on either side of one (browsers do not).
const SKIPPED = ['script', 'style', 'code', 'textarea', 'noscript', 'svg', 'select'];
const BREAKS = ['br', 'img', 'hr', 'video'];
const ATTRS: readonly [string, string][] = [
  ['hidden', ''],
  ['aria-hidden', 'true'],
  ['aria-hidden', 'false'],
  ['contenteditable', 'true'],
  ['contenteditable', 'false'],
  ['class', 'x'],
  ['data-name', 'Mark Zuckerberg'],
  ['title', 'Alexandr Wang'],
  ['lang', 'de'],
];
const SKIP_SELECTOR = `${SKIPPED.join(',')},[hidden],[aria-hidden="true"],[contenteditable]:not([contenteditable="false"])`;

type Tree = {
  readonly tag: string;
  readonly attrs: readonly (readonly [string, string])[];
  readonly children: readonly (Tree | string)[];
};

const textArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.constantFrom(...SPACES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12, unit: 'grapheme' }) },
);

/** A name cut into pieces, each piece in its own (possibly nested) inline element or bare. */
const splitNameArb: fc.Arbitrary<Tree> = fc
  .tuple(
    fc.constantFrom(...NAMES),
    fc.uniqueArray(fc.nat({ max: 30 }), { maxLength: 3 }),
    fc.array(fc.constantFrom(...INLINE, ''), { minLength: 4, maxLength: 4 }),
  )
  .map(([name, cuts, wrappers]) => {
    const points = [...new Set(cuts.map((c) => c % name.length))].filter((c) => c > 0).sort((a, b) => a - b);
    const pieces: string[] = [];
    let last = 0;
    for (const p of [...points, name.length]) {
      pieces.push(name.slice(last, p));
      last = p;
    }
    const children = pieces.map((piece, i): Tree | string => {
      const tag = wrappers[i % wrappers.length] ?? '';
      return tag === '' ? piece : { tag, attrs: [], children: [piece] };
    });
    return { tag: 'span', attrs: [], children };
  });

const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.record({
    tag: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...BLOCKS) },
      { weight: 4, arbitrary: fc.constantFrom(...INLINE) },
      { weight: 1, arbitrary: fc.constantFrom(...SKIPPED) },
      { weight: 1, arbitrary: fc.constantFrom(...BREAKS) },
    ),
    attrs: fc.array(fc.constantFrom(...ATTRS), { maxLength: 2 }),
    children: fc.array(fc.oneof({ depthSize: 'small', withCrossShrink: true }, textArb, splitNameArb, tie('node')), {
      maxLength: 6,
    }),
  }),
})).node;

/** A change a page might make after the first read. */
type Change = {
  readonly kind: 'text' | 'append' | 'remove' | 'attr' | 'unwrap';
  readonly at: number;
  readonly text: string;
  readonly attr: readonly [string, string];
};
const changeArb: fc.Arbitrary<Change> = fc.record({
  kind: fc.constantFrom('text', 'append', 'remove', 'attr', 'unwrap'),
  at: fc.nat(),
  text: textArb,
  attr: fc.constantFrom(...ATTRS),
});

function build(tree: Tree, parent: Node): void {
  const el = document.createElement(tree.tag);
  for (const [name, value] of tree.attrs) el.setAttribute(name, value);
  for (const child of tree.children) {
    if (typeof child === 'string') el.append(document.createTextNode(child));
    else build(child, el);
  }
  parent.appendChild(el);
}

/** Every node under body, in order, with what could change about it. */
function snapshot(): { html: string; nodes: Node[]; data: (string | null)[] } {
  const nodes: Node[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ALL);
  for (let n: Node | null = walker.currentNode; n !== null; n = walker.nextNode()) nodes.push(n);
  return { html: document.body.outerHTML, nodes, data: nodes.map((n) => n.nodeValue) };
}

function apply(change: Change): void {
  const all = [...document.body.querySelectorAll('*')];
  const texts: Text[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) texts.push(n as Text);
  const el = all.length > 0 ? all[change.at % all.length] : undefined;
  switch (change.kind) {
    case 'text': {
      const t = texts.length > 0 ? texts[change.at % texts.length] : undefined;
      if (t) t.data = change.text;
      break;
    }
    case 'append':
      (el ?? document.body).append(document.createTextNode(change.text));
      break;
    case 'remove':
      el?.remove();
      break;
    case 'attr':
      el?.setAttribute(change.attr[0], change.attr[1]);
      break;
    case 'unwrap':
      if (el) el.replaceWith(...el.childNodes);
      break;
  }
}

/** Everything wrong with our highlights now (empty when all is well). */
function problems(registry: Map<string, FakeHighlight>): string[] {
  const out: string[] = [];
  for (const [name, h] of registry) {
    if (!name.startsWith('context-cards-')) out.push(`foreign registration ${name}`);
    const id = name.slice('context-cards-'.length);
    if (id !== 'focus' && !entityIds.includes(id)) out.push(`unknown entity ${id}`);
    for (const r of h) {
      const range = r;
      for (const [node, offset] of [
        [range.startContainer, range.startOffset],
        [range.endContainer, range.endOffset],
      ] as const) {
        if (node.nodeType !== Node.TEXT_NODE) out.push(`${id}: boundary in a ${node.nodeName}`);
        else if (offset < 0 || offset > (node as Text).length)
          out.push(`${id}: offset ${offset} outside 0..${(node as Text).length}`);
        if (!node.isConnected) out.push(`${id}: detached text node`);
        if (node.parentElement?.closest(SKIP_SELECTOR)) out.push(`${id}: inside a skipped element`);
      }
      if (range.collapsed || textAt(range).trim() === '') out.push(`${id}: empty range`);
    }
  }
  return out;
}

let registry: Map<string, FakeHighlight>;
let runs = 0;
let changesApplied = 0;
let marksSeen = 0;
let runsWithMarks = 0;

beforeEach(() => {
  registry = installFakeHighlights();
  registry.clear();
  document.body.replaceChildren();
});

afterAll(() => {
  console.log(`engine fuzz: ${runs} random trees, ${changesApplied} random changes, ${marksSeen} marks checked`);
});

/** Starts an engine on the current document with the bundled dataset; returns a settle function. */
function engineOn(controller: AbortController): { engine: PageEngine; settle: () => Promise<void> } {
  const engine = new PageEngine({
    doc: document,
    matcher,
    entityIds,
    settings: { markStyle: 'underline', hiddenEntities: [], firstMentionOnly: false },
    signal: controller.signal,
  });
  const settle = async (): Promise<void> => {
    await new Promise((r) => setTimeout(r, 0));
    await engine.whenIdle();
  };
  return { engine, settle };
}

describe('cases the fuzz found', () => {
  it('an inline element hidden and removed in the same task takes its marks with it', async () => {
    build(
      {
        tag: 'div',
        attrs: [],
        children: [
          {
            tag: 'span',
            attrs: [['id', 'outer']],
            children: [{ tag: 'span', attrs: [], children: ['Mark Zuckerberg'] }],
          },
        ],
      },
      document.body,
    );
    const controller = new AbortController();
    const { engine, settle } = engineOn(controller);
    expect(engine.start()).toBe(true);
    await settle();
    expect(engine.counts().total).toBe(1);
    const outer = document.getElementById('outer');
    outer?.setAttribute('hidden', '');
    outer?.remove();
    await settle();
    expect(engine.counts().total).toBe(0);
    expect(problems(registry)).toEqual([]);
    controller.abort();
  });
});

describe('the page engine over random trees', () => {
  it('never throws, keeps every range inside its text nodes, and leaves the tree as it was', async () => {
    const debug = vi.spyOn(console, 'debug');
    await fc.assert(
      fc.asyncProperty(
        fc.array(treeArb, { minLength: 1, maxLength: 4 }),
        fc.array(changeArb, { maxLength: 6 }),
        async (trees, changes) => {
          runs++;
          registry.clear();
          document.body.replaceChildren();
          for (const tree of trees) build(tree, document.body);
          const before = snapshot();
          const controller = new AbortController();
          const { engine, settle } = engineOn(controller);
          try {
            expect(engine.start()).toBe(true);
            await settle();
            expect(problems(registry)).toEqual([]);
            marksSeen += engine.mentions().length;
            if (engine.mentions().length > 0) runsWithMarks++;
            const after = snapshot();
            expect(after.html).toBe(before.html);
            expect(after.nodes).toHaveLength(before.nodes.length);
            expect(after.nodes.every((n, i) => n === before.nodes[i])).toBe(true);
            expect(after.data).toEqual(before.data);
            // Every listed mention is one of the registered ranges, and the counts add up.
            const registered = new Set([...registry.values()].flatMap((h) => [...h]));
            expect(engine.mentions().every((m) => registered.has(m.at))).toBe(true);
            expect(engine.counts().total).toBe(engine.mentions().length);

            // The page changes; the engine follows without touching the tree.
            for (const change of changes) apply(change);
            changesApplied += changes.length;
            const changed = snapshot();
            await settle();
            expect(problems(registry)).toEqual([]);
            expect(snapshot().html).toBe(changed.html);
          } finally {
            controller.abort();
          }
          // Aborting takes every registration of ours away.
          expect([...registry.keys()]).toEqual([]);
          expect(debug).not.toHaveBeenCalled();
        },
      ),
      { numRuns: 400, endOnFailure: true },
    );
    expect(runs).toBeGreaterThanOrEqual(400);
    // The trees really carry names: the fuzz checks marks, not just empty pages.
    console.log(`engine fuzz: ${marksSeen} marks in ${runs} runs, ${runsWithMarks} of them with marks`);
    expect(runsWithMarks).toBeGreaterThan(runs / 4);
  }, 120_000);
});
