import { describe, expect, it } from 'vitest';
import { markCss } from '../../../src/content/engine/styles.ts';

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

  it('keeps only the focus mark for "none"', () => {
    const css = markCss('none', ids);
    expect(css).not.toContain('context-cards-mark-zuckerberg');
    expect(css).toContain('::highlight(context-cards-focus)');
  });
});
