import { describe, expect, it } from 'vitest';
import { chooseSide, roomAround } from '../../../src/content/card-controller/placement.ts';

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
