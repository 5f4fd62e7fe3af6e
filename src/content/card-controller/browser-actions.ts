/**
 * The card's actions through the extension: messages to the background and the settings store.
 * Kept apart so the card components and the controller can be tested without extension APIs.
 */
import { NO_RECENT_PAGES, type CardActions } from '../../card-view/actions.ts';
import { browser } from '../../shared/browser.ts';
import { sendToBackground } from '../../shared/rpc.ts';
import { withSite } from '../../shared/settings.ts';
import { updateSettings } from '../../shared/settings-store.ts';
import { pageTheme } from '../page-theme.ts';
import { HOST_TAG } from './card-host.ts';
import type { CardEnvironment } from './controller.ts';
import { showUndo } from './undo-toast-host.ts';

/** The card names the last few pages and counts the rest: a handful is all it needs. */
const RECENT_PAGES_LIMIT = 5;

function openSource(request: { claimId: string | null; entityId?: string; story?: string }): void {
  sendToBackground('source/open', request).catch((error: unknown) =>
    console.debug('[Context Cards] source page not opened', error),
  );
}

/** Switches this site on or off in the stored settings; every context follows the change. */
async function setSite(site: string, on: boolean): Promise<void> {
  await updateSettings(browser.storage.local, (s) => withSite(s, site, on));
}

export function browserCardActions(env: CardEnvironment): CardActions {
  return {
    readSource(claimId, story) {
      openSource({ claimId, ...(story === undefined ? {} : { story }) });
    },
    readEntity(entityId, story) {
      openSource({ claimId: null, entityId, ...(story === undefined ? {} : { story }) });
    },
    turnOffOnSite() {
      const site = location.hostname;
      // A keyboard user's focus was in the card: Undo takes it over, so they can press it at once.
      const hadFocus = document.activeElement?.localName === HOST_TAG;
      const theme = pageTheme(document);
      env.close();
      // The session watches storage and removes the marks; the message offers the way back.
      setSite(site, false).then(
        () =>
          showUndo({
            doc: document,
            lang: env.lang(),
            site,
            theme,
            focusUndo: hadFocus,
            undo: () => setSite(site, true),
          }),
        (error: unknown) => console.warn('[Context Cards] could not switch off this site', error),
      );
    },
    close: env.close,
    async recentPages(entityId) {
      if (!env.settings().history) return NO_RECENT_PAGES;
      const { total, pages } = await sendToBackground('history/entity', {
        entityId,
        excludeUrl: location.href,
        limit: RECENT_PAGES_LIMIT,
      });
      return { total, pages: pages.map(({ url, title }) => ({ url, title })) };
    },
  };
}
