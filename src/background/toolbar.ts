/**
 * The toolbar button: per-tab badge with the mention count and an "off" icon where the
 * extension is off. Counts live in `storage.session`, not in the worker's memory, so a worker
 * that was stopped after 30 s idle still knows them.
 */
import { isActiveOn, type Settings } from '../shared/settings.ts';
import { siteOf } from '../shared/urls.ts';

export type IconPaths = Readonly<Record<'16' | '32', string>>;

export const ICON_ON: IconPaths = { '16': 'icons/icon-16.png', '32': 'icons/icon-32.png' };
export const ICON_OFF: IconPaths = { '16': 'icons/icon-off-16.png', '32': 'icons/icon-off-32.png' };
/** Dark blue with white text: readable on light and dark toolbars (contrast 8.6:1). */
export const BADGE_COLOR = '#1d4ed8';
/** A badge fits about four characters. */
const MAX_BADGE_NUMBER = 999;

export interface ActionApi {
  setBadgeText(details: { tabId?: number; text: string }): Promise<void>;
  getBadgeText(details: { tabId?: number }): Promise<string>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setIcon(details: { tabId?: number; path: Record<string, string> }): Promise<void>;
}

export interface SessionArea {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

export interface TabInfo {
  readonly id?: number | undefined;
  readonly url?: string | undefined;
}

export interface TabsApi {
  query(filter: Record<string, never>): Promise<readonly TabInfo[]>;
}

interface TabState {
  readonly total: number;
  readonly url: string;
}

const KEY_PREFIX = 'tab:';
const keyFor = (tabId: number): string => `${KEY_PREFIX}${tabId}`;

function parseState(raw: unknown): TabState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { total, url } = raw as Record<string, unknown>;
  return typeof total === 'number' && Number.isInteger(total) && total >= 0 && typeof url === 'string'
    ? { total, url }
    : null;
}

/** The badge for a count: nothing for none, "999+" beyond what fits. */
export function badgeText(total: number): string {
  if (!Number.isFinite(total) || total <= 0) return '';
  return total > MAX_BADGE_NUMBER ? `${MAX_BADGE_NUMBER}+` : String(Math.floor(total));
}

/** Whether the extension works on the page at `url` (pages without a host follow the master switch). */
export function activeForUrl(settings: Settings, url: string | undefined): boolean {
  return isActiveOn(settings, siteOf(url) ?? '');
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

/** Swallows "no tab with id" and similar races: a closed tab needs no badge. */
async function quietly(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch {
    // The tab is gone or not ours to decorate.
  }
}

export class Toolbar {
  constructor(
    private readonly action: ActionApi,
    private readonly session: SessionArea,
    private readonly tabs: TabsApi,
  ) {}

  private async paint(tabId: number, url: string | undefined, total: number, settings: Settings): Promise<void> {
    const active = activeForUrl(settings, url);
    await Promise.all([
      quietly(this.action.setBadgeText({ tabId, text: active ? badgeText(total) : '' })),
      quietly(this.action.setIcon({ tabId, path: { ...(active ? ICON_ON : ICON_OFF) } })),
    ]);
  }

  /** A content script's count for its tab's top frame. */
  async report(tabId: number, url: string, total: number, settings: Settings): Promise<void> {
    await this.session.set({ [keyFor(tabId)]: { total, url } satisfies TabState });
    await this.paint(tabId, url, total, settings);
  }

  /**
   * The tab started loading. Another address: its count is gone (a page without our script, such
   * as a browser page, would otherwise keep a stale badge). The same address apart from the
   * fragment: a jump within the page or a reload, whose content script reports again, and whose
   * reporter does not repeat an unchanged count; so the count stays.
   */
  async navigated(tabId: number, url: string | undefined, settings: Settings): Promise<void> {
    const state = await this.read(tabId);
    if (state !== null && url !== undefined && withoutFragment(state.url) === withoutFragment(url)) {
      await this.paint(tabId, url, state.total, settings);
      return;
    }
    await this.session.remove(keyFor(tabId));
    await this.paint(tabId, url, 0, settings);
  }

  private async read(tabId: number): Promise<TabState | null> {
    return parseState((await this.session.get(keyFor(tabId)))[keyFor(tabId)]);
  }

  async removed(tabId: number): Promise<void> {
    await this.session.remove(keyFor(tabId));
  }

  /** Repaints one tab from stored state (after activation, or when the browser reset it). */
  async refreshTab(tabId: number, url: string | undefined, settings: Settings): Promise<void> {
    const state = await this.read(tabId);
    await this.paint(tabId, url ?? state?.url, state?.total ?? 0, settings);
  }

  /** Repaints every tab and the default icon, e.g. after a settings change. */
  async refreshAll(settings: Settings): Promise<void> {
    await quietly(this.action.setBadgeBackgroundColor({ color: BADGE_COLOR }));
    await quietly(this.action.setIcon({ path: { ...(settings.enabled ? ICON_ON : ICON_OFF) } }));
    const [stored, tabs] = await Promise.all([this.session.get(null), this.tabs.query({})]);
    // Tabs closed while no worker listened leave their counts behind: drop them here.
    const open = new Set(tabs.map((t) => (t.id === undefined ? '' : keyFor(t.id))));
    for (const key of Object.keys(stored))
      if (key.startsWith(KEY_PREFIX) && !open.has(key)) await this.session.remove(key);
    await Promise.all(
      tabs.map((tab) => {
        if (tab.id === undefined) return Promise.resolve();
        const state = parseState(stored[keyFor(tab.id)]);
        return this.paint(tab.id, tab.url ?? state?.url, state?.total ?? 0, settings);
      }),
    );
  }

  /** The badge text the browser shows for a tab (read back, for the popup and tests). */
  text(tabId: number): Promise<string> {
    return this.action.getBadgeText({ tabId });
  }
}
