/**
 * The e2e subset of the corpus of text written by others (test/fixtures/wild, passages marked
 * `e2e`) in real Chromium and Firefox with the built extension: each passage becomes a page (its
 * blocks under an <article> carrying the page's `lang`, list items in a <ul>, rows in a table),
 * the content script marks it, and the highlights in the page's registry are compared with the
 * labels. Prints the table per entity and per language, and fails below the aims.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import {
  AIMS,
  LANGUAGES,
  formatTable,
  loadCorpus,
  precision,
  recall,
  score,
  type FoundMark,
  type PreparedPassage,
} from '../fixtures/wild/corpus.ts';
import { BROWSERS, useExtension } from './support/browsers.ts';
import { settled } from './support/engine.ts';

const PAGE = '/fixtures/wild/page.html';
const PREFIX = 'context-cards-';
const repo = resolve(import.meta.dirname, '../..');
const entityIds = (
  JSON.parse(readFileSync(resolve(repo, 'assets/dataset/meta-ai-leadership.json'), 'utf8')) as {
    entities: { id: string }[];
  }
).entities.map((e) => e.id);
const subset = loadCorpus().filter((passage) => passage.e2e === true);

/** What the page needs to build a passage: block tags and clean HTML, and the page's language. */
interface PageSpec {
  readonly lang: string | null;
  readonly blocks: readonly { readonly tag: string; readonly html: string }[];
}

/**
 * Runs in the page before its own parsing ends (evaluateOnNewDocument): builds the passage at
 * DOMContentLoaded, so the content script (document_idle) finds it in place. Self-contained.
 */
function buildOnLoad(spec: PageSpec): void {
  document.addEventListener('DOMContentLoaded', () => {
    const article = document.createElement('article');
    if (spec.lang !== null) article.setAttribute('lang', spec.lang);
    const parser = new DOMParser();
    let group: HTMLElement | null = null;
    spec.blocks.forEach((block, index) => {
      const row = block.tag === 'tr';
      const markup = row ? `<table><tbody><tr>${block.html}</tr></tbody></table>` : block.html;
      const parsed = parser.parseFromString(`<!doctype html><body>${markup}</body>`, 'text/html');
      let el: HTMLElement;
      if (row) el = document.importNode(parsed.body.querySelector('tr') as HTMLElement, true);
      else {
        el = document.createElement(block.tag);
        for (const node of [...parsed.body.childNodes]) el.append(document.importNode(node, true));
      }
      el.setAttribute('data-wild-block', String(index));
      const container = block.tag === 'li' ? 'ul' : row ? 'tbody' : null;
      if (container === null) {
        group = null;
        article.append(el);
        return;
      }
      if (group === null || group.localName !== container) {
        const fresh = document.createElement(container);
        if (row) {
          const table = document.createElement('table');
          table.append(fresh);
          article.append(table);
        } else article.append(fresh);
        group = fresh;
      }
      group.append(el);
    });
    document.body.append(article);
  });
}

interface PageMarks {
  readonly marks: FoundMark[];
  /** Entities of marks outside every block (none expected: the page holds nothing else). */
  readonly outside: string[];
  /** Each block's text, to check the page shows what the passage says. */
  readonly texts: string[];
}

/** Each highlight range of ours as block, offsets in the block's text, entity. Runs in the page. */
function readPage(prefix: string, ids: readonly string[]): PageMarks {
  const blocks = [...document.querySelectorAll<HTMLElement>('[data-wild-block]')];
  const marks: FoundMark[] = [];
  const outside: string[] = [];
  CSS.highlights.forEach((highlight, name) => {
    const entity = name.slice(prefix.length);
    if (!name.startsWith(prefix) || !ids.includes(entity)) return;
    for (const abstract of highlight) {
      const range = new Range();
      range.setStart(abstract.startContainer, abstract.startOffset);
      range.setEnd(abstract.endContainer, abstract.endOffset);
      const block = blocks.findIndex((el) => el.contains(range.startContainer));
      const el = blocks[block];
      if (el === undefined) {
        outside.push(entity);
        continue;
      }
      const before = document.createRange();
      before.setStart(el, 0);
      before.setEnd(range.startContainer, range.startOffset);
      const start = before.toString().length;
      marks.push({ block, start, end: start + range.toString().length, entity });
    }
  });
  return { marks, outside, texts: blocks.map((el) => el.textContent ?? '') };
}

async function markInBrowser(open: () => Promise<Page>, origin: string, passage: PreparedPassage): Promise<PageMarks> {
  const page = await open();
  try {
    const spec: PageSpec = {
      lang: passage.pageLang,
      blocks: passage.prepared.map((block) => ({ tag: block.tag, html: block.html })),
    };
    await page.evaluateOnNewDocument(buildOnLoad, spec);
    await page.goto(`${origin}${PAGE}?passage=${encodeURIComponent(passage.id)}`);
    await settled(page, { timeout: 20_000, answerMs: 1_000, pollMs: 50 });
    const read = await page.evaluate(readPage, PREFIX, entityIds);
    passage.prepared.forEach((block, b) => {
      if (read.texts[b] !== block.text) throw new Error(`${passage.id} [${b}]: the page's text is not the passage's`);
    });
    return read;
  } finally {
    await page.close().catch(() => undefined);
  }
}

describe.each(BROWSERS)('the corpus of text written by others in %s', (name) => {
  const { server, ext } = useExtension(name);

  it(
    'meets the aims on the e2e subset: precision and recall overall, recall per language',
    { timeout: 600_000 },
    async () => {
      const open = async (): Promise<Page> => {
        const page = await ext().browser.newPage();
        await page.setViewport({ width: 1000, height: 900 });
        return page;
      };
      const results: { passage: PreparedPassage; marks: FoundMark[] }[] = [];
      const outside: string[] = [];
      for (const passage of subset) {
        const read = await markInBrowser(open, server().origin, passage);
        results.push({ passage, marks: read.marks });
        outside.push(...read.outside.map((entity) => `${passage.id}: ${entity}`));
      }
      const scored = score(results);
      console.log(formatTable(scored, `${name}: ${subset.length} passages of the corpus, the built extension`));
      if (scored.errors.length > 0) console.log(`Misses and false marks:\n${scored.errors.join('\n')}`);
      expect(outside, 'marks outside the passage').toEqual([]);
      expect(precision(scored.overall), 'overall precision').toBeGreaterThanOrEqual(AIMS.precision);
      expect(recall(scored.overall), 'overall recall').toBeGreaterThanOrEqual(AIMS.recall);
      for (const lang of LANGUAGES) {
        const row = scored.byLanguage.get(lang) ?? { found: 0, missed: 0, false: 0 };
        expect(row.found, `${lang}: labelled mentions found`).toBeGreaterThan(0);
        expect(recall(row), `${lang} recall`).toBeGreaterThanOrEqual(AIMS.languageRecall);
      }
    },
  );
});
