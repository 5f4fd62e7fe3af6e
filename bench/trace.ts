/**
 * What the main thread does while our scan runs on one page: records a Chromium trace around
 * the engine's full scan (and the frame after it) and prints every task of 16 ms or more with
 * its parts: our JavaScript, style recalculation, layout, paint, garbage collection. The engine's
 * own slice timing cannot see the browser's rendering work that our marks cause; this can.
 *
 * Run: npx tsx bench/trace.ts [page] [--min=16]   page: a file in ../shared/pages, or gen1 /
 * gen5 / gen20 / article (default: the reddit page).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, requireBinary } from '../scripts/launch.ts';
import { bundleIife } from './lib/bundle.ts';
import { articlePage, syntheticPage } from './lib/generate.ts';
import { VIEWPORT } from './lib/measure.ts';
import { PAGES_DIR } from './lib/pages.ts';
import { startBenchServer } from './lib/server.ts';
import { isolatedWorld } from './lib/world.ts';

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string };
}

/** Trace event names grouped into what a reader of the profile cares about. */
const PARTS: readonly [string, RegExp][] = [
  ['style', /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet)$/],
  ['layout', /^Layout$/],
  ['paint', /^(Paint|PrePaint|PaintImage|Layerize|UpdateLayer|CompositeLayers)$/],
  ['gc', /^(MajorGC|MinorGC|V8\.GC.*|BlinkGC\..*|CppGC\..*)$/],
  ['script', /^(FunctionCall|EvaluateScript|v8\.callFunction|v8\.run|RunMicrotasks|TimerFire|FireAnimationFrame)$/],
];

const args = process.argv.slice(2);
const target = args.find((a) => !a.startsWith('--')) ?? 'postlight-parser__www.reddit.com.html';
const minMs = Number(args.find((a) => a.startsWith('--min='))?.slice(6) ?? 16);

const harness = await bundleIife('bench/inject/harness.ts', 'ccBenchHarness');
const server = await startBenchServer(PAGES_DIR);
const browser = await puppeteer.launch({ executablePath: requireBinary('chromium'), headless: true, pipe: true, args: CHROMIUM_ARGS });
try {
  let url: string;
  if (/^gen\d+$/.test(target)) url = server.add(target, syntheticPage(Number(target.slice(3)) * 1024 * 1024).html);
  else if (target === 'article') url = server.add('article', articlePage().html);
  else if (existsSync(resolve(PAGES_DIR, target))) url = server.page(target);
  else throw new Error(`unknown page ${target}`);
  const page = await browser.newPage();
  await page.setViewport(VIEWPORT);
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  const world = await isolatedWorld(page);
  await world.run(harness);
  await world.run('__ccBench.prepare()');
  await page.tracing.start({
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'cppgc', 'disabled-by-default-v8.gc', 'toplevel'],
  });
  // The first scan on the page, as a reader gets it.
  const run = await world.run<{ workMs: number; wallMs: number; longestSliceMs: number; slices: number }>('__ccBench.ours()');
  const buffer = await page.tracing.stop();
  if (!buffer) throw new Error('no trace');
  const { traceEvents } = JSON.parse(Buffer.from(buffer).toString('utf8')) as { traceEvents: TraceEvent[] };
  const mainThreads = new Set(traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = traceEvents.filter((e) => e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`));
  const candidates = onMain.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && (e.dur ?? 0) >= minMs * 1000);
  // The two task events nest; keep the outermost.
  const tasks = candidates.filter((e) => !candidates.some((o) => o !== e && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0) && (o.dur ?? 0) >= (e.dur ?? 0) && (o.ts < e.ts || (o.dur ?? 0) > (e.dur ?? 0) || o.name === 'ThreadControllerImpl::RunTask')));
  const t0 = Math.min(...onMain.map((e) => e.ts));
  console.log(`ours on ${target}: work ${run.workMs.toFixed(1)} ms in ${run.slices} slices (longest ${run.longestSliceMs.toFixed(1)} ms), wall ${run.wallMs.toFixed(0)} ms`);
  console.log(`main-thread tasks of ${minMs} ms or more during the scan and the frame after it:`);
  const totals = new Map<string, number>();
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts < end && e.tid === task.tid && e.pid === task.pid);
    const parts = new Map<string, number>();
    for (const [part, re] of PARTS) {
      // Outermost events only, so nested ones are not counted twice.
      const matching = inside.filter((e) => re.test(e.name));
      const outer = matching.filter((e) => !matching.some((o) => o !== e && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0) && (o.dur ?? 0) > (e.dur ?? 0)));
      const ms = outer.reduce((s, e) => s + (e.dur ?? 0), 0) / 1000;
      if (ms > 0.05) parts.set(part, ms);
      totals.set(part, (totals.get(part) ?? 0) + ms);
    }
    const detail = [...parts].map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
    console.log(`  +${((task.ts - t0) / 1000).toFixed(0).padStart(6)} ms  task ${((task.dur ?? 0) / 1000).toFixed(1).padStart(7)} ms: ${detail}`);
  }
  console.log(`in those tasks: ${[...totals].map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(', ')}`);
} finally {
  await browser.close();
  await server.close();
}
