/**
 * `npm test`: build, then type check, lint, format check, unit tests and e2e tests in real Chromium and
 * Firefox, in that order, stopping at the first failure. Ends with one line
 * `N passed, N failed` counting every test run (unit and e2e).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const reports = resolve(repo, 'dist/test-reports');

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

const totals = { passed: 0, failed: 0, skipped: 0 };

function run(title: string, command: string, args: readonly string[]): boolean {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: repo, stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function vitest(project: string, extra: readonly string[] = []): boolean {
  const out = resolve(reports, `${project}.json`);
  const ok = run(`${project} tests`, 'npx', [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
    ...extra,
  ]);
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8')) as VitestReport;
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    if (report.numPassedTests + report.numFailedTests === 0) {
      console.log(`✘ ${project}: no test ran`);
      return false;
    }
  } else if (ok) {
    console.log(`✘ ${project}: no report written`);
    return false;
  }
  return ok;
}

function finish(ok: boolean): never {
  const line = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
  writeFileSync(resolve(reports, 'summary.txt'), `${line}\n`);
  console.log(`\n${line}`);
  process.exit(ok ? 0 : 1);
}

mkdirSync(reports, { recursive: true });
const steps: (() => boolean)[] = [
  () => run('build', 'npx', ['vite', 'build']) && run('build (e2e)', 'npx', ['vite', 'build', '--mode', 'e2e']),
  () => run('type check', 'npx', ['tsc', '--noEmit']),
  () => run('lint', 'npx', ['eslint', '.', '--max-warnings=0']),
  () => run('format', 'npx', ['prettier', '--check', '.']),
  () =>
    run('web-ext lint', 'npx', [
      'web-ext',
      'lint',
      '--source-dir',
      'dist/firefox',
      '--self-hosted',
      '--warnings-as-errors',
      '--output',
      'text',
    ]),
  () => vitest('unit'),
  () => vitest('e2e'),
];
mkdirSync(reports, { recursive: true });
for (const step of steps) {
  if (!step()) finish(false);
}
finish(true);
