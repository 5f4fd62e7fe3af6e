/**
 * What we ship, minified and gzipped: the content script (injected into every page) and the
 * popup (its entry and the chunks it imports).
 */
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleSnippet } from './bundle.ts';

/**
 * Budget for the content script, gzipped: 72 kB, asserted by `npm test`
 * (test/unit/build/budget.test.ts) and by `npm run bench`. It is injected into every page, so it
 * carries only what marking and the card need: the bundled story's start part (its entities,
 * matching rules, title and source dates, 7.2 kB gzipped; its claims, notes and developments
 * reach a card from the background, `dataset/story-start.ts`), matcher and page engine (script-aware
 * boundaries, coreference, evidence rules, about 21 kB), @floating-ui/dom 7.0 kB, Preact 4.5 kB, the
 * browser adapter 3.0 kB, and the card preview: 67.1 kB at 2026-12-07. History: 64 kB until the
 * matcher's disambiguation and the card preview took the script to 76.8 kB with the whole bundled
 * dataset inside; 80 kB while it was; 72 kB since only the start part is inside. 72 kB leaves room
 * for a few more entities and fails on the big regressions: the bundled story's card part pulled
 * back in by importing `bundled.ts` (+17 kB), a second copy of Preact and floating-ui, an
 * unminified build; smaller growth (valibot, 4.5 kB) shows in the bench's bytes line. For scale: V8 parses a
 * 240 kB script lazily in a few milliseconds, once per page.
 */
export const CONTENT_SCRIPT_BUDGET_GZIP = 72 * 1024;

export interface FileSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzip: number;
}

/** What the content script carries, each part bundled and gzipped on its own (so they overlap a little). */
const CONTENT_PARTS: Readonly<Record<string, string>> = {
  'bundled story, start part (JSON)': `import { BUNDLED_START } from './src/dataset/bundled-start.ts'; globalThis.x = BUNDLED_START;`,
  'matcher and page engine': `import { PageEngine } from './src/content/engine/engine.ts'; import { compileMatcher } from './src/match/index.ts'; globalThis.x = [PageEngine, compileMatcher];`,
  preact: `import { render, h } from 'preact'; globalThis.x = [render, h];`,
  '@floating-ui/dom': `import { autoUpdate, computePosition, flip, inline, offset, shift, size } from '@floating-ui/dom'; globalThis.x = [autoUpdate, computePosition, flip, inline, offset, shift, size];`,
  'webextension-polyfill': `import { browser } from './src/shared/browser.ts'; globalThis.x = browser;`,
};

export async function contentScriptParts(): Promise<{ part: string; gzip: number }[]> {
  const out: { part: string; gzip: number }[] = [];
  for (const [part, code] of Object.entries(CONTENT_PARTS)) {
    try {
      out.push({ part, gzip: gzipSync(await bundleSnippet(code), { level: 9 }).length });
    } catch {
      // A part that moved: the breakdown is a guide, the total is what counts.
    }
  }
  return out;
}

export interface ShippedSizes {
  readonly contentScript: FileSize;
  /** The popup's JavaScript: its entry plus every chunk it imports, statically. */
  readonly popup: { readonly files: readonly FileSize[]; readonly bytes: number; readonly gzip: number };
  readonly budgetGzip: number;
  readonly withinBudget: boolean;
  readonly contentScriptParts: readonly { readonly part: string; readonly gzip: number }[];
}

async function sizeOf(root: string, file: string): Promise<FileSize> {
  const data = await readFile(join(root, file));
  return { file, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

/** The scripts of an HTML page and, transitively, the modules they import (relative specifiers). */
async function scriptClosure(root: string, htmlFile: string): Promise<string[]> {
  const html = await readFile(join(root, htmlFile), 'utf8');
  const queue = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => join(dirname(htmlFile), m[1] ?? ''));
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    const code = await readFile(join(root, file), 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*["'](\.{1,2}\/[^"']+\.js)["']/g))
      queue.push(join(dirname(file), m[1] ?? ''));
  }
  return [...seen];
}

/** Sizes of the built Chrome extension at `distDir` (dist/chrome). */
export async function shippedSizes(distDir: string): Promise<ShippedSizes> {
  const root = resolve(distDir);
  const contentScript = await sizeOf(root, 'content.js');
  const popupHtml = (await readdir(join(root, 'popup'))).includes('index.html') ? 'popup/index.html' : 'popup.html';
  const files = await Promise.all((await scriptClosure(root, popupHtml)).map((f) => sizeOf(root, f)));
  return {
    contentScript,
    popup: { files, bytes: files.reduce((s, f) => s + f.bytes, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) },
    budgetGzip: CONTENT_SCRIPT_BUDGET_GZIP,
    withinBudget: contentScript.gzip <= CONTENT_SCRIPT_BUDGET_GZIP,
    contentScriptParts: await contentScriptParts(),
  };
}
