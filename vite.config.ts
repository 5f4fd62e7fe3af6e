import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build, defineConfig, type Plugin } from 'vite';
import { browserManifest, type TargetBrowser } from './scripts/manifest.ts';

const root = import.meta.dirname;
/** Per mode, so that the two builds can run at the same time. */
const stageFor = (mode: string): string => resolve(root, `dist/.stage-${mode}`);

/** Chrome 114 and Firefox 140: the oldest versions with both CSS Custom Highlights and popover. */
const target = ['chrome114', 'firefox140'];

/**
 * Preact sets `innerHTML` for `dangerouslySetInnerHTML`, which nothing in src/ uses (a lint rule
 * forbids HTML from strings). Taking that one assignment out of the bundles leaves no HTML sink
 * in what we ship, and `web-ext lint` without its UNSAFE_VAR_ASSIGNMENT warning. A Preact update
 * that changes the code fails the build here rather than bringing the sink back unnoticed.
 */
function withoutHtmlSinks(): Plugin {
  return {
    name: 'context-cards-without-html-sinks',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/.test(id)) return null;
      const sink = /\(([\w$]+)\.innerHTML=([\w$]+)\.__html\)/g;
      const found = code.match(sink)?.length ?? 0;
      if (found !== 1)
        this.error(`expected one innerHTML assignment in Preact, found ${found}: review withoutHtmlSinks()`);
      return {
        code: code.replace(sink, '(()=>{throw new Error("dangerouslySetInnerHTML is not supported")})()'),
        map: null,
      };
    },
  };
}

/**
 * Builds the two classic-script entries (content script, background) as IIFE bundles, then
 * lays out one loadable unpacked extension per browser. The `e2e` mode writes to dist-e2e/
 * and exposes extension pages as web-accessible, which Firefox tests need to reach them.
 */
function extension(mode: string): Plugin {
  const testBuild = mode === 'e2e';
  const outRoot = resolve(root, testBuild ? 'dist-e2e' : 'dist');
  const stage = stageFor(mode);
  return {
    name: 'context-cards-extension',
    apply: 'build',
    async closeBundle() {
      for (const [name, entry] of [
        ['content', 'src/content/index.ts'],
        ['background', 'src/background/index.ts'],
      ] as const) {
        await build({
          configFile: false,
          logLevel: 'warn',
          define: { 'import.meta.env.CC_TEST_BUILD': JSON.stringify(testBuild) },
          plugins: [withoutHtmlSinks()],
          build: {
            target,
            outDir: stage,
            emptyOutDir: false,
            copyPublicDir: false,
            lib: {
              entry: resolve(root, entry),
              formats: ['iife'],
              name: `contextCards_${name}`,
              fileName: () => `${name}.js`,
            },
          },
        });
      }
      const source = JSON.parse(await readFile(resolve(root, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      const version = (JSON.parse(await readFile(resolve(root, 'package.json'), 'utf8')) as { version: string })
        .version;
      for (const browser of ['chrome', 'firefox'] as const satisfies readonly TargetBrowser[]) {
        const dir = resolve(outRoot, browser);
        await rm(dir, { recursive: true, force: true });
        await mkdir(dir, { recursive: true });
        await cp(stage, dir, { recursive: true });
        await cp(resolve(root, 'assets/icons'), resolve(dir, 'icons'), { recursive: true });
        await cp(resolve(root, 'assets/_locales'), resolve(dir, '_locales'), { recursive: true });
        const manifest = browserManifest(source, browser, { version, testBuild });
        await writeFile(resolve(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      }
      await rm(stage, { recursive: true, force: true });
    },
  };
}

export default defineConfig(({ mode }) => ({
  root: resolve(root, 'src'),
  base: './',
  publicDir: false,
  define: { 'import.meta.env.CC_TEST_BUILD': JSON.stringify(mode === 'e2e') },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target,
    outDir: stageFor(mode),
    emptyOutDir: true,
    modulePreload: false,
    rollupOptions: {
      input: {
        popup: resolve(root, 'src/popup/index.html'),
        source: resolve(root, 'src/source-page/index.html'),
        options: resolve(root, 'src/options/index.html'),
      },
    },
  },
  plugins: [withoutHtmlSinks(), extension(mode)],
}));
