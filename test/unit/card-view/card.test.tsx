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
    expect(card.querySelector('.meta')?.textContent).toBe('Person · Head of the lab (as of December 2025)');
    expect(card.querySelector('.section-title')?.textContent).toBe(
      'In the source article · probably written in December 2025',
    );
    expect(texts(card.querySelectorAll('.claim-text'))).toEqual([
      'Alice Example leads the lab.',
      'Alice reportedly got ten million.',
      'A bold move.',
    ]);
  });

  it("shows with every claim who says it, in the dataset's words, and how the article presents it", async () => {
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'en'));
    const heads = [...card.querySelectorAll('.claim')].map((c) => texts(c.querySelectorAll('.who, .chip')));
    expect(heads).toEqual([
      ['The article, in its own voice', 'Stated as fact'],
      ['Unnamed insiders', 'Reported'],
      ['Bob, an analyst', 'Opinion'],
    ]);
    // Visible without opening anything: no hidden panel holds the attribution.
    for (const who of card.querySelectorAll('.who')) expect(who.closest('[hidden]')).toBeNull();
  });

  it('says what the source is and that it is one source', async () => {
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'en'));
    expect(card.querySelector('.source-line')?.textContent).toBe(
      'Source: German article, probably written in December 2025, translated from an Italian site. One source only. ' +
        'Checked against other reporting up to March 2026.',
    );
    const de = await show(buildCardState(cardDataset(), 'alice-example', 'de'), 'de');
    expect(de.querySelector('.source-line')?.textContent).toBe(
      'Quelle: Deutscher Artikel, vermutlich im Dezember 2025 geschrieben, Übersetzung eines Beitrags einer ' +
        'italienischen Website. Nur eine Quelle. Mit anderen Berichten abgeglichen bis März 2026.',
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
    expect(panel?.querySelector('[data-action="read-in-context"]')?.textContent).toBe('Read in context');
    await act(() => toggle?.click());
    expect(first?.querySelector('blockquote')).toBeNull();
    expect(toggle?.textContent).toBe('Show the German quote');
  });

  it('dates the note, names whom each source relays, and links only http(s) sources, safely', async () => {
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'en'));
    const notes = card.querySelectorAll('.note');
    expect(notes).toHaveLength(1);
    const note = notes[0];
    // The claim already led with "Contradicted by other reporting"; the note does not say it twice.
    expect(note?.querySelector('p')?.textContent).toBe(
      'Other reporting (as of June 2025): Other outlets report a far larger sum.',
    );
    const links = [...(note?.querySelectorAll('a') ?? [])];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.org/a', 'http://example.net/b']);
    expect(texts(links)).toEqual(['Example News, 13 June 2025', 'Plain Wire (original source: Reuters)']);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect(note?.textContent).toContain('Sneaky');
    expect(card.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it('says each verdict in the card language: before the claim when it contradicts or qualifies, else in the note', async () => {
    const dataset = cardDataset();
    const verdicts = ['corroborated', 'qualified', 'contradicted', 'not-found'] as const;
    const said: Record<CardLang, [string | null, string][]> = { en: [], de: [] };
    for (const lang of ['en', 'de'] as const) {
      for (const verdict of verdicts) {
        const note = dataset.notes[0];
        if (!note) throw new Error('fixture');
        dataset.notes[0] = { ...note, verdict };
        const card = await show(buildCardState(dataset, 'alice-example', lang), lang);
        const claim = card.querySelectorAll('.claim')[1];
        said[lang].push([
          claim?.querySelector('.lead-verdict')?.textContent ?? null,
          claim?.querySelector('.verdict')?.textContent ?? '',
        ]);
      }
    }
    expect(said.en).toEqual([
      [null, 'Other reporting confirms this'],
      ['Qualified by other reporting', 'Other reporting'],
      ['Contradicted by other reporting', 'Other reporting'],
      [null, 'Not found in other reporting'],
    ]);
    expect(said.de).toEqual([
      [null, 'Andere Berichte bestätigen das'],
      ['Andere Berichte schränken ein', 'Andere Berichte'],
      ['Andere Berichte widersprechen', 'Andere Berichte'],
      [null, 'In anderen Berichten nicht gefunden'],
    ]);
  });
});

describe('card state: no claims', () => {
  it('names the entity and says the article makes no claim about it', async () => {
    const actions = fakeActions();
    const card = await show(buildCardState(cardDataset(), 'quiet-corp', 'en'), 'en', actions);
    expect(card.dataset['state']).toBe('no-claims');
    expect(card.querySelector('h2')?.textContent).toBe('Quiet Corp');
    expect(card.querySelector('.meta')?.textContent).toBe('Organisation · A company (as of December 2025)');
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
    dataset.claims[0] = { ...claim, text: { en: '  ', de: 'Alice Example leitet das Labor.' } };
    const card = await show(buildCardState(dataset, 'alice-example', 'en'), 'en');
    const first = card.querySelector('.claim-text');
    expect(first?.getAttribute('lang')).toBe('de');
    expect(first?.textContent).toBe('Alice Example leitet das Labor. (only available in German)');
    expect(card.querySelectorAll('.claim-text')[1]?.getAttribute('lang')).toBe('en');
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
  it('renders the German card with German labels, chips and attributions', async () => {
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'de'), 'de');
    expect(card.getAttribute('lang')).toBe('de');
    expect(card.getAttribute('aria-label')).toBe('Kontextkarte: Alice Example');
    expect(card.querySelector('.meta')?.textContent).toBe('Person · Leiterin des Labors (Stand: Dezember 2025)');
    expect(card.querySelector('.section-title')?.textContent).toBe(
      'Im Quellartikel · vermutlich im Dezember 2025 geschrieben',
    );
    const heads = [...card.querySelectorAll('.claim')].map((c) =>
      texts(c.querySelectorAll('.lead-verdict, .who, .chip')),
    );
    expect(heads).toEqual([
      ['Der Artikel selbst', 'Als Tatsache dargestellt'],
      ['Andere Berichte widersprechen', 'Ungenannte Insider', 'Berichtet'],
      ['Bob, ein Analyst', 'Meinung'],
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
    const inContext = second?.querySelector<HTMLButtonElement>('.quote-panel [data-action="read-in-context"]');
    expect(inContext?.textContent).toBe('Read in context');
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
