// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { markCss, tagForText } from '../../../src/content/engine/mark-styles.ts';

describe('markCss', () => {
  const ids = ['mark-zuckerberg', 'scale-ai'];

  it('underlines every entity with a dotted line in the text colour', () => {
    const css = markCss('underline', ids);
    expect(css).toContain('::highlight(context-cards-mark-zuckerberg),\n::highlight(context-cards-scale-ai) {');
    expect(css).toMatch(/text-decoration: underline dotted 2px; text-decoration-color: currentColor/);
    expect(css).not.toContain('background-color: #fde68a');
  });

  it('sets text and background colour together for the background style, with a dark variant', () => {
    const css = markCss('background', ids);
    expect(css).toContain('background-color: #fde68a; color: #1f2937;');
    expect(css).toContain('@media (prefers-color-scheme: dark)');
    expect(css).toContain('@media (forced-colors: active)');
  });

  it("follows the page's own brightness for the background style when it is known, the system's when not", () => {
    const dark = markCss('background', ids, ['p'], 'dark');
    expect(dark).toContain('p::highlight(context-cards-scale-ai) { background-color: #854d0e; color: #fefce8; }');
    expect(dark).not.toContain('#fde68a');
    expect(dark).not.toContain('prefers-color-scheme');
    const light = markCss('background', ids, ['p'], 'light');
    expect(light).toContain('background-color: #fde68a; color: #1f2937;');
    expect(light).not.toContain('#854d0e');
    expect(light).toContain('@media (forced-colors: active)');
    expect(markCss('background', ids, ['p'], null)).toBe(markCss('background', ids, ['p']));
    // The underline takes the text's own colour: no theme changes it.
    expect(markCss('underline', ids, ['p'], 'dark')).toBe(markCss('underline', ids, ['p']));
  });

  it('keeps only the focus mark for "none"', () => {
    const css = markCss('none', ids);
    expect(css).not.toContain('context-cards-mark-zuckerberg');
    expect(css).toContain('::highlight(context-cards-focus)');
  });
});

describe('marks styled by the tags that hold them', () => {
  it('names the given tags instead of every element', () => {
    const css = markCss('underline', ['scale-ai'], ['b', 'p']);
    expect(css).toContain('b::highlight(context-cards-scale-ai), p::highlight(context-cards-scale-ai) {');
    expect(css).toContain('b::highlight(context-cards-focus), p::highlight(context-cards-focus) {');
    expect(css).not.toMatch(/(^|[\s,])::highlight/);
  });

  it('falls back to every element for an empty list or the universal tag, and styles shadow-root text through :host', () => {
    expect(markCss('underline', ['llama'], [])).toContain('::highlight(context-cards-llama) {');
    expect(markCss('underline', ['llama'], ['*', 'p'])).toContain(
      '::highlight(context-cards-llama), p::highlight(context-cards-llama) {',
    );
    expect(markCss('underline', ['llama'], [':host'])).toContain(':host::highlight(context-cards-llama) {');
  });
});

describe('tagForText', () => {
  it('gives the local name of the parent element, and * or :host where there is none to name', () => {
    const p = document.createElement('p');
    p.append('Mark ');
    const b = document.createElement('b');
    b.append('Zuckerberg');
    p.append(b);
    expect(tagForText(p.firstChild as Text)).toBe('p');
    expect(tagForText(b.firstChild as Text)).toBe('b');
    expect(tagForText(document.createTextNode('loose'))).toBe('*');
    const prefixed = document.createElementNS('urn:example', 'x:y');
    prefixed.append('prefixed');
    expect(tagForText(prefixed.firstChild as Text)).toBe('y');
    const upper = document.createElementNS('http://www.w3.org/1999/xhtml', 'B');
    upper.append('upper');
    expect(tagForText(upper.firstChild as Text)).toBe('*');
    const odd = document.createElementNS('urn:example', 'é-x');
    odd.append('odd');
    expect(tagForText(odd.firstChild as Text)).toBe('*');
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    root.append('top of a shadow tree');
    expect(tagForText(root.firstChild as Text)).toBe(':host');
  });
});
