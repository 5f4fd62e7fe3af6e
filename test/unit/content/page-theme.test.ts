// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { pageTheme, parseColor, themeOfBackgrounds } from '../../../src/content/page-theme.ts';

describe('reading colours', () => {
  it('reads the forms browsers compute, and nothing else', () => {
    expect(parseColor('rgb(255, 255, 255)')).toEqual([255, 255, 255, 1]);
    expect(parseColor('rgba(0, 0, 0, 0)')).toEqual([0, 0, 0, 0]);
    expect(parseColor('rgba(20, 20, 20, 0.75)')).toEqual([20, 20, 20, 0.75]);
    expect(parseColor('rgb(20 20 20 / 40%)')).toEqual([20, 20, 20, 0.4]);
    expect(parseColor('transparent')).toEqual([0, 0, 0, 0]);
    expect(parseColor('oklch(0.2 0.1 200)')).toBeNull();
    expect(parseColor('')).toEqual([0, 0, 0, 0]);
    expect(parseColor('red')).toBeNull();
  });
});

describe('the theme of a stack of backgrounds', () => {
  it('takes the innermost colour that is opaque enough', () => {
    expect(themeOfBackgrounds(['rgba(0, 0, 0, 0)', 'rgb(18, 18, 18)', 'rgb(255, 255, 255)'], 'normal')).toBe('dark');
    expect(themeOfBackgrounds(['rgb(250, 250, 247)', 'rgb(0, 0, 0)'], 'normal')).toBe('light');
    // A faint tint does not decide: what is behind it does.
    expect(themeOfBackgrounds(['rgba(255, 255, 255, 0.1)', 'rgb(30, 30, 30)'], 'normal')).toBe('dark');
  });

  it('draws the line where white and black text would contrast equally', () => {
    expect(themeOfBackgrounds(['rgb(110, 110, 110)'], 'normal')).toBe('dark');
    expect(themeOfBackgrounds(['rgb(125, 125, 125)'], 'normal')).toBe('light');
  });

  it('sees the white canvas under a transparent page, unless the page lets the browser pick a dark one', () => {
    expect(themeOfBackgrounds(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)'], 'normal')).toBe('light');
    expect(themeOfBackgrounds(['rgba(0, 0, 0, 0)'], 'light dark')).toBeNull();
    expect(themeOfBackgrounds(['rgba(0, 0, 0, 0)'], 'dark')).toBeNull();
  });

  it('gives up (the system decides) on a colour it cannot read', () => {
    expect(themeOfBackgrounds(['color(display-p3 0 0 0)', 'rgb(255, 255, 255)'], 'normal')).toBeNull();
  });
});

describe('the theme behind an element', () => {
  it('walks from the element up through its ancestors and out of shadow roots', () => {
    const el = (tag: string, ...children: (Node | string)[]): HTMLElement => {
      const e = document.createElement(tag);
      e.append(...children);
      return e;
    };
    document.documentElement.style.backgroundColor = 'rgb(255, 255, 255)';
    const bold = el('b', 'side');
    const aside = el('aside', el('p', 'Dark ', bold));
    aside.style.backgroundColor = 'rgb(20, 24, 28)';
    const light = el('p', 'Light');
    document.body.replaceChildren(aside, light);
    expect(pageTheme(document, bold)).toBe('dark');
    expect(pageTheme(document, light)).toBe('light');
    expect(pageTheme(document)).toBe('light');
    const host = el('div');
    aside.append(host);
    const inside = el('span', 'inside');
    host.attachShadow({ mode: 'open' }).append(inside);
    expect(pageTheme(document, inside)).toBe('dark');
    document.documentElement.style.backgroundColor = '';
    document.body.replaceChildren();
  });
});
