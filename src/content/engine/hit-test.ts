/**
 * Which mark lies under a viewport point. Prefers CSS.highlights.highlightsFromPoint (exact,
 * sees shadow roots we pass); otherwise takes the caret position under the point and checks
 * the marks of its block. Either way the point must lie inside one of the range's client rects,
 * so a caret snapped to the end of a line does not count.
 */
import { liveRange } from '../mention-range.ts';
import { ownerBlock } from './dom-rules.ts';
import type { Mark, MarkStore } from './mark-store.ts';

interface HitResult {
  readonly highlight?: Highlight;
  readonly ranges?: readonly AbstractRange[];
}

type HighlightsFromPoint = (
  x: number,
  y: number,
  options?: { shadowRoots?: ShadowRoot[] },
) => readonly (HitResult | Highlight)[];
type CaretPositionFromPoint = (
  x: number,
  y: number,
  options?: { shadowRoots?: ShadowRoot[] },
) => { offsetNode: Node; offset: number } | null;

/** Whether (x, y) is inside the mark's text now (a live Range made for the question). */
function contains(mark: Mark, x: number, y: number): boolean {
  const range = liveRange(mark);
  if (range === null) return false;
  const rects = range.getClientRects();
  for (let i = 0; i < rects.length; i++) {
    const r = rects[i];
    if (r !== undefined && x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
  }
  return false;
}

function fromHighlights(
  doc: Document,
  store: MarkStore,
  x: number,
  y: number,
  shadowRoots: ShadowRoot[],
): Mark | null | undefined {
  const css = (doc.defaultView as (Window & typeof globalThis) | null)?.CSS;
  const registry = css?.highlights as (HighlightRegistry & { highlightsFromPoint?: HighlightsFromPoint }) | undefined;
  if (registry === undefined || typeof registry.highlightsFromPoint !== 'function') return undefined;
  const results = registry.highlightsFromPoint(x, y, { shadowRoots });
  for (const result of results) {
    // The spec returns { highlight, ranges }; an early version returned the Highlight alone.
    const ranges: Iterable<AbstractRange> =
      'ranges' in result && result.ranges !== undefined ? result.ranges : (result as Highlight);
    for (const range of ranges) {
      const mark = store.markOf(range);
      if (mark !== undefined && mark.shown && mark.record.scope.primary && contains(mark, x, y)) return mark;
    }
  }
  return null;
}

function fromCaret(doc: Document, store: MarkStore, x: number, y: number, shadowRoots: ShadowRoot[]): Mark | null {
  let node: Node | null = null;
  const caretPosition = (doc as Document & { caretPositionFromPoint?: CaretPositionFromPoint }).caretPositionFromPoint;
  if (typeof caretPosition === 'function') {
    node = caretPosition.call(doc, x, y, { shadowRoots })?.offsetNode ?? null;
  } else if (typeof doc.caretRangeFromPoint === 'function') {
    node = doc.caretRangeFromPoint(x, y)?.startContainer ?? null;
  }
  if (node === null) return null;
  const owner = ownerBlock(node);
  const record = owner === null ? undefined : store.get(owner);
  if (record === undefined) return null;
  for (const mark of record.marks) if (mark.shown && contains(mark, x, y)) return mark;
  return null;
}

/** The shown mark under (x, y) in client coordinates of `doc`, or null. */
export function markAt(doc: Document, store: MarkStore, x: number, y: number, shadowRoots: ShadowRoot[]): Mark | null {
  try {
    // The caret path also runs when highlightsFromPoint finds nothing: implementations differ
    // in which shadow roots they look into, and a miss costs one more lookup only.
    return fromHighlights(doc, store, x, y, shadowRoots) ?? fromCaret(doc, store, x, y, shadowRoots);
  } catch (error) {
    console.debug('[Context Cards] hit test failed', error);
    return null;
  }
}
