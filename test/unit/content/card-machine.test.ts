/**
 * The card's states without a DOM or timers: mentions are strings, focus targets are strings,
 * and each test reads the effects the controller would perform.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cardMachine,
  INITIAL_CARD_STATE,
  stepAnchor,
  type CardEvent,
  type CardState,
  type Transition,
} from '../../../src/content/card-controller/card-machine.ts';

type State = CardState<string, string>;
type Event = CardEvent<string, string>;

const transition = cardMachine<string, string>((a, b) => a === b);
const START: State = INITIAL_CARD_STATE;

/** Runs events from `state`; returns the last transition. */
function run(state: State, ...events: Event[]): Transition<string, string> {
  let last: Transition<string, string> = { state, effects: [] };
  for (const event of events) last = transition(last.state, event);
  return last;
}

const over = (mention: string | null): Event => ({ type: 'pointer-over', mention });
const step = (to: string, focused: string | null = 'page-button'): Event => ({ type: 'step', to, focused });
const hoverOpen = (mention: string): State => run(START, over(mention), { type: 'hover-due' }).state;

describe('hover', () => {
  it('a mention under the pointer starts the hover delay; when it is due, its card opens', () => {
    const pending = run(START, over('alice'));
    expect(pending.state.hover).toEqual({ phase: 'pending', mention: 'alice' });
    expect(pending.effects).toEqual([{ type: 'start-timer', timer: 'hover' }]);
    const opened = transition(pending.state, { type: 'hover-due' });
    expect(opened.state.card).toEqual({ phase: 'open', mention: 'alice', via: 'pointer', returnFocus: null });
    expect(opened.state.hover).toEqual({ phase: 'idle' });
    expect(opened.effects).toEqual([{ type: 'open', mention: 'alice', via: 'pointer' }]);
  });

  it('moving on within the same mention keeps its delay running', () => {
    expect(run(START, over('alice'), over('alice')).effects).toEqual([]);
  });

  it('a pointer that only sweeps across a mention opens nothing', () => {
    const swept = run(START, over('alice'), over(null));
    expect(swept.effects).toEqual([{ type: 'cancel-timer', timer: 'hover' }]);
    expect(swept.state).toEqual(START);
    // A timer that fired anyway (a race) finds nothing pending.
    expect(transition(swept.state, { type: 'hover-due' })).toEqual({ state: START, effects: [] });
  });

  it('another mention restarts the delay for it', () => {
    const moved = run(START, over('alice'), over('bob'));
    expect(moved.effects).toEqual([
      { type: 'cancel-timer', timer: 'hover' },
      { type: 'start-timer', timer: 'hover' },
    ]);
    expect(moved.state.hover).toEqual({ phase: 'pending', mention: 'bob' });
  });

  it('leaving the window cancels the delay', () => {
    expect(run(START, over('alice'), { type: 'pointer-left' })).toEqual({
      state: START,
      effects: [{ type: 'cancel-timer', timer: 'hover' }],
    });
  });
});

describe('the grace period of a pointer card', () => {
  it('starts when the pointer leaves both card and mention, and closes the card when over', () => {
    const closing = run(hoverOpen('alice'), over(null));
    expect(closing.state.card).toMatchObject({ phase: 'closing', mention: 'alice' });
    expect(closing.effects).toEqual([{ type: 'start-timer', timer: 'grace' }]);
    // Moving on outside does not restart it.
    expect(transition(closing.state, over(null)).effects).toEqual([]);
    const gone = transition(closing.state, { type: 'grace-over' });
    expect(gone.state).toEqual(START);
    expect(gone.effects).toEqual([{ type: 'close', returnFocus: null }]);
  });

  it('stops when the pointer reaches the card or comes back to the mention', () => {
    const closing = run(hoverOpen('alice'), over(null)).state;
    for (const back of [{ type: 'pointer-over-card' } as const, over('alice')]) {
      const kept = transition(closing, back);
      expect(kept.state.card).toMatchObject({ phase: 'open', mention: 'alice' });
      expect(kept.effects).toEqual([{ type: 'cancel-timer', timer: 'grace' }]);
    }
  });

  it('starts when the pointer leaves the window', () => {
    expect(run(hoverOpen('alice'), { type: 'pointer-left' }).effects).toEqual([
      { type: 'start-timer', timer: 'grace' },
    ]);
  });

  it('a keyboard card is replaced only after the full hover delay, in place', () => {
    const pending = run(START, step('alice', 'page-button'), over('bob'));
    expect(pending.effects).toEqual([{ type: 'start-timer', timer: 'hover' }]);
    expect(pending.state.hover).toEqual({ phase: 'pending', mention: 'bob' });
  });
});

describe('switching between neighbours', () => {
  it('pointing at another mention while a card is open starts the short switch delay; the card stays', () => {
    const switching = run(hoverOpen('alice'), over('bob'));
    expect(switching.effects).toEqual([{ type: 'start-timer', timer: 'switch' }]);
    expect(switching.state.card).toMatchObject({ phase: 'open', mention: 'alice' });
    expect(switching.state.hover).toEqual({ phase: 'switching', mention: 'bob' });
    // Moving on within the same mention changes nothing.
    expect(transition(switching.state, over('bob')).effects).toEqual([]);
  });

  it('when the switch is due, the shown card shows the other mention: a switch, never a close and an open', () => {
    const switched = run(hoverOpen('alice'), over('bob'), { type: 'switch-due' });
    expect(switched.effects).toEqual([{ type: 'switch', mention: 'bob', via: 'pointer' }]);
    expect(switched.state.card).toEqual({ phase: 'open', mention: 'bob', via: 'pointer', returnFocus: null });
    expect(switched.state.hover).toEqual({ phase: 'idle' });
    // Back to the first one: the same again.
    expect(run(switched.state, over('alice'), { type: 'switch-due' }).effects).toEqual([
      { type: 'switch', mention: 'alice', via: 'pointer' },
    ]);
  });

  it('a card in its grace period stays when the pointer reaches a neighbour, and switches to it', () => {
    const closing = run(hoverOpen('alice'), over(null)).state;
    const switching = transition(closing, over('bob'));
    expect(switching.effects).toEqual([
      { type: 'cancel-timer', timer: 'grace' },
      { type: 'start-timer', timer: 'switch' },
    ]);
    expect(switching.state.card).toMatchObject({ phase: 'open', mention: 'alice' });
    expect(transition(switching.state, { type: 'switch-due' }).effects).toEqual([
      { type: 'switch', mention: 'bob', via: 'pointer' },
    ]);
  });

  it('a pointer that only crosses a neighbour switches nothing: the grace period starts again', () => {
    const crossed = run(hoverOpen('alice'), over('bob'), over(null));
    expect(crossed.effects).toEqual([
      { type: 'cancel-timer', timer: 'switch' },
      { type: 'start-timer', timer: 'grace' },
    ]);
    expect(crossed.state.card).toMatchObject({ phase: 'closing', mention: 'alice' });
    expect(crossed.state.hover).toEqual({ phase: 'idle' });
    // A switch timer that fired anyway (a race) finds nothing to switch.
    expect(transition(crossed.state, { type: 'switch-due' }).effects).toEqual([]);
  });

  it('coming back to the card or its own mention cancels the switch', () => {
    const switching = run(hoverOpen('alice'), over('bob')).state;
    for (const back of [{ type: 'pointer-over-card' } as const, over('alice')]) {
      const kept = transition(switching, back);
      expect(kept.effects).toEqual([{ type: 'cancel-timer', timer: 'switch' }]);
      expect(kept.state.card).toMatchObject({ phase: 'open', mention: 'alice' });
      expect(kept.state.hover).toEqual({ phase: 'idle' });
    }
  });

  it('another neighbour restarts the switch delay for it', () => {
    expect(run(hoverOpen('alice'), over('bob'), over('carol')).effects).toEqual([
      { type: 'cancel-timer', timer: 'switch' },
      { type: 'start-timer', timer: 'switch' },
    ]);
  });

  it('a card closed while a switch waits (click outside, Escape) takes the switch with it', () => {
    const switching = run(hoverOpen('alice'), over('bob')).state;
    const clicked = transition(switching, { type: 'pointer-down', inCard: false });
    expect(clicked.effects).toEqual([
      { type: 'cancel-timer', timer: 'switch' },
      { type: 'close', returnFocus: null },
    ]);
    expect(clicked.state).toEqual(START);
    expect(transition(switching, { type: 'escape' }).state).toEqual(START);
  });

  it('a hovered mention replaces a keyboard card in place: the focus mark goes, the return target stays', () => {
    const replaced = run(START, step('alice', 'page-button'), over('bob'), { type: 'hover-due' });
    expect(replaced.effects).toEqual([
      { type: 'focus-mark', mention: null },
      { type: 'switch', mention: 'bob', via: 'pointer' },
    ]);
    expect(replaced.state.card).toMatchObject({ via: 'pointer', returnFocus: 'page-button' });
  });
});

describe('dismissing', () => {
  it('a click outside closes the card; a click inside does not', () => {
    const open = hoverOpen('alice');
    expect(transition(open, { type: 'pointer-down', inCard: true })).toEqual({ state: open, effects: [] });
    expect(transition(open, { type: 'pointer-down', inCard: false })).toEqual({
      state: START,
      effects: [{ type: 'close', returnFocus: null }],
    });
  });

  it('Escape closes with focus back where it came from; a lost anchor closes without', () => {
    const open = run(START, step('alice', 'page-button')).state;
    expect(transition(open, { type: 'escape' }).effects).toEqual([
      { type: 'close', returnFocus: 'page-button' },
      { type: 'focus-mark', mention: null },
    ]);
    expect(transition(open, { type: 'dismiss', restoreFocus: false }).effects).toEqual([
      { type: 'close', returnFocus: null },
      { type: 'focus-mark', mention: null },
    ]);
    expect(transition(START, { type: 'escape' })).toEqual({ state: START, effects: [] });
  });

  it('stop cancels the running timers and closes the card', () => {
    const switching = run(hoverOpen('alice'), over('bob')).state;
    expect(transition(switching, { type: 'stop' })).toEqual({
      state: START,
      effects: [
        { type: 'cancel-timer', timer: 'switch' },
        { type: 'close', returnFocus: null },
      ],
    });
    const closing = run(hoverOpen('alice'), over(null)).state;
    expect(transition(closing, { type: 'stop' })).toEqual({
      state: START,
      effects: [
        { type: 'cancel-timer', timer: 'grace' },
        { type: 'close', returnFocus: null },
      ],
    });
    const pending = run(START, step('alice'), over('bob')).state;
    expect(transition(pending, { type: 'stop' }).effects).toEqual([
      { type: 'cancel-timer', timer: 'hover' },
      { type: 'close', returnFocus: null },
      { type: 'focus-mark', mention: null },
    ]);
  });
});

describe('keyboard', () => {
  it('a step reveals the mention, marks it, opens its card and focuses it, remembering where focus was', () => {
    const first = run(START, step('alice', 'page-button'));
    expect(first.effects).toEqual([
      { type: 'reveal', mention: 'alice' },
      { type: 'focus-mark', mention: 'alice' },
      { type: 'open', mention: 'alice', via: 'keyboard' },
      { type: 'focus-card' },
    ]);
    expect(first.state).toEqual({
      card: { phase: 'open', mention: 'alice', via: 'keyboard', returnFocus: 'page-button' },
      hover: { phase: 'idle' },
      cursor: 'alice',
    });
  });

  it('the next step switches the card in place, keeps the focus mark and the first return target', () => {
    const second = run(START, step('alice', 'page-button'), step('bob', null));
    expect(second.effects).toEqual([
      { type: 'reveal', mention: 'bob' },
      { type: 'focus-mark', mention: 'bob' },
      { type: 'switch', mention: 'bob', via: 'keyboard' },
      { type: 'focus-card' },
    ]);
    expect(second.state.card).toMatchObject({ mention: 'bob', returnFocus: 'page-button' });
  });

  it('steps start from the open card, else from the last step', () => {
    expect(stepAnchor(START)).toBeNull();
    const stepped = run(START, step('alice'));
    expect(stepAnchor(stepped.state)).toBe('alice');
    const closed = transition(stepped.state, { type: 'escape' }).state;
    expect(stepAnchor(closed)).toBe('alice');
    expect(stepAnchor(run(closed, over('bob'), { type: 'hover-due' }).state)).toBe('bob');
  });

  it('a keyboard card ignores the pointer moving elsewhere or leaving the window', () => {
    const open = run(START, step('alice')).state;
    expect(transition(open, over(null))).toEqual({ state: open, effects: [] });
    expect(transition(open, { type: 'pointer-left' })).toEqual({ state: open, effects: [] });
  });

  it('focus leaving a keyboard card closes it without moving focus back; a pointer card stays', () => {
    const open = run(START, step('alice')).state;
    expect(transition(open, { type: 'focus-moved', inCard: true })).toEqual({ state: open, effects: [] });
    expect(transition(open, { type: 'focus-moved', inCard: false }).effects).toEqual([
      { type: 'close', returnFocus: null },
      { type: 'focus-mark', mention: null },
    ]);
    const hovered = hoverOpen('alice');
    expect(transition(hovered, { type: 'focus-moved', inCard: false })).toEqual({ state: hovered, effects: [] });
  });

  it('a step during a pointer card’s grace period or switch delay cancels it and switches the card', () => {
    const closing = run(hoverOpen('alice'), over(null)).state;
    expect(transition(closing, step('carol')).effects).toEqual([
      { type: 'reveal', mention: 'carol' },
      { type: 'focus-mark', mention: 'carol' },
      { type: 'cancel-timer', timer: 'grace' },
      { type: 'switch', mention: 'carol', via: 'keyboard' },
      { type: 'focus-card' },
    ]);
    const switching = run(hoverOpen('alice'), over('bob')).state;
    expect(transition(switching, step('carol')).effects).toEqual([
      { type: 'reveal', mention: 'carol' },
      { type: 'focus-mark', mention: 'carol' },
      { type: 'cancel-timer', timer: 'switch' },
      { type: 'switch', mention: 'carol', via: 'keyboard' },
      { type: 'focus-card' },
    ]);
  });
});

describe('touch', () => {
  const tap = (mention: string | null): Event => ({ type: 'tap', mention });

  it('a tap on a mention opens its card at once, via touch: no delay, no timer', () => {
    const t = transition(START, tap('alice'));
    expect(t.effects).toEqual([{ type: 'open', mention: 'alice', via: 'touch' }]);
    expect(t.state.card).toMatchObject({ phase: 'open', mention: 'alice', via: 'touch' });
    expect(t.state.hover).toEqual({ phase: 'idle' });
  });

  it('a tap on another mention switches the card in place; a tap on its own mention changes nothing', () => {
    const open = run(START, tap('alice')).state;
    expect(transition(open, tap('alice'))).toEqual({ state: open, effects: [] });
    expect(transition(open, tap('bob')).effects).toEqual([{ type: 'switch', mention: 'bob', via: 'touch' }]);
  });

  it('a tap on anything else closes the card; with no card it does nothing', () => {
    const open = run(START, tap('alice')).state;
    const t = transition(open, tap(null));
    expect(t.effects).toEqual([{ type: 'close', returnFocus: null }]);
    expect(t.state.card).toEqual({ phase: 'closed' });
    expect(transition(START, tap(null))).toEqual({ state: START, effects: [] });
  });

  it('the compatibility mouse events after a tap neither close nor replace a touch card', () => {
    const open = run(START, tap('alice')).state;
    // The echo lands on the tapped mention, then the mouse "leaves" (the next tap elsewhere).
    expect(transition(open, over('alice'))).toEqual({ state: open, effects: [] });
    expect(transition(open, { type: 'pointer-left' })).toEqual({ state: open, effects: [] });
    // Over nothing: no grace period starts for a touch card.
    const afterNothing = transition(open, over(null));
    expect(afterNothing.effects).toEqual([]);
    expect(afterNothing.state.card).toEqual(open.card);
  });

  it('a tap replaces a pointer card or a keyboard card in place', () => {
    const hovered = run(hoverOpen('alice'), over(null)).state;
    expect(transition(hovered, tap('bob')).effects).toEqual([
      { type: 'cancel-timer', timer: 'grace' },
      { type: 'switch', mention: 'bob', via: 'touch' },
    ]);
    const keyed = run(START, step('alice')).state;
    const t = transition(keyed, tap('bob'));
    expect(t.effects).toEqual([
      { type: 'focus-mark', mention: null },
      { type: 'switch', mention: 'bob', via: 'touch' },
    ]);
    expect(t.state.card).toMatchObject({ via: 'touch', returnFocus: 'page-button' });
  });

  it('a tap cancels a running hover delay', () => {
    const pending = run(START, over('alice')).state;
    expect(transition(pending, tap('bob')).effects).toEqual([
      { type: 'cancel-timer', timer: 'hover' },
      { type: 'open', mention: 'bob', via: 'touch' },
    ]);
    expect(transition(pending, tap(null)).effects).toEqual([{ type: 'cancel-timer', timer: 'hover' }]);
  });

  it('Escape and the close button close a touch card', () => {
    const open = run(START, tap('alice')).state;
    expect(transition(open, { type: 'escape' }).effects).toEqual([{ type: 'close', returnFocus: null }]);
    expect(transition(open, { type: 'dismiss', restoreFocus: true }).state.card).toEqual({ phase: 'closed' });
  });
});

describe('any sequence of events', () => {
  const mention = fc.constantFrom('alice', 'bob', 'carol', null);
  const event: fc.Arbitrary<Event> = fc.oneof(
    mention.map((m) => over(m)),
    fc.constant<Event>({ type: 'pointer-over-card' }),
    fc.constant<Event>({ type: 'pointer-left' }),
    fc.boolean().map<Event>((inCard) => ({ type: 'pointer-down', inCard })),
    fc.constant<Event>({ type: 'hover-due' }),
    fc.constant<Event>({ type: 'switch-due' }),
    fc.constant<Event>({ type: 'grace-over' }),
    fc.constantFrom('alice', 'bob').map((to) => step(to)),
    fc.constant<Event>({ type: 'escape' }),
    fc.boolean().map<Event>((inCard) => ({ type: 'focus-moved', inCard })),
    fc.boolean().map<Event>((restoreFocus) => ({ type: 'dismiss', restoreFocus })),
    fc.constant<Event>({ type: 'stop' }),
    mention.map<Event>((m) => ({ type: 'tap', mention: m })),
  );

  it('keeps the page in step with the state: one card shown exactly while open, each timer running exactly while its phase lasts', () => {
    const due = { 'hover-due': 'hover', 'switch-due': 'switch', 'grace-over': 'grace' } as const;
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        let state = START;
        let shown = 0;
        const running = { hover: false, switch: false, grace: false };
        for (const e of events) {
          // Timers only fire while they run: that is what the controller guarantees.
          if (e.type in due) {
            const timer = due[e.type as keyof typeof due];
            if (!running[timer]) continue;
            running[timer] = false;
          }
          const next = transition(state, e);
          for (const effect of next.effects) {
            if (effect.type === 'open') {
              // Opening is only ever for an empty page: a shown card switches instead.
              expect(shown).toBe(0);
              shown++;
            }
            // A switch needs a card to switch.
            if (effect.type === 'switch') expect(shown).toBe(1);
            if (effect.type === 'close') shown--;
            if (effect.type === 'start-timer') {
              expect(running[effect.timer]).toBe(false);
              running[effect.timer] = true;
            }
            if (effect.type === 'cancel-timer') {
              expect(running[effect.timer]).toBe(true);
              running[effect.timer] = false;
            }
            expect(shown === 0 || shown === 1).toBe(true);
          }
          state = next.state;
          expect(shown).toBe(state.card.phase === 'closed' ? 0 : 1);
          expect(running.hover).toBe(state.hover.phase === 'pending');
          expect(running.switch).toBe(state.hover.phase === 'switching');
          expect(running.grace).toBe(state.card.phase === 'closing');
          // A switch waits only beside an open pointer card.
          if (state.hover.phase === 'switching') expect(state.card).toMatchObject({ phase: 'open', via: 'pointer' });
          if (state.card.phase === 'closing') expect(state.card.via).toBe('pointer');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
