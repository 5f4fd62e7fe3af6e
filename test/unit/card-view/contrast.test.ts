/**
 * Colour contrast of the card's and the source page's palettes, light and dark. The card lives in
 * a closed shadow root where axe cannot look, so its text colours are checked here against WCAG AA
 * (4.5:1) on every background they are drawn on: verdicts, attributions, dates and chips included.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARD_CSS } from '../../../src/card-view/card-styles.ts';

const sourcePageCss = readFileSync(resolve(import.meta.dirname, '../../../src/source-page/source-page.css'), 'utf8');

/** The colour custom properties of the first block after `marker` that declares any. */
function palette(css: string, marker: string): Map<string, string> {
  const start = css.indexOf(marker);
  if (start < 0) throw new Error(`no ${marker}`);
  for (const block of css.slice(start).split('}')) {
    const vars = new Map<string, string>();
    for (const m of block.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6})\b/gi))
      vars.set(m[1] ?? '', (m[2] ?? '').toLowerCase());
    if (vars.size > 0) return vars;
  }
  return new Map();
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

function failures(vars: Map<string, string>, pairs: readonly (readonly [string, string])[]): string[] {
  return pairs.flatMap(([fg, bg]) => {
    const f = vars.get(fg);
    const b = vars.get(bg);
    if (!f || !b) return [`${fg} on ${bg}: colour missing`];
    const ratio = contrast(f, b);
    return ratio >= 4.5 ? [] : [`${fg} ${f} on ${bg} ${b}: ${ratio.toFixed(2)}`];
  });
}

const CARD_PAIRS = [
  ['--cc-fg', '--cc-bg'],
  ['--cc-muted', '--cc-bg'],
  ['--cc-bad', '--cc-bg'],
  ['--cc-warn', '--cc-bg'],
  ['--cc-accent', '--cc-bg'],
  ['--cc-fg', '--cc-chip'],
  ['--cc-fg', '--cc-reported'],
  ['--cc-fg', '--cc-opinion'],
  ['--cc-accent-fg', '--cc-accent'],
] as const;

const PAGE_PAIRS = [
  ['--fg', '--bg'],
  ['--muted', '--bg'],
  ['--muted', '--panel'],
  ['--bad', '--panel'],
  ['--warn', '--panel'],
  ['--accent', '--panel'],
  ['--fg', '--chip'],
  ['--fg', '--reported'],
  ['--fg', '--opinion'],
] as const;

describe('colour contrast (WCAG AA, 4.5:1)', () => {
  it.each([
    ['light', ':host { all: initial; }'],
    ['dark', 'prefers-color-scheme: dark'],
    ['light (a light page)', ':host([data-theme="light"])'],
    ['dark (a dark page)', ':host([data-theme="dark"])'],
  ])('holds for every text colour of the card in %s mode', (_mode, marker) => {
    const vars = palette(CARD_CSS, marker);
    expect(vars.size).toBeGreaterThan(10);
    expect(failures(vars, CARD_PAIRS)).toEqual([]);
  });

  it.each([
    ['light', ':root'],
    ['dark', 'prefers-color-scheme: dark'],
  ])('holds for the source page in %s mode', (_mode, marker) => {
    const vars = palette(sourcePageCss, marker);
    expect(vars.size).toBeGreaterThan(10);
    expect(failures(vars, PAGE_PAIRS)).toEqual([]);
  });

  it('the check itself fails a pale colour', () => {
    expect(
      failures(
        new Map([
          ['--a', '#aaaaaa'],
          ['--b', '#ffffff'],
        ]),
        [['--a', '--b']],
      ),
    ).toHaveLength(1);
  });
});
