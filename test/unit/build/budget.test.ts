/**
 * The content script's size budget, checked on every `npm test` (not only by the benchmark): the
 * script is injected into every page, so its gzipped size is bounded (bench/lib/bytes.ts says how
 * much and why). Built here in memory from src/ with the extension's own target and defines, so the
 * figure does not depend on an earlier build; and what it is built from must not include the
 * benchmark's tools (the prefilter scanner of bench/lib lives only there).
 */
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_BUDGET_GZIP } from '../../../bench/lib/bytes.ts';

const repo = resolve(import.meta.dirname, '../../..');

async function buildContentScript(): Promise<Rolldown.OutputChunk> {
  // Vite picks packages' production exports by the environment, which vitest sets to "test".
  const environment = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  const result = await build({
    configFile: false,
    root: repo,
    // As `npm run build` (vitest runs in the test mode, which would keep development-only code).
    mode: 'production',
    logLevel: 'silent',
    define: { 'import.meta.env.CC_TEST_BUILD': 'false', 'process.env.NODE_ENV': '"production"' },
    build: {
      target: ['chrome114', 'firefox140'],
      write: false,
      copyPublicDir: false,
      lib: {
        entry: resolve(repo, 'src/content/index.ts'),
        formats: ['iife'],
        name: 'contextCards_content',
        fileName: () => 'content.js',
      },
    },
  }).finally(() => {
    process.env['NODE_ENV'] = environment;
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  for (const out of outputs) for (const chunk of out.output) if (chunk.type === 'chunk' && chunk.isEntry) return chunk;
  throw new Error('no content script built');
}

describe('the content script budget', () => {
  let chunk: Rolldown.OutputChunk;
  beforeAll(async () => {
    chunk = await buildContentScript();
  }, 60_000);

  it(`stays within ${String(CONTENT_SCRIPT_BUDGET_GZIP)} bytes gzipped`, () => {
    const gzip = gzipSync(chunk.code, { level: 9 }).length;
    console.log(`content script: ${String(chunk.code.length)} bytes minified, ${String(gzip)} gzipped`);
    // A real script, not an empty build that passes any budget.
    expect(gzip).toBeGreaterThan(20_000);
    expect(gzip).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_GZIP);
  });

  it('carries no benchmark code (the prefilter scanner stays in bench/)', () => {
    const modules = chunk.moduleIds.map((id) => id.replace(/\\/g, '/'));
    expect(modules.some((id) => id.endsWith('/src/content/engine/engine.ts'))).toBe(true);
    expect(modules.filter((id) => id.includes('/bench/') || /prefilter/i.test(id))).toEqual([]);
  });

  it("adds no stylesheet file: the marks' rules are built at run time, only where a mark is shown", () => {
    expect(chunk.viteMetadata?.importedCss.size ?? 0).toBe(0);
  });
});
