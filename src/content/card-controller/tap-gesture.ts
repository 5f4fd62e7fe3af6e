/**
 * Tells a tap from a scroll, a long-press and a pinch, as a pure reducer over pointer samples
 * (no DOM, no timers): the controller feeds it the touch and pen pointer events it sees and opens a
 * card only when a gesture ends as a `tap`.
 *
 * - A tap: one finger (or pen) goes down and comes up within TAP_SLOP_PX of where it went down,
 *   sooner than LONG_PRESS_MS.
 * - A scroll: the contact moved further, or the browser took the gesture over (`pointercancel`,
 *   which is what a pan or zoom the page allows looks like to us).
 * - A long-press: held at least LONG_PRESS_MS. The browser selects a word or shows its menu;
 *   we do nothing, so its selection stays.
 * - A second contact at any time (a pinch) spoils the gesture until every contact is up; a
 *   primary contact (the browser's word that no other is down) starts afresh.
 *
 * After a tap the browser sends compatibility mouse events (mouseover, mousemove, mousedown,
 * mouseup, click) at the same point; `isCompatibilityEcho` says which mouse-typed pointer events
 * to treat as such an echo rather than as a mouse.
 */

/** How far a contact may move and still be a tap (CSS px): about a fingertip's wobble. */
export const TAP_SLOP_PX = 10;
/** Held this long, a contact is a long-press (Android's long-press timeout is 400-500 ms). */
export const LONG_PRESS_MS = 500;
/** Mouse-typed events this soon after a touch ends, this near its point, are the touch's echo. */
export const COMPAT_ECHO_MS = 800;
export const COMPAT_ECHO_PX = 24;

export type GesturePointer = 'touch' | 'pen';

export type GestureInput =
  | {
      readonly type: 'down';
      readonly id: number;
      readonly x: number;
      readonly y: number;
      readonly t: number;
      /**
       * `PointerEvent.isPrimary`: the browser has no other contact of this kind down. Contacts we
       * still think are down then ended where we could not see it (their up went to another
       * frame or was swallowed), so they are forgotten rather than spoil every later tap.
       */
      readonly primary: boolean;
    }
  | { readonly type: 'move'; readonly id: number; readonly x: number; readonly y: number }
  | { readonly type: 'up'; readonly id: number; readonly x: number; readonly y: number; readonly t: number }
  | { readonly type: 'cancel'; readonly id: number };

/** What a finished gesture was; null while it goes on (or for a contact it does not follow). */
export type GestureOutcome =
  | { readonly kind: 'tap'; readonly x: number; readonly y: number }
  | { readonly kind: 'scroll' | 'long-press' | 'multi-touch' };

interface Track {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly t: number;
  /** Why this contact can no longer be a tap, once known. */
  readonly spoiled: 'scroll' | 'multi-touch' | null;
}

export interface GestureState {
  /** Contacts down now (touch and pen). */
  readonly down: readonly number[];
  /** The first contact of the gesture, while it is down. */
  readonly track: Track | null;
  /** A later contact spoiled the gesture: nothing is a tap until every contact is up. */
  readonly spoiled: boolean;
}

export const INITIAL_GESTURE: GestureState = { down: [], track: null, spoiled: false };

export interface GestureStep {
  readonly state: GestureState;
  readonly outcome: GestureOutcome | null;
}

const far = (track: Track, x: number, y: number): boolean => Math.hypot(x - track.x, y - track.y) > TAP_SLOP_PX;

export function gesture(state: GestureState, input: GestureInput): GestureStep {
  switch (input.type) {
    case 'down': {
      if (input.primary) state = INITIAL_GESTURE;
      const down = [...state.down.filter((id) => id !== input.id), input.id];
      if (state.down.length > 0 || state.spoiled) {
        // A second finger: a pinch or a two-finger scroll, never a tap.
        const track = state.track && { ...state.track, spoiled: 'multi-touch' as const };
        return { state: { down, track, spoiled: true }, outcome: null };
      }
      return {
        state: { down, track: { id: input.id, x: input.x, y: input.y, t: input.t, spoiled: null }, spoiled: false },
        outcome: null,
      };
    }
    case 'move': {
      const track = state.track;
      if (!track || track.id !== input.id || track.spoiled !== null || !far(track, input.x, input.y))
        return { state, outcome: null };
      return { state: { ...state, track: { ...track, spoiled: 'scroll' } }, outcome: null };
    }
    case 'up':
    case 'cancel': {
      const down = state.down.filter((id) => id !== input.id);
      const rest: GestureState = { down, track: state.track, spoiled: state.spoiled && down.length > 0 };
      const track = state.track;
      if (!track || track.id !== input.id) {
        return { state: down.length === 0 ? INITIAL_GESTURE : rest, outcome: null };
      }
      const next: GestureState = down.length === 0 ? INITIAL_GESTURE : { ...rest, track: null, spoiled: true };
      if (input.type === 'cancel') return { state: next, outcome: { kind: 'scroll' } };
      if (track.spoiled !== null) return { state: next, outcome: { kind: track.spoiled } };
      if (far(track, input.x, input.y)) return { state: next, outcome: { kind: 'scroll' } };
      if (input.t - track.t >= LONG_PRESS_MS) return { state: next, outcome: { kind: 'long-press' } };
      return { state: next, outcome: { kind: 'tap', x: input.x, y: input.y } };
    }
  }
}

/** Whether a pointer event of this type takes part in tap gestures (a mouse hovers instead). */
export function isGesturePointer(pointerType: string): pointerType is GesturePointer {
  return pointerType === 'touch' || pointerType === 'pen';
}

/**
 * Whether a mouse-typed event at (x, y), time `t`, is the compatibility echo of the touch that
 * ended at `lastTouch` (null: no touch yet). Browsers send these after a tap; a real mouse moved
 * right after a tap at the same spot is indistinguishable and gets the same treatment.
 */
export function isCompatibilityEcho(
  lastTouch: { readonly x: number; readonly y: number; readonly t: number } | null,
  x: number,
  y: number,
  t: number,
): boolean {
  if (lastTouch === null) return false;
  return (
    t - lastTouch.t >= 0 &&
    t - lastTouch.t <= COMPAT_ECHO_MS &&
    Math.hypot(x - lastTouch.x, y - lastTouch.y) <= COMPAT_ECHO_PX
  );
}
