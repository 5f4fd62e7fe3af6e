import { describe, expect, it } from 'vitest';
import {
  ICON_OFF,
  ICON_ON,
  Toolbar,
  activeForUrl,
  badgeText,
  type ActionApi,
  type SessionArea,
  type TabInfo,
} from '../../../src/background/toolbar.ts';
import { DEFAULT_SETTINGS, withSite } from '../../../src/shared/settings.ts';

class FakeAction implements ActionApi {
  badges = new Map<number | 'global', string>();
  icons = new Map<number | 'global', Record<string, string>>();
  closed = new Set<number>();
  async setBadgeText({ tabId, text }: { tabId?: number; text: string }) {
    if (tabId !== undefined && this.closed.has(tabId)) throw new Error(`No tab with id: ${tabId}`);
    this.badges.set(tabId ?? 'global', text);
  }
  async getBadgeText({ tabId }: { tabId?: number }) {
    return this.badges.get(tabId ?? 'global') ?? '';
  }
  async setBadgeBackgroundColor() {}
  async setIcon({ tabId, path }: { tabId?: number; path: Record<string, string> }) {
    if (tabId !== undefined && this.closed.has(tabId)) throw new Error(`No tab with id: ${tabId}`);
    this.icons.set(tabId ?? 'global', path);
  }
}

class FakeSession implements SessionArea {
  data: Record<string, unknown> = {};
  async get(key: string | null) {
    if (key === null) return { ...this.data };
    return key in this.data ? { [key]: this.data[key] } : {};
  }
  async set(items: Record<string, unknown>) {
    Object.assign(this.data, structuredClone(items));
  }
  async remove(key: string) {
    Reflect.deleteProperty(this.data, key);
  }
}

function setup(tabs: TabInfo[] = []) {
  const action = new FakeAction();
  const session = new FakeSession();
  const toolbar = new Toolbar(action, session, { query: async () => tabs });
  return { action, session, toolbar };
}

describe('badge text', () => {
  it('is empty for none, the number otherwise, capped', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(-3)).toBe('');
    expect(badgeText(Number.NaN)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(999)).toBe('999');
    expect(badgeText(1000)).toBe('999+');
  });

  it('active for a URL follows the site and master switches', () => {
    const off = withSite(DEFAULT_SETTINGS, 'news.example', false);
    expect(activeForUrl(off, 'https://news.example/a')).toBe(false);
    expect(activeForUrl(off, 'https://other.example/')).toBe(true);
    expect(activeForUrl({ ...DEFAULT_SETTINGS, enabled: false }, 'https://other.example/')).toBe(false);
    expect(activeForUrl(DEFAULT_SETTINGS, undefined)).toBe(true);
    expect(activeForUrl(DEFAULT_SETTINGS, 'garbage')).toBe(true);
  });
});

describe('toolbar', () => {
  it('shows the count per tab and keeps it in session storage', async () => {
    const { action, session, toolbar } = setup();
    await toolbar.report(1, 'https://a.example/', 4, DEFAULT_SETTINGS);
    await toolbar.report(2, 'https://b.example/', 0, DEFAULT_SETTINGS);
    expect(action.badges.get(1)).toBe('4');
    expect(action.badges.get(2)).toBe('');
    expect(action.icons.get(1)).toEqual(ICON_ON);
    expect(session.data['tab:1']).toEqual({ total: 4, url: 'https://a.example/' });
    expect(await toolbar.text(1)).toBe('4');
  });

  it('shows no badge and the off icon where the site is off', async () => {
    const { action, toolbar } = setup();
    await toolbar.report(1, 'https://a.example/', 4, withSite(DEFAULT_SETTINGS, 'a.example', false));
    expect(action.badges.get(1)).toBe('');
    expect(action.icons.get(1)).toEqual(ICON_OFF);
  });

  it('clears the badge on navigation and forgets closed tabs', async () => {
    const { action, session, toolbar } = setup();
    await toolbar.report(1, 'https://a.example/', 4, DEFAULT_SETTINGS);
    // A jump within the page keeps the count: the page's script will not repeat an unchanged one.
    await toolbar.navigated(1, 'https://a.example/#section-2', DEFAULT_SETTINGS);
    expect(action.badges.get(1)).toBe('4');
    await toolbar.navigated(1, 'https://a.example/next', DEFAULT_SETTINGS);
    expect(action.badges.get(1)).toBe('');
    expect(session.data['tab:1']).toBeUndefined();
    // Without a known address (no host access), clear rather than guess.
    await toolbar.report(1, 'https://a.example/', 4, DEFAULT_SETTINGS);
    await toolbar.navigated(1, undefined, DEFAULT_SETTINGS);
    expect(action.badges.get(1)).toBe('');
    await toolbar.report(2, 'https://a.example/', 4, DEFAULT_SETTINGS);
    await toolbar.removed(2);
    expect(session.data['tab:2']).toBeUndefined();
  });

  it('repaints every tab from session storage after a settings change (a new worker knows the counts)', async () => {
    const tabs = [
      { id: 1, url: 'https://a.example/' },
      { id: 2, url: 'https://b.example/' },
      { url: 'https://no-id.example/' },
    ];
    const first = setup(tabs);
    await first.toolbar.report(1, 'https://a.example/', 4, DEFAULT_SETTINGS);
    await first.toolbar.report(2, 'https://b.example/', 9, DEFAULT_SETTINGS);
    // A fresh Toolbar over the same session storage: as after the worker was stopped.
    const action = new FakeAction();
    const again = new Toolbar(action, first.session, { query: async () => tabs });
    await again.refreshAll(withSite(DEFAULT_SETTINGS, 'b.example', false));
    expect(action.badges.get(1)).toBe('4');
    expect(action.badges.get(2)).toBe('');
    expect(action.icons.get(2)).toEqual(ICON_OFF);
    expect(action.icons.get('global')).toEqual(ICON_ON);
    await again.refreshAll({ ...DEFAULT_SETTINGS, enabled: false });
    expect(action.badges.get(1)).toBe('');
    expect(action.icons.get('global')).toEqual(ICON_OFF);
    expect(action.icons.get(1)).toEqual(ICON_OFF);
    await again.refreshAll(DEFAULT_SETTINGS);
    expect(action.badges.get(2)).toBe('9');
    // Counts of tabs that no longer exist are dropped; other keys are left alone.
    await first.session.set({ 'tab:99': { total: 1, url: 'https://gone.example/' }, unrelated: 1 });
    await again.refreshAll(DEFAULT_SETTINGS);
    expect(Object.keys(first.session.data).sort()).toEqual(['tab:1', 'tab:2', 'unrelated']);
  });

  it('a tab closed meanwhile does not make painting fail', async () => {
    const { action, toolbar } = setup();
    action.closed.add(5);
    await expect(toolbar.report(5, 'https://a.example/', 1, DEFAULT_SETTINGS)).resolves.toBeUndefined();
  });

  it('refreshTab uses the stored URL when the browser does not tell it', async () => {
    const { action, toolbar } = setup();
    await toolbar.report(1, 'https://a.example/', 2, DEFAULT_SETTINGS);
    await toolbar.refreshTab(1, undefined, withSite(DEFAULT_SETTINGS, 'a.example', false));
    expect(action.badges.get(1)).toBe('');
    await toolbar.refreshTab(1, undefined, DEFAULT_SETTINGS);
    expect(action.badges.get(1)).toBe('2');
  });
});
