/** `npm run package`: zips dist/chrome and dist/firefox for the stores into dist/packages. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(resolve(repo, 'package.json'), 'utf8')) as { version: string };
for (const browser of ['chrome', 'firefox']) {
  const result = spawnSync(
    'npx',
    [
      'web-ext',
      'build',
      '--source-dir',
      `dist/${browser}`,
      '--artifacts-dir',
      'dist/packages',
      '--filename',
      `context-cards-${browser}-${version}.zip`,
      '--overwrite-dest',
    ],
    { cwd: repo, stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
console.log(`Packages in ${resolve(repo, 'dist/packages')}`);
