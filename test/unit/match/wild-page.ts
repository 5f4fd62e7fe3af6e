/**
 * Runs one corpus passage through the real page engine over happy-dom: the passage becomes a
 * page (its blocks under an <article> that carries the page's `lang`, list items in a <ul>), the
 * engine marks it with the bundled dataset, and each highlight range becomes a FoundMark.
 */
import { PageEngine, type EngineSettings } from '../../../src/content/engine/engine.ts';
import { textAt } from '../../../src/content/mention-range.ts';
import type { Matcher } from '../../../src/match/index.ts';
import type { FoundMark, PreparedPassage } from '../../fixtures/wild/corpus.ts';
import { installFakeHighlights } from '../content/harness.ts';

const SETTINGS: EngineSettings = { markStyle: 'underline', hiddenEntities: [], firstMentionOnly: false };
const PREFIX = 'context-cards-';

/** The list or table body a run of `li` or `tr` blocks goes in: the current one, or a new one. */
function groupFor(article: HTMLElement, current: HTMLElement | null, container: 'ul' | 'tbody'): HTMLElement {
  if (current?.localName === container) return current;
  const group = document.createElement(container);
  if (container === 'tbody') {
    const table = document.createElement('table');
    table.append(group);
    article.append(table);
  } else article.append(group);
  return group;
}

/** Builds the passage's page in `document`; returns the block elements in order. */
export function buildPage(passage: PreparedPassage): HTMLElement[] {
  document.documentElement.removeAttribute('lang');
  document.body.replaceChildren();
  const article = document.createElement('article');
  if (passage.pageLang !== null) article.setAttribute('lang', passage.pageLang);
  const parser = new DOMParser();
  const blocks: HTMLElement[] = [];
  let group: HTMLElement | null = null;
  for (const block of passage.prepared) {
    const row = block.tag === 'tr';
    // Table cells only parse inside a table.
    const markup = row ? `<table><tbody><tr>${block.html}</tr></tbody></table>` : block.html;
    const parsed = parser.parseFromString(`<!doctype html><body>${markup}</body>`, 'text/html');
    const el = row
      ? (document.importNode(parsed.body.querySelector('tr') as Node, true) as HTMLElement)
      : document.createElement(block.tag);
    if (!row) for (const node of [...parsed.body.childNodes]) el.append(document.importNode(node, true));
    const container = block.tag === 'li' ? 'ul' : row ? 'tbody' : null;
    if (container === null) {
      group = null;
      article.append(el);
    } else {
      group = groupFor(article, group, container);
      group.append(el);
    }
    blocks.push(el);
  }
  document.body.append(article);
  return blocks;
}

/** The offset of a boundary point from the start of `block`'s text. */
function offsetIn(block: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(block, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

/** Marks the passage's page with `matcher` and returns what was marked, block by block. */
export async function markPassage(
  passage: PreparedPassage,
  matcher: Matcher,
  entityIds: readonly string[],
): Promise<FoundMark[]> {
  const blocks = buildPage(passage);
  passage.prepared.forEach((block, b) => {
    if (blocks[b]?.textContent !== block.text)
      throw new Error(`${passage.id} [${b}]: the page's text is not the passage's`);
  });
  const registry = installFakeHighlights(new Map());
  const controller = new AbortController();
  const engine = new PageEngine({ doc: document, matcher, entityIds, settings: SETTINGS, signal: controller.signal });
  if (!engine.start()) throw new Error('engine did not start');
  await new Promise((resolve) => setTimeout(resolve, 0));
  await engine.whenIdle();
  const marks: FoundMark[] = [];
  for (const [name, highlight] of registry) {
    if (!name.startsWith(PREFIX)) continue;
    for (const abstract of highlight) {
      const range = abstract;
      const block = blocks.findIndex((el) => el.contains(range.startContainer));
      if (block < 0) continue;
      const el = blocks[block] as HTMLElement;
      const start = offsetIn(el, range.startContainer, range.startOffset);
      marks.push({ block, start, end: start + textAt(range).length, entity: name.slice(PREFIX.length) });
    }
  }
  controller.abort();
  return marks;
}
