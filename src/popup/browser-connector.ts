/** The real connector: browser APIs behind the PopupConnector facade. */
import { browser } from '../shared/browser.ts';
import { sendToBackground, sendToTab } from '../shared/rpc.ts';
import { loadSettings, updateSettings, watchSettings } from '../shared/settings-store.ts';
import { loadLibrary, openLibrary } from '../shared/library-store.ts';
import type { ActiveTab, MentionsResult, MessageKey, PopupConnector } from './connector.ts';
import { isRestrictedUrl } from './pages.ts';

/** What Firefox grants at install unless the user withholds it (MV3 host access is optional there). */
const ALL_SITES = { origins: ['<all_urls>'] };

/** Test builds open the popup in a tab and name the page under test: `?tab=<id>`. */
function testTabId(): number | null {
  if (!import.meta.env.CC_TEST_BUILD) return null;
  const value = Number(new URLSearchParams(location.search).get('tab'));
  return Number.isInteger(value) && value >= 0 && new URLSearchParams(location.search).has('tab') ? value : null;
}

export function createBrowserConnector(): PopupConnector {
  const local = browser.storage.local;
  const forcedTab = testTabId();
  return {
    msg(key: MessageKey, substitutions?: readonly string[]): string {
      return browser.i18n.getMessage(key, substitutions ? [...substitutions] : undefined) || key;
    },
    uiLanguage: browser.i18n.getUILanguage(),
    loadSettings: () => loadSettings(local),
    updateSettings: (change) => updateSettings(local, change),
    watchSettings: (cb, signal) => watchSettings(browser.storage.onChanged, cb, signal),
    async activeTab(): Promise<ActiveTab | null> {
      const tab =
        forcedTab !== null
          ? await browser.tabs.get(forcedTab)
          : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      return tab?.id === undefined ? null : { id: tab.id, url: tab.url ?? null };
    },
    async pageMentions(tab): Promise<MentionsResult> {
      if (isRestrictedUrl(tab.url)) return { kind: 'restricted' };
      try {
        return { kind: 'ready', page: await sendToTab(tab.id, 'page/mentions', {}) };
      } catch {
        return { kind: 'no-answer' };
      }
    },
    async goto(tabId, entityId): Promise<boolean> {
      try {
        return (await sendToTab(tabId, 'page/goto', { entityId, direction: 1 })).ok;
      } catch {
        return false;
      }
    },
    hasHostAccess: () => browser.permissions.contains(ALL_SITES),
    requestHostAccess: () => browser.permissions.request(ALL_SITES),
    async history() {
      return sendToBackground('history/all', {});
    },
    async clearHistory() {
      return (await sendToBackground('history/clear', {})).ok;
    },
    async openSource() {
      await sendToBackground('source/open', { claimId: null });
    },
    async openOptions() {
      await browser.runtime.openOptionsPage();
    },
    async packNames() {
      const library = openLibrary(await loadLibrary(local));
      return library.packs.flatMap((p) => p.dataset.entities.map(({ id, name }) => ({ id, name })));
    },
    async shortcuts() {
      const commands = await browser.commands.getAll();
      return commands
        .filter((cmd) => cmd.name !== undefined && cmd.shortcut !== undefined && cmd.shortcut !== '')
        .map((cmd) => ({
          name: cmd.name ?? '',
          description: cmd.description ?? cmd.name ?? '',
          keys: cmd.shortcut ?? '',
        }));
    },
    download(filename, text) {
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.click();
      // The popup may close while the browser saves: revoke later, not at once.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    close() {
      // A test build showing the popup in a tab keeps it open for the next step.
      if (forcedTab === null) window.close();
    },
  };
}
