/**
 * Background (Chrome service worker, Firefox event page): badge, commands, messages, history.
 * Listeners are registered synchronously at the top level so that an event can wake a stopped
 * worker; state lives in storage (settings: local, badge counts: session, history: IndexedDB),
 * never only in this worker's memory.
 */
import { browser } from '../shared/browser.ts';
import {
  HISTORY_ERROR_KEY,
  parseHistoryError,
  type HistoryError,
  type HistoryErrorCode,
} from '../shared/history-status.ts';
import { BACKGROUND } from '../shared/messages.ts';
import { sendToTab, serve } from '../shared/rpc.ts';
import { loadSettings, updateSettings, watchSettings } from '../shared/settings-store.ts';
import type { Settings } from '../shared/settings.ts';
import { runCommand } from './commands.ts';
import { backgroundHandlers } from './handlers.ts';
import { openHistoryDb } from './history-db.ts';
import { openPackDb } from './pack-db.ts';
import { PackService } from './pack-service.ts';
import { BUNDLED_DATASET } from '../dataset/bundled.ts';
import { LIBRARY_KEY, storeLibrary } from '../shared/library-store.ts';
import { HistoryService } from './history-service.ts';
import { Toolbar, type ActionApi, type SessionArea, type TabsApi } from './toolbar.ts';

const local = browser.storage.local;
const settings = (): Promise<Settings> => loadSettings(local);

const toolbar = new Toolbar(
  browser.action as unknown as ActionApi,
  browser.storage.session as unknown as SessionArea,
  browser.tabs as unknown as TabsApi,
);

async function disableHistory(code: HistoryErrorCode): Promise<void> {
  await local.set({ [HISTORY_ERROR_KEY]: { code, at: Date.now() } satisfies HistoryError });
  await updateSettings(local, (s) => ({ ...s, history: false }));
}

const history = new HistoryService({ open: openHistoryDb, settings, disable: disableHistory, now: () => Date.now() });

const packs = new PackService({
  open: openPackDb,
  publish: (library) => local.set({ [LIBRARY_KEY]: storeLibrary(library) }),
  bundled: BUNDLED_DATASET,
  now: () => Date.now(),
});

serve(
  BACKGROUND,
  backgroundHandlers({
    extensionOrigin: browser.runtime.getURL(''),
    toolbar,
    history,
    packs,
    settings,
    async historyError() {
      return parseHistoryError((await local.get(HISTORY_ERROR_KEY))[HISTORY_ERROR_KEY])?.code ?? null;
    },
    async openTab(url) {
      await browser.tabs.create({ url });
    },
  }),
);

browser.commands.onCommand.addListener((name: string) => {
  void runCommand(name, {
    async activeTab() {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab;
    },
    updateSettings: (change) => updateSettings(local, change),
    goto: (tabId, direction) => sendToTab(tabId, 'page/goto', { entityId: null, direction }),
  });
});

browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  // A new document (or a reload) starts with no marks: the content script reports again.
  if (change.status === 'loading') void settings().then((s) => toolbar.navigated(tabId, tab.url, s));
  // Chrome resets a tab's action state when a document commits: paint it again once loaded.
  else if (change.status === 'complete') void settings().then((s) => toolbar.refreshTab(tabId, tab.url, s));
});
browser.tabs.onRemoved.addListener((tabId) => void toolbar.removed(tabId));
browser.tabs.onActivated.addListener(({ tabId }) => {
  void Promise.all([settings(), browser.tabs.get(tabId)])
    .then(([s, tab]) => toolbar.refreshTab(tabId, tab.url, s))
    .catch(() => undefined);
});

async function applySettings(s: Settings): Promise<void> {
  await toolbar.refreshAll(s);
  if (!s.history) {
    // The user turning history off deletes it. Switched off by a storage failure (a reason is
    // stored), it is kept: the failure is no consent, and switching on again brings it back.
    const failed = parseHistoryError((await local.get(HISTORY_ERROR_KEY))[HISTORY_ERROR_KEY]) !== null;
    if (!failed) await history.clear();
  } else {
    // On: any earlier failure message is stale.
    await local.remove(HISTORY_ERROR_KEY);
  }
}

watchSettings(browser.storage.onChanged, (s) => void applySettings(s), new AbortController().signal);

async function start(): Promise<void> {
  // Repair or migrate stored settings once per start, so content scripts only ever read.
  await applySettings(await loadSettings(local, true));
  // The published stories follow the database (an update may have changed their format).
  await packs.republish().catch((error: unknown) => console.warn('[Context Cards] story packs not published', error));
}
browser.runtime.onStartup.addListener(() => void start());
browser.runtime.onInstalled.addListener(() => void start());
