/**
 * The card's actions through the extension: messages to the background and the settings store.
 * Kept apart so the card components and the controller can be tested without extension APIs.
 */
import { NO_RECENT_PAGES, type CardActions } from '../../card-view/actions.ts';
import { browser } from '../../shared/browser.ts';
import { sendToBackground } from '../../shared/rpc.ts';
import { withSite } from '../../shared/settings.ts';
import { updateSettings } from '../../shared/settings-store.ts';
import type { CardEnvironment } from './controller.ts';

/** The card names the last few pages and counts the rest: a handful is all it needs. */
const RECENT_PAGES_LIMIT = 5;

export function browserCardActions(env: CardEnvironment): CardActions {
  return {
    readSource(claimId) {
      sendToBackground('source/open', { claimId }).catch((error: unknown) =>
        console.debug('[Context Cards] source page not opened', error),
      );
    },
    hideOnSite() {
      env.close();
      // The engine watches storage and removes the marks; the card only records the choice.
      updateSettings(browser.storage.local, (s) => withSite(s, location.hostname, false)).catch((error: unknown) =>
        console.warn('[Context Cards] could not switch off this site', error),
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
