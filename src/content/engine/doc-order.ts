/**
 * Document order across trees: ranges in shadow roots sort by their host's place in the outer
 * tree, ranges in a covered frame by the frame element's place (node order
 * only works within one tree).
 */
import { compareStarts } from '../mention-range.ts';
import { isShadowRoot } from './dom-rules.ts';

/** Returns the element that shows a covered frame document in its parent, or null. */
export type FrameOf = (doc: Document) => Element | null;

const DOCUMENT_NODE = 9;

/** The node and each enclosing host or frame element, outermost first. */
function path(node: Node, frameOf: FrameOf): Node[] {
  const out: Node[] = [];
  let current: Node | null = node;
  // Bounded: a page cannot nest trees more deeply than this in practice, and a cycle is impossible.
  for (let depth = 0; current !== null && depth < 64; depth++) {
    out.push(current);
    const root: Node = current.getRootNode();
    if (isShadowRoot(root)) current = root.host;
    else if (root.nodeType === DOCUMENT_NODE) current = frameOf(root as Document);
    else current = null;
  }
  return out.reverse();
}

/** Negative when `a` starts before `b` in the composed document, positive after, 0 when unrelated or equal. */
export function compareRanges(a: AbstractRange, b: AbstractRange, frameOf: FrameOf): number {
  try {
    if (a.startContainer.getRootNode() === b.startContainer.getRootNode()) return compareStarts(a, b) ?? 0;
    const pa = path(a.startContainer, frameOf);
    const pb = path(b.startContainer, frameOf);
    const n = Math.min(pa.length, pb.length);
    for (let i = 0; i < n; i++) {
      const x = pa[i];
      const y = pb[i];
      if (x === undefined || y === undefined) break;
      if (x === y) continue;
      if (x.getRootNode() !== y.getRootNode()) return 0;
      const pos = x.compareDocumentPosition(y);
      if (pos & Node.DOCUMENT_POSITION_CONTAINED_BY || pos & Node.DOCUMENT_POSITION_FOLLOWING) return -1;
      return 1;
    }
    return pa.length - pb.length;
  } catch {
    return 0;
  }
}
