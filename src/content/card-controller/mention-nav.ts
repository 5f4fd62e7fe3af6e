/**
 * Finding and revealing mentions for keyboard navigation. Mentions keep static positions; a live
 * Range is made only for the few whose box is asked for.
 */
import { boxReader, compareStarts, liveRange, samePlace } from '../mention-range.ts';
import type { PageMention } from '../types.ts';

/** Same entity and same text span (the engine may hand out new objects for the same mention). */
export function sameMention(a: PageMention | null, b: PageMention | null): boolean {
  if (a === null || b === null) return false;
  if (a === b) return true;
  return a.entityId === b.entityId && samePlace(a.at, b.at);
}

/** Negative, 0 or positive by document order; null when the two cannot be compared (other documents or roots). */
function order(a: PageMention, b: PageMention): number | null {
  try {
    return compareStarts(a.at, b.at);
  } catch {
    return null;
  }
}

function inViewport(rect: DOMRect | null, view: Window): boolean {
  return rect !== null && rect.bottom > 0 && rect.top < view.innerHeight && (rect.width > 0 || rect.height > 0);
}

/**
 * The next (direction 1) or previous (-1) mention from `anchor`, wrapping around; without an
 * anchor, the first one visible or below the viewport top (or the last one above its bottom).
 * `list` is in document order.
 */
export function pickMention(
  list: readonly PageMention[],
  anchor: PageMention | null,
  direction: 1 | -1,
  view: Window,
): PageMention | null {
  if (list.length === 0) return null;
  const wrap = (i: number): PageMention | null => list[(i + list.length) % list.length] ?? null;
  if (anchor !== null) {
    const at = list.findIndex((m) => sameMention(m, anchor));
    if (at >= 0) return wrap(at + direction);
    // The anchor is gone from the list (filtered or re-scanned): continue from where it was.
    const positions = list.map((m) => order(m, anchor));
    if (positions.every((p) => p !== null)) {
      if (direction === 1) {
        const i = positions.findIndex((p) => (p ?? 0) > 0);
        return wrap(i < 0 ? 0 : i);
      }
      const i = positions.findLastIndex((p) => (p ?? 0) < 0);
      return wrap(i < 0 ? list.length - 1 : i);
    }
  }
  // One live Range for all the boxes read here.
  const boxOf = boxReader();
  if (direction === 1) {
    const i = list.findIndex((m) => (boxOf(m)?.bottom ?? 0) > 0);
    return wrap(i < 0 ? 0 : i);
  }
  const i = list.findLastIndex((m) => (boxOf(m)?.top ?? view.innerHeight) < view.innerHeight);
  return wrap(i < 0 ? list.length - 1 : i);
}

/** Where navigation puts a mention: a quarter down the window, inside its upper third. */
export const REVEAL_AT = 0.25;

/**
 * Scrolls the mention into the upper third of the window unless it is there already, so its card
 * has room below it and the lines before it stay in view. Instant, so no motion to reduce. A
 * mention in a scrolling box is first brought into the window by its box.
 */
export function revealMention(m: PageMention, view: Window): void {
  const range = liveRange(m);
  if (range === null) return;
  const upperThird = view.innerHeight / 3;
  let rect = range.getBoundingClientRect();
  if (rect.top >= 0 && rect.bottom <= upperThird) return;
  if (!inViewport(rect, view))
    range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
  rect = range.getBoundingClientRect();
  const by = rect.top - view.innerHeight * REVEAL_AT;
  if (Math.abs(by) >= 1) view.scrollBy({ top: by, behavior: 'instant' });
}
