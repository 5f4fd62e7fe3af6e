/**
 * The page benchmark in Firefox (bench/lib/firefox.ts): part of `npm run bench` after the Chromium
 * pages (`--browser=firefox` runs it without them; `--only=<ids>` picks pages in both engines).
 * Two Firefoxes side by side, one with the extension's test build (`dist-e2e/firefox`, for the
 * stats hook) and one without the extension; each page in fresh tabs of both, alternating.
 */
import { launch } from '../scripts/launch.ts';
import { firefoxPageResult, firefoxTableLines, type FirefoxPageResult } from './lib/firefox-report.ts';
import { measureFirefoxPage, type FirefoxPlan } from './lib/firefox.ts';
import { firefoxFeedLine, measureFirefoxFeed, type FirefoxFeedResult } from './lib/firefox-feed.ts';
import type { BenchPage } from './lib/pages.ts';

/**
 * Every performance.now() in Firefox is rounded to 1 ms unless this is off (its default guards
 * against timing attacks); the engine's slices are often shorter than that.
 */
const PREFS = { 'privacy.reduceTimerPrecision': false } as const;

export interface FirefoxRun {
  readonly browser: string;
  readonly durationS: number;
  readonly pages: FirefoxPageResult[];
  /** The infinite-scroll page (null when not selected). */
  readonly feed: FirefoxFeedResult | null;
}

/** The loads per variant on a page, and how long its slowest step may take. */
export function firefoxPlan(page: BenchPage, quick: boolean): FirefoxPlan {
  const reps = quick ? Math.min(2, page.firefoxReps) : page.firefoxReps;
  return { reps, timeoutMs: page.id === 'gen-20mb' ? 180_000 : 60_000 };
}

/** Measures `pages` (each served at its URL) in Firefox with and without the extension. */
export async function runFirefoxPages(
  pages: readonly { page: BenchPage; url: string }[],
  options: {
    quick: boolean;
    /** The infinite-scroll page's URL and its appends, or null. */
    feed: { url: string; batches: number } | null;
    log: (line: string) => void;
    elapsed: () => string;
  },
): Promise<FirefoxRun> {
  const started = performance.now();
  const ours = await launch('firefox', { build: 'dist-e2e', extension: true, prefs: PREFS });
  const plain = await launch('firefox', { build: 'dist', extension: false, prefs: PREFS });
  const rows: FirefoxPageResult[] = [];
  try {
    const version = await ours.browser.version();
    options.log(`  ${version}, the extension's test build (dist-e2e/firefox) and a Firefox without it`);
    for (const { page, url } of pages) {
      const plan = firefoxPlan(page, options.quick);
      options.log(`[${options.elapsed()}] Firefox: ${page.label} (${plan.reps} loads with us, ${plan.reps} without)`);
      const figures = await measureFirefoxPage(ours.browser, plain.browser, url, plan, options.log);
      rows.push(firefoxPageResult(page, figures));
    }
    let feed: FirefoxFeedResult | null = null;
    if (options.feed !== null) {
      options.log(
        `[${options.elapsed()}] Firefox: infinite scroll, ${options.feed.batches} appends (one load with us, one without)`,
      );
      feed = await measureFirefoxFeed(ours.browser, plain.browser, options.feed.url, options.feed.batches);
    }
    return { browser: version, durationS: Math.round((performance.now() - started) / 1000), pages: rows, feed };
  } finally {
    await ours.close();
    await plain.close();
  }
}

export function printFirefoxTable(run: FirefoxRun, log: (line: string) => void): void {
  log(`\nFirefox (${run.browser}), ${run.durationS} s: medians of fresh loads with and without the extension`);
  log(
    '("ours ms": our slices summed, by the engine\'s clock; "floor": a TreeWalker from a sandbox with Xray wrappers, as a content script; "page floor": the same as a page script; frame cost from DOMContentLoaded to 1 s after our first read)\n',
  );
  if (run.pages.length > 0) for (const line of firefoxTableLines(run.pages)) log(line);
  if (run.feed !== null) log(`\n${firefoxFeedLine(run.feed)}`);
}
