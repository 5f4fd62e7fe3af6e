/**
 * The one place where browser differences meet code: everything else imports `browser` from
 * here, never `chrome` or the polyfill directly.
 */
import browser from 'webextension-polyfill';

export type { Runtime, Storage, Tabs } from 'webextension-polyfill';
export { browser };
