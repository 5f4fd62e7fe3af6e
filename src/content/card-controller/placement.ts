/**
 * Which side of its mention a card goes to, as a pure rule: the card must leave unread text
 * alone. Above the mention lies what was just read, below it what comes next; so the card goes
 * above when it fits there, below when only that side has room, and else to the side with more
 * room (scrolling inside, never shorter than the minimum). Once placed, a card keeps its side
 * while that side still has the minimum room: a toggle opening inside it does not make it jump.
 */

export type Side = 'top' | 'bottom';

export interface Room {
  /** Pixels between the mention's line and the window's top edge, less the gap and the padding. */
  readonly above: number;
  /** The same below the line. */
  readonly below: number;
}

export interface SideRequest {
  readonly room: Room;
  /** The card's whole height as its content would have it. */
  readonly natural: number;
  /** The preview's maximum height in this window. */
  readonly cap: number;
  /** Below this a card scrolls rather than shrinks further. */
  readonly min: number;
  /** The side the card is on now, or null when it is being placed anew. */
  readonly current: Side | null;
}

export interface Placement {
  readonly side: Side;
  /** The card's height limit on that side. */
  readonly maxHeight: number;
}

export function chooseSide({ room, natural, cap, min, current }: SideRequest): Placement {
  const wanted = Math.min(natural, cap);
  const keep = current !== null && (current === 'top' ? room.above : room.below) >= Math.min(wanted, min);
  const side: Side = keep
    ? (current ?? 'top')
    : wanted <= room.above
      ? 'top'
      : wanted <= room.below
        ? 'bottom'
        : room.above >= room.below
          ? 'top'
          : 'bottom';
  const space = side === 'top' ? room.above : room.below;
  return { side, maxHeight: Math.max(min, Math.floor(Math.min(cap, space))) };
}

/** The room above and below a line box in a window `viewportHeight` tall. */
export function roomAround(
  line: { readonly top: number; readonly bottom: number },
  viewportHeight: number,
  gap: number,
  padding: number,
): Room {
  return { above: line.top - gap - padding, below: viewportHeight - line.bottom - gap - padding };
}
