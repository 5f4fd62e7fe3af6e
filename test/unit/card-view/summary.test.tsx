// @vitest-environment happy-dom
/**
 * The summary in a preview: clamped to three lines, with "Show more" only when the text really
 * overflows them. happy-dom has no layout, so each test gives paragraphs the heights a browser
 * would measure (the e2e preview test sees the real ones).
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityView } from '../../../src/card-view/model.ts';
import { STRINGS } from '../../../src/card-view/strings.ts';
import { Summary } from '../../../src/card-view/summary.tsx';

const entity: EntityView = {
  id: 'alice-example',
  name: 'Alice Example',
  kind: 'person',
  role: { text: 'Chief of Examples', lang: 'en', fallback: false, asOf: '2025-12' },
  summary: { text: 'A long summary. '.repeat(20), lang: 'en', fallback: false, asOf: '2025-12' },
};

let root: HTMLElement;
let heights: { scroll: number; client: number };
const proto = HTMLParagraphElement.prototype;
const saved = {
  scroll: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'scrollHeight'),
  client: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'),
};

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  heights = { scroll: 120, client: 60 };
  Object.defineProperty(proto, 'scrollHeight', { configurable: true, get: () => heights.scroll });
  Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => heights.client });
});
afterEach(() => {
  render(null, root);
  root.remove();
  // The stubs sit on the paragraph prototype; removing them restores the inherited getters.
  Reflect.deleteProperty(proto, 'scrollHeight');
  Reflect.deleteProperty(proto, 'clientHeight');
  expect(Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'scrollHeight')).toEqual(saved.scroll);
  expect(Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight')).toEqual(saved.client);
});

async function mount(lang: 'en' | 'de' = 'en'): Promise<void> {
  await act(() => render(<Summary entity={entity} strings={STRINGS[lang]} />, root));
}

const paragraph = (): HTMLElement => {
  const p = root.querySelector<HTMLElement>('p.summary');
  if (!p) throw new Error('no summary');
  return p;
};
const toggle = (): HTMLButtonElement | null => root.querySelector('button[data-action="summary-toggle"]');

describe('the summary of a preview', () => {
  it('is clamped, and offers "Show more" when the text overflows three lines', async () => {
    await mount();
    expect(paragraph().hasAttribute('data-clamped')).toBe(true);
    const button = toggle();
    expect(button?.textContent).toBe('Show more');
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    expect(button?.getAttribute('aria-controls')).toBe(paragraph().id);
    // The whole text is in the document, so screen readers read it clamped or not.
    expect(paragraph().textContent).toContain(entity.summary.text.trim());
  });

  it('opens in place and closes again from the same button', async () => {
    await mount();
    await act(() => toggle()?.click());
    expect(paragraph().hasAttribute('data-clamped')).toBe(false);
    expect(toggle()?.textContent).toBe('Show less');
    expect(toggle()?.getAttribute('aria-expanded')).toBe('true');
    await act(() => toggle()?.click());
    expect(paragraph().hasAttribute('data-clamped')).toBe(true);
    expect(toggle()?.textContent).toBe('Show more');
  });

  it('shows no button when the summary fits', async () => {
    heights = { scroll: 60, client: 60 };
    await mount();
    expect(paragraph().hasAttribute('data-clamped')).toBe(true);
    expect(toggle()).toBeNull();
    // A pixel of rounding is not overflow.
    heights = { scroll: 61, client: 60 };
    render(null, root);
    await mount();
    expect(toggle()).toBeNull();
  });

  it('speaks German in a German card', async () => {
    await mount('de');
    expect(toggle()?.textContent).toBe('Mehr anzeigen');
    await act(() => toggle()?.click());
    expect(toggle()?.textContent).toBe('Weniger anzeigen');
  });
});
