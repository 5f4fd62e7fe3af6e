import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');

describe.each(['chrome', 'firefox'])('dist/%s (built by npm test before the unit tests)', (browser) => {
  const dir = resolve(repo, 'dist', browser);

  it('is a loadable unpacked extension', () => {
    expect(existsSync(resolve(dir, 'manifest.json')), `run "npm run build" first: ${dir}`).toBe(true);
    const manifest = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as {
      manifest_version: number;
      action: { default_popup: string };
      content_scripts: { js: string[] }[];
    };
    expect(manifest.manifest_version).toBe(3);
    for (const file of [
      manifest.action.default_popup,
      ...manifest.content_scripts.flatMap((c) => c.js),
      '_locales/en/messages.json',
      '_locales/de/messages.json',
    ]) {
      expect(existsSync(resolve(dir, file)), file).toBe(true);
    }
  });

  it('ships the content script and background as classic scripts (no module syntax)', () => {
    for (const file of ['content.js', 'background.js']) {
      const code = readFileSync(resolve(dir, file), 'utf8');
      expect(code).not.toMatch(/^\s*(import|export)\s/m);
      expect(code).not.toMatch(/\bimport\(/);
    }
  });
});
