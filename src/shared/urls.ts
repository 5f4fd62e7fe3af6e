/** Addresses as the extension reads them: one parser, and one idea of a "site", for every context. */

/** The URL, or null when `raw` is not one. */
export function parseUrl(raw: string | null | undefined): URL | null {
  if (raw === null || raw === undefined || raw === '') return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** The URL when it is a web page's (http or https), else null. */
export function webUrl(raw: string | null | undefined): URL | null {
  const url = parseUrl(raw);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') ? url : null;
}

/**
 * The site of a web page: its hostname, what the per-site switch works on. Null for anything
 * else: browser pages (chrome://settings has a "host" but is not a site), files, junk.
 */
export function siteOf(raw: string | null | undefined): string | null {
  return webUrl(raw)?.hostname || null;
}
