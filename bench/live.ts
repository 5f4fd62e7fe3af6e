/**
 * The live-page benchmark (bench/lib/live.ts), alone: `npx tsx bench/live.ts`, or as part of
 * `npm run bench` (`--only=live` runs just this). In Chromium and Firefox, with the built
 * extension (its test build, dist-e2e/, for the hook that says when it has read the page) and without it, on pages with ~50, ~200 and ~2,000 names whose own script
 * updates a clock every frame. Prints a table and writes bench/results/live.json.
 *
 * Options: --browser=chromium|firefox (one engine), --reps=N or --live-reps=N (loads per variant, default 2),
 * --window=MS (measured window per load, default 3000), --sizes=live-50,live-200 (some sizes),
 * --style=underline|background|none (the marks' style; default: the extension's default, underline),
 * --no-build (use the existing dist/).
 */
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { launch, type BrowserName } from '../scripts/launch.ts';
import {
  LIVE_SIZES,
  LIVE_WINDOW_MS,
  liveTable,
  livePage,
  measureLive,
  medianSample,
  type LiveRow,
  type LiveSample,
} from './lib/live.ts';
import { writeSettings } from '../test/e2e/support/extension-api.ts';
import { PAGES_DIR } from './lib/pages.ts';
import { startBenchServer } from './lib/server.ts';

const repo = resolve(import.meta.dirname, '..');

export interface LiveOptions {
  readonly browsers: readonly BrowserName[];
  readonly reps: number;
  readonly windowMs: number;
  readonly sizes: readonly string[] | null;
  /** The marks' style to set before measuring (null: the default settings). */
  readonly style: string | null;
  readonly log: (line: string) => void;
}

/** Runs the live-page measurement against dist/ (built already); returns its rows. */
export async function runLive(options: LiveOptions): Promise<LiveRow[]> {
  const server = await startBenchServer(PAGES_DIR, { policy: null });
  const rows: LiveRow[] = [];
  try {
    const sizes = LIVE_SIZES.filter((s) => options.sizes === null || options.sizes.includes(s.id));
    const pages = sizes.map((size) => {
      const page = livePage(size);
      return { size, names: page.names, url: server.add(`${size.id}.html`, page.html) };
    });
    for (const name of options.browsers) {
      const plain = await launch(name, { build: 'dist', extension: false });
      // The test build: the shipped code plus a hook that says when the first read is done.
      const ours = await launch(name, { build: 'dist-e2e', extension: true });
      try {
        const version = await ours.browser.version();
        options.log(`  ${version}${options.style === null ? '' : `, marks styled "${options.style}"`}`);
        if (options.style !== null) {
          const control = await ours.openExtensionPage('popup/index.html', server.origin);
          await writeSettings(control, { version: 2, markStyle: options.style });
          await control.close();
        }
        for (const p of pages) {
          const without: LiveSample[] = [];
          const withUs: LiveSample[] = [];
          const own: LiveSample[] = [];
          const chromium = name === 'chromium';
          for (let rep = 0; rep < options.reps; rep++) {
            // Alternating, so a busy moment of the machine hits every variant alike.
            without.push(await measureLive(plain.browser, p.url, 'without', chromium, options.windowMs));
            withUs.push(await measureLive(ours.browser, p.url, 'with', chromium, options.windowMs));
            own.push(await measureLive(plain.browser, p.url, 'own-highlight', chromium, options.windowMs));
          }
          const row: LiveRow = {
            browser: version,
            size: p.size,
            names: p.names,
            without: medianSample(without),
            with: medianSample(withUs),
            ownHighlight: medianSample(own),
          };
          options.log(
            `  ${p.size.label}: ${row.with.ranges} ranges; busy ms/frame ${row.without.busyMsPerFrame.toFixed(1)} -> ${row.with.busyMsPerFrame.toFixed(1)} (one highlight of the page's own: ${row.ownHighlight.busyMsPerFrame.toFixed(1)}), fps ${row.without.fps.toFixed(0)} -> ${row.with.fps.toFixed(0)}`,
          );
          rows.push(row);
        }
      } finally {
        await plain.close();
        await ours.close();
      }
    }
  } finally {
    await server.close();
  }
  return rows;
}

/** Parses the options above from `args`. */
export function liveOptions(args: readonly string[], log: (line: string) => void): LiveOptions {
  const value = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const browser = value('browser');
  return {
    browsers: browser === undefined ? ['chromium', 'firefox'] : [browser as BrowserName],
    reps: Number(value('live-reps') ?? value('reps') ?? 2),
    windowMs: Number(value('window') ?? LIVE_WINDOW_MS),
    sizes: value('sizes')?.split(',') ?? null,
    style: value('style') ?? null,
    log,
  };
}

/** Runs, prints the table and writes bench/results/live.json (dist/ must be built). */
export async function runLiveAndReport(options: LiveOptions): Promise<LiveRow[]> {
  const started = performance.now();
  const loadBefore = loadavg();
  options.log(`Live pages, ${cpus().length} CPUs, load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')}`);
  const rows = await runLive(options);
  options.log(`\nLive page (a clock updated every frame), with and without the extension:\n`);
  for (const line of liveTable(rows)) options.log(line);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  options.log(
    `\n${options.reps} loads per variant, ${options.windowMs} ms measured per load, ${seconds} s; load average after ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}.`,
  );
  const out = resolve(repo, 'bench/results');
  await mkdir(out, { recursive: true });
  await writeFile(resolve(out, 'live.json'), `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)}\n`);
  return rows;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (!args.includes('--no-build')) {
    console.log('Building the extension (npm run build) ...');
    const built = spawnSync('npm', ['run', 'build'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  await runLiveAndReport(liveOptions(args, (line) => console.log(line)));
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await main();
