/**
 * `npm start`: builds the extension, serves the demo article on localhost and opens a browser
 * with the extension loaded on it: an installed Chromium, Chrome or Edge, else Firefox
 * (scripts/find-browser.ts says where it looks); `npm start -- --browser=firefox` (or
 * `--browser=chromium`) chooses. Without a display (CI, a server) it runs headless, saves a
 * screenshot with the marks to dist/demo.png, prints where it is and exits: 0 when the demo page
 * got its marks, 1 when it did not.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { BrowserName } from './find-browser.ts';
import { launch, locateBrowser, requireBinary } from './launch.ts';
import { startServer } from './static-server.ts';

const repo = resolve(import.meta.dirname, '..');
// macOS and Windows always have a screen; elsewhere a display server says so.
const headless =
  process.platform !== 'darwin' &&
  process.platform !== 'win32' &&
  !process.env['DISPLAY'] &&
  !process.env['WAYLAND_DISPLAY'];

/** chrome and edge are Chromium to the extension: the same build, the same launch. */
const ENGINES: Readonly<Record<string, BrowserName>> = {
  chromium: 'chromium',
  chrome: 'chromium',
  edge: 'chromium',
  firefox: 'firefox',
};

function chosenBrowser(args: readonly string[]): BrowserName {
  const flag = args.find((a) => a.startsWith('--browser='));
  if (flag !== undefined) {
    const engine = ENGINES[flag.slice('--browser='.length).toLowerCase()];
    if (engine === undefined) {
      console.error(`Unknown ${flag}: use --browser=chromium (also for Chrome and Edge) or --browser=firefox.`);
      process.exit(2);
    }
    return engine;
  }
  // A Chromium-based browser if there is one (or if a variable asks for one), else Firefox.
  const chromium = locateBrowser('chromium');
  if (chromium.path !== null || 'badVariable' in chromium) return 'chromium';
  return locateBrowser('firefox').path !== null ? 'firefox' : 'chromium';
}

const name = chosenBrowser(process.argv.slice(2));
let binary: string;
try {
  binary = requireBinary(name);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const built = spawnSync('npx', ['vite', 'build'], { cwd: repo, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

console.log(`Opening ${binary}${headless ? ' (headless)' : ''} with the extension.`);
const server = await startServer();
const ext = await launch(name, { headless, build: 'dist' });
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
