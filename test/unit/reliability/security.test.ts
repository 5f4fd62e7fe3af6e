/**
 * The security review (docs/security.md), checked: the permissions and why each is there, no HTML
 * built from strings and no code from strings in src/ or in what is shipped, no network API
 * anywhere, extension pages under the default CSP with nothing remote in them, and no door a web
 * page could knock on. `web-ext lint` itself runs in `npm test` with warnings as errors.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path, ext));
    else if (ext.test(name)) out.push(path);
  }
  return out;
}

/** Every occurrence of a pattern in a set of files, as "file: match". */
function occurrences(paths: readonly string[], pattern: RegExp): string[] {
  const found: string[] = [];
  for (const path of paths) {
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`)))
      found.push(`${relative(repo, path)}: ${m[0]}`);
  }
  return found;
}

/** Why each permission is there (docs/security.md says the same). */
const PERMISSIONS: Readonly<Record<string, string>> = {
  storage: 'settings (storage.local) and per-tab badge counts that outlive the service worker (storage.session)',
  activeTab: "the popup reads the current tab's address when the user opens it, also where site access is withheld",
};

const HTML_SINKS =
  /\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|createContextualFragment|\.setHTML(Unsafe)?\(|srcdoc\s*=/;
const CODE_FROM_STRINGS = /\beval\s*\(|new\s+Function\b|setTimeout\(\s*['"`]|setInterval\(\s*['"`]/;
const NETWORK =
  /\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts|RTCPeerConnection|WebTransport/;

describe('permissions', () => {
  const source = JSON.parse(readFileSync(resolve(repo, 'manifest.json'), 'utf8')) as Record<string, unknown>;

  it('asks for storage and activeTab, host access to all sites for the content script, and nothing else', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...(source['permissions'] as string[])].sort());
    expect(source['host_permissions']).toEqual(['<all_urls>']);
    for (const key of [
      'optional_permissions',
      'optional_host_permissions',
      'externally_connectable',
      'content_security_policy',
      'web_accessible_resources',
      'sandbox',
      'update_url',
    ]) {
      expect(
        Object.keys(source).filter((k) => k.endsWith(key)),
        key,
      ).toEqual([]);
    }
  });

  it.each(['chrome', 'firefox'])(
    'the shipped %s build has the same permissions, the default CSP and no web-accessible pages',
    (browser) => {
      const dir = resolve(repo, 'dist', browser);
      expect(existsSync(resolve(dir, 'manifest.json')), `run "npm run build" first: ${dir}`).toBe(true);
      const manifest = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      expect(manifest['permissions']).toEqual(source['permissions']);
      expect(manifest['host_permissions']).toEqual(['<all_urls>']);
      // No key: extension pages keep the browser's default policy (script-src 'self', no eval).
      expect(manifest['content_security_policy']).toBeUndefined();
      // No page of ours can be framed or fetched by a web page; no web page can message us.
      expect(manifest['web_accessible_resources']).toBeUndefined();
      expect(manifest['externally_connectable']).toBeUndefined();
    },
  );
});

describe('src/', () => {
  const sources = files(resolve(repo, 'src'), /\.(ts|tsx)$/);

  it('builds no HTML from strings and runs no code from strings (the lint rule is checked in build/architecture.test.ts)', () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(occurrences(sources, HTML_SINKS)).toEqual([]);
    // Preact's way to set innerHTML: unused, and taken out of the bundles (vite.config.ts).
    expect(occurrences(sources, /dangerouslySetInnerHTML/)).toEqual([]);
    expect(occurrences(sources, CODE_FROM_STRINGS)).toEqual([]);
  });

  it('has no network API at all', () => {
    expect(occurrences(sources, NETWORK)).toEqual([]);
  });

  it('talks to web pages only through the DOM it reads: no postMessage, no message listener on window', () => {
    expect(
      occurrences(sources, /postMessage\(|addEventListener\(\s*['"`]message['"`]|onmessage\s*=/).filter(
        (m) => !m.startsWith('src/content/engine/yield.ts'),
      ),
    ).toEqual([]);
  });

  it('listens to page events named like ours only in the test build', () => {
    // The takeover event is ignored while the extension is alive (content/guard.ts); the card and
    // stats hooks are compiled out of the shipped build.
    const listeners = occurrences(sources, /addEventListener\(\s*(CARD_HOOK_EVENT|STATS_REQUEST_EVENT|TAKEOVER_EVENT)/);
    expect(listeners.map((l) => l.split(':')[0]).sort()).toEqual([
      'src/content/card-controller/test-hook.ts',
      'src/content/guard.ts',
      'src/content/stats-hook.ts',
    ]);
  });
});

describe.each(['chrome', 'firefox'])('what dist/%s ships', (browser) => {
  const dir = resolve(repo, 'dist', browser);
  const scripts = existsSync(dir) ? files(dir, /\.js$/) : [];
  const pages = existsSync(dir) ? files(dir, /\.(html|css)$/) : [];

  it('has no HTML sink, no code from strings and no network API, in our code or the libraries', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    expect(occurrences(scripts, HTML_SINKS)).toEqual([]);
    expect(occurrences(scripts, CODE_FROM_STRINGS)).toEqual([]);
    expect(occurrences(scripts, NETWORK)).toEqual([]);
  });

  it('loads nothing remote into its pages: no remote scripts, styles, fonts or images', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(occurrences(pages, /(src|href)\s*=\s*["']?(https?:)?\/\/|url\(\s*["']?(https?:)?\/\/|@import/)).toEqual([]);
  });

  it('leaves the test hooks out', () => {
    expect(occurrences(scripts, /context-cards:(test|stats-request)|data-cc-test/)).toEqual([]);
    // The card's and the Undo message's shadow roots are open for tests only: every one shipped is closed.
    expect(occurrences(scripts, /mode:\s*["'`]open["'`]/)).toEqual([]);
    expect(occurrences(scripts, /attachShadow\(\{mode:\s*["'`]closed["'`]\}\)/).length).toBeGreaterThanOrEqual(2);
  });
});
