// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/popup/app.tsx';
import { formatKeys } from '../../../src/popup/components/shortcuts.tsx';
import { BUNDLED, type DatasetSummary } from '../../../src/popup/dataset-summary.ts';
import { fakeConnector, type FakeOptions } from './fake-connector.ts';

let root: HTMLElement;
const NOW = Date.UTC(2026, 2, 1);

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

/** Lets pending promises (connector calls) settle and Preact re-render. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
}

async function mount(options: FakeOptions = {}, dataset: DatasetSummary = BUNDLED) {
  const fake = fakeConnector(options);
  await act(() => render(<App connector={fake.c} dataset={dataset} now={() => NOW} />, root));
  await settle();
  return fake;
}

const $ = <T extends Element = HTMLElement>(sel: string): T => {
  const el = root.querySelector<T>(sel);
  if (!el) throw new Error(`no ${sel}`);
  return el;
};

async function click(sel: string | Element): Promise<void> {
  const el = typeof sel === 'string' ? $(sel) : sel;
  await act(() => (el as HTMLElement).click());
  await settle();
}

async function openPanel(testId: string): Promise<void> {
  const details = $<HTMLDetailsElement>(`[data-testid="${testId}"]`);
  await act(() => {
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
  });
  await settle();
}

describe('popup', () => {
  it('shows the title, both switches and the host of the tab', async () => {
    await mount();
    expect($('h1').textContent).toBe('Context Cards');
    const master = $('[data-testid="master-switch"]');
    expect(master.getAttribute('role')).toBe('switch');
    expect(master.getAttribute('aria-checked')).toBe('true');
    expect(master.tagName).toBe('BUTTON');
    const site = $('[data-testid="site-switch"]');
    expect(site.getAttribute('aria-checked')).toBe('true');
    expect(root.querySelector('#site-switch-hint')?.textContent).toBe('news.example');
    expect(root.querySelector('label[for="site-switch"]')?.textContent).toBe('On this site');
  });

  it('the master switch turns everything off and on', async () => {
    const fake = await mount();
    await click('[data-testid="master-switch"]');
    expect(fake.settings().enabled).toBe(false);
    expect($('[data-testid="master-switch"]').getAttribute('aria-checked')).toBe('false');
    expect($<HTMLButtonElement>('[data-testid="site-switch"]').disabled).toBe(true);
    expect(root.textContent).toContain('Context Cards is off.');
    await click('[data-testid="master-switch"]');
    expect(fake.settings().enabled).toBe(true);
  });

  it('the site switch adds and removes the host', async () => {
    const fake = await mount();
    await click('[data-testid="site-switch"]');
    expect(fake.settings().disabledSites).toEqual(['news.example']);
    expect(root.textContent).toContain('Context Cards is off for news.example.');
    // Clicking the label works like clicking the switch.
    await click('label[for="site-switch"]');
    expect(fake.settings().disabledSites).toEqual([]);
  });

  it('the site switch is disabled on pages without a host, with a reason', async () => {
    await mount({ tab: { id: 3, url: 'chrome://extensions/' }, mentions: { kind: 'restricted' } });
    expect($<HTMLButtonElement>('[data-testid="site-switch"]').disabled).toBe(true);
    expect(root.textContent).toContain('This page has no site to switch.');
    expect(root.textContent).toContain('Context Cards cannot read this page');
  });

  it('says when the page did not answer', async () => {
    await mount({ mentions: { kind: 'no-answer' } });
    expect(root.textContent).toContain('No answer from this page. Reload it to find mentions.');
  });

  it('lists entities on the page by count, with names, and jumps to one', async () => {
    const fake = await mount();
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('[data-testid="mentions"] button')];
    expect(buttons.map((b) => b.dataset['entity'])).toEqual(['mark-zuckerberg', 'meta']);
    expect(buttons[0]?.textContent).toBe('Mark Zuckerberg5, 5 mentions');
    expect(buttons[1]?.querySelector('.visually-hidden')?.textContent).toBe(', 2 mentions');
    await click(buttons[1] as HTMLButtonElement);
    expect(fake.c.goto).toHaveBeenCalledWith(12, 'meta');
    expect(fake.c.close).toHaveBeenCalled();
  });

  it('names the entities of imported story packs that are on, beside the bundled ones', async () => {
    await mount({
      packNames: [{ id: 'css-custom-highlight-api', name: 'CSS Custom Highlight API' }],
      mentions: {
        kind: 'ready',
        page: {
          counts: [
            { entityId: 'css-custom-highlight-api', count: 3 },
            { entityId: 'meta', count: 1 },
          ],
          total: 4,
          url: 'https://a.example/',
          title: '',
          host: 'a.example',
          active: true,
        },
      },
    });
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('[data-testid="mentions"] button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['CSS Custom Highlight API3, 3 mentions', 'Meta1, 1 mention']);
  });

  it('opens the story packs page', async () => {
    const fake = await mount();
    await click('[data-testid="manage-packs"]');
    expect(fake.c.openOptions).toHaveBeenCalledTimes(1);
  });

  it('keeps the popup open when the jump failed', async () => {
    const fake = await mount();
    fake.c.goto.mockResolvedValueOnce(false);
    await click('[data-entity="meta"]');
    expect(fake.c.close).not.toHaveBeenCalled();
  });

  it('says when there are no mentions', async () => {
    await mount({
      mentions: {
        kind: 'ready',
        page: { counts: [], total: 0, url: 'https://a.example/', title: '', host: 'a.example', active: true },
      },
    });
    expect(root.textContent).toContain('No mentions on this page.');
  });

  it('asks for host access when it is withheld, from the click itself', async () => {
    const fake = await mount({ hostAccess: false });
    const box = $('[data-testid="host-access"]');
    expect(box.textContent).toContain('needs that access to find names');
    await act(() => box.querySelector('button')?.click());
    // Called synchronously in the click handler, before any await.
    expect(fake.c.requestHostAccess).toHaveBeenCalledTimes(1);
    await settle();
    expect(root.querySelector('[data-testid="host-access"]')).toBeNull();
  });

  it('says so when host access is refused', async () => {
    await mount({ hostAccess: false, grantOnRequest: false });
    await click('[data-testid="host-access"] button');
    expect($('[data-testid="host-access"] [role="status"]').textContent).toContain('Access was not granted');
  });

  it('settings apply through the connector', async () => {
    const fake = await mount();
    await openPanel('settings-panel');
    const language = $<HTMLSelectElement>('#card-language');
    expect(language.value).toBe('auto');
    await act(() => {
      language.value = 'de';
      language.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(fake.settings().language).toBe('de');

    const style = $<HTMLSelectElement>('#mark-style');
    await act(() => {
      style.value = 'background';
      style.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const delay = $<HTMLInputElement>('#hover-delay');
    await act(() => {
      delay.value = '800';
      delay.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle();
    expect(fake.settings().markStyle).toBe('background');
    expect(fake.settings().hoverDelayMs).toBe(800);
    expect($('output[for="hover-delay"]').textContent).toBe('800 ms');

    await click('input[data-entity="yann-lecun"]');
    expect(fake.settings().hiddenEntities).toEqual(['yann-lecun']);
    expect($<HTMLInputElement>('input[data-entity="yann-lecun"]').checked).toBe(false);

    await click('[data-testid="first-only"]');
    expect(fake.settings().firstMentionOnly).toBe(true);
    await click('[data-testid="history-switch"]');
    expect(fake.settings().history).toBe(false);
  });

  it('offers every entity of the dataset in the "mark these" list', async () => {
    await mount();
    await openPanel('settings-panel');
    const ids = [...root.querySelectorAll<HTMLInputElement>('fieldset input[type="checkbox"]')].map(
      (i) => i.dataset['entity'],
    );
    expect(ids).toEqual(BUNDLED.entities.map((e) => e.id));
  });

  it('reflects changes made elsewhere (toolbar command, another popup)', async () => {
    const fake = await mount();
    await act(async () => {
      await fake.c.updateSettings((s) => ({ ...s, enabled: false }));
    });
    await settle();
    expect($('[data-testid="master-switch"]').getAttribute('aria-checked')).toBe('false');
  });

  it('history: lists pages, newest first, each with chips of the names on it; exports JSON, clears', async () => {
    const pages = Array.from({ length: 10 }, (_, i) => ({
      url: `https://a.example/${i}`,
      title: `Page ${i}`,
      firstSeen: NOW - 1000,
      lastSeen: NOW - i,
      count: i + 1,
    }));
    // LeCun on every page; Wang on the first two, more often than LeCun on page 1.
    const wang = [
      { ...pages[0], count: 1 },
      { ...pages[1], count: 9 },
    ] as typeof pages;
    const fake = await mount({
      history: {
        entities: [
          { entityId: 'yann-lecun', pages },
          { entityId: 'alexandr-wang', pages: wang },
        ],
        error: null,
      },
    });
    expect(fake.c.history).not.toHaveBeenCalled();
    await openPanel('history-panel');
    expect(fake.c.history).toHaveBeenCalledTimes(1);
    expect($('[data-testid="history-count"]').textContent).toBe('10 pages');
    const rows = () => [...root.querySelectorAll('[data-testid="history-list"] .history-page')];
    // One row per page (not one per name), the first eight, newest first.
    expect(rows().map((r) => r.querySelector('a')?.textContent)).toEqual(
      Array.from({ length: 8 }, (_, i) => `Page ${i}`),
    );
    const chips = (row: Element | undefined) =>
      [...(row?.querySelectorAll('.name-chip') ?? [])].map((c) => c.textContent);
    expect(chips(rows()[0])).toEqual(['Alexandr Wang', 'Yann LeCun']);
    expect(chips(rows()[1])).toEqual(['Alexandr Wang', 'Yann LeCun']);
    expect(chips(rows()[2])).toEqual(['Yann LeCun']);
    expect(rows()[0]?.querySelector('.name-chips')?.getAttribute('aria-label')).toBe('Names on this page');
    expect(rows()[0]?.querySelector('a')?.getAttribute('rel')).toBe('noreferrer');
    await click([...root.querySelectorAll('button')].find((b) => b.textContent === 'Show all 10') as Element);
    expect(rows()).toHaveLength(10);

    await click('[data-testid="history-export"]');
    const [filename, text] = fake.c.download.mock.calls[0] ?? [];
    expect(filename).toBe('context-cards-history-2026-03-01.json');
    const parsed = JSON.parse(text ?? '') as {
      format: string;
      entities: { name: string; pages: { lastSeen: string }[] }[];
    };
    expect(parsed.format).toBe('context-cards-history');
    expect(parsed.entities[0]?.name).toBe('Yann LeCun');
    expect(parsed.entities[0]?.pages[0]?.lastSeen).toBe(new Date(NOW).toISOString());

    await click('[data-testid="history-clear"]');
    expect(fake.c.clearHistory).toHaveBeenCalled();
    expect($('[data-testid="history-status"]').textContent).toBe('History cleared.');
    expect(root.querySelector('[data-testid="history-list"]')).toBeNull();
  });

  it('history: explains why it was switched off', async () => {
    await mount({ settings: { history: false }, history: { entities: [], error: 'quota' } });
    await openPanel('history-panel');
    expect($('[role="alert"]').textContent).toBe("History was switched off: the browser's storage is full.");
  });

  it('history: says it is off when the user switched it off', async () => {
    await mount({ settings: { history: false } });
    await openPanel('history-panel');
    expect(root.textContent).toContain('History is off.');
  });

  it('says first what the marks and cards are and where they come from', async () => {
    await mount();
    const intro = $('[data-testid="intro"]');
    expect(intro.closest('header')?.querySelector('h1')?.textContent).toBe('Context Cards');
    expect(intro.textContent).toBe(
      'Marked names are people and companies in Meta’s AI story. Point at one, tap it, or reach it by keyboard for a card: ' +
        'what one German news article (around December 2025) says, checked against other reporting.',
    );
  });

  it('shows the dataset in one line, the source link and the privacy line', async () => {
    const fake = await mount();
    expect($('[data-testid="dataset-line"]').textContent).toBe(
      `Source: a German news article (around December 2025), translated from an Italian piece on contradadomaro.it. ${BUNDLED.claims} claims, ${BUNDLED.notes} context notes from other reporting.`,
    );
    expect($('[data-testid="privacy"]').textContent).toContain('Nothing leaves your browser');
    await click('[data-testid="read-source"]');
    expect(fake.c.openSource).toHaveBeenCalled();
    expect(fake.c.close).toHaveBeenCalled();
  });

  it('lists the keyboard shortcuts the browser reports, in the settings', async () => {
    await mount();
    await openPanel('settings-panel');
    expect(root.querySelector('[data-testid="settings-panel"] [data-testid="shortcuts"]')).not.toBeNull();
    const rows = [...root.querySelectorAll('[data-testid="shortcuts"] > div')].map(
      (d) => `${d.querySelector('kbd')?.textContent} ${d.querySelector('dd')?.textContent}`,
    );
    expect(rows).toEqual([
      'Alt+Shift+K Switch Context Cards on or off for this site',
      'Alt+Shift+. Go to the next mention',
    ]);
    expect(formatKeys('Alt+Shift+Comma')).toBe('Alt+Shift+,');
    expect(formatKeys('Ctrl+Period')).toBe('Ctrl+.');
  });

  it('is made of real controls: every clickable thing is a button, input, select, link or summary with a name', async () => {
    await mount({
      history: {
        entities: [
          {
            entityId: 'meta',
            pages: [{ url: 'https://a.example/', title: 'A', firstSeen: NOW, lastSeen: NOW, count: 1 }],
          },
        ],
        error: null,
      },
    });
    await openPanel('settings-panel');
    await openPanel('history-panel');
    const controls = [...root.querySelectorAll<HTMLElement>('button, input, select, a, summary')];
    expect(controls.length).toBeGreaterThan(15);
    for (const el of controls) {
      const labelled =
        (el.textContent ?? '').trim() !== '' ||
        el.getAttribute('aria-label') !== null ||
        (el.id !== '' && root.querySelector(`label[for="${el.id}"]`) !== null) ||
        el.closest('label') !== null;
      expect(labelled, el.outerHTML.slice(0, 80)).toBe(true);
    }
    expect(root.querySelectorAll('[tabindex]')).toHaveLength(0);
    expect(root.querySelectorAll('div[onclick], span[onclick]')).toHaveLength(0);
  });
});

describe('popup switches under quick input', () => {
  it('two quick presses toggle off and on again, not off twice', async () => {
    const fake = await mount();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const real = fake.c.updateSettings.getMockImplementation();
    fake.c.updateSettings.mockImplementation(async (change) => {
      await gate;
      return real ? real(change) : fake.settings();
    });
    const master = $<HTMLButtonElement>('[data-testid="master-switch"]');
    await act(() => master.click());
    expect(master.getAttribute('aria-checked')).toBe('false');
    await act(() => master.click());
    expect(master.getAttribute('aria-checked')).toBe('true');
    release();
    await settle();
    expect(fake.settings().enabled).toBe(true);
    expect(master.getAttribute('aria-checked')).toBe('true');
  });
});

describe('popup in German', () => {
  it('takes every string from the German catalogue, with German plurals and dates', async () => {
    await mount({ language: 'de' });
    expect($('#on-this-page').textContent).toBe('Auf dieser Seite');
    expect($('label[for="master-switch"]').textContent).toBe('Erwähnungen markieren');
    expect($('[data-entity="meta"] .visually-hidden').textContent).toBe(', 2 Erwähnungen');
    expect($('[data-testid="dataset-line"]').textContent).toMatch(
      /^Quelle: ein deutscher Nachrichtenartikel \(um Dezember 2025\)/,
    );
    expect($('[data-testid="privacy"]').textContent).toMatch(/^Nichts verlässt Ihren Browser/);
  });
});
