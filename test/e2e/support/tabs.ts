import type { Page } from 'puppeteer-core';
import type { ExtensionBrowser } from '../../../scripts/launch.ts';
import { sleep } from './engine.ts';

/**
 * The tab showing the extension page at `path` (e.g. a tab the extension opened itself).
 * Firefox keeps reporting about:blank as the URL of a tab the extension opened on a
 * moz-extension:// page, so each tab is asked for its location.
 */
export async function extensionTab(ext: ExtensionBrowser, path: string, timeout = 10_000): Promise<Page> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const page of await ext.browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(ext.extensionOrigin) && href.includes(path)) return page;
    }
    if (Date.now() > deadline) throw new Error(`no tab at ${path}`);
    await sleep(100);
  }
}
