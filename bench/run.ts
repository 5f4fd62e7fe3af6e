/**
 * `npm run bench`: how light the content script is, in real Chromium, with numbers anyone can
 * reproduce. Builds the extension, then for each page (the large real pages of ../shared/pages,
 * the article, generated pages of 1, 5 and 20 MB of text) measures on one load: the floor (a
 * TreeWalker reading every character), ours (the engine's real scan path, built from src/),
 * naive (a regular expression per alias per text node); and mark.js on fresh loads; one scan of
 * ours per page under a Chromium trace, for the longest main-thread task it causes. Then the
 * infinite-scroll page, the card latency in the built extension, and the shipped bytes.
 *
 * Writes bench/results/latest.json and prints a table. Exits 1 when the content script is over
 * its size budget (bench/lib/bytes.ts); timings are reported, never asserted.
 *
 * Then the same pages in Firefox (bench/firefox.ts): the built extension's test build read by its
 * stats hook, and the frame cost with and without it, on fresh loads.
 *
 * Last, the live page (bench/live.ts): a page whose script updates a clock every frame, with and
 * without the built extension, in Chromium and Firefox.
 *
 * Options: --verbose (time of each step), --quick (2 repetitions, no mark.js beyond one run on small pages, no 20 MB page: for
 * trying changes), --only=<id,id> (pages by id; `live` is the live page: --only=live runs it alone), --no-build (use the
 * existing dist/), --reps=N, --live-reps=N, --browser=chromium|firefox (the pages and the live page in one engine), --help.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, requireBinary } from '../scripts/launch.ts';
import { bundleIife } from './lib/bundle.ts';
import { shippedSizes } from './lib/bytes.ts';
import { measureCardLatency } from './lib/card-latency.ts';
import { articlePage, feedPage } from './lib/generate.ts';
import { liveOptions, runLiveAndReport } from './live.ts';
import { measureFeed, measurePage, type Scripts } from './lib/measure.ts';
import { benchPages, PAGES_DIR } from './lib/pages.ts';
import { measurePackStart, packStartLines, type PackStartFigure } from './lib/pack-start.ts';
import { buildResults, printTable } from './lib/report.ts';
import { printFirefoxTable, runFirefoxPages, type FirefoxRun } from './firefox.ts';
import type { BenchPage } from './lib/pages.ts';
import { startBenchServer } from './lib/server.ts';

const repo = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const verbose = args.includes('--verbose');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const engine = args.find((a) => a.startsWith('--browser='))?.slice(10);
if (engine !== undefined && engine !== 'chromium' && engine !== 'firefox') {
  console.error(`--browser=${engine}: chromium or firefox`);
  process.exit(2);
}
const inChromium = engine !== 'firefox';
const inFirefox = engine !== 'chromium';
const explicitReps = args.find((a) => a.startsWith('--reps='))?.slice(7);
const reps = Number(explicitReps ?? (quick ? 2 : 5));
const FEED_BATCHES = 100;
const FEED_BATCH_PARAGRAPHS = 100;

if (args.includes('--help')) {
  console.log(
    [
      'npm run bench -- [options]',
      '  --quick             2 repetitions, no 20 MB page, mark.js once on small pages',
      '  --only=<id,id>      pages: reddit nymag cnn wikipedia dailymail article gen-1mb gen-5mb gen-20mb feed card packs live',
      '                      (--only=live: the live page alone)',
      '  --reps=N            repetitions per page',
      '  --live-reps=N       loads per variant on the live page (default 2)',
      '  --browser=<name>    chromium or firefox only: the pages and the live page (default both)',
      '  --no-build          use the existing dist/',
      '  --verbose           time of each step',
    ].join('\n'),
  );
  process.exit(0);
}

const started = performance.now();
const log = (line: string): void => console.log(line);
const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(0)} s`;

const chromium = inChromium ? requireBinary('chromium') : '';
const loadBefore = loadavg();

if (!args.includes('--no-build')) {
  log('Building the extension (npm run build: dist/ and, for the live page, dist-e2e/) ...');
  const built = spawnSync('npm', ['run', 'build'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) {
    console.error('vite build failed');
    process.exit(built.status ?? 1);
  }
}
const sizes = await shippedSizes(resolve(repo, 'dist/chrome'));
const wantsLive = !only || only.includes('live');
if (only?.length === 1 && wantsLive) {
  await runLiveAndReport(liveOptions(args, log));
  process.exit(0);
}

const scripts: Scripts = {
  harness: await bundleIife('bench/inject/harness.ts', 'ccBenchHarness'),
  markJs: await readFile(resolve(repo, 'node_modules/mark.js/dist/mark.min.js'), 'utf8'),
};

const { pages: allPages, missing } = benchPages();
if (missing.length > 0) log(`Real pages not found in ${PAGES_DIR} (skipped): ${missing.join(', ')}`);
const pages = allPages.filter((p) => (only ? only.includes(p.id) : !(quick && p.id === 'gen-20mb')));

const server = await startBenchServer(PAGES_DIR);
const browser = inChromium
  ? await puppeteer.launch({ executablePath: chromium, headless: true, pipe: true, args: CHROMIUM_ARGS })
  : null;
const version = browser === null ? '(Chromium not run)' : await browser.version();
log(`${version}, ${cpus().length} CPUs, load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')}`);

/** Serves a page (generating it the first time); its URL and HTML size. */
const served = new Map<string, { url: string; htmlBytes: number }>();
async function serve(p: BenchPage): Promise<{ url: string; htmlBytes: number }> {
  const known = served.get(p.id);
  if (known !== undefined) return known;
  let out: { url: string; htmlBytes: number };
  if (p.file !== undefined) {
    out = { url: server.page(p.file), htmlBytes: (await readFile(resolve(PAGES_DIR, p.file))).length };
  } else {
    const t = performance.now();
    const html = p.html?.() ?? '';
    if (verbose) log(`    generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    out = { url: server.add(`${p.id}.html`, html), htmlBytes: Buffer.byteLength(html) };
  }
  served.set(p.id, out);
  return out;
}

const measured = [];
try {
  for (const p of pages) {
    if (browser === null) break;
    const { url, htmlBytes } = await serve(p);
    log(`[${elapsed()}] ${p.label}`);
    const markJs = quick ? { reps: 1, minReps: 1, timeoutMs: 15_000, capMs: 15_000 } : p.markJs;
    const plan = quick || explicitReps ? { ...p.reps, reps, minReps: Math.min(reps, p.reps.minReps) } : p.reps;
    const figures = await measurePage(browser, url, htmlBytes, scripts, { plan, markJs, trace: p.trace, log, verbose });
    measured.push({ page: p, figures });
  }

  let feed = null;
  if (browser !== null && (!only || only.includes('feed'))) {
    log(`[${elapsed()}] infinite scroll: ${FEED_BATCHES} x ${FEED_BATCH_PARAGRAPHS} paragraphs`);
    const page = feedPage(FEED_BATCH_PARAGRAPHS);
    feed = await measureFeed(browser, server.add('feed.html', page.html), scripts, FEED_BATCHES, page.batchTextBytes);
  }
  let packStart: PackStartFigure[] | null = null;
  if (browser !== null && (!only || only.includes('packs'))) {
    log(`[${elapsed()}] start-up with 0, 1 and 10 story packs`);
    packStart = await measurePackStart(browser, server.add('packs.html', articlePage().html), scripts, quick ? 10 : 30);
  }
  await browser?.close();

  let card = null;
  if (inChromium && (!only || only.includes('card'))) {
    log(`[${elapsed()}] card latency (built extension, the article page)`);
    const cardServer = await startBenchServer(PAGES_DIR, { policy: null });
    try {
      card = await measureCardLatency(cardServer.add('article.html', articlePage().html));
    } finally {
      await cardServer.close();
    }
  }

  let firefox: FirefoxRun | null = null;
  const firefoxFeed = !only || only.includes('feed');
  if (inFirefox && (pages.length > 0 || firefoxFeed)) {
    log(`[${elapsed()}] the pages in Firefox`);
    const withUrls = [];
    for (const p of pages) withUrls.push({ page: p, url: (await serve(p)).url });
    const feedUrl = firefoxFeed ? server.add('feed-firefox.html', feedPage(FEED_BATCH_PARAGRAPHS).html) : null;
    firefox = await runFirefoxPages(withUrls, {
      quick,
      feed: feedUrl === null ? null : { url: feedUrl, batches: FEED_BATCHES },
      log,
      elapsed,
    });
  }

  const results = buildResults({
    measured,
    feed,
    card,
    sizes,
    environment: {
      browser: version,
      cpus: cpus().length,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadavg(),
      node: process.version,
      date: new Date().toISOString(),
      reps,
      quick,
      durationS: Math.round((performance.now() - started) / 1000),
    },
  });
  const out = resolve(repo, 'bench/results');
  await mkdir(out, { recursive: true });
  const file = resolve(out, quick || only || engine !== undefined ? 'partial.json.tmp' : 'latest.json');
  await writeFile(file, `${JSON.stringify({ ...results, packStart, firefox }, null, 2)}\n`);
  if (inChromium) printTable(results, log);
  if (firefox !== null) printFirefoxTable(firefox, log);
  if (packStart !== null) for (const line of ['', ...packStartLines(packStart)]) log(line);
  log(`\nWrote ${file} in ${elapsed()}.`);
  if (wantsLive) {
    log(`[${elapsed()}] live page`);
    await runLiveAndReport(liveOptions(args, log));
  }
  if (!sizes.withinBudget) {
    console.error(
      `Content script is ${sizes.contentScript.gzip} B gzipped, over the budget of ${sizes.budgetGzip} B (bench/lib/bytes.ts).`,
    );
    process.exitCode = 1;
  }
} finally {
  await browser?.close().catch(() => undefined);
  await server.close();
}
