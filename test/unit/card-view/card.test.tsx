// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_RECENT_PAGES, type CardActions, type RecentPages } from '../../../src/card-view/actions.ts';
import { ANNOUNCE_DELAY_MS, Card } from '../../../src/card-view/card.tsx';
import { CardRoot } from '../../../src/card-view/card-root.tsx';
import { buildCardState, type CardState } from '../../../src/card-view/model.ts';
import type { CardLang } from '../../../src/card-view/strings.ts';
import { cardDataset } from './card-dataset.ts';

let root: HTMLElement;

function fakeActions(recent: () => Promise<RecentPages> = () => Promise.resolve(NO_RECENT_PAGES)) {
  return {
    readSource: vi.fn<CardActions['readSource']>(),
    hideOnSite: vi.fn<CardActions['hideOnSite']>(),
    close: vi.fn<CardActions['close']>(),
    recentPages: vi.fn<CardActions['recentPages']>(recent),
  } satisfies CardActions;
}

async function show(
  state: CardState,
  lang: CardLang = 'en',
  actions: CardActions = fakeActions(),
): Promise<HTMLElement> {
  await act(() => render(<CardRoot state={state} lang={lang} actions={actions} />, root));
  const card = root.querySelector<HTMLElement>('[role="dialog"]');
  if (!card) throw new Error('no dialog rendered');
  return card;
}

const texts = (els: Iterable<Element>) => [...els].map((e) => e.textContent?.trim());

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('card state: normal', () => {
  it('shows name, kind and role, and every claim of the entity in the card language', async () => {
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'en'));
    expect(card.dataset['state']).toBe('ready');
    expect(card.getAttribute('aria-label')).toBe('Context card: Alice Example');
    expect(card.getAttribute('lang')).toBe('en');
    expect(card.querySelector('h2')?.textContent).toBe('Alice Example');
    expect(card.querySelector('.meta')?.textContent).toBe('Person · Head of the lab');
    expect(card.querySelector('.section-title')?.textContent).toBe('In this article');
    expect(texts(card.querySelectorAll('.claim-text'))).toEqual([
      'Alice Example leads the lab.',
      'Alice reportedly got ten million.',
      'A bold move.',
    ]);
  });

  it('gives each claim an attribution chip and a kind chip', async () => {
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'en'));
    const chips = [...card.querySelectorAll('.claim')].map((c) => texts(c.querySelectorAll('.chip')));
    expect(chips).toEqual([
      ['The article itself', 'Fact'],
      ['Anonymous sources', 'Reported'],
      ['Named source', 'Opinion'],
    ]);
  });

  it('says what the source is and that it is one source', async () => {
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'en'));
    expect(card.querySelector('.source-line')?.textContent).toBe(
      'Source: German article, late 2025, translated from an Italian site. One source only.',
    );
    const de = await show(buildCardState(cardDataset(), 'alice-example', 'de'), 'de');
    expect(de.querySelector('.source-line')?.textContent).toBe(
      'Quelle: Deutscher Artikel, Ende 2025, aus dem Italienischen einer italienischen Website übersetzt. Nur eine Quelle.',
    );
  });

  it('keeps the German quote one click away, marked as German', async () => {
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'en'));
    const first = card.querySelector('.claim');
    const toggle = first?.querySelector<HTMLButtonElement>('.quote-toggle');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(first?.querySelector('blockquote')).toBeNull();
    await act(() => toggle?.click());
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    const quote = first?.querySelector('blockquote');
    expect(quote?.textContent).toBe('Alice Example leitet das Labor.');
    expect(quote?.getAttribute('lang')).toBe('de');
    const panel = card.querySelector(`#${CSS.escape(toggle?.getAttribute('aria-controls') ?? '')}`);
    expect(panel?.contains(quote ?? null)).toBe(true);
    expect(first?.querySelector('.attribution')?.textContent).toBe('Attributed to: The article, in its own voice');
    await act(() => toggle?.click());
    expect(first?.querySelector('blockquote')).toBeNull();
    expect(toggle?.textContent).toBe('Show the German quote');
  });

  it('states the verdict of other reporting and links only http(s) sources, safely', async () => {
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'en'));
    const notes = card.querySelectorAll('.note');
    expect(notes).toHaveLength(1);
    const note = notes[0];
    expect(note?.querySelector('.verdict')?.textContent).toBe('Other reporting contradicts this:');
    expect(note?.textContent).toContain('Other outlets report a far larger sum.');
    const links = [...(note?.querySelectorAll('a') ?? [])];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.org/a', 'http://example.net/b']);
    expect(texts(links)).toEqual(['Example News (2025-06-13)', 'Plain Wire']);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect(note?.textContent).toContain('Sneaky');
    expect(card.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it('says each verdict in the card language', async () => {
    const dataset = cardDataset();
    const verdicts = ['corroborated', 'qualified', 'contradicted', 'not-found'] as const;
    const phrases: Record<CardLang, string[]> = { en: [], de: [] };
    for (const lang of ['en', 'de'] as const) {
      for (const verdict of verdicts) {
        const note = dataset.notes[0];
        if (!note) throw new Error('fixture');
        dataset.notes[0] = { ...note, verdict };
        const card = await show(buildCardState(dataset, 'alice-example', lang), lang);
        phrases[lang].push(card.querySelector('.verdict')?.textContent ?? '');
      }
    }
    expect(phrases.en).toEqual([
      'Other reporting confirms this:',
      'Other reporting qualifies this:',
      'Other reporting contradicts this:',
      'No other reporting found on this:',
    ]);
    expect(phrases.de).toEqual([
      'Andere Berichte bestätigen das:',
      'Andere Berichte schränken das ein:',
      'Andere Berichte widersprechen dem:',
      'Keine anderen Berichte dazu gefunden:',
    ]);
  });
});

describe('card state: no claims', () => {
  it('names the entity and says the article makes no claim about it', async () => {
    const actions = fakeActions();
    const card = await show(buildCardState(cardDataset(), 'quiet-corp', 'en'), 'en', actions);
    expect(card.dataset['state']).toBe('no-claims');
    expect(card.querySelector('h2')?.textContent).toBe('Quiet Corp');
    expect(card.querySelector('.meta')?.textContent).toBe('Organisation · A company');
    expect(card.querySelector('[data-testid="no-claims"]')?.textContent).toBe(
      'The article makes no specific claim about Quiet Corp.',
    );
    expect(card.querySelectorAll('.claim')).toHaveLength(0);
    await act(() => card.querySelector<HTMLButtonElement>('[data-action="read-source"]')?.click());
    expect(actions.readSource).toHaveBeenCalledWith(null);
  });
});

describe('card state: text missing in the chosen language', () => {
  it('falls back to the other language, marks its lang and says so', async () => {
    const dataset = cardDataset();
    const claim = dataset.claims[0];
    if (!claim) throw new Error('fixture');
    dataset.claims[0] = { ...claim, text: { en: 'Alice Example leads the lab.', de: '  ' } };
    const card = await show(buildCardState(dataset, 'alice-example', 'de'), 'de');
    const first = card.querySelector('.claim-text');
    expect(first?.getAttribute('lang')).toBe('en');
    expect(first?.textContent).toBe('Alice Example leads the lab. (nur auf Englisch verfügbar)');
    expect(card.querySelectorAll('.claim-text')[1]?.getAttribute('lang')).toBe('de');
  });
});

describe('card state: dataset error', () => {
  it('shows an error card for an entity the dataset does not know', async () => {
    const actions = fakeActions();
    const card = await show(buildCardState(cardDataset(), 'nobody', 'en'), 'en', actions);
    expect(card.dataset['state']).toBe('error');
    expect(card.querySelector('h2')?.textContent).toBe('Card unavailable');
    expect(card.querySelector('[role="alert"]')?.textContent).toBe('The data for this card could not be read.');
    await act(() => card.querySelector<HTMLButtonElement>('.close')?.click());
    expect(actions.close).toHaveBeenCalledOnce();
  });

  it('turns a broken dataset into the error state instead of throwing', () => {
    const broken = { ...cardDataset(), claims: null } as unknown as ReturnType<typeof cardDataset>;
    expect(buildCardState(broken, 'alice-example', 'en')).toEqual({ kind: 'error', reason: 'unreadable' });
  });

  it('catches a rendering fault and shows the error state', async () => {
    vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const state = buildCardState(cardDataset(), 'alice-example', 'en');
    if (state.kind !== 'ready') throw new Error('fixture');
    const poisoned = { ...state, claims: [{ ...state.claims[0], attribution: null }] } as unknown as CardState;
    const card = await show(poisoned);
    expect(card.dataset['state']).toBe('error');
  });
});

describe('card language', () => {
  it('renders the German card with German labels and texts', async () => {
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'de'), 'de');
    expect(card.getAttribute('lang')).toBe('de');
    expect(card.getAttribute('aria-label')).toBe('Kontextkarte: Alice Example');
    expect(card.querySelector('.section-title')?.textContent).toBe('In diesem Artikel');
    expect(card.querySelector('.claim-text')?.textContent).toBe('Alice Example leitet das Labor.');
    expect(texts(card.querySelectorAll('.claim')[1]?.querySelectorAll('.chip') ?? [])).toEqual([
      'Anonyme Quellen',
      'Berichtet',
    ]);
    expect(card.querySelector('[data-action="read-source"]')?.textContent).toBe('Quelle lesen');
    expect(card.querySelector('[data-action="hide-site"]')?.textContent).toBe('Auf dieser Website ausblenden');
  });
});

describe('card actions', () => {
  it('opens the source at the first claim, or at a claim from its quote, and hides the site', async () => {
    const actions = fakeActions();
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'en'), 'en', actions);
    await act(() => card.querySelector<HTMLButtonElement>('[data-action="read-source"]')?.click());
    expect(actions.readSource).toHaveBeenLastCalledWith('c01-alice-leads');
    const second = card.querySelectorAll('.claim')[1];
    await act(() => second?.querySelector<HTMLButtonElement>('.quote-toggle')?.click());
    const inContext = [...(second?.querySelectorAll<HTMLButtonElement>('.quote-panel button') ?? [])].find(
      (b) => b.textContent === 'Read in context',
    );
    await act(() => inContext?.click());
    expect(actions.readSource).toHaveBeenLastCalledWith('c02-alice-paid');
    await act(() => card.querySelector<HTMLButtonElement>('[data-action="hide-site"]')?.click());
    expect(actions.hideOnSite).toHaveBeenCalledOnce();
  });

  it('mentions other recent pages when the history knows some, and nothing when it fails', async () => {
    const pages = [
      { url: 'https://news.example/a', title: 'First story' },
      { url: 'javascript:alert(1)', title: 'Never a link' },
      { url: 'https://news.example/b', title: '  ' },
      { url: 'https://news.example/c', title: 'Third story' },
      { url: 'https://news.example/d', title: 'Fourth story' },
    ];
    const withPages = await show(
      buildCardState(cardDataset(), 'alice-example', 'en'),
      'en',
      fakeActions(() => Promise.resolve({ total: 7, pages })),
    );
    await act(() => Promise.resolve());
    expect(withPages.querySelector('[data-testid="recent-pages"]')?.textContent).toBe(
      'Also on 7 pages you read recently',
    );
    const links = [...withPages.querySelectorAll<HTMLAnchorElement>('.recent-list a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['First story', 'https://news.example/a'],
      ['news.example', 'https://news.example/b'],
      ['Third story', 'https://news.example/c'],
    ]);
    expect(links.every((a) => a.rel === 'noopener noreferrer' && a.target === '_blank')).toBe(true);
    render(null, root);
    const failing = await show(
      buildCardState(cardDataset(), 'alice-example', 'en'),
      'en',
      fakeActions(() => Promise.reject(new Error('no background'))),
    );
    await act(() => Promise.resolve());
    expect(failing.querySelector('[data-testid="recent-pages"]')).toBeNull();
    render(null, root);
    const none = await show(
      buildCardState(cardDataset(), 'alice-example', 'en'),
      'en',
      fakeActions(() => Promise.resolve(NO_RECENT_PAGES)),
    );
    await act(() => Promise.resolve());
    expect(none.querySelector('[data-testid="recent-pages"]')).toBeNull();
  });

  it('announces the card politely once it is in the page', async () => {
    vi.useFakeTimers();
    try {
      const card = await show(buildCardState(cardDataset(), 'alice-example', 'en'));
      const status = card.querySelector('[role="status"]');
      expect(status?.getAttribute('aria-live')).toBe('polite');
      expect(status?.textContent).toBe('');
      await act(() => {
        vi.advanceTimersByTime(ANNOUNCE_DELAY_MS);
      });
      expect(status?.textContent).toBe('Context card for Alice Example: 3 claims in the article.');
    } finally {
      vi.useRealTimers();
    }
  });

  it('renders the plain Card the same as the guarded root when nothing fails', async () => {
    const state = buildCardState(cardDataset(), 'alice-example', 'en');
    await act(() => render(<Card state={state} lang="en" actions={fakeActions()} />, root));
    const plain = root.querySelector('[role="dialog"]')?.textContent;
    const guarded = (await show(state)).textContent;
    expect(guarded).toBe(plain);
  });
});
