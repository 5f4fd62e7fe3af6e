/**
 * `npm start` on a machine without a display, as the README promises: it builds, opens a browser
 * headless with the extension on the demo article (Chromium by default, Firefox with
 * `--browser=firefox`), saves a screenshot with the marks to dist/demo.png and exits 0. (With a
 * display it keeps the window open instead; that path shares everything up to the screenshot.)
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { requireBinary } from '../../scripts/launch.ts';
import { BROWSERS } from './support/browsers.ts';
import { decodePng } from './support/pixels.ts';

const repo = resolve(import.meta.dirname, '../..');

function runStart(
  args: readonly string[],
  vars: Record<string, string> = {},
): Promise<{ code: number | null; out: string }> {
  const env = { ...process.env, ...vars };
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  return new Promise((done, fail) => {
    const child = spawn('npm', ['start', ...args], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, out }));
  });
}

it.each(BROWSERS)(
  'npm start -- --browser=%s without a display marks the demo article, saves dist/demo.png, exits 0',
  async (name) => {
    const file = resolve(repo, 'dist/demo.png');
    rmSync(file, { force: true });
    const { code, out } = await runStart(['--', `--browser=${name}`]);
    expect(code, out).toBe(0);
    expect(out).toContain(`Opening ${requireBinary(name)} (headless) with the extension.`);
    const marked = /The extension marked (\d+) mentions on the demo page/.exec(out);
    expect(Number(marked?.[1] ?? 0), out).toBeGreaterThanOrEqual(10);
    expect(out).toContain(`Screenshot of the demo page with its marks: ${file}`);
    expect(existsSync(file)).toBe(true);
    const png = decodePng(readFileSync(file).toString('base64'));
    expect(png.width).toBe(1100);
    expect(png.height).toBe(900);
  },
  120_000,
);

it('npm start names a browser variable that points nowhere, and exits 1 before building', async () => {
  const { code, out } = await runStart([], { CHROMIUM_PATH: resolve(repo, 'no-such-browser') });
  expect(code, out).toBe(1);
  expect(out).toContain(`CHROMIUM_PATH names ${resolve(repo, 'no-such-browser')}, which does not exist.`);
  expect(out).not.toContain('built in');
}, 60_000);
