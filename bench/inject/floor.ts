/**
 * The floor: a TreeWalker over every text node that reads each character once and matches
 * nothing. The text of script, style, noscript, template and textarea is not read, as no
 * highlighter reads it; the parent test is the only extra work per node.
 */
import type { SyncRun, TextStats } from './protocol.ts';

const HIDDEN_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);

export function floor(root: Node): SyncRun {
  const t0 = performance.now();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let sum = 0;
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    if (HIDDEN_TEXT.has(n.parentNode?.nodeName ?? '')) continue;
    const s = (n as Text).data;
    for (let i = 0; i < s.length; i++) sum = (sum + s.charCodeAt(i)) | 0;
  }
  return { ms: performance.now() - t0, count: sum };
}

/** UTF-8 length without allocating (TextEncoder per node is slow on pages of 100,000 nodes). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function textStats(root: Node): TextStats {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let textBytes = 0;
  let textNodes = 0;
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    if (HIDDEN_TEXT.has(n.parentNode?.nodeName ?? '')) continue;
    textNodes++;
    textBytes += utf8Length((n as Text).data);
  }
  const elements = root instanceof Element || root instanceof Document ? root.getElementsByTagName('*').length : 0;
  return { textBytes, textNodes, elements };
}
