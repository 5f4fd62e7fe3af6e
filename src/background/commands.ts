/** Keyboard commands from the manifest: toggle this site, next and previous mention. */
import type { Settings } from '../shared/settings.ts';
import { isActiveOn, withSite } from '../shared/settings.ts';
import { siteOf } from '../shared/urls.ts';

export interface CommandDeps {
  activeTab(): Promise<{ id?: number | undefined; url?: string | undefined } | undefined>;
  updateSettings(change: (s: Settings) => Settings): Promise<unknown>;
  goto(tabId: number, direction: 1 | -1): Promise<unknown>;
}

/** Settings after "toggle this site": off where it is on; on (and the master switch too) where it is off. */
export function toggledSite(settings: Settings, host: string): Settings {
  const on = !isActiveOn(settings, host);
  const next = withSite(settings, host, on);
  return on ? { ...next, enabled: true } : next;
}

/** Runs a command; unknown names and tabs without a page (new tab, browser pages) do nothing. */
export async function runCommand(name: string, deps: CommandDeps): Promise<void> {
  const tab = await deps.activeTab();
  if (tab?.id === undefined) return;
  if (name === 'toggle-site') {
    const host = siteOf(tab.url);
    if (host !== null) await deps.updateSettings((s) => toggledSite(s, host));
  } else if (name === 'next-mention' || name === 'previous-mention') {
    try {
      await deps.goto(tab.id, name === 'next-mention' ? 1 : -1);
    } catch {
      // No content script in this tab (browser page, store, PDF): nothing to move to.
    }
  }
}
