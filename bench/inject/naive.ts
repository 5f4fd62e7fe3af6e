/**
 * The naive highlighter: one regular expression per alias over each text node, a Range per
 * match, one Highlight per entity. No joining across inline elements, no context rules.
 * Its highlights are built but not registered: registering would only add the browser's
 * repaint, which is not counted in its time either, and costs the benchmark a minute on 20 MB.
 */
import { ALIASES } from './aliases.ts';
import type { SyncRun } from './protocol.ts';

const HIDDEN_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);
const PREFIX = 'cc-bench-naive-';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const COMPILED = ALIASES.map((a) => ({
  entityId: a.entityId,
  regex: new RegExp(
    `(?<![\\p{L}\\p{N}_])${a.text.split(/\s+/).map(escape).join('\\s+')}(?![\\p{L}\\p{N}_])`,
    a.caseSensitive ? 'gu' : 'giu',
  ),
}));

export function naive(root: Node): SyncRun {
  const t0 = performance.now();
  const byEntity = new Map<string, Range[]>();
  let count = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    if (HIDDEN_TEXT.has(n.parentNode?.nodeName ?? '')) continue;
    const s = (n as Text).data;
    for (const { entityId, regex } of COMPILED) {
      regex.lastIndex = 0;
      for (let m = regex.exec(s); m !== null; m = regex.exec(s)) {
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        let list = byEntity.get(entityId);
        if (!list) byEntity.set(entityId, (list = []));
        list.push(range);
        count++;
      }
    }
  }
  for (const [id, ranges] of byEntity) {
    const highlight = new Highlight();
    for (const range of ranges) highlight.add(range);
    built.set(PREFIX + id, highlight);
  }
  return { ms: performance.now() - t0, count };
}

/** The last run's highlights, kept alive until cleared (as registered ones would be). */
const built = new Map<string, Highlight>();

export function clearNaive(): void {
  built.clear();
}
