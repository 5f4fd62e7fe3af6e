/**
 * `npm start`: builds the extension, serves the demo article on localhost and opens Chromium
 * with the extension loaded on it. Without a display (CI, a server) it runs headless, saves a
 * screenshot with the marks to dist/demo.png, prints where it is and exits: 0 when the demo page
 * got its marks, 1 when it did not.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { launch } from './launch.ts';
import { startServer } from './static-server.ts';

const repo = resolve(import.meta.dirname, '..');
const headless = !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'];

const built = spawnSync('npx', ['vite', 'build'], { cwd: repo, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const server = await startServer();
const ext = await launch('chromium', { headless, build: 'dist' });
const url = `${server.origin}/demo/index.html`;
const page = await ext.browser.newPage();
await page.setViewport({ width: 1100, height: 900 });
await page.goto(url);
/** Marks on the demo page: ranges in our highlights (the page's main world sees the registry too). */
const marks = (): Promise<number> =>
  page.evaluate(() => {
    let n = 0;
    CSS.highlights.forEach((h, name) => {
      if (name.startsWith('context-cards-') && name !== 'context-cards-focus') n += h.size;
    });
    return n;
  });
let marked = 0;
try {
  await page.waitForFunction(() => [...CSS.highlights.keys()].some((k) => k.startsWith('context-cards-')), {
    timeout: 10_000,
  });
  marked = await marks();
  console.log(`The extension marked ${marked} mentions on the demo page.`);
} catch {
  console.warn('No marks appeared on the demo page within 10 s: the extension did not run on it.');
}

if (headless) {
  const file = resolve(repo, 'dist/demo.png');
  await page.screenshot({ path: file });
  console.log(`No display: ran headless. Screenshot of the demo page${marked > 0 ? ' with its marks' : ''}: ${file}`);
  await ext.close();
  await server.close();
  process.exit(marked > 0 ? 0 : 1);
} else {
  console.log(`Demo open at ${url}. Close the browser window to stop.`);
  ext.browser.on('disconnected', () => {
    void server.close().then(() => process.exit(0));
  });
}
