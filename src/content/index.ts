/**
 * Content script entry (first slice): marks "Zuckerberg" with the CSS Custom Highlight API.
 * Never changes the page's DOM and never throws into the page.
 */
import { browser } from '../shared/browser.ts';
import { isActiveOn } from '../shared/settings.ts';
import { loadSettings } from '../shared/settings-store.ts';

const HIGHLIGHT = 'context-cards-mark-zuckerberg';
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT', 'TEMPLATE']);

function scan(root: Node): Range[] {
  const ranges: Range[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement && SKIP.has(n.parentElement.tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const re = /(?:Mark\s+)?Zuckerberg/g;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue ?? '';
    for (const m of text.matchAll(re)) {
      const r = new Range();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      ranges.push(r);
    }
  }
  return ranges;
}

async function main(): Promise<void> {
  if (typeof CSS === 'undefined' || !('highlights' in CSS) || typeof Highlight === 'undefined') return;
  const settings = await loadSettings(browser.storage.local);
  if (!isActiveOn(settings, location.hostname)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`::highlight(${HIGHLIGHT}) { text-decoration: underline dotted 2px; text-decoration-color: #2563eb; }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  CSS.highlights.set(HIGHLIGHT, new Highlight(...scan(document.body)));
}

main().catch((error: unknown) => console.debug('[Context Cards] not started', error));
