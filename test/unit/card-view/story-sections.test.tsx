// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_RECENT_PAGES, type CardActions } from '../../../src/card-view/actions.ts';
import { CardRoot } from '../../../src/card-view/card-root.tsx';
import { buildCardState } from '../../../src/card-view/model.ts';
import { buildLibrary, orderStories } from '../../../src/dataset/library.ts';
import type { Dataset } from '../../../src/dataset/index.ts';
import { cardDataset } from './card-dataset.ts';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

/** A second story about Alice: newer, in English, one claim. */
function laterStory(): Dataset {
  const d = cardDataset();
  d.id = 'later-story';
  d.title = { en: 'A later interview', de: 'Ein späteres Interview' };
  d.source.language = 'en';
  d.source.writtenAround.estimate = '2026-02';
  d.entities = d.entities.filter((e) => e.id === 'alice-example');
  d.claims = [
    {
      id: 'c01-alice-moves',
      entities: ['alice-example'],
      quote: 'Alice Example is moving on.',
      insertions: [],
      text: { en: 'Alice Example is moving on.', de: 'Alice Example geht.' },
      attribution: { kind: 'article', label: { en: 'The interview', de: 'Das Interview' } },
      kind: 'reported',
    },
  ];
  d.notes = [];
  d.developments = [];
  return d;
}

function actions() {
  return {
    readSource: vi.fn<CardActions['readSource']>(),
    readEntity: vi.fn<CardActions['readEntity']>(),
    turnOffOnSite: vi.fn<CardActions['turnOffOnSite']>(),
    close: vi.fn<CardActions['close']>(),
    recentPages: vi.fn<CardActions['recentPages']>(() => Promise.resolve(NO_RECENT_PAGES)),
  } satisfies CardActions;
}

describe('a card from several stories', () => {
  const library = () =>
    buildLibrary(
      orderStories([
        { dataset: cardDataset(), importedAt: 0 },
        { dataset: laterStory(), importedAt: 5 },
      ]),
    );

  it('lists the stories newest first, each claim with its story', () => {
    const state = buildCardState(library(), 'alice-example', 'en');
    if (state.kind !== 'ready') throw new Error(state.kind);
    expect(state.stories.map((s) => s.id)).toEqual(['later-story', 'card-test']);
    expect(state.claims[0]).toMatchObject({ id: 'c01-alice-moves', story: { id: 'later-story' } });
    expect(state.claims.slice(1).every((c) => c.story?.id === 'card-test')).toBe(true);
  });

  it('shows a section per story, headed by its title, and opens the source of the claim’s story', async () => {
    const a = actions();
    await act(() =>
      render(<CardRoot state={buildCardState(library(), 'alice-example', 'en')} lang="en" actions={a} />, root),
    );
    const card = root.querySelector('[role="dialog"]');
    expect(card?.querySelector('.section-title')?.textContent).toBe('In 2 stories, newest first');
    const sections = [...(card?.querySelectorAll<HTMLElement>('section.story') ?? [])];
    // The preview's three claims: the contradicted and qualified ones of the older story, then the newer one's.
    expect(sections.map((s) => s.dataset['story'])).toEqual(['later-story', 'card-test']);
    expect(sections[0]?.querySelector('.story-title')?.textContent).toMatch(/^A later interview/);
    const moving = sections[0]?.querySelector('[data-claim="c01-alice-moves"]');
    expect(moving).not.toBeNull();
    // The English story's quote is English.
    expect(moving?.querySelector('blockquote')?.getAttribute('lang')).toBe('en');
    const all = card?.querySelector<HTMLButtonElement>('[data-action="all-claims"]');
    await act(() => all?.click());
    expect(a.readEntity).toHaveBeenLastCalledWith('alice-example', 'later-story');
  });

  it('in the older story’s language, its quotes lead to that story’s source', async () => {
    const a = actions();
    await act(() =>
      render(<CardRoot state={buildCardState(library(), 'alice-example', 'de')} lang="de" actions={a} />, root),
    );
    const older = root.querySelector('section.story[data-story="card-test"]');
    const button = older?.querySelector<HTMLButtonElement>('[data-action="read-in-context"]');
    expect(button).toBeTruthy();
    await act(() => button?.click());
    expect(a.readSource).toHaveBeenLastCalledWith(expect.stringMatching(/^c0/), 'card-test');
  });

  it('keeps the single-story card as it was (no sections)', async () => {
    await act(() =>
      render(
        <CardRoot state={buildCardState(cardDataset(), 'alice-example', 'en')} lang="en" actions={actions()} />,
        root,
      ),
    );
    expect(root.querySelector('section.story')).toBeNull();
    expect(root.querySelector('.section-title')?.textContent).toMatch(/^In the source article/);
  });
});
