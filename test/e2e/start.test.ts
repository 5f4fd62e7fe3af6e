/**
 * `npm start` on a machine without a display, as the README promises: it builds, opens Chromium
 * headless with the extension on the demo article, saves a screenshot with the marks to
 * dist/demo.png and exits 0. (With a display it keeps the window open instead; that path shares
 * everything up to the screenshot.)
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { decodePng } from './support/pixels.ts';

const repo = resolve(import.meta.dirname, '../..');

function runStart(): Promise<{ code: number | null; out: string }> {
  const env = { ...process.env };
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  return new Promise((done, fail) => {
    const child = spawn('npm', ['start'], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, out }));
  });
}

it('npm start without a display builds, marks the demo article, saves dist/demo.png and exits 0', async () => {
  const file = resolve(repo, 'dist/demo.png');
  rmSync(file, { force: true });
  const { code, out } = await runStart();
  expect(code, out).toBe(0);
  const marked = /The extension marked (\d+) mentions on the demo page/.exec(out);
  expect(Number(marked?.[1] ?? 0), out).toBeGreaterThanOrEqual(10);
  expect(out).toContain(`Screenshot of the demo page with its marks: ${file}`);
  expect(existsSync(file)).toBe(true);
  const png = decodePng(readFileSync(file).toString('base64'));
  expect(png.width).toBe(1100);
  expect(png.height).toBe(900);
}, 120_000);
