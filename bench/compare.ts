/**
 * Two versions of the engine on the same pages, alternately, in one browser: the repository's
 * src/ and another copy of src/ (a prototype or a branch checkout). Alternating repetitions on
 * one load keep a shared machine's drifting load out of the comparison.
 *
 * Run: npx tsx bench/compare.ts --src=/path/to/other/src [--reps=7] [page ...]
 * Pages: files in ../shared/pages, or gen1 / gen5 / article (default: reddit, wikipedia, gen1).
 */
import type { OursRun } from './inject/protocol.ts';
import { bundleIife } from './lib/bundle.ts';
import { VIEWPORT } from './lib/measure.ts';
import { PAGES_DIR } from './lib/pages.ts';
import { startBenchServer } from './lib/server.ts';
import { median } from './lib/stats.ts';
import { isolatedWorld, type World } from './lib/world.ts';
import { launchToolChromium, toolPageUrl } from './lib/tool-page.ts';

const args = process.argv.slice(2);
const src = args.find((a) => a.startsWith('--src='))?.slice(6);
if (!src) throw new Error('usage: npx tsx bench/compare.ts --src=/path/to/other/src [--reps=7] [page ...]');
const reps = Number(args.find((a) => a.startsWith('--reps='))?.slice(7) ?? 7);
const targets = args.filter((a) => !a.startsWith('--'));
const pages =
  targets.length > 0
    ? targets
    : ['postlight-parser__www.reddit.com.html', 'mozilla-readability__wikipedia-2.html', 'gen1'];

const versions = [
  { name: 'repo', harness: await bundleIife('bench/inject/harness.ts', 'ccBenchHarness') },
  { name: 'other', harness: await bundleIife('bench/inject/harness.ts', 'ccBenchHarness', { src }) },
];
const server = await startBenchServer(PAGES_DIR);
const browser = await launchToolChromium();

async function cpu(world: World): Promise<{ cpu: number; style: number }> {
  const { metrics } = await world.client.send('Performance.getMetrics');
  const get = (n: string): number => (metrics.find((m) => m.name === n)?.value ?? 0) * 1000;
  return { cpu: get('ThreadTime'), style: get('RecalcStyleDuration') };
}

try {
  for (const target of pages) {
    const url = toolPageUrl(server, target);
    const page = await browser.newPage();
    await page.setViewport(VIEWPORT);
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    const worlds: World[] = [];
    for (const v of versions) {
      const world = await isolatedWorld(page, `bench-${v.name}`);
      await world.client.send('Performance.enable');
      await world.run(v.harness);
      await world.run('__ccBench.prepare()');
      await world.run('__ccBench.ours()');
      await world.run('__ccBench.clearOurs()');
      worlds.push(world);
    }
    const results = versions.map(() => ({
      work: [] as number[],
      wall: [] as number[],
      cpu: [] as number[],
      style: [] as number[],
      longest: [] as number[],
      marks: 0,
    }));
    const floor: number[] = [];
    for (let r = 0; r < reps; r++) {
      floor.push((await worlds[0]?.run<{ ms: number }>('__ccBench.floor()'))?.ms ?? 0);
      for (let i = 0; i < versions.length; i++) {
        const world = worlds[(i + r) % versions.length];
        const out = results[(i + r) % versions.length];
        if (!world || !out) continue;
        const before = await cpu(world);
        const run = await world.run<OursRun>('__ccBench.ours()');
        const after = await cpu(world);
        await world.run('__ccBench.clearOurs()');
        out.work.push(run.workMs);
        out.wall.push(run.wallMs);
        out.cpu.push(after.cpu - before.cpu);
        out.style.push(after.style - before.style);
        out.longest.push(run.longestSliceMs);
        out.marks = run.marks;
      }
    }
    console.log(`${target} (floor ${median(floor)?.toFixed(1)} ms):`);
    versions.forEach((v, i) => {
      const o = results[i];
      if (!o) return;
      const f = (xs: number[]): string => (median(xs) ?? 0).toFixed(1).padStart(7);
      console.log(
        `  ${v.name.padEnd(6)} work ${f(o.work)} ms  wall ${f(o.wall)} ms  cpu ${f(o.cpu)} ms  style ${f(o.style)} ms  longest slice ${f(o.longest)} ms  marks ${o.marks}`,
      );
    });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
