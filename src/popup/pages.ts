/** Which pages the popup can talk to. */
import { parseUrl } from '../shared/urls.ts';

/** Hosts where browsers never inject extension scripts. */
const CLOSED_HOSTS = new Set([
  'chromewebstore.google.com',
  'chrome.google.com',
  'addons.mozilla.org',
  'microsoftedge.microsoft.com',
]);

/** Pages no content script can run in: browser pages, stores, PDF viewers. */
export function isRestrictedUrl(url: string | null): boolean {
  if (url === null) return false;
  const parsed = parseUrl(url);
  if (parsed === null) return true;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:' && parsed.protocol !== 'file:') return true;
  return CLOSED_HOSTS.has(parsed.hostname) || /\.pdf$/i.test(parsed.pathname);
}
