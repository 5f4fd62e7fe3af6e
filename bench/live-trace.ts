/**
 * A Chromium trace of the live page (bench/lib/live.ts) once the extension has settled, with and
 * without it: the renderer main thread's time by trace event (inclusive), side by side.
 * `npx tsx bench/live-trace.ts [live-2000] [--ms=2000] [--top=30]` (dist/ and dist-e2e/ built).
 */
import type { Page } from 'puppeteer-core';
import { launch } from '../scripts/launch.ts';
import { engineState } from '../test/e2e/support/engine.ts';
import { LIVE_SIZES, livePage } from './lib/live.ts';
import { PAGES_DIR } from './lib/pages.ts';
import { startBenchServer } from './lib/server.ts';
import { startTrace, stopTrace, type TraceEvent } from './lib/trace.ts';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function settled(page: Page): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const state = await engineState(page, 500).catch(() => null);
    if (state?.stats != null && state.stats.firstIdleMs >= 0) return;
    await sleep(100);
  }
  throw new Error('the extension did not settle');
}

/** Inclusive ms per event name on the renderer main threads. */
function byName(events: readonly TraceEvent[]): Map<string, { ms: number; n: number }> {
  const main = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const out = new Map<string, { ms: number; n: number }>();
  for (const e of events) {
    if (e.ph !== 'X' || !main.has(`${e.pid}:${e.tid}`)) continue;
    const entry = out.get(e.name) ?? { ms: 0, n: 0 };
    entry.ms += (e.dur ?? 0) / 1000;
    entry.n++;
    out.set(e.name, entry);
  }
  return out;
}

const args = process.argv.slice(2);
const sizeId = args.find((a) => !a.startsWith('--')) ?? 'live-2000';
const ms = Number(args.find((a) => a.startsWith('--ms='))?.slice(5) ?? 2000);
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 30);
const size = LIVE_SIZES.find((s) => s.id === sizeId);
if (size === undefined) throw new Error(`no live page ${sizeId}`);
const server = await startBenchServer(PAGES_DIR, { policy: null });
const url = server.add(`${size.id}.html`, livePage(size).html);
const results: Map<string, { ms: number; n: number }>[] = [];
for (const withUs of [false, true]) {
  const b = await launch('chromium', { build: withUs ? 'dist-e2e' : 'dist', extension: withUs });
  try {
    const page = await b.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(url, { waitUntil: 'load' });
    if (withUs) await settled(page);
    await sleep(1000);
    await startTrace(page, [
      'toplevel',
      'blink',
      'cc',
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'v8.execute',
    ]);
    await sleep(ms);
    results.push(byName((await stopTrace(page)).events));
  } finally {
    await b.close();
  }
}
await server.close();
const [without, withUs] = results as [Map<string, { ms: number; n: number }>, Map<string, { ms: number; n: number }>];
const names = [...new Set([...without.keys(), ...withUs.keys()])]
  .map((name) => ({ name, a: without.get(name), b: withUs.get(name) }))
  .sort((x, y) => (y.b?.ms ?? 0) - (x.b?.ms ?? 0))
  .slice(0, top);
console.log(`${size.label}, ${ms} ms traced: ms (count) without | with`);
for (const { name, a, b } of names)
  console.log(
    `${name.padEnd(60)} ${(a?.ms ?? 0).toFixed(1).padStart(8)} (${a?.n ?? 0}) | ${(b?.ms ?? 0).toFixed(1).padStart(8)} (${b?.n ?? 0})`,
  );
