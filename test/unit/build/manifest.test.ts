import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserManifest } from '../../../scripts/manifest.ts';

const repo = resolve(import.meta.dirname, '../../..');
const source = JSON.parse(readFileSync(resolve(repo, 'manifest.json'), 'utf8')) as Record<string, unknown>;

describe('browserManifest', () => {
  it('gives Chrome a service worker and no Firefox keys', () => {
    const m = browserManifest(source, 'chrome', { version: '1.2.3', testBuild: false });
    expect(m['background']).toEqual({ service_worker: 'background.js' });
    expect(m['browser_specific_settings']).toBeUndefined();
    expect(m['version']).toBe('1.2.3');
    expect(Object.keys(m).some((k) => k.includes('{{'))).toBe(false);
  });

  it('gives Firefox background scripts and a gecko id with a minimum version', () => {
    const m = browserManifest(source, 'firefox', { version: '1.2.3', testBuild: false });
    expect(m['background']).toEqual({ scripts: ['background.js'] });
    const gecko = (m['browser_specific_settings'] as { gecko: { id: string; strict_min_version: string } }).gecko;
    expect(gecko.id).toMatch(/@/);
    expect(Number.parseInt(gecko.strict_min_version, 10)).toBeGreaterThanOrEqual(140);
    expect(m['minimum_chrome_version']).toBeUndefined();
  });

  it('exposes extension pages only in the test build', () => {
    expect(
      browserManifest(source, 'firefox', { version: '1', testBuild: false })['web_accessible_resources'],
    ).toBeUndefined();
    const war = browserManifest(source, 'firefox', { version: '1', testBuild: true })['web_accessible_resources'] as {
      resources: string[];
    }[];
    expect(war.flatMap((w) => w.resources)).toContain('popup/index.html');
  });

  it('runs the content script as a classic script on every page at document_idle', () => {
    const m = browserManifest(source, 'chrome', { version: '1', testBuild: false });
    const [cs] = m['content_scripts'] as { js: string[]; run_at: string; matches: string[] }[];
    expect(cs).toMatchObject({ js: ['content.js'], run_at: 'document_idle', matches: ['<all_urls>'] });
  });
});
