// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PackDb, PackRow } from '../../../src/background/pack-db.ts';
import { PackService } from '../../../src/background/pack-service.ts';
import { BUNDLED_DATASET } from '../../../src/dataset/bundled.ts';
import { App } from '../../../src/options/app.tsx';
import type { OptionsConnector } from '../../../src/options/connector.ts';
import type { PublishedLibrary } from '../../../src/shared/library-store.ts';
import { localMessage } from '../popup/fake-connector.ts';

const repo = resolve(import.meta.dirname, '../../..');
const EXAMPLE = readFileSync(resolve(repo, 'examples/highlight-api.en.pack.json'), 'utf8');
const BROKEN = readFileSync(resolve(repo, 'test/fixtures/packs/broken.pack.json'), 'utf8');

function memoryDb(): PackDb {
  const rows = new Map<string, PackRow>();
  let bundled = true;
  return {
    all: async () => [...rows.values()],
    get: async (id) => rows.get(id),
    put: async (row) => void rows.set(row.id, row),
    delete: async (id) => void rows.delete(id),
    bundledEnabled: async () => bundled,
    setBundledEnabled: async (on) => void (bundled = on),
  };
}

/** The options page's connector over the background's real pack service (in memory). */
function fakeConnector(lang: 'en' | 'de' = 'en') {
  const published: PublishedLibrary[] = [];
  const failing = { publish: false };
  const packs = new PackService({
    open: async () => memoryDb(),
    publish: async (l) => {
      if (failing.publish) throw new Error('storage is full');
      published.push(l);
    },
    bundled: BUNDLED_DATASET,
    now: () => Date.UTC(2026, 11, 7),
  });
  const db = packs;
  const c = {
    msg: (key, subs) => localMessage(lang, key, subs),
    uiLanguage: lang,
    list: () => db.list(),
    importPack: vi.fn((r) => db.importPack(r)),
    setEnabled: (id, on) => db.setEnabled(id, on),
    remove: (id) => db.remove(id),
    packText: (id) => db.text(id),
    openSource: vi.fn(async () => undefined),
    download: vi.fn(),
  } satisfies OptionsConnector;
  return { c, published, failing };
}

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await act(() => new Promise((r) => setTimeout(r, 0)));
}

async function mount(lang: 'en' | 'de' = 'en') {
  const fake = fakeConnector(lang);
  await act(() => render(<App connector={fake.c} />, root));
  await settle();
  return fake;
}

/** Imports a file through the file input, as a user choosing it would. */
async function choose(text: string, name = 'pack.json'): Promise<void> {
  const input = root.querySelector<HTMLInputElement>('[data-testid="pack-file"]');
  if (!input) throw new Error('no file input');
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
  await settle();
}

const packIds = () => [...root.querySelectorAll<HTMLElement>('li.pack')].map((li) => li.dataset['pack']);
const alertBox = () => root.querySelector<HTMLElement>('[role="alert"]');

describe('the options page', () => {
  it('lists the bundled story with its counts; it can be switched off but not removed', async () => {
    await mount();
    expect(packIds()).toEqual([BUNDLED_DATASET.id]);
    const item = root.querySelector('li.pack');
    expect(item?.querySelector('[data-testid="pack-counts"]')?.textContent).toMatch(
      /^9 entities · 38 claims · 29 notes · Comes with the extension/,
    );
    expect(item?.querySelector('[data-action="remove"]')).toBeNull();
    // The article has no headline and no address: no empty "Source without a title" line.
    expect(item?.querySelector('.pack-source')).toBeNull();
    expect(item?.querySelector('[role="switch"]')?.getAttribute('aria-checked')).toBe('true');
    expect(alertBox()?.hidden).toBe(true);
  });

  it('imports the example pack from a file, says so, and lists it with its dates', async () => {
    const fake = await mount();
    await choose(EXAMPLE);
    expect(packIds()).toEqual([BUNDLED_DATASET.id, 'highlight-api-explainer']);
    expect(root.querySelector('[role="status"]')?.textContent).toMatch(/^Imported “Marking text without touching/);
    const item = root.querySelector('li[data-pack="highlight-api-explainer"]');
    expect(item?.querySelector('.pack-dates')?.textContent).toBe(
      'Source written around December 2026, checked against other reporting up to December 2026',
    );
    expect(item?.querySelector('.pack-source')?.textContent).toBe('Marking text without touching the page');
    expect(item?.querySelector('[data-testid="pack-counts"]')?.textContent).toMatch(/^2 entities · 4 claims · 4 notes/);
    expect(fake.published.at(-1)?.packs.map((p) => p.dataset.id)).toEqual(['highlight-api-explainer']);
  });

  it('shows every error of a broken pack with its path in an alert, and keeps the packs there were', async () => {
    await mount();
    await choose(EXAMPLE);
    await choose(BROKEN);
    const alert = alertBox();
    expect(alert?.hidden).toBe(false);
    expect(alert?.textContent).toContain('nothing changed');
    expect(alert?.textContent).toContain('claims[1].quote: this quote is not in the source text');
    expect(packIds()).toEqual([BUNDLED_DATASET.id, 'highlight-api-explainer']);
  });

  it('refuses a file over 5 MB without reading it', async () => {
    const fake = await mount();
    await choose('x'.repeat(5 * 1024 * 1024 + 1));
    expect(alertBox()?.textContent).toMatch(/larger than 5 MB/);
    expect(fake.c.importPack).not.toHaveBeenCalled();
  });

  it('explains a name another entity has, and imports only when asked', async () => {
    await mount();
    const rival = JSON.parse(EXAMPLE) as { id: string; entities: { id: string; aliases: { text: string }[] }[] };
    rival.id = 'rival';
    const first = rival.entities[0];
    if (first) first.aliases.push({ ...first.aliases[0], text: 'Mark Zuckerberg' } as { text: string });
    await choose(JSON.stringify(rival));
    const conflict = root.querySelector('[data-testid="conflict"]');
    expect(conflict?.textContent).toContain(
      "“Mark Zuckerberg” is a name of CSS Custom Highlight API in this pack, and of Mark Zuckerberg in “Meta's AI leadership",
    );
    expect(packIds()).toEqual([BUNDLED_DATASET.id]);
    await act(() => conflict?.querySelector<HTMLButtonElement>('[data-action="import-anyway"]')?.click());
    await settle();
    expect(packIds()).toEqual([BUNDLED_DATASET.id, 'rival']);
    expect(root.querySelector('[data-testid="conflict"]')).toBeNull();
  });

  it('switches a pack off and on', async () => {
    const fake = await mount();
    await choose(EXAMPLE);
    const button = () =>
      root.querySelector<HTMLButtonElement>('li[data-pack="highlight-api-explainer"] [role="switch"]');
    await act(() => button()?.click());
    await settle();
    expect(button()?.getAttribute('aria-checked')).toBe('false');
    expect(fake.published.at(-1)?.packs).toEqual([]);
    await act(() => button()?.click());
    await settle();
    expect(button()?.getAttribute('aria-checked')).toBe('true');
  });

  it('removes a pack with Undo, which puts it back as it was, focus on Undo', async () => {
    await mount();
    await choose(EXAMPLE);
    await act(() =>
      root.querySelector<HTMLButtonElement>('li[data-pack="highlight-api-explainer"] [data-action="remove"]')?.click(),
    );
    await settle();
    expect(packIds()).toEqual([BUNDLED_DATASET.id]);
    const undo = root.querySelector<HTMLButtonElement>('[data-action="undo"]');
    expect(document.activeElement).toBe(undo);
    await act(() => undo?.click());
    await settle();
    expect(packIds()).toEqual([BUNDLED_DATASET.id, 'highlight-api-explainer']);
    expect(root.querySelector('[role="status"]')?.textContent).toMatch(/is back\.$/);
    expect(document.activeElement?.id).toBe('pack-highlight-api-explainer-switch');
  });

  it('keeps a pack whose removal could not be published, and says so; nothing changed', async () => {
    const fake = await mount();
    await choose(EXAMPLE);
    const publications = fake.published.length;
    fake.failing.publish = true;
    await act(() =>
      root.querySelector<HTMLButtonElement>('li[data-pack="highlight-api-explainer"] [data-action="remove"]')?.click(),
    );
    await settle();
    expect(packIds()).toEqual([BUNDLED_DATASET.id, 'highlight-api-explainer']);
    expect(root.querySelector('[role="alert"]')?.textContent).toMatch(
      /^“.+” was not removed, nothing changed: storage is full$/,
    );
    expect(root.querySelector('[data-action="undo"]')).toBeNull();
    expect(fake.published).toHaveLength(publications);
    fake.failing.publish = false;
    await act(() =>
      root.querySelector<HTMLButtonElement>('li[data-pack="highlight-api-explainer"] [data-action="remove"]')?.click(),
    );
    await settle();
    expect(packIds()).toEqual([BUNDLED_DATASET.id]);
    expect(root.querySelector('[data-action="undo"]')).not.toBeNull();
    expect(root.querySelector<HTMLElement>('[role="alert"]')?.hidden).toBe(true);
  });

  it('exports a pack as its file and opens its source', async () => {
    const fake = await mount();
    await choose(EXAMPLE);
    const item = root.querySelector('li[data-pack="highlight-api-explainer"]');
    await act(() => item?.querySelector<HTMLButtonElement>('[data-action="export"]')?.click());
    await settle();
    expect(fake.c.download).toHaveBeenCalledWith(
      'highlight-api-explainer.pack.json',
      expect.stringContaining('"text"'),
    );
    await act(() => item?.querySelector<HTMLButtonElement>('[data-action="read-source"]')?.click());
    expect(fake.c.openSource).toHaveBeenCalledWith('highlight-api-explainer');
  });

  it('speaks German in a German browser', async () => {
    await mount('de');
    expect(root.querySelector('h1')?.textContent).toBe('Context Cards: Story-Pakete');
    expect(root.querySelector('li.pack [data-action="read-source"]')?.textContent).toBe('Quelle lesen');
  });
});
