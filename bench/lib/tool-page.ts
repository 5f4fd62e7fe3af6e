/**
 * What the one-page tools (profile.ts, trace.ts, compare.ts, walks.ts) share: a headless Chromium
 * launched as the benchmark launches it, and a page named on their command line.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { CHROMIUM_ARGS, requireBinary } from '../../scripts/launch.ts';
import { articlePage, syntheticPage } from './generate.ts';
import { PAGES_DIR } from './pages.ts';
import type { BenchServer } from './server.ts';

export function launchToolChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: requireBinary('chromium'),
    headless: true,
    pipe: true,
    args: CHROMIUM_ARGS,
  });
}

/** The URL of `target` on `server`: a file in ../shared/pages, `article`, or `gen<N>` (N MB of generated text). */
export function toolPageUrl(server: BenchServer, target: string): string {
  if (/^gen\d+$/.test(target)) return server.add(target, syntheticPage(Number(target.slice(3)) * 1024 * 1024).html);
  if (target === 'article') return server.add('article', articlePage().html);
  if (existsSync(resolve(PAGES_DIR, target))) return server.page(target);
  throw new Error(`unknown page ${target}`);
}
