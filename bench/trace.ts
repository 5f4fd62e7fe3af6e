/**
 * What the main thread does while our scan runs on one page: records a Chromium trace around
 * the engine's full scan (and the frame after it) and prints every task of 16 ms or more with
 * its parts: our JavaScript, style recalculation, layout, paint, garbage collection. The engine's
 * own slice timing cannot see the browser's rendering work that our marks cause; this can.
 *
 * Run: npx tsx bench/trace.ts [page] [--min=16]   page: a file in ../shared/pages, or gen1 /
 * gen5 / gen20 / article (default: the reddit page). The analysis is bench/lib/trace.ts's, which
 * `npm run bench` also uses for the longest task of each page.
 */
import { bundleIife } from './lib/bundle.ts';
import { VIEWPORT } from './lib/measure.ts';
import { PAGES_DIR } from './lib/pages.ts';
import { startBenchServer } from './lib/server.ts';
import { describeParts, mainThreadTasks, PARTS, startTrace, stopTrace } from './lib/trace.ts';
import { isolatedWorld } from './lib/world.ts';
import { launchToolChromium, toolPageUrl } from './lib/tool-page.ts';

const args = process.argv.slice(2);
const target = args.find((a) => !a.startsWith('--')) ?? 'postlight-parser__www.reddit.com.html';
const minMs = Number(args.find((a) => a.startsWith('--min='))?.slice(6) ?? 16);

const harness = await bundleIife('bench/inject/harness.ts', 'ccBenchHarness');
const server = await startBenchServer(PAGES_DIR);
const browser = await launchToolChromium();
try {
  const url = toolPageUrl(server, target);
  const page = await browser.newPage();
  await page.setViewport(VIEWPORT);
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  const world = await isolatedWorld(page);
  await world.run(harness);
  await world.run('__ccBench.prepare()');
  await startTrace(page);
  // The first scan on the page, as a reader gets it.
  const run = await world.run<{ workMs: number; wallMs: number; longestSliceMs: number; slices: number }>(
    '__ccBench.ours()',
  );
  const { events } = await stopTrace(page);
  const tasks = mainThreadTasks(events, minMs);
  console.log(
    `ours on ${target}: work ${run.workMs.toFixed(1)} ms in ${run.slices} slices (longest ${run.longestSliceMs.toFixed(1)} ms), wall ${run.wallMs.toFixed(0)} ms`,
  );
  console.log(`main-thread tasks of ${minMs} ms or more during the scan and the frame after it:`);
  for (const task of tasks)
    console.log(
      `  +${task.startMs.toFixed(0).padStart(6)} ms  task ${task.ms.toFixed(1).padStart(7)} ms: ${describeParts(task.parts)}`,
    );
  console.log(
    `in those tasks: ${PARTS.map((p) => `${p} ${tasks.reduce((s, t) => s + t.parts[p], 0).toFixed(1)} ms`).join(', ')}`,
  );
} finally {
  await browser.close();
  await server.close();
}
