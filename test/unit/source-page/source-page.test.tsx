// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import raw from '../../../assets/dataset/meta-ai-leadership.json';
import article from '../../../assets/source/article.de.txt?raw';
import { parseDataset } from '../../../src/dataset/index.ts';
import { SourcePage, StoryError } from '../../../src/source-page/source-page.tsx';
import { PAGE_STRINGS } from '../../../src/source-page/strings.ts';

// Imported the way the page itself imports them (happy-dom's import.meta.url is not a file URL).
const parsed = parseDataset(raw, { sourceText: article });
if (!parsed.ok) throw new Error('bundled dataset invalid');
const dataset = parsed.dataset;
const PAGE = 'chrome-extension://abc/source-page/index.html';

let root: HTMLElement;
let scrolled: Element[];

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  scrolled = [];
  vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
    scrolled.push(this);
  });
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

async function show(href: string, lang: 'en' | 'de' = 'en', data = dataset as typeof dataset | null): Promise<void> {
  await act(() =>
    render(<SourcePage article={article} dataset={data} uiLang={lang} initialTranslation={lang} href={href} />, root),
  );
}

describe('the source page', () => {
  it('marks every claim, each with an anchor and a translation beside it', async () => {
    await show(PAGE);
    for (const claim of dataset.claims) {
      expect(root.querySelector(`#claim-${claim.id}`), claim.id).not.toBeNull();
      expect(root.querySelector(`#t-${claim.id}`), claim.id).not.toBeNull();
      expect(root.querySelector(`mark[data-claims~="${claim.id}"]`), claim.id).not.toBeNull();
    }
    expect(root.querySelectorAll('.translation')).toHaveLength(dataset.claims.length);
    expect(scrolled).toEqual([]);
  });

  it('opens scrolled to the claim in the URL hash, highlighted and focused', async () => {
    await show(`${PAGE}#claim-c05-ten-million-dollars`);
    const anchor = root.querySelector('#claim-c05-ten-million-dollars');
    expect(scrolled).toEqual([anchor]);
    expect(document.activeElement).toBe(anchor);
    const target = [...root.querySelectorAll('mark.is-target')];
    expect(target.length).toBeGreaterThan(0);
    expect(target.every((m) => m.getAttribute('data-claims')?.split(' ').includes('c05-ten-million-dollars'))).toBe(
      true,
    );
    expect(root.querySelector('#t-c05-ten-million-dollars')?.classList.contains('is-target')).toBe(true);
    // The contradicted figure carries its context note and sources.
    const note = root.querySelector<HTMLDetailsElement>('#t-c05-ten-million-dollars details');
    expect(note?.querySelector('summary')?.textContent).toBe('Other reporting contradicts this');
    expect(note?.open).toBe(true);
    expect(note?.querySelectorAll('a[href^="https://"]').length).toBeGreaterThan(0);
    expect(root.querySelector<HTMLDetailsElement>('#t-c06-wang-leads-lab details')?.open).toBe(false);
  });

  it('accepts ?claim= as well', async () => {
    await show(`${PAGE}?claim=c01-ai-most-important`);
    expect(scrolled).toEqual([root.querySelector('#claim-c01-ai-most-important')]);
  });

  it('marks languages: German article text, translations in the chosen language', async () => {
    await show(PAGE);
    const texts = [...root.querySelectorAll('.article .text')];
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.every((t) => t.getAttribute('lang') === 'de')).toBe(true);
    const first = root.querySelector('#t-c01-ai-most-important .translation-text');
    expect(first?.getAttribute('lang')).toBe('en');
    expect(first?.textContent).toBe(dataset.claims[0]?.text.en);
  });

  it('switches the translation between English and German', async () => {
    await show(PAGE);
    const german = root.querySelector<HTMLInputElement>('input[name="translation"][value="de"]');
    expect(german?.checked).toBe(false);
    await act(() => {
      german?.click();
    });
    const first = root.querySelector('#t-c01-ai-most-important .translation-text');
    expect(first?.getAttribute('lang')).toBe('de');
    expect(first?.textContent).toBe(dataset.claims[0]?.text.de);
    // The same head as on the card: verdict, who in the article's words, how it is presented.
    const head = [...root.querySelectorAll('#t-c01-ai-most-important .lead-verdict, #t-c01-ai-most-important .who')];
    expect(head.map((e) => e.textContent)).toEqual([
      'Andere Berichte schränken ein',
      'Mark Zuckerberg, vom Artikel ohne Quelle zitiert',
    ]);
    expect(root.querySelector('#t-c01-ai-most-important .chip-kind')?.textContent).toBe('Berichtet');
  });

  it('shows the same claim head and dated notes as the card, and when the notes were checked', async () => {
    await show(`${PAGE}#claim-c05-ten-million-dollars`);
    const item = root.querySelector('#t-c05-ten-million-dollars');
    expect(item?.querySelector('.lead-verdict')?.textContent).toBe('Contradicted by other reporting');
    expect(item?.querySelector('.who')?.textContent).toBe('The article itself');
    expect(item?.querySelector('.chip-kind')?.textContent).toBe('Stated as fact');
    expect(item?.querySelector('.note .as-of')?.textContent).toBe('(as of March 2026)');
    expect(item?.querySelector('.note .sources a')?.textContent).toBe('India Today, 13 June 2025 (date from the URL)');
    expect(root.querySelector('[data-notes-checked]')?.textContent).toBe('March 2026');
  });

  it('starts in German for a German browser', async () => {
    await show(PAGE, 'de');
    expect(root.querySelector('h1')?.textContent).toBe('Die Quelle lesen');
    expect(root.querySelector<HTMLInputElement>('input[value="de"]')?.checked).toBe(true);
  });

  it('links the original only over http(s) and says when the dataset failed', async () => {
    await show(PAGE);
    const link = root.querySelector<HTMLAnchorElement>('.facts a');
    expect(link?.getAttribute('href')).toMatch(/^https:\/\/www\.contradadomaro\.it\//);
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    render(null, root);
    await show(PAGE, 'en', null);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain('could not be read');
    expect(root.querySelectorAll('mark')).toHaveLength(0);
    expect(root.querySelector('.article')?.textContent?.replace(/\s+/g, '')).toBe(article.replace(/\s+/g, ''));
  });

  it('shows one entity alone for ?entity=: every claim, its quote in its paragraph, its translation, its notes', async () => {
    await show(`${PAGE}?entity=alexandr-wang`);
    const view = root.querySelector('.entity-view');
    expect(view?.getAttribute('data-entity')).toBe('alexandr-wang');
    expect(root.querySelector('.article')).toBeNull();
    const wang = dataset.claims.filter((c) => c.entities.includes('alexandr-wang'));
    expect(view?.querySelector('h2')?.textContent).toBe(`Alexandr Wang: ${wang.length} claims in the article`);
    const items = [...root.querySelectorAll('.entity-claim')];
    expect(items.map((li) => li.getAttribute('data-claim')).sort()).toEqual(wang.map((c) => c.id).sort());
    // In the article's order: the numbers of the whole article, rising.
    const numbers = items.map((li) =>
      Number(/\((\d+)\)$/.exec(li.querySelector('.in-whole a')?.textContent ?? '')?.[1]),
    );
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    const c05 = root.querySelector('.entity-claim[data-claim="c05-ten-million-dollars"]');
    expect(c05?.querySelector('.lead-verdict')?.textContent).toBe('Contradicted by other reporting');
    expect(c05?.querySelector('.translation-text')?.textContent).toMatch(/^Meta spent about 10 million dollars/);
    const quote = c05?.querySelector('blockquote.in-context');
    expect(quote?.getAttribute('lang')).toBe('de');
    expect(quote?.querySelector('mark')?.textContent?.replace(/\s+/g, ' ')).toBe(
      dataset.claims.find((c) => c.id === 'c05-ten-million-dollars')?.quote.replace(/\s+/g, ' '),
    );
    // More than the quote: the paragraph around it.
    expect((quote?.textContent ?? '').length).toBeGreaterThan((quote?.querySelector('mark')?.textContent ?? '').length);
    // Every note, open, dated, with its sources.
    const notes = dataset.notes.filter((n) => wang.some((c) => c.id === n.claim));
    expect(root.querySelectorAll('.entity-claim .note')).toHaveLength(notes.length);
    expect(c05?.querySelector('.note .as-of')?.textContent).toBe('(as of March 2026)');
    expect(c05?.querySelector('.in-whole a')?.getAttribute('href')).toBe('index.html#claim-c05-ten-million-dollars');
    expect(root.querySelector('[data-testid="whole-article"]')?.getAttribute('href')).toBe('index.html');
  });

  it('shows the whole article for an entity it does not know', async () => {
    await show(`${PAGE}?entity=nobody-at-all`);
    expect(root.querySelector('.entity-view')).toBeNull();
    expect(root.querySelectorAll('.translation')).toHaveLength(dataset.claims.length);
  });

  it('says which story pack could not be shown, and why, in an alert (English and German)', async () => {
    for (const lang of ['en', 'de'] as const) {
      await act(() =>
        render(<StoryError story="mini" detail="$: the file is larger than 5 MB" strings={PAGE_STRINGS[lang]} />, root),
      );
      const alert = root.querySelector('[role="alert"]');
      expect(alert?.textContent).toContain(lang === 'en' ? 'The story pack “mini”' : 'Das Story-Paket „mini“');
      expect(alert?.querySelector('code')?.textContent).toBe('$: the file is larger than 5 MB');
      expect(root.querySelector('.translation, mark')).toBeNull();
    }
  });
});
