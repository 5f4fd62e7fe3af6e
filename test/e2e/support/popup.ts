/**
 * The popup, opened in a tab: `?tab=<id>` aims it at another tab (honoured by test builds only),
 * as the toolbar popup is aimed at the tab it was opened over.
 */
import type { Page } from 'puppeteer-core';
import type { ExtensionBrowser } from '../../../scripts/launch.ts';

/** Opens the popup aimed at `tabId` (or at no tab) and waits until its switches can be used. */
export async function openPopup(ext: ExtensionBrowser, origin: string, tabId: number | null): Promise<Page> {
  const page = await ext.openExtensionPage(`popup/index.html${tabId === null ? '' : `?tab=${tabId}`}`, origin);
  await page.waitForSelector('[data-testid="master-switch"]:not([disabled])');
  return page;
}

/** A switch's state as the popup shows it (`aria-checked`). */
export function switchState(page: Page, testId: string): Promise<string | null> {
  return page.$eval(`[data-testid="${testId}"]`, (el) => el.getAttribute('aria-checked'));
}
