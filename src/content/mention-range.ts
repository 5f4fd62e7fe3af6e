/**
 * Marks keep static positions (a `StaticRange` over the page's own text nodes), not live `Range`
 * objects: Chromium updates every live Range of a document on every DOM change, which made a page
 * that changes its DOM every frame pay for each of our marks. A live Range is made here, on
 * demand, where geometry or a live anchor is needed (hit tests, navigation, the card), and only
 * for a mention whose text has not changed since it was read.
 */
import type { PageMention } from './types.ts';

type StaticRangeCtor = new (init: StaticRangeInit) => StaticRange;

/** Static positions in `doc`, made with its own window's constructor (a frame's highlights take its realm's). */
export function staticRange(
  doc: Document,
  startContainer: Node,
  startOffset: number,
  endContainer: Node,
  endOffset: number,
): StaticRange {
  const win = doc.defaultView as (Window & { StaticRange?: StaticRangeCtor }) | null;
  const Ctor = win?.StaticRange ?? globalThis.StaticRange;
  return new Ctor({ startContainer, startOffset, endContainer, endOffset });
}

/** A live Range over static positions, or null when they no longer fit their text nodes. */
export function rangeAt(at: AbstractRange): Range | null {
  try {
    const doc = at.startContainer.ownerDocument;
    if (doc === null) return null;
    const range = doc.createRange();
    range.setStart(at.startContainer, at.startOffset);
    range.setEnd(at.endContainer, at.endOffset);
    return range;
  } catch {
    return null;
  }
}

/**
 * Reads the boxes of many mentions through one live Range, moved from mention to mention (each
 * live Range costs Chromium work on every DOM change until it is collected). Null for a mention
 * whose text changed since it was read.
 */
export function boxReader(): (mention: PageMention) => DOMRect | null {
  let scratch: Range | null = null;
  return (mention) => {
    if (!mention.current) return null;
    const at = mention.at;
    try {
      scratch ??= at.startContainer.ownerDocument?.createRange() ?? null;
      if (scratch === null) return null;
      scratch.setStart(at.startContainer, at.startOffset);
      scratch.setEnd(at.endContainer, at.endOffset);
      return scratch.getBoundingClientRect();
    } catch {
      return null;
    }
  };
}

/** A live Range over a mention now, or null when its text changed or left the page since it was read. */
export function liveRange(mention: PageMention): Range | null {
  return mention.current ? rangeAt(mention.at) : null;
}

const TEXT_NODE = 3;

/** The next node in tree order after `node` (null at the end of its tree). */
function following(node: Node): Node | null {
  if (node.firstChild !== null) return node.firstChild;
  let current: Node | null = node;
  while (current !== null && current.nextSibling === null) current = current.parentNode;
  return current?.nextSibling ?? null;
}

/**
 * The text under static positions, read from the text nodes (as Range.toString() would give it),
 * without making a live Range: Chromium would update one on every DOM change until it is collected.
 */
export function textAt(at: AbstractRange): string {
  const start = at.startContainer;
  const end = at.endContainer;
  if (start === end) return part(start, at.startOffset, at.endOffset);
  let text = part(start, at.startOffset);
  for (let node = following(start); node !== null; node = following(node)) {
    if (node === end) return text + part(end, 0, at.endOffset);
    text += part(node, 0);
  }
  return text;
}

/**
 * The text of a node between two offsets (to its end without `to`), copied alone: reading `data`
 * copies the whole node, which for a mark in a text node of megabytes (a plain-text document) costs
 * far more than the mark, most of all through Firefox's wrappers of page objects.
 */
function part(node: Node, from: number, to?: number): string {
  if (node.nodeType !== TEXT_NODE) return '';
  const text = node as CharacterData;
  const length = text.length;
  const a = Math.min(Math.max(0, from), length);
  const b = Math.min(to ?? length, length);
  return b > a ? text.substringData(a, b - a) : '';
}

/** Whether two positions cover the same text. */
export function samePlace(a: AbstractRange, b: AbstractRange): boolean {
  return (
    a === b ||
    (a.startContainer === b.startContainer &&
      a.startOffset === b.startOffset &&
      a.endContainer === b.endContainer &&
      a.endOffset === b.endOffset)
  );
}

const DISCONNECTED = 1;
const PRECEDING = 2;
const FOLLOWING = 4;
const CONTAINS = 8;
const CONTAINED_BY = 16;

/**
 * Negative when the start of `a` comes before the start of `b` in one tree, positive after, 0 when
 * equal; null when the two are in different trees (see doc-order.ts for those).
 */
export function compareStarts(a: AbstractRange, b: AbstractRange): number | null {
  const x = a.startContainer;
  const y = b.startContainer;
  if (x === y) return a.startOffset - b.startOffset;
  const pos = x.compareDocumentPosition(y);
  if (pos & DISCONNECTED) return null;
  // Marks start in text nodes, which never contain each other; an element container is ordered by the node itself.
  if (pos & CONTAINED_BY) return -1;
  if (pos & CONTAINS) return 1;
  if (pos & FOLLOWING) return -1;
  if (pos & PRECEDING) return 1;
  return null;
}
