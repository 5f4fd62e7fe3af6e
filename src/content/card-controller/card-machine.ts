/**
 * The card's interaction states, as a pure function: (state, event) → (state, effects). No DOM,
 * no timers: the controller (controller.ts) turns DOM events and timers into events, and
 * performs the effects. M is a mention and F a focus target; the controller uses PageMention and
 * Element, the unit tests plain values.
 *
 * Two states run side by side: the card (closed, open, or closing while its grace timer runs)
 * and the hover: idle; pending while the hover delay runs for a mention under the pointer; or
 * switching while the much shorter switch delay runs for a mention pointed at while a pointer
 * card is shown. A switch keeps the card where it is (its grace period stops) and, when due,
 * puts the other mention's content into the same card: no frame without a card, no second
 * entrance. Whenever a card is shown, whatever replaces it (a step, a due hover) is such a
 * switch; `open` happens only when no card is shown.
 *
 * Touch has no hover: a `tap` (tap-gesture.ts tells it from a scroll or a long-press) on a mention
 * shows its card at once, via 'touch'; a tap on anything else of the page closes it. A touch card,
 * like a keyboard card, ignores hover (the browser's compatibility mouse events after a tap must
 * not close it) and has no grace period; a mouse click outside still closes it.
 */

/**
 * How a card was opened: it decides how it closes (a keyboard or touch card ignores hover) and how
 * it is shown (a touch card on a narrow window is a bottom sheet).
 */
export type Via = 'pointer' | 'keyboard' | 'touch';

export type CardPhase<M, F> =
  | { readonly phase: 'closed' }
  | {
      readonly phase: 'open' | 'closing';
      readonly mention: M;
      readonly via: Via;
      /** Where focus goes back when the user dismisses the card. */
      readonly returnFocus: F | null;
    };

export type HoverPhase<M> =
  | { readonly phase: 'idle' }
  /** The hover delay runs: no card is shown, or a keyboard card that only a full delay replaces. */
  | { readonly phase: 'pending'; readonly mention: M }
  /** The switch delay runs: a pointer card is shown (open, never closing) and will show `mention`. */
  | { readonly phase: 'switching'; readonly mention: M };

export interface CardState<M, F> {
  readonly card: CardPhase<M, F>;
  readonly hover: HoverPhase<M>;
  /** The last mention a step reached: where the next step starts when no card is open. */
  readonly cursor: M | null;
}

export type CardEvent<M, F> =
  /** The pointer (after at most a frame) is over the shown card. */
  | { readonly type: 'pointer-over-card' }
  /** The pointer is over a mention, or over nothing of ours. */
  | { readonly type: 'pointer-over'; readonly mention: M | null }
  /** The pointer left the window. */
  | { readonly type: 'pointer-left' }
  | { readonly type: 'pointer-down'; readonly inCard: boolean }
  /** A tap (touch or pen) outside the card: on a mention, or on anything else of the page (null). */
  | { readonly type: 'tap'; readonly mention: M | null }
  | { readonly type: 'hover-due' }
  | { readonly type: 'switch-due' }
  | { readonly type: 'grace-over' }
  /** Keyboard navigation (or the popup's "go to") reached a mention; `focused` is where focus was. */
  | { readonly type: 'step'; readonly to: M; readonly focused: F | null }
  | { readonly type: 'escape' }
  /** Focus moved within the page; `inCard`: it is now inside the card. */
  | { readonly type: 'focus-moved'; readonly inCard: boolean }
  /** The card goes: its close button, the host losing its anchor, its entity hidden. */
  | { readonly type: 'dismiss'; readonly restoreFocus: boolean }
  /** The session ends: everything stops. */
  | { readonly type: 'stop' };

export type Timer = 'hover' | 'switch' | 'grace';

export type CardEffect<M, F> =
  | { readonly type: 'start-timer'; readonly timer: Timer }
  | { readonly type: 'cancel-timer'; readonly timer: Timer }
  /** Shows the card of `mention`; no card is shown when this comes. */
  | { readonly type: 'open'; readonly mention: M; readonly via: Via }
  /** The shown card now shows `mention`: same card, new content, placed at the new mention. */
  | { readonly type: 'switch'; readonly mention: M; readonly via: Via }
  /** Removes the shown card; focus goes to `returnFocus` if it was inside the card. */
  | { readonly type: 'close'; readonly returnFocus: F | null }
  | { readonly type: 'focus-mark'; readonly mention: M | null }
  /** Scrolls the mention into view. */
  | { readonly type: 'reveal'; readonly mention: M }
  | { readonly type: 'focus-card' };

export interface Transition<M, F> {
  readonly state: CardState<M, F>;
  readonly effects: readonly CardEffect<M, F>[];
}

export const INITIAL_CARD_STATE: CardState<never, never> = {
  card: { phase: 'closed' },
  hover: { phase: 'idle' },
  cursor: null,
};

/** Where a step starts: the open card's mention, else the last step's. */
export function stepAnchor<M, F>(state: CardState<M, F>): M | null {
  return state.card.phase === 'closed' ? state.cursor : state.card.mention;
}

/**
 * The transition function for mentions compared with `same` (two objects may stand for one
 * mention when the page engine hands out new ones).
 */
export function cardMachine<M, F>(
  same: (a: M, b: M) => boolean,
): (state: CardState<M, F>, event: CardEvent<M, F>) => Transition<M, F> {
  type State = CardState<M, F>;
  type Effect = CardEffect<M, F>;
  const IDLE: HoverPhase<M> = { phase: 'idle' };
  const CLOSED: CardPhase<M, F> = { phase: 'closed' };

  const cancelHover = (s: State): Effect[] =>
    s.hover.phase === 'pending'
      ? [{ type: 'cancel-timer', timer: 'hover' }]
      : s.hover.phase === 'switching'
        ? [{ type: 'cancel-timer', timer: 'switch' }]
        : [];

  /** Closes the card; `graceRunning` false when the grace timer itself is what fired. */
  function close(
    card: CardPhase<M, F>,
    restoreFocus: boolean,
    { graceRunning = card.phase === 'closing' } = {},
  ): Effect[] {
    if (card.phase === 'closed') return [];
    return [
      ...(graceRunning ? [{ type: 'cancel-timer', timer: 'grace' } as const] : []),
      { type: 'close', returnFocus: restoreFocus ? card.returnFocus : null },
      ...(card.via === 'keyboard' ? [{ type: 'focus-mark', mention: null } as const] : []),
    ];
  }

  /**
   * Shows the card of `mention`: opens one, or switches the shown card to it (no gap, no second
   * entrance); the hover, pending or switching, is over.
   */
  function open(s: State, mention: M, via: Via, returnFocus: F | null): Transition<M, F> {
    const card = s.card;
    const show: Effect[] =
      card.phase === 'closed'
        ? [{ type: 'open', mention, via }]
        : [
            ...(card.phase === 'closing' ? [{ type: 'cancel-timer', timer: 'grace' } as const] : []),
            // The keyboard's focus mark belongs to a keyboard card; a step sets its own.
            ...(card.via === 'keyboard' && via !== 'keyboard' ? [{ type: 'focus-mark', mention: null } as const] : []),
            { type: 'switch', mention, via },
          ];
    return {
      state: { ...s, card: { phase: 'open', mention, via, returnFocus }, hover: IDLE },
      effects: [...cancelHover(s), ...show],
    };
  }

  /**
   * The pointer reached another mention while a pointer card is shown: the card stays (its grace
   * period stops) and switches once the short switch delay is over, unless the pointer moves on.
   */
  function startSwitch(s: State, mention: M): Transition<M, F> {
    if (s.card.phase === 'closed') return { state: s, effects: [] };
    if (s.hover.phase === 'switching' && same(s.hover.mention, mention)) return { state: s, effects: [] };
    return {
      state: { ...s, card: { ...s.card, phase: 'open' }, hover: { phase: 'switching', mention } },
      effects: [
        ...(s.card.phase === 'closing' ? [{ type: 'cancel-timer', timer: 'grace' } as const] : []),
        ...cancelHover(s),
        { type: 'start-timer', timer: 'switch' },
      ],
    };
  }

  /** The pointer is where the card wants it (on the card or its mention): no timer runs. */
  function settle(s: State): Transition<M, F> {
    if (s.card.phase === 'closed') return { state: s, effects: [] };
    return {
      state: { ...s, card: { ...s.card, phase: 'open' }, hover: IDLE },
      effects: [
        ...(s.card.phase === 'closing' ? [{ type: 'cancel-timer', timer: 'grace' } as const] : []),
        ...cancelHover(s),
      ],
    };
  }

  /** A pointer card starts its grace period once the pointer is neither on it nor on its mention. */
  function startGrace(s: State): Transition<M, F> {
    if (s.card.phase !== 'open' || s.card.via !== 'pointer') return { state: s, effects: [] };
    return {
      state: { ...s, card: { ...s.card, phase: 'closing' } },
      effects: [{ type: 'start-timer', timer: 'grace' }],
    };
  }

  function then(first: Transition<M, F>, next: (s: State) => Transition<M, F>): Transition<M, F> {
    const second = next(first.state);
    return { state: second.state, effects: [...first.effects, ...second.effects] };
  }

  /** The card closes; a switch to another mention has nothing left to switch. */
  function closed(s: State, effects: Effect[]): Transition<M, F> {
    if (s.hover.phase !== 'switching') return { state: { ...s, card: CLOSED }, effects };
    return { state: { ...s, card: CLOSED, hover: IDLE }, effects: [...cancelHover(s), ...effects] };
  }

  return (s, event) => {
    switch (event.type) {
      case 'pointer-over-card':
        return settle(s);
      case 'pointer-over': {
        const m = event.mention;
        if (m !== null && s.card.phase !== 'closed' && same(m, s.card.mention)) return settle(s);
        if (m !== null && s.card.phase !== 'closed' && s.card.via === 'pointer') return startSwitch(s, m);
        let hover: Transition<M, F>;
        if (m === null) hover = { state: { ...s, hover: IDLE }, effects: cancelHover(s) };
        else if (s.hover.phase === 'pending' && same(s.hover.mention, m)) hover = { state: s, effects: [] };
        else
          hover = {
            state: { ...s, hover: { phase: 'pending', mention: m } },
            effects: [...cancelHover(s), { type: 'start-timer', timer: 'hover' }],
          };
        // A keyboard card stays until dismissed: pointer movement elsewhere is not a dismissal.
        return then(hover, startGrace);
      }
      case 'pointer-left':
        return then({ state: { ...s, hover: IDLE }, effects: cancelHover(s) }, startGrace);
      case 'pointer-down':
        // A click outside dismisses the card; a click inside is the card's own business.
        return event.inCard ? { state: s, effects: [] } : closed(s, close(s.card, false));
      case 'tap': {
        const m = event.mention;
        if (m === null) return closed({ ...s, hover: IDLE }, [...cancelHover(s), ...close(s.card, false)]);
        if (s.card.phase !== 'closed' && same(m, s.card.mention)) return settle(s);
        return open(s, m, 'touch', s.card.phase === 'closed' ? null : s.card.returnFocus);
      }
      case 'hover-due':
        if (s.hover.phase !== 'pending') return { state: s, effects: [] };
        return open(
          { ...s, hover: IDLE },
          s.hover.mention,
          'pointer',
          s.card.phase === 'closed' ? null : s.card.returnFocus,
        );
      case 'switch-due':
        if (s.hover.phase !== 'switching' || s.card.phase === 'closed') return { state: s, effects: [] };
        return open({ ...s, hover: IDLE }, s.hover.mention, 'pointer', s.card.returnFocus);
      case 'grace-over':
        return s.card.phase === 'closing'
          ? closed(s, close(s.card, false, { graceRunning: false }))
          : { state: s, effects: [] };
      case 'step': {
        const returnFocus = s.card.phase === 'closed' ? event.focused : s.card.returnFocus;
        const opened = open({ ...s, cursor: event.to }, event.to, 'keyboard', returnFocus);
        return {
          state: opened.state,
          effects: [
            { type: 'reveal', mention: event.to },
            { type: 'focus-mark', mention: event.to },
            ...opened.effects,
            { type: 'focus-card' },
          ],
        };
      }
      case 'escape':
        return closed(s, close(s.card, true));
      case 'focus-moved':
        // Tabbing out of a keyboard card ends it: focus has moved on, and so has the reader.
        return s.card.phase !== 'closed' && s.card.via === 'keyboard' && !event.inCard
          ? closed(s, close(s.card, false))
          : { state: s, effects: [] };
      case 'dismiss':
        return closed(s, close(s.card, event.restoreFocus));
      case 'stop':
        return { state: { ...s, card: CLOSED, hover: IDLE }, effects: [...cancelHover(s), ...close(s.card, false)] };
    }
  };
}
