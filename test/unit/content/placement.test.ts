import { describe, expect, it } from 'vitest';
import {
  chooseSide,
  placeSheet,
  roomAround,
  SHEET_BELOW_WIDTH_PX,
  sheetCap,
  wantsSheet,
} from '../../../src/content/card-controller/placement.ts';

const CAP = 420;
const MIN = 160;
const place = (above: number, below: number, natural: number, current: 'top' | 'bottom' | null = null) =>
  chooseSide({ room: { above, below }, natural, cap: CAP, min: MIN, current });

describe('the side of the mention a card takes', () => {
  it('goes above the mention, over what was read, when the whole card fits there', () => {
    expect(place(500, 200, 380)).toEqual({ side: 'top', maxHeight: 420 });
    // A tall card is capped first: the cap is what has to fit.
    expect(place(430, 700, 5000)).toEqual({ side: 'top', maxHeight: 420 });
  });

  it('goes below, over what comes next, only when it does not fit above but fits below', () => {
    expect(place(150, 600, 380)).toEqual({ side: 'bottom', maxHeight: 420 });
    expect(place(300, 600, 5000)).toEqual({ side: 'bottom', maxHeight: 420 });
  });

  it('takes the side with more room when it fits on neither, and scrolls inside', () => {
    expect(place(300, 250, 5000)).toEqual({ side: 'top', maxHeight: 300 });
    expect(place(200, 260, 5000)).toEqual({ side: 'bottom', maxHeight: 260 });
    // Never a slit: at least the minimum, even where the room is smaller.
    expect(place(90, 80, 5000)).toEqual({ side: 'top', maxHeight: MIN });
  });

  it('keeps its side while that side has the minimum room, so a toggle opening does not make it jump', () => {
    expect(place(200, 600, 5000, 'top')).toEqual({ side: 'top', maxHeight: 200 });
    expect(place(100, 600, 5000, 'top')).toEqual({ side: 'bottom', maxHeight: 420 });
    expect(place(600, 170, 300, 'bottom')).toEqual({ side: 'bottom', maxHeight: 170 });
  });

  it('measures the room from the line to each edge, less the gap and the padding', () => {
    expect(roomAround({ top: 700, bottom: 724 }, 800, 8, 8)).toEqual({ above: 684, below: 60 });
  });
});

describe('the sheet on a narrow window', () => {
  const H = 844;
  const sheet = (top: number, height = 500, scrollRoom = 5000) =>
    placeSheet({ line: { top, bottom: top + 20 }, viewportHeight: H, sheetHeight: height, scrollRoom, padding: 8 });

  it('is a sheet only below 600 px, and then for touch or where no fine pointer hovers', () => {
    expect(wantsSheet(390, true, false)).toBe(true);
    expect(wantsSheet(390, false, false)).toBe(true);
    // A mouse in a narrow desktop window keeps the floating card (hover unchanged).
    expect(wantsSheet(390, false, true)).toBe(false);
    expect(wantsSheet(390, true, true)).toBe(true);
    expect(wantsSheet(SHEET_BELOW_WIDTH_PX, true, false)).toBe(false);
  });

  it('is at most 60 % of the window high', () => {
    expect(sheetCap(844)).toBe(506);
    expect(sheetCap(640)).toBe(384);
  });

  it('stays at the bottom and scrolls nothing when the mention is above it', () => {
    expect(sheet(100)).toEqual({ edge: 'bottom', scrollBy: 0 });
    // The line's bottom plus the padding exactly meets the sheet's top.
    expect(sheet(H - 500 - 28)).toEqual({ edge: 'bottom', scrollBy: 0 });
  });

  it('scrolls the page so that a low mention ends just above the sheet', () => {
    const p = sheet(600);
    expect(p).toEqual({ edge: 'bottom', scrollBy: 600 + 20 + 8 - (H - 500) });
    // After that scroll the mention's bottom sits the padding above the sheet's top.
    expect(600 + 20 - p.scrollBy + 8).toBe(H - 500);
  });

  it('goes to the top when the page cannot scroll far enough, if the mention is below a top sheet', () => {
    expect(sheet(600, 500, 10)).toEqual({ edge: 'top', scrollBy: 0 });
  });

  it('never scrolls the mention off the top of the window', () => {
    // A tall sheet in a short window: neither way fits whole; the mention stays on screen.
    const p = placeSheet({
      line: { top: 300, bottom: 320 },
      viewportHeight: 400,
      sheetHeight: 240,
      scrollRoom: 5000,
      padding: 8,
    });
    expect(p.edge).toBe('bottom');
    expect(300 - p.scrollBy).toBeGreaterThanOrEqual(8);
  });
});
