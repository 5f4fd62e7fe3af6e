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

/** Below this window width a card opened by touch (or without a fine, hovering pointer) is a sheet. */
export const SHEET_BELOW_WIDTH_PX = 600;
/** A sheet is never taller than this share of the window: the page keeps the larger part. */
export const SHEET_MAX_VIEWPORT_SHARE = 0.6;

/** Whether a card shows as a sheet: a narrow window, and no mouse that hovers (or a touch opened it). */
export function wantsSheet(viewportWidth: number, openedByTouch: boolean, finePointerHovers: boolean): boolean {
  return viewportWidth < SHEET_BELOW_WIDTH_PX && (openedByTouch || !finePointerHovers);
}

/** The tallest a sheet may be in a window `viewportHeight` pixels tall. */
export function sheetCap(viewportHeight: number): number {
  return Math.floor(viewportHeight * SHEET_MAX_VIEWPORT_SHARE);
}

export interface SheetRequest {
  /** The mention's line box (client coordinates). */
  readonly line: { readonly top: number; readonly bottom: number };
  readonly viewportHeight: number;
  /** The sheet's height as shown (at most sheetCap). */
  readonly sheetHeight: number;
  /** How far the page can still scroll down. */
  readonly scrollRoom: number;
  /** Space kept between the mention and the sheet. */
  readonly padding: number;
}

export interface SheetPlacement {
  /** The window edge the sheet is docked to. */
  readonly edge: 'bottom' | 'top';
  /** Scroll the page down this much first (0: not at all), so the mention stays above the sheet. */
  readonly scrollBy: number;
}

/**
 * Where a sheet goes so that it never covers its mention: docked to the bottom edge, scrolling
 * the page up under it when the mention is low; at the top edge when the page cannot scroll far
 * enough (its end is near) and the mention is low enough to stay below a top sheet.
 */
export function placeSheet({ line, viewportHeight, sheetHeight, scrollRoom, padding }: SheetRequest): SheetPlacement {
  const need = Math.ceil(line.bottom + padding - (viewportHeight - sheetHeight));
  if (need <= 0) return { edge: 'bottom', scrollBy: 0 };
  // Scrolling must not push the mention off the top of the window.
  const canScroll = Math.min(scrollRoom, Math.max(0, Math.floor(line.top - padding)));
  if (need <= canScroll) return { edge: 'bottom', scrollBy: need };
  if (line.top - padding >= sheetHeight) return { edge: 'top', scrollBy: 0 };
  // Neither fits whole (a very short window): scroll as far as helps and keep the sheet below.
  return { edge: 'bottom', scrollBy: Math.max(0, canScroll) };
}
