/**
 * Bundles the in-page harness (and through it the engine's real scan path, from src/) into one
 * classic script with the extension's own build target and defines, in memory.
 */
import { resolve } from 'node:path';
import { build, type Plugin, type Rolldown } from 'vite';

const repo = resolve(import.meta.dirname, '../..');

/** The same targets as vite.config.ts: the browsers the extension supports. */
const TARGET = ['chrome114', 'firefox140'];

/**
 * Serves every module of the repository's src/ from another copy of src/ (a branch, a
 * prototype), so two versions of the engine can be measured side by side.
 */
function alternativeSource(dir: string): Plugin {
  const own = `${resolve(repo, 'src')}/`;
  const other = `${resolve(dir)}/`;
  return {
    name: 'context-cards-bench-alternative-src',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved && resolved.id.startsWith(own)) return { ...resolved, id: other + resolved.id.slice(own.length) };
      return resolved;
    },
  };
}

/** `minify: false` keeps function names, for profiles; `src` bundles another copy of src/. */
export async function bundleIife(
  entry: string,
  name: string,
  options: { minify?: boolean; src?: string } = {},
): Promise<string> {
  const result = await build({
    configFile: false,
    root: repo,
    logLevel: 'warn',
    define: { 'import.meta.env.CC_TEST_BUILD': 'false' },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    plugins: options.src ? [alternativeSource(options.src)] : [],
    build: {
      target: TARGET,
      write: false,
      minify: options.minify ?? true,
      copyPublicDir: false,
      lib: { entry: resolve(repo, entry), formats: ['iife'], name, fileName: () => `${name}.js` },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  for (const out of outputs) {
    for (const chunk of out.output) if (chunk.type === 'chunk' && chunk.isEntry) return chunk.code;
  }
  throw new Error(`no bundle for ${entry}`);
}

/** Bundles a few lines of code (importing from the repository) the same way, for size breakdowns. */
export async function bundleSnippet(code: string): Promise<string> {
  const id = '\0context-cards-bench-snippet';
  const snippet: Plugin = {
    name: 'context-cards-bench-snippet',
    resolveId: (source) => (source === 'virtual:snippet' ? id : null),
    load: (source) => (source === id ? code : null),
  };
  const result = await build({
    configFile: false,
    root: repo,
    logLevel: 'silent',
    define: { 'import.meta.env.CC_TEST_BUILD': 'false' },
    plugins: [snippet],
    build: {
      target: TARGET,
      write: false,
      copyPublicDir: false,
      rollupOptions: { input: 'virtual:snippet', output: { format: 'iife' } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  for (const out of outputs)
    for (const chunk of out.output) if (chunk.type === 'chunk' && chunk.isEntry) return chunk.code;
  throw new Error('no bundle for snippet');
}
