/**
 * Tap, scroll, long-press and pinch told apart from pointer samples alone (no DOM, no timers).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMPAT_ECHO_MS,
  gesture,
  INITIAL_GESTURE,
  isCompatibilityEcho,
  isGesturePointer,
  LONG_PRESS_MS,
  TAP_SLOP_PX,
  type GestureInput,
  type GestureOutcome,
  type GestureState,
} from '../../../src/content/card-controller/tap-gesture.ts';

/** Runs inputs from the start; returns every outcome in order and the last state. */
function run(...inputs: GestureInput[]): { outcomes: GestureOutcome[]; state: GestureState } {
  let state = INITIAL_GESTURE;
  const outcomes: GestureOutcome[] = [];
  for (const input of inputs) {
    const step = gesture(state, input);
    state = step.state;
    if (step.outcome) outcomes.push(step.outcome);
  }
  return { outcomes, state };
}

/** A contact going down; the first finger (id 1) is the browser's primary one unless told otherwise. */
const down = (x: number, y: number, t = 0, id = 1, primary = id === 1): GestureInput => ({
  type: 'down',
  id,
  x,
  y,
  t,
  primary,
});
const move = (x: number, y: number, id = 1): GestureInput => ({ type: 'move', id, x, y });
const up = (x: number, y: number, t = 100, id = 1): GestureInput => ({ type: 'up', id, x, y, t });
const cancel = (id = 1): GestureInput => ({ type: 'cancel', id });

describe('a tap', () => {
  it('down and up at one point, quickly, is a tap at the up point', () => {
    expect(run(down(50, 60), up(50, 60)).outcomes).toEqual([{ kind: 'tap', x: 50, y: 60 }]);
  });

  it('a wobble within the slop is still a tap', () => {
    const d = TAP_SLOP_PX - 1;
    expect(run(down(50, 60), move(50 + d, 60), move(50, 60 + d), up(50 + 3, 60 - 3)).outcomes).toEqual([
      { kind: 'tap', x: 53, y: 57 },
    ]);
  });

  it('ends the gesture: the state is back at the start', () => {
    expect(run(down(1, 1), up(1, 1)).state).toEqual(INITIAL_GESTURE);
  });
});

describe('not a tap', () => {
  it('moving beyond the slop is a scroll, even when the finger comes back', () => {
    expect(run(down(50, 60), move(50, 60 + TAP_SLOP_PX + 1), move(50, 60), up(50, 60)).outcomes).toEqual([
      { kind: 'scroll' },
    ]);
  });

  it('an up far from the down is a scroll (a fling with no move in between)', () => {
    expect(run(down(50, 60), up(50, 200)).outcomes).toEqual([{ kind: 'scroll' }]);
  });

  it('pointercancel (the browser took the gesture for a pan or zoom) is a scroll', () => {
    const r = run(down(50, 60), cancel());
    expect(r.outcomes).toEqual([{ kind: 'scroll' }]);
    expect(r.state).toEqual(INITIAL_GESTURE);
  });

  it('held for the long-press time is a long-press (the browser selects; we do nothing)', () => {
    expect(run(down(50, 60, 0), up(50, 60, LONG_PRESS_MS)).outcomes).toEqual([{ kind: 'long-press' }]);
    expect(run(down(50, 60, 0), up(50, 60, LONG_PRESS_MS - 1)).outcomes).toEqual([{ kind: 'tap', x: 50, y: 60 }]);
  });

  it('a second finger makes it a pinch; nothing is a tap until every finger is up', () => {
    const r = run(down(50, 60, 0, 1), down(150, 160, 10, 2), up(150, 160, 50, 2), up(50, 60, 60, 1));
    expect(r.outcomes).toEqual([{ kind: 'multi-touch' }]);
    expect(r.state).toEqual(INITIAL_GESTURE);
    // The first finger lifted first: the second's up is no tap either.
    const s = run(down(50, 60, 0, 1), down(150, 160, 10, 2), up(50, 60, 50, 1), up(150, 160, 60, 2));
    expect(s.outcomes).toEqual([{ kind: 'multi-touch' }]);
    // A fresh tap afterwards counts again.
    expect(
      run(down(1, 1, 0, 1), down(9, 9, 1, 2), up(1, 1, 2, 1), up(9, 9, 3, 2), down(5, 5, 4, 3), up(5, 5, 5, 3))
        .outcomes,
    ).toEqual([{ kind: 'multi-touch' }, { kind: 'tap', x: 5, y: 5 }]);
  });

  it('a contact whose up never came does not spoil the next tap: a primary down starts afresh', () => {
    // Finger 1 went down and its up was lost (it ended over another frame).
    const lost = run(down(50, 60, 0, 1), down(10, 10, 500, 2, true), up(10, 10, 550, 2));
    expect(lost.outcomes).toEqual([{ kind: 'tap', x: 10, y: 10 }]);
    // A second finger while the first is really down is not primary: still a pinch, no tap.
    const pinch = run(down(50, 60, 0, 1), down(10, 10, 20, 2, false), up(10, 10, 60, 2), up(50, 60, 80, 1));
    expect(pinch.outcomes.map((o) => o.kind)).not.toContain('tap');
  });

  it('moves and ups of a pointer it does not follow change nothing', () => {
    const r = run(down(50, 60, 0, 1), move(500, 500, 7), up(500, 500, 10, 7), up(50, 60, 20, 1));
    expect(r.outcomes).toEqual([{ kind: 'tap', x: 50, y: 60 }]);
  });
});

describe('any sequence', () => {
  const input: fc.Arbitrary<GestureInput> = fc.oneof(
    fc.record({
      type: fc.constant('down' as const),
      id: fc.integer({ min: 1, max: 3 }),
      x: fc.integer({ min: 0, max: 40 }),
      y: fc.integer({ min: 0, max: 40 }),
      t: fc.nat(2000),
      primary: fc.boolean(),
    }),
    fc.record({
      type: fc.constant('move' as const),
      id: fc.integer({ min: 1, max: 3 }),
      x: fc.integer({ min: 0, max: 40 }),
      y: fc.integer({ min: 0, max: 40 }),
    }),
    fc.record({
      type: fc.constant('up' as const),
      id: fc.integer({ min: 1, max: 3 }),
      x: fc.integer({ min: 0, max: 40 }),
      y: fc.integer({ min: 0, max: 40 }),
      t: fc.nat(2000),
    }),
    fc.record({ type: fc.constant('cancel' as const), id: fc.integer({ min: 1, max: 3 }) }),
  );

  it('a tap comes only from an up of the single pointer down, within the slop of its down', () => {
    fc.assert(
      fc.property(fc.array(input, { maxLength: 30 }), (inputs) => {
        let state = INITIAL_GESTURE;
        for (const i of inputs) {
          const before = state;
          const step = gesture(state, i);
          state = step.state;
          if (step.outcome?.kind === 'tap') {
            expect(i.type).toBe('up');
            expect(before.down).toEqual([i.id]);
            expect(before.spoiled).toBe(false);
            const track = before.track;
            expect(track?.id).toBe(i.id);
            if (track && i.type === 'up') {
              expect(Math.hypot(i.x - track.x, i.y - track.y)).toBeLessThanOrEqual(TAP_SLOP_PX);
              expect(i.t - track.t).toBeLessThan(LONG_PRESS_MS);
            }
          }
          // With nothing down, nothing is remembered.
          if (state.down.length === 0) expect(state).toEqual(INITIAL_GESTURE);
        }
      }),
    );
  });
});

describe('the pointers and the echo', () => {
  it('touch and pen make gestures; a mouse hovers', () => {
    expect(isGesturePointer('touch')).toBe(true);
    expect(isGesturePointer('pen')).toBe(true);
    expect(isGesturePointer('mouse')).toBe(false);
    expect(isGesturePointer('')).toBe(false);
  });

  it('mouse events right after a touch, at its point, are its echo; later or elsewhere they are a mouse', () => {
    const touch = { x: 100, y: 100, t: 1000 };
    expect(isCompatibilityEcho(touch, 100, 100, 1010)).toBe(true);
    expect(isCompatibilityEcho(touch, 110, 95, 1000 + COMPAT_ECHO_MS)).toBe(true);
    expect(isCompatibilityEcho(touch, 100, 100, 1001 + COMPAT_ECHO_MS)).toBe(false);
    expect(isCompatibilityEcho(touch, 300, 100, 1010)).toBe(false);
    expect(isCompatibilityEcho(null, 100, 100, 1010)).toBe(false);
    expect(isCompatibilityEcho(touch, 100, 100, 900)).toBe(false);
  });
});
