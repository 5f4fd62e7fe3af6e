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

/** A fixed clock inside six months of the fixture's newest date, so the footer shows the check date. */
const NOW = new Date('2026-06-01T00:00:00Z');

let root: HTMLElement;

function fakeActions(recent: () => Promise<RecentPages> = () => Promise.resolve(NO_RECENT_PAGES)) {
  return {
    readSource: vi.fn<CardActions['readSource']>(),
    readEntity: vi.fn<CardActions['readEntity']>(),
    turnOffOnSite: vi.fn<CardActions['turnOffOnSite']>(),
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
  it('names the product and its source first, then the entity, its dated role, and its claims, contradicted first', async () => {
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'en', NOW));
    expect(card.dataset['state']).toBe('ready');
    expect(card.getAttribute('aria-label')).toBe('Context card: Alice Example');
    expect(card.getAttribute('lang')).toBe('en');
    // The fixed header: what this is and what it rests on, the name, the way out.
    const header = card.querySelector('header.header');
    expect(header?.querySelector('.brand')?.textContent).toBe('Context Cards · one German news article, Dec 2025');
    expect(header?.querySelector('h2')?.textContent).toBe('Alice Example');
    expect(header?.querySelector('button.close')?.getAttribute('aria-label')).toBe('Close');
    expect(card.querySelector('h2')?.textContent).toBe('Alice Example');
    const body = card.querySelector('.body');
    expect(body?.querySelector('.meta')?.textContent).toBe('Person · Head of the lab (as of December 2025)');
    expect(body?.querySelector('.section-title')?.textContent).toBe(
      'In the source article · probably written in December 2025',
    );
    expect(texts(body?.querySelectorAll('.claim-text') ?? [])).toEqual([
      'Alice reportedly got ten million.',
      'Alice Example leads the lab.',
      'A bold move.',
    ]);
    expect(body?.querySelector('[data-action="all-claims"]')?.textContent).toBe('All 3 claims about Alice Example →');
    // The fixed footer: the date of the check and the actions.
    const footer = card.querySelector('footer.footer');
    expect(footer?.querySelector('.checked-line')?.textContent).toBe(
      'Checked against other reporting up to March 2026.',
    );
    expect(texts(footer?.querySelectorAll('button') ?? [])).toEqual(['Read the source', 'Turn off on this site']);
  });

  it('shows at most three claims, contradicted and qualified ones first, and leads to all of them', async () => {
    const dataset = cardDataset();
    const base = dataset.claims[2];
    if (!base) throw new Error('fixture');
    const more = ['c04-alice-four', 'c05-alice-five', 'c06-alice-six'].map((id, i) => ({
      ...base,
      id,
      text: { en: `Claim ${i + 4}.`, de: `Aussage ${i + 4}.` },
    }));
    dataset.claims.push(...more);
    dataset.notes.push({
      ...dataset.notes[0],
      id: 'n02-six-qualified',
      claim: 'c06-alice-six',
      verdict: 'qualified',
    } as (typeof dataset.notes)[number]);
    const actions = fakeActions();
    const card = await show(buildCardState(dataset, 'alice-example', 'en', NOW), 'en', actions);
    expect([...card.querySelectorAll('.claim')].map((c) => c.getAttribute('data-claim'))).toEqual([
      'c02-alice-paid',
      'c06-alice-six',
      'c01-alice-leads',
    ]);
    expect(texts(card.querySelectorAll('.claim .lead-verdict'))).toEqual([
      'Contradicted by other reporting',
      'Qualified by other reporting',
    ]);
    const all = card.querySelector<HTMLButtonElement>('[data-action="all-claims"]');
    expect(all?.textContent).toBe('All 6 claims about Alice Example →');
    await act(() => all?.click());
    expect(actions.readEntity).toHaveBeenCalledWith('alice-example', 'card-test');
    // The announcement counts every claim, not only those shown.
    await act(() => new Promise((resolve) => setTimeout(resolve, ANNOUNCE_DELAY_MS + 20)));
    expect(card.querySelector('[role="status"]')?.textContent).toBe(
      'Context card for Alice Example: 6 claims in the article.',
    );
  });

  it("shows with every claim who says it, in the dataset's words, and how the article presents it", async () => {
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'en', NOW));
    const heads = [...card.querySelectorAll('.claim')].map((c) => texts(c.querySelectorAll('.who, .chip')));
    expect(heads).toEqual([
      ['Unnamed insiders', 'Reported'],
      ['The article, in its own voice', 'Stated as fact'],
      ['Bob, an analyst', 'Opinion'],
    ]);
    // Visible without opening anything: no hidden panel holds the attribution.
    for (const who of card.querySelectorAll('.who')) expect(who.closest('[hidden]')).toBeNull();
  });

  it('says what the source is and that it is one source', async () => {
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'en', NOW));
    expect(card.querySelector('.body .source-line')?.textContent).toBe(
      'Source: German article, probably written in December 2025, translated from an Italian site. One source only.',
    );
    // Past September 2026 the same line adds that things may have changed (card-time-and-verdicts).
    expect(card.querySelector('.footer .checked-line')?.textContent).toMatch(
      /^Checked against other reporting up to March 2026\./,
    );
    const de = await show(buildCardState(cardDataset(), 'alice-example', 'de', NOW), 'de');
    expect(de.querySelector('.brand')?.textContent).toBe('Context Cards · ein deutscher Nachrichtenartikel, Dez. 2025');
    expect(de.querySelector('.body .source-line')?.textContent).toBe(
      'Quelle: Deutscher Artikel, vermutlich im Dezember 2025 geschrieben, Übersetzung eines Beitrags einer ' +
        'italienischen Website. Nur eine Quelle.',
    );
    expect(de.querySelector('.footer .checked-line')?.textContent).toBe(
      'Mit anderen Berichten abgeglichen bis März 2026.',
    );
  });

  it('keeps the German quote one click away, marked as German', async () => {
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'en', NOW));
    const first = card.querySelector('.claim[data-claim="c01-alice-leads"]');
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

  it('opens the note from its toggle, dated, naming whom each source relays, linking only http(s) sources', async () => {
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'en', NOW));
    const claim = card.querySelector('.claim[data-claim="c02-alice-paid"]');
    const toggle = claim?.querySelector<HTMLButtonElement>('.note-toggle');
    // The preview keeps notes folded: one line under the claim, saying whose word it is.
    expect(toggle?.textContent).toBe('What other reporting says');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(card.querySelectorAll('.note')).toHaveLength(0);
    await act(() => toggle?.click());
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    const panel = card.querySelector(`#${CSS.escape(toggle?.getAttribute('aria-controls') ?? '')}`);
    const notes = card.querySelectorAll('.note');
    expect(panel?.contains(notes[0] ?? null)).toBe(true);
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
    const said: Record<CardLang, [string | null, string, string][]> = { en: [], de: [] };
    for (const lang of ['en', 'de'] as const) {
      for (const verdict of verdicts) {
        const note = dataset.notes[0];
        if (!note) throw new Error('fixture');
        dataset.notes[0] = { ...note, verdict };
        render(null, root);
        const card = await show(buildCardState(dataset, 'alice-example', lang, NOW), lang);
        const claim = card.querySelector('.claim[data-claim="c02-alice-paid"]');
        const toggle = claim?.querySelector<HTMLButtonElement>('.note-toggle');
        const folded = toggle?.textContent ?? '';
        await act(() => toggle?.click());
        said[lang].push([
          claim?.querySelector('.lead-verdict')?.textContent ?? null,
          folded,
          claim?.querySelector('.note .verdict')?.textContent ?? '',
        ]);
      }
    }
    // [before the claim, on its notes' toggle, in the opened note]: each verdict said once, where it is seen first.
    expect(said.en).toEqual([
      [null, 'Other reporting confirms this', 'Other reporting'],
      ['Qualified by other reporting', 'What other reporting says', 'Other reporting'],
      ['Contradicted by other reporting', 'What other reporting says', 'Other reporting'],
      [null, 'Not found in other reporting', 'Other reporting'],
    ]);
    expect(said.de).toEqual([
      [null, 'Andere Berichte bestätigen das', 'Andere Berichte'],
      ['Andere Berichte schränken ein', 'Was andere Berichte sagen', 'Andere Berichte'],
      ['Andere Berichte widersprechen', 'Was andere Berichte sagen', 'Andere Berichte'],
      [null, 'In anderen Berichten nicht gefunden', 'Andere Berichte'],
    ]);
  });
});

describe('card state: no claims', () => {
  it('names the entity and says the article makes no claim about it', async () => {
    const actions = fakeActions();
    const card = await show(buildCardState(cardDataset(), 'quiet-corp', 'en', NOW), 'en', actions);
    expect(card.dataset['state']).toBe('no-claims');
    expect(card.querySelector('h2')?.textContent).toBe('Quiet Corp');
    expect(card.querySelector('.meta')?.textContent).toBe('Organisation · A company (as of December 2025)');
    expect(card.querySelector('[data-testid="no-claims"]')?.textContent).toBe(
      'The article makes no specific claim about Quiet Corp.',
    );
    expect(card.querySelectorAll('.claim')).toHaveLength(0);
    await act(() => card.querySelector<HTMLButtonElement>('[data-action="read-source"]')?.click());
    expect(actions.readSource).toHaveBeenCalledWith(null, undefined);
  });
});

describe('card state: text missing in the chosen language', () => {
  it('falls back to the other language, marks its lang and says so', async () => {
    const dataset = cardDataset();
    const claim = dataset.claims[0];
    if (!claim) throw new Error('fixture');
    dataset.claims[0] = { ...claim, text: { en: '  ', de: 'Alice Example leitet das Labor.' } };
    const card = await show(buildCardState(dataset, 'alice-example', 'en', NOW), 'en');
    const first = card.querySelector('.claim[data-claim="c01-alice-leads"] .claim-text');
    expect(first?.getAttribute('lang')).toBe('de');
    expect(first?.textContent).toBe('Alice Example leitet das Labor. (only available in German)');
    expect(card.querySelector('.claim[data-claim="c02-alice-paid"] .claim-text')?.getAttribute('lang')).toBe('en');
  });
});

describe('card state: dataset error', () => {
  it('shows an error card for an entity the dataset does not know', async () => {
    const actions = fakeActions();
    const card = await show(buildCardState(cardDataset(), 'nobody', 'en', NOW), 'en', actions);
    expect(card.dataset['state']).toBe('error');
    expect(card.querySelector('h2')?.textContent).toBe('Card unavailable');
    expect(card.querySelector('[role="alert"]')?.textContent).toBe('The data for this card could not be read.');
    await act(() => card.querySelector<HTMLButtonElement>('.close')?.click());
    expect(actions.close).toHaveBeenCalledOnce();
  });

  it('turns a broken dataset into the error state instead of throwing', () => {
    const broken = { ...cardDataset(), claims: null } as unknown as ReturnType<typeof cardDataset>;
    expect(buildCardState(broken, 'alice-example', 'en', NOW)).toEqual({ kind: 'error', reason: 'unreadable' });
  });

  it('catches a rendering fault and shows the error state', async () => {
    vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const state = buildCardState(cardDataset(), 'alice-example', 'en', NOW);
    if (state.kind !== 'ready') throw new Error('fixture');
    const poisoned = { ...state, claims: [{ ...state.claims[0], attribution: null }] } as unknown as CardState;
    const card = await show(poisoned);
    expect(card.dataset['state']).toBe('error');
  });
});

describe('card language', () => {
  it('renders the German card with German labels, chips and attributions', async () => {
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'de', NOW), 'de');
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
      ['Andere Berichte widersprechen', 'Ungenannte Insider', 'Berichtet'],
      ['Der Artikel selbst', 'Als Tatsache dargestellt'],
      ['Bob, ein Analyst', 'Meinung'],
    ]);
    expect(card.querySelector('[data-action="read-source"]')?.textContent).toBe('Quelle lesen');
    expect(card.querySelector('[data-action="turn-off-site"]')?.textContent).toBe('Auf dieser Website ausschalten');
    expect(card.querySelector('[data-action="all-claims"]')?.textContent).toBe('Alle 3 Aussagen über Alice Example →');
  });
});

describe('card actions', () => {
  it('opens the source at the first claim shown, at a claim from its quote, or for the entity; turns the site off', async () => {
    const actions = fakeActions();
    const card = await show(buildCardState(cardDataset(), 'alice-example', 'en', NOW), 'en', actions);
    await act(() => card.querySelector<HTMLButtonElement>('[data-action="read-source"]')?.click());
    expect(actions.readSource).toHaveBeenLastCalledWith('c02-alice-paid', 'card-test');
    const second = card.querySelectorAll('.claim')[1];
    await act(() => second?.querySelector<HTMLButtonElement>('.quote-toggle')?.click());
    const inContext = second?.querySelector<HTMLButtonElement>('.quote-panel [data-action="read-in-context"]');
    expect(inContext?.textContent).toBe('Read in context');
    await act(() => inContext?.click());
    expect(actions.readSource).toHaveBeenLastCalledWith('c01-alice-leads', 'card-test');
    await act(() => card.querySelector<HTMLButtonElement>('[data-action="all-claims"]')?.click());
    expect(actions.readEntity).toHaveBeenLastCalledWith('alice-example', 'card-test');
    expect(actions.turnOffOnSite).not.toHaveBeenCalled();
    await act(() => card.querySelector<HTMLButtonElement>('[data-action="turn-off-site"]')?.click());
    expect(actions.turnOffOnSite).toHaveBeenCalledOnce();
  });

  it('starts another entity at its top with every toggle closed (a card switched to a neighbour)', async () => {
    const dataset = cardDataset();
    const actions = fakeActions();
    await act(() =>
      render(
        <CardRoot state={buildCardState(dataset, 'alice-example', 'en', NOW)} lang="en" actions={actions} />,
        root,
      ),
    );
    const dialog = root.querySelector('[role="dialog"]');
    await act(() => root.querySelector<HTMLButtonElement>('.note-toggle')?.click());
    expect(root.querySelectorAll('.note')).toHaveLength(1);
    const body = root.querySelector('.body');
    await act(() =>
      render(<CardRoot state={buildCardState(dataset, 'quiet-corp', 'en', NOW)} lang="en" actions={actions} />, root),
    );
    // The same dialog element (no second entrance), a new body.
    expect(root.querySelector('[role="dialog"]')).toBe(dialog);
    expect(root.querySelector('.body')).not.toBe(body);
    expect(root.querySelector('h2')?.textContent).toBe('Quiet Corp');
    await act(() =>
      render(
        <CardRoot state={buildCardState(dataset, 'alice-example', 'en', NOW)} lang="en" actions={actions} />,
        root,
      ),
    );
    expect(root.querySelectorAll('.note')).toHaveLength(0);
    expect(actions.recentPages.mock.calls.map(([id]) => id)).toEqual(['alice-example', 'quiet-corp', 'alice-example']);
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
      buildCardState(cardDataset(), 'alice-example', 'en', NOW),
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
      buildCardState(cardDataset(), 'alice-example', 'en', NOW),
      'en',
      fakeActions(() => Promise.reject(new Error('no background'))),
    );
    await act(() => Promise.resolve());
    expect(failing.querySelector('[data-testid="recent-pages"]')).toBeNull();
    render(null, root);
    const none = await show(
      buildCardState(cardDataset(), 'alice-example', 'en', NOW),
      'en',
      fakeActions(() => Promise.resolve(NO_RECENT_PAGES)),
    );
    await act(() => Promise.resolve());
    expect(none.querySelector('[data-testid="recent-pages"]')).toBeNull();
  });

  it('announces the card politely once it is in the page', async () => {
    vi.useFakeTimers();
    try {
      const card = await show(buildCardState(cardDataset(), 'alice-example', 'en', NOW));
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
    const state = buildCardState(cardDataset(), 'alice-example', 'en', NOW);
    await act(() => render(<Card state={state} lang="en" actions={fakeActions()} />, root));
    const plain = root.querySelector('[role="dialog"]')?.textContent;
    const guarded = (await show(state)).textContent;
    expect(guarded).toBe(plain);
  });
});
