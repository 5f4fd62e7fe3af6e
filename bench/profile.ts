/**
 * Where our scan spends its time on one page: runs the engine's full scan under the V8 sampling
 * profiler (DevTools protocol) and prints the functions with the most self time.
 *
 * Run: npx tsx bench/profile.ts [page]   page: a file in ../shared/pages, or gen1 / gen5 / gen20 /
 * article (default gen1). Add --floor to profile the floor instead, --reps=N to profile N scans.
 */
import { bundleIife } from './lib/bundle.ts';
import { startBenchServer } from './lib/server.ts';
import { isolatedWorld } from './lib/world.ts';
import { PAGES_DIR } from './lib/pages.ts';
import { launchToolChromium, toolPageUrl } from './lib/tool-page.ts';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
    readonly columnNumber: number;
  };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const args = process.argv.slice(2);
const target = args.find((a) => !a.startsWith('--')) ?? 'gen1';
const reps = Number(args.find((a) => a.startsWith('--reps='))?.slice(7) ?? 3);
const what = args.includes('--floor') ? 'floor' : 'ours';

const harness = await bundleIife('bench/inject/harness.ts', 'ccBenchHarness', { minify: false });
const server = await startBenchServer(PAGES_DIR);
const browser = await launchToolChromium();
try {
  const url = toolPageUrl(server, target);
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  const world = await isolatedWorld(page);
  await world.run(harness);
  await world.run('__ccBench.prepare()');
  // One unprofiled run warms the JIT, as the benchmark's repetitions do.
  await world.run(`__ccBench.${what}()`);
  if (what === 'ours') await world.run('__ccBench.clearOurs()');
  const { client } = world;
  await client.send('Profiler.enable');
  await client.send('Profiler.setSamplingInterval', { interval: 100 });
  await client.send('Profiler.start');
  for (let i = 0; i < reps; i++) {
    await world.run(`__ccBench.${what}()`);
    if (what === 'ours') await world.run('__ccBench.clearOurs()');
  }
  const { profile } = (await client.send('Profiler.stop')) as unknown as { profile: Profile };
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!node) return;
    const f = node.callFrame;
    const name = f.functionName || '(anonymous)';
    if (name === '(idle)' || name === '(program)') return;
    const key = f.url ? `${name}  line ${f.lineNumber + 1}` : name;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  console.log(`${what} on ${target}: ${reps} scans, ${total.toFixed(0)} ms sampled (not idle)`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(
      `${(ms / reps).toFixed(1).padStart(8)} ms/scan  ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${key}`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
