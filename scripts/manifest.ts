/** Turns the one source manifest into a browser's manifest. */
export type TargetBrowser = 'chrome' | 'firefox';

const prefix = /^\{\{(chrome|firefox)\}\}\.(.+)$/;

/** Extension pages that tests must reach by navigation in Firefox (test builds only). */
const testPages = ['popup/index.html', 'source-page/index.html', 'options/index.html'];

/**
 * Keeps plain keys, keeps `{{browser}}.key` for the target browser (as `key`), drops the other
 * browser's keys, and applies the package version. A test build also exposes extension pages.
 */
export function browserManifest(
  source: Readonly<Record<string, unknown>>,
  browser: TargetBrowser,
  options: { version: string; testBuild: boolean },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    const m = prefix.exec(key);
    if (!m) out[key] = value;
    else if (m[1] === browser && m[2] !== undefined) out[m[2]] = value;
  }
  out['version'] = options.version;
  if (options.testBuild) {
    const existing = Array.isArray(out['web_accessible_resources'])
      ? (out['web_accessible_resources'] as unknown[])
      : [];
    out['web_accessible_resources'] = [...existing, { resources: testPages, matches: ['<all_urls>'] }];
  }
  return out;
}
