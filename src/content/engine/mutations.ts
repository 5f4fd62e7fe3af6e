/**
 * Turns mutation records into work: which blocks to read again (only their own runs), which
 * new subtrees to read in full, and when to drop marks of removed text. Our own card host is
 * ignored, so opening a card never triggers a rescan.
 */
import { classify, ownerBlock, OWN_UI_TAG, type BlockKey } from './dom-rules.ts';

/** Where the work goes (the engine). */
export interface MutationSink {
  /** Read the block's own runs again (its text changed, or inline content came or went). */
  dirty(key: BlockKey): void;
  /** Read a new or changed subtree in full. */
  deep(key: BlockKey): void;
  frame(el: Element): void;
  /** Something was removed: drop marks of blocks that left the page. */
  removed(): void;
  /** A subtree's skip state changed (contenteditable, aria-hidden, hidden): forget what it held. */
  forgetWithin(el: Element): void;
}

/** The mutation observer options the engine uses for every document and shadow root. */
export const OBSERVE_OPTIONS: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['contenteditable', 'aria-hidden', 'hidden'],
};

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const DOCUMENT_NODE = 9;

function isOwnUi(node: Node): boolean {
  return node.nodeType === ELEMENT_NODE && (node as Element).localName === OWN_UI_TAG;
}

function onlyOwnUi(nodes: NodeList): boolean {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node !== undefined && !isOwnUi(node)) return false;
  }
  return true;
}

function hasElement(nodes: NodeList): boolean {
  for (let i = 0; i < nodes.length; i++) if (nodes[i]?.nodeType === ELEMENT_NODE) return true;
  return false;
}

/**
 * Whether removing a node changes the owner's runs (a removed block only takes its own marks).
 * An element that reads as skipped now may have been inline when we read it: a page that hides
 * an element and removes it in the same task leaves a record whose node is already `hidden`.
 */
function removalTouchesRun(node: Node): boolean {
  if (node.nodeType === TEXT_NODE) return true;
  if (node.nodeType !== ELEMENT_NODE || isOwnUi(node)) return false;
  return classify(node as Element) !== 'block';
}

/** A neighbour whose text could join text across the gap left or filled by a block. */
function isRunNeighbour(node: Node | null): boolean {
  if (node === null) return false;
  if (node.nodeType === TEXT_NODE) return (node as Text).data.trim().length > 0;
  return node.nodeType === ELEMENT_NODE && classify(node as Element) === 'inline';
}

/** Caches ownerBlock() per target within one batch (a re-render sends many records per parent). */
export class OwnerCache {
  private readonly cache = new Map<Node, BlockKey | null>();
  get(node: Node): BlockKey | null {
    let owner = this.cache.get(node);
    if (owner === undefined) {
      owner = ownerBlock(node);
      this.cache.set(node, owner);
    }
    return owner;
  }
  clear(): void {
    this.cache.clear();
  }
}

/** Translates one record into work for `sink`. */
export function applyRecord(record: MutationRecord, sink: MutationSink, owners: OwnerCache): void {
  const target = record.target;
  if (record.type === 'characterData') {
    const owner = owners.get(target.parentNode ?? target);
    if (owner !== null && target.parentNode !== null) sink.dirty(owner);
    return;
  }
  if (record.type === 'attributes') {
    if (isOwnUi(target) || target.nodeType !== ELEMENT_NODE) return;
    sink.forgetWithin(target as Element);
    const owner = target.parentNode === null ? null : ownerBlock(target.parentNode);
    if (owner !== null) sink.dirty(owner);
    return;
  }
  // childList
  const { addedNodes, removedNodes } = record;
  if (onlyOwnUi(addedNodes) && onlyOwnUi(removedNodes)) return;
  // Only a removed element can take blocks (or a frame) out of the page; a clock or ticker that
  // replaces its text node every frame does not make us check every block every frame.
  if (hasElement(removedNodes)) sink.removed();
  if (target.nodeType === DOCUMENT_NODE) {
    // The root element was replaced (document.open, a framework taking over the document).
    for (let i = 0; i < addedNodes.length; i++) {
      const node = addedNodes[i];
      if (node !== undefined && node.nodeType === ELEMENT_NODE) sink.deep(node as Element);
    }
    return;
  }
  const owner = owners.get(target);
  if (owner === null) return;
  let touchesRun = false;
  for (let i = 0; i < addedNodes.length; i++) {
    const node = addedNodes[i];
    if (node === undefined || isOwnUi(node)) continue;
    if (node.nodeType === ELEMENT_NODE) {
      const kind = classify(node as Element);
      if (kind === 'block') sink.deep(node as Element);
      else if (kind === 'frame') sink.frame(node as Element);
      if (kind === 'inline' || kind === 'break') touchesRun = true;
    } else if (node.nodeType === TEXT_NODE) {
      touchesRun = true;
    }
  }
  if (!touchesRun) {
    for (let i = 0; i < removedNodes.length && !touchesRun; i++) {
      const node = removedNodes[i];
      if (node !== undefined && removalTouchesRun(node)) touchesRun = true;
    }
  }
  if (!touchesRun) {
    // A block inserted or removed between two pieces of text splits or joins their run.
    touchesRun = isRunNeighbour(record.previousSibling) || isRunNeighbour(record.nextSibling);
  }
  if (touchesRun) sink.dirty(owner);
}
