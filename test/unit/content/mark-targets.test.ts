// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DocumentStyles, markCss, type MarkTargets } from '../../../src/content/engine/mark-styles.ts';
import {
  elementPath,
  registeredTargets,
  textParents,
  type RegistryView,
} from '../../../src/content/engine/mark-targets.ts';

/** A registry of name -> ranges, read as the page's CSS.highlights is. */
function fakeRegistry(entries: Record<string, AbstractRange[]>): RegistryView {
  return {
    *[Symbol.iterator]() {
      for (const [name, ranges] of Object.entries(entries)) yield [name, ranges] as const;
    },
  };
}

/** An element of `tag` (in the SVG namespace for `svg:` tags) with the given children. */
function el(tag: string, ...children: (Node | string)[]): Element {
  const e = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  e.append(...children);
  return e;
}

function rangeOver(node: Node): Range {
  const r = document.createRange();
  r.selectNodeContents(node);
  return r;
}

afterEach(() => {
  document.body.replaceChildren();
  document.adoptedStyleSheets = [];
});

describe('elementPath', () => {
  it('names an element by its place in the document, so that the selector finds it and nothing else', () => {
    document.body.append(
      el('div', el('p', 'one'), el('p', 'two ', el('a', 'Wang'))),
      el('section', el('p', 'three'), el('svg:svg', el('svg:textPath', 'x'))),
    );
    const elements = [...document.body.querySelectorAll('*')];
    expect(elements.length).toBeGreaterThan(6);
    for (const el of elements) {
      const path = elementPath(el);
      expect(path).not.toBeNull();
      expect(path?.startsWith(':root > body:nth-child(2) > ')).toBe(true);
      expect([...document.querySelectorAll(path ?? '')]).toEqual([el]);
    }
    expect(elementPath(document.querySelector('a') as Element)).toBe(
      ':root > body:nth-child(2) > div:nth-child(1) > p:nth-child(2) > a:nth-child(1)',
    );
    // A local name a type selector would not match as written is stepped over with `*`.
    expect(elementPath(document.querySelector('textPath') as Element)).toMatch(/> \*:nth-child\(1\)$/);
    expect(elementPath(document.documentElement)).toBe(':root');
  });

  it('names no element outside the document tree (detached, or in a shadow root)', () => {
    expect(elementPath(document.createElement('p'))).toBeNull();
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.append(el('p', 'inside'));
    expect(elementPath(root.querySelector('p') as Element)).toBeNull();
  });
});

describe('textParents', () => {
  it('gives every element holding text of a range that spans inline elements', () => {
    document.body.append(el('p', 'Then ', el('a', 'Alexandr'), ' ', el('b', 'Wang'), ' spoke.'));
    const a = document.querySelector('a')?.firstChild as Text;
    const b = document.querySelector('b')?.firstChild as Text;
    const range = document.createRange();
    range.setStart(a, 0);
    range.setEnd(b, 4);
    const out = new Set<Element>();
    textParents(range, out);
    expect([...out].map((e) => e.localName).sort()).toEqual(['a', 'b', 'p']);
  });
});

describe('registeredTargets', () => {
  it('lists the places of the elements holding our registered ranges per name, once each and sorted, and ignores the page’s own highlights', () => {
    document.body.append(el('p', 'Mark Zuckerberg'), el('p', 'Meta and ', el('em', 'Meta')));
    const [p1, p2] = [...document.querySelectorAll('p')] as [HTMLParagraphElement, HTMLParagraphElement];
    const em = document.querySelector('em') as HTMLElement;
    const targets = registeredTargets(
      fakeRegistry({
        'context-cards-meta': [rangeOver(em), rangeOver(p2.firstChild as Node), rangeOver(em)],
        'context-cards-mark-zuckerberg': [rangeOver(p1)],
        'context-cards-focus': [],
        'page-own-highlight': [rangeOver(p1)],
      }),
    );
    expect([...targets.keys()].sort()).toEqual(['context-cards-mark-zuckerberg', 'context-cards-meta']);
    expect(targets.get('context-cards-meta')).toEqual([elementPath(p2), elementPath(em)].sort());
    expect(targets.get('context-cards-mark-zuckerberg')).toEqual([elementPath(p1)]);
  });
});

describe('markCss with targets per highlight', () => {
  it('writes rules only for the highlights that have targets', () => {
    const targets: MarkTargets = (name) =>
      name === 'context-cards-meta' ? [':root > body:nth-child(2) > p:nth-child(1)'] : [];
    const css = markCss('underline', ['meta', 'llama'], targets);
    expect(css).toContain(':root > body:nth-child(2) > p:nth-child(1)::highlight(context-cards-meta) {');
    expect(css).not.toContain('llama');
    expect(css).not.toContain('context-cards-focus');
    expect(markCss('underline', ['llama'], () => [])).toBe('');
  });
});

describe('DocumentStyles with a registry', () => {
  it('adopts the document sheet once, with the rules for what is registered, and replaces it only when they change', () => {
    document.body.append(el('p', 'Meta'), el('p', 'Meta again'));
    const [p1, p2] = [...document.querySelectorAll('p')] as [HTMLParagraphElement, HTMLParagraphElement];
    const entries: Record<string, AbstractRange[]> = { 'context-cards-meta': [rangeOver(p1)] };
    const build = vi.fn((targets: MarkTargets) =>
      typeof targets === 'function'
        ? `/* ${targets('context-cards-meta').join(' | ')} */`
        : `/* tags ${targets.join(' ')} */`,
    );
    const styles = new DocumentStyles(document, build, true, fakeRegistry(entries));
    styles.use('marks');
    // Adopted by the first sync after activation (the engine syncs right after publishing).
    expect(document.adoptedStyleSheets).toHaveLength(0);
    styles.sync();
    expect(document.adoptedStyleSheets).toHaveLength(1);
    const sheet = document.adoptedStyleSheets[0] as CSSStyleSheet;
    const replace = vi.spyOn(sheet, 'replaceSync');
    expect(build).toHaveLastReturnedWith(`/* ${elementPath(p1) ?? ''} */`);
    styles.sync();
    expect(replace).not.toHaveBeenCalled();
    // A new range registered: the rules follow.
    entries['context-cards-meta'] = [rangeOver(p1), rangeOver(p2)];
    styles.sync();
    expect(replace).toHaveBeenCalledTimes(1);
    expect(replace).toHaveBeenLastCalledWith(`/* ${[elementPath(p1), elementPath(p2)].sort().join(' | ')} */`);
    // The page inserts an element before them: the places change, and so do the rules.
    document.body.prepend(document.createElement('div'));
    styles.sync();
    expect(replace).toHaveBeenCalledTimes(2);
    expect(replace.mock.lastCall?.[0]).toContain('p:nth-child(2) | ');
    expect(replace.mock.lastCall?.[0]).toContain('p:nth-child(3) */');
    styles.dispose();
    expect(document.adoptedStyleSheets).toHaveLength(0);
  });

  it('gives shadow roots the tag sheet, and falls back to it for the document when the registry cannot be read', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const build = vi.fn((targets: MarkTargets) => (typeof targets === 'function' ? '/* places */' : '/* tags */'));
    const unreadable: RegistryView = {
      [Symbol.iterator]() {
        throw new Error('Permission denied to access object');
      },
    };
    const styles = new DocumentStyles(document, build, true, unreadable);
    styles.adopt(root);
    styles.use('marks');
    expect(root.adoptedStyleSheets).toHaveLength(1);
    expect(document.adoptedStyleSheets).toHaveLength(0);
    styles.sync();
    expect(document.adoptedStyleSheets).toEqual(root.adoptedStyleSheets);
    styles.dispose();
  });
});
