/**
 * Ways to walk a page's DOM from an isolated world, timed against the floor on the same load: the
 * measurement behind the engine's walk (a manual walk per block, not one TreeWalker pass). Each
 * variant reads every character of the text it visits, as the floor does, and matches nothing.
 * Before each timed run a full garbage collection drops the wrappers of earlier runs, so every run
 * pays for them as a first scan does.
 *
 * - floor: the benchmark's floor (a TreeWalker over text nodes, their parent's name checked);
 * - manual: firstChild / nextSibling / parentNode over every node, subtrees of skipped tags left out;
 * - manual+attr: the same with the engine's attribute check (`matches`) on each element;
 * - treewalker: one TreeWalker over elements and text, skipped subtrees left by nextSibling();
 * - treewalker+attr: the same with the attribute check on each element;
 * - text-first: a TreeWalker over text nodes only, each new parent checked with closest().
 *
 * Run: npx tsx bench/walks.ts [page ...]   pages: files in ../shared/pages, article, or gen1 / gen5 ...
 * (default: CNN, reddit, Wikipedia).
 */
import { VIEWPORT } from './lib/measure.ts';
import { PAGES_DIR } from './lib/pages.ts';
import { startBenchServer } from './lib/server.ts';
import { median } from './lib/stats.ts';
import { isolatedWorld } from './lib/world.ts';
import { launchToolChromium, toolPageUrl } from './lib/tool-page.ts';

const args = process.argv.slice(2);
const reps = Number(args.find((a) => a.startsWith('--reps='))?.slice(7) ?? 15);
const targets = args.filter((a) => !a.startsWith('--'));
const pages =
  targets.length > 0
    ? targets
    : [
        'scrapinghub-article-extraction-benchmark__ef4e67b66d63.html',
        'postlight-parser__www.reddit.com.html',
        'mozilla-readability__wikipedia-2.html',
      ];

/** The variants, as page-side code (evaluated in the isolated world; defines `__walks`). */
const VARIANTS = String.raw`
(() => {
  const HIDDEN = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);
  const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'HEAD', 'TITLE', 'CODE', 'svg', 'math', 'INPUT', 'SELECT']);
  const ATTR = '[contenteditable]:not([contenteditable="false" i]),[aria-hidden="true" i],[hidden]:not([hidden="until-found" i])';
  const TAGS = 'script,style,noscript,template,textarea,head,title,code,svg,math,input,select';
  function read(text) {
    let sum = 0;
    const d = text.data;
    for (let i = 0; i < d.length; i++) sum = (sum + d.charCodeAt(i)) | 0;
    return sum;
  }
  function floor() {
    const w = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
    let s = 0;
    for (let n = w.nextNode(); n !== null; n = w.nextNode()) if (!HIDDEN.has(n.parentNode?.nodeName ?? '')) s += read(n);
    return s;
  }
  function manual(attr) {
    let s = 0;
    let node = document.firstChild;
    while (node !== null) {
      let descend = false;
      if (node.nodeType === 3) s += read(node);
      else if (node.nodeType === 1) descend = !SKIPPED.has(node.nodeName) && !(attr && node.matches(ATTR));
      if (descend && node.firstChild !== null) {
        node = node.firstChild;
        continue;
      }
      while (node !== null) {
        const next = node.nextSibling;
        if (next !== null) {
          node = next;
          break;
        }
        node = node.parentNode;
        if (node === document) node = null;
      }
    }
    return s;
  }
  function treeWalker(attr) {
    let s = 0;
    const w = document.createTreeWalker(document, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let node = w.nextNode();
    while (node !== null) {
      if (node.nodeType === 3) {
        s += read(node);
        node = w.nextNode();
      } else if (SKIPPED.has(node.nodeName) || (attr && node.matches(ATTR))) {
        let next = w.nextSibling();
        while (next === null && w.parentNode() !== null) next = w.nextSibling();
        node = next;
      } else node = w.nextNode();
    }
    return s;
  }
  function textFirst() {
    let s = 0;
    const w = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
    const known = new Map();
    let parent = null;
    let readable = true;
    for (let n = w.nextNode(); n !== null; n = w.nextNode()) {
      if (n.parentNode !== parent) {
        parent = n.parentNode;
        readable = known.get(parent);
        if (readable === undefined) {
          readable = parent.closest(TAGS + ',' + ATTR) === null;
          known.set(parent, readable);
        }
      }
      if (readable) s += read(n);
    }
    return s;
  }
  globalThis.__walks = {
    floor,
    manual: () => manual(false),
    'manual+attr': () => manual(true),
    treewalker: () => treeWalker(false),
    'treewalker+attr': () => treeWalker(true),
    'text-first': textFirst,
  };
  return Object.keys(globalThis.__walks);
})()`;

const server = await startBenchServer(PAGES_DIR);
const browser = await launchToolChromium();
try {
  for (const target of pages) {
    const url = toolPageUrl(server, target);
    const page = await browser.newPage();
    await page.setViewport(VIEWPORT);
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    const world = await isolatedWorld(page);
    const names = await world.run<string[]>(VARIANTS);
    const elements = await world.run<number>("document.getElementsByTagName('*').length");
    const times = new Map<string, number[]>(names.map((n) => [n, []]));
    for (let r = 0; r < reps; r++) {
      for (const name of names) {
        await world.client.send('HeapProfiler.collectGarbage');
        const ms = await world.run<number>(
          `(() => { const t = performance.now(); __walks[${JSON.stringify(name)}](); return performance.now() - t; })()`,
        );
        times.get(name)?.push(ms);
      }
    }
    const cells = names.map((n) => `${n} ${(median(times.get(n) ?? []) ?? 0).toFixed(2)}`);
    console.log(`${target} (${elements} elements), median ms of ${reps}: ${cells.join('  ')}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
