/**
 * Which elements the marks' rules name in a document: the elements holding the text of the ranges
 * registered in its highlight registry right now (the marks near the viewport, and the focus
 * mark), each named by its place in the tree (`:root > body:nth-child(2) > … > p:nth-child(7)`).
 *
 * Why not a rule for every element or tag: in Chromium, adopting a sheet of `::highlight()` rules
 * that can match every element (universal or tag selectors) restyles every such element and
 * computes its highlight styles, one task of 0.1 s on a 1 MB page and seconds on a 20 MB one.
 * A rule whose selector is a chain of child steps from the root is invalidated narrowly: the change
 * then costs about Chromium's walk over the tree to schedule invalidations (which every sheet
 * change pays, even an empty one), and only the named elements are restyled. The measurements are
 * in bench/README.md ("The marks' stylesheet").
 */
import { HIGHLIGHT_PREFIX } from './highlights.ts';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_NODE = 9;

/** A tag that can stand in a type selector as it is (lower case: see mark-styles.ts). */
const PLAIN_TAG = /^[a-z][a-z0-9_-]*$/;

/** Deeper trees are named by their tag alone (rare; such a rule restyles every element of the tag). */
const MAX_DEPTH = 96;

/** Nodes read at most from a range's start to its end (a name spans a few text nodes). */
const MAX_RANGE_NODES = 64;

/**
 * The parts of a highlight registry read here: its entries, by iteration. Firefox shows a page's
 * registry to the content script through an Xray wrapper, which can be neither iterated ("Xray
 * wrapping of iterators not supported") nor walked with forEach() (our callback is denied its
 * arguments): there DocumentStyles keeps rules by tag. That suits Gecko: it matches `:nth-child()`
 * over every sibling for each candidate element, and place rules measured slower there than the
 * universal rule on a page with thousands of siblings (bench/README.md, "The marks' stylesheet").
 */
export type RegistryView = Iterable<readonly [string, Iterable<AbstractRange>]>;

/**
 * The selector of an element of the document tree by its place: child steps from `:root`, each a
 * tag (or `*`) and its position among its siblings. Null for an element outside the document tree
 * (detached, or inside a shadow root, which has a sheet of its own).
 */
export function elementPath(el: Element): string | null {
  const steps: string[] = [];
  let node: Element = el;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const parent = node.parentNode;
    if (parent === null) return null;
    if (parent.nodeType === DOCUMENT_NODE) {
      steps.push(':root');
      return steps.reverse().join(' > ');
    }
    if (parent.nodeType !== ELEMENT_NODE) return null;
    let index = 1;
    for (let s = node.previousElementSibling; s !== null; s = s.previousElementSibling) index++;
    const tag = node.localName;
    steps.push(`${PLAIN_TAG.test(tag) ? tag : '*'}:nth-child(${index})`);
    node = parent as Element;
  }
  const tag = el.localName;
  return PLAIN_TAG.test(tag) ? tag : null;
}

/** The next node after `node` in tree order (into its children unless `skipChildren`), or null. */
function following(node: Node, skipChildren = false): Node | null {
  if (!skipChildren && node.firstChild !== null) return node.firstChild;
  for (let n: Node | null = node; n !== null; n = n.parentNode) if (n.nextSibling !== null) return n.nextSibling;
  return null;
}

/** Adds to `out` the elements holding the text of `range` (the parents of its text nodes). */
export function textParents(range: AbstractRange, out: Set<Element>): void {
  const start = range.startContainer;
  const end = range.endContainer;
  // A boundary in an element points between its children.
  let node: Node | null =
    start.nodeType === TEXT_NODE ? start : (start.childNodes[range.startOffset] ?? following(start, true));
  const last = end.nodeType === TEXT_NODE ? end : (end.childNodes[range.endOffset - 1] ?? null);
  if (last === null) return;
  const stop = following(last, true);
  for (let i = 0; node !== null && node !== stop; i++) {
    if (i === MAX_RANGE_NODES) {
      // A range longer than any name: the element holding its end as well.
      const parent = last.nodeType === TEXT_NODE ? last.parentNode : last;
      if (parent !== null && parent.nodeType === ELEMENT_NODE) out.add(parent as Element);
      return;
    }
    if (node.nodeType === TEXT_NODE) {
      const parent = node.parentNode;
      if (parent !== null && parent.nodeType === ELEMENT_NODE) out.add(parent as Element);
    }
    node = following(node);
  }
}

/**
 * For each of our highlight names in the registry (the focus mark included), the selectors of the
 * document-tree elements holding its ranges, sorted (so that the same marks give the same rules).
 */
export function registeredTargets(registry: RegistryView): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const paths = new Map<Element, string | null>();
  for (const [name, highlight] of registry) {
    if (!name.startsWith(HIGHLIGHT_PREFIX)) continue;
    const elements = new Set<Element>();
    for (const range of highlight) textParents(range, elements);
    const selectors = new Set<string>();
    for (const el of elements) {
      let path = paths.get(el);
      if (path === undefined) {
        path = elementPath(el);
        paths.set(el, path);
      }
      if (path !== null) selectors.add(path);
    }
    if (selectors.size > 0) out.set(name, [...selectors].sort());
  }
  return out;
}
