/**
 * Hover, touch, focus and keyboard behaviour of the cards (WCAG 1.4.13: dismissible, hoverable,
 * persistent), as a thin adapter: DOM events and timers become events of the card machine
 * (card-machine.ts), whose effects it performs on the page. Touch and pen contacts go through
 * tap-gesture.ts first; only a tap becomes a machine event. One card at most; its host exists
 * only while it is open. Every listener is passive: the page's own taps, scrolls and long-press
 * selections happen as if we were not there.
 */
import { h } from 'preact';
import type { CardActions } from '../../card-view/actions.ts';
import { CardRoot } from '../../card-view/card-root.tsx';
import { resolveCardLanguage } from '../../card-view/language.ts';
import { buildCardState } from '../../card-view/model.ts';
import type { CardLang } from '../../card-view/strings.ts';
import type { Library } from '../../dataset/library.ts';
import type { Settings } from '../../shared/settings.ts';
import { pageTheme } from '../page-theme.ts';
import type { CardLibrary, MentionSource, PageMention } from '../types.ts';
import {
  cardMachine,
  INITIAL_CARD_STATE,
  stepAnchor,
  type CardEffect,
  type CardEvent,
  type CardState,
  type Timer,
  type Via,
} from './card-machine.ts';
import { createCardHost, HOST_TAG, hostContainer, type CardHost } from './card-host.ts';
import { liveRange } from '../mention-range.ts';
import { pickMention, revealMention, sameMention } from './mention-nav.ts';
import { wantsSheet } from './placement.ts';
import {
  gesture,
  INITIAL_GESTURE,
  isCompatibilityEcho,
  isGesturePointer,
  type GestureInput,
  type GestureState,
} from './tap-gesture.ts';
import { CLOSE_GRACE_MS, SWITCH_DELAY_MS } from './timing.ts';

/**
 * Page controls: a tap inside one does what the page meant (follows the link, presses the button)
 * and opens no card, even on a marked name.
 */
const PAGE_CONTROL =
  'a[href], area[href], button, input, select, textarea, label, summary, [contenteditable=""], [contenteditable="true"], ' +
  '[role="button"], [role="link"], [role="menuitem"], [role="tab"], [role="checkbox"], [role="switch"], [role="option"]';

/** Whether the event passed through a page control on its way (shadow roots included). */
function inPageControl(e: Event): boolean {
  for (const target of e.composedPath()) {
    if (target instanceof Element && target.matches(PAGE_CONTROL)) return true;
  }
  return false;
}

/**
 * The shape of the CloseWatcher API (Chromium 126+, and Firefox 153 ESR here): the Android back
 * gesture is a close request to it, as is Escape.
 */
interface CloseWatcherLike extends EventTarget {
  destroy(): void;
  requestClose?(): void;
  close(): void;
}
type CloseWatcherConstructor = new () => CloseWatcherLike;

export interface CardController {
  update(settings: Settings): void;
  step(entityId: string | null, direction: 1 | -1): boolean;
  close(): void;
}

/** What the card's actions may know of the controller. */
export interface CardEnvironment {
  readonly settings: () => Settings;
  /** The card language now (what a message after the card, such as an Undo, speaks). */
  readonly lang: () => CardLang;
  readonly close: () => void;
}

export interface CardControllerOptions {
  readonly source: MentionSource;
  /**
   * Every story that is on, merged by entity: at hand, or asked for when the first card opens
   * (`CardLibrary`, `content/runtime.ts`); a card is shown once it is there.
   */
  readonly library: Library | CardLibrary;
  readonly settings: Settings;
  readonly signal: AbortSignal;
  /** The card's actions; `close` is the controller's own close with focus return. */
  readonly actions: (env: CardEnvironment) => CardActions;
  readonly document?: Document;
  readonly browserLanguage?: () => string | undefined;
}

/** What tests of the built extension may look at (exposed only in the test build). */
export interface OpenCard {
  readonly mention: PageMention;
  readonly host: CardHost;
  readonly via: Via;
  readonly dialog: () => HTMLElement | null;
}

export interface CardControllerInternals extends CardController {
  current(): OpenCard | null;
  /**
   * Sends the shown sheet's close watcher a close request, as the back gesture would (test builds);
   * false when no close watcher is registered.
   */
  requestClose(): boolean;
  /** Resolves once no card is waiting for its data (shown, or with its error state). */
  settled(): Promise<void>;
}

export function createCardController(options: CardControllerOptions): CardControllerInternals {
  const { source, signal } = options;
  const library = options.library;
  const cardData: CardLibrary =
    'load' in library ? library : { ready: () => library, load: () => Promise.resolve(library) };
  /** The entity whose card data could not be had: its card shows the error state. */
  let unreachable: string | null = null;
  /** A card waiting for its library: focus it once it is shown (a keyboard open asked for that). */
  let focusWhenShown: OpenCard | null = null;
  const doc = options.document ?? document;
  const view = doc.defaultView ?? window;
  const browserLanguage = options.browserLanguage ?? (() => view.navigator.language);
  let settings = options.settings;
  let lang: CardLang = resolveCardLanguage(settings.language, browserLanguage());

  const transition = cardMachine<PageMention, Element>(sameMention);
  let state: CardState<PageMention, Element> = INITIAL_CARD_STATE;
  /** The card on the page: present exactly while the machine's card is not closed. */
  let shown: (OpenCard & { dialogEl: HTMLElement | null; actions: CardActions }) | null = null;
  const timers: Record<Timer, ReturnType<typeof setTimeout> | null> = { hover: null, switch: null, grace: null };
  const TIMER_EVENTS = { hover: 'hover-due', switch: 'switch-due', grace: 'grace-over' } as const;
  const delayOf = (timer: Timer): number =>
    timer === 'hover' ? settings.hoverDelayMs : timer === 'switch' ? SWITCH_DELAY_MS : CLOSE_GRACE_MS;
  let frame: number | null = null;
  let pointer: { x: number; y: number; target: EventTarget | null } | null = null;
  /** Effects being performed: focus events meanwhile are our own doing (see onFocusIn). */
  let performing = 0;
  let touches: GestureState = INITIAL_GESTURE;
  /** Where and when the last touch or pen contact ended: the mouse events after it are its echo. */
  let lastTouch: { x: number; y: number; t: number } | null = null;
  /** The shown sheet's close watcher: the back gesture (Android) or Escape closes the sheet. */
  let watcher: CloseWatcherLike | null = null;

  const hidden = (): ReadonlySet<string> => new Set(settings.hiddenEntities);

  function dispatch(event: CardEvent<PageMention, Element>): void {
    const next = transition(state, event);
    state = next.state;
    performing++;
    try {
      for (const effect of next.effects) perform(effect);
    } finally {
      performing--;
    }
  }

  function perform(effect: CardEffect<PageMention, Element>): void {
    switch (effect.type) {
      case 'start-timer': {
        const timer = effect.timer;
        // A card is about to open or switch: its data is on its way during the delay.
        if (timer === 'hover' || timer === 'switch') prefetch();
        cancelTimer(timer);
        timers[timer] = setTimeout(() => {
          timers[timer] = null;
          dispatch({ type: TIMER_EVENTS[timer] });
        }, delayOf(timer));
        return;
      }
      case 'cancel-timer':
        cancelTimer(effect.timer);
        return;
      case 'open':
        show(effect.mention, effect.via);
        return;
      case 'switch':
        switchTo(effect.mention, effect.via);
        return;
      case 'close':
        remove(effect.returnFocus);
        return;
      case 'focus-mark':
        source.setFocusMark(effect.mention);
        return;
      case 'reveal':
        revealMention(effect.mention, view);
        return;
      case 'focus-card':
        if (shown !== null && shown.dialogEl === null) focusWhenShown = shown;
        shown?.dialogEl?.focus({ preventScroll: true });
        return;
    }
  }

  function cancelTimer(timer: Timer): void {
    const handle = timers[timer];
    if (handle !== null) clearTimeout(handle);
    timers[timer] = null;
  }

  function prefetch(): void {
    const hover = state.hover;
    if (hover.phase === 'idle') return;
    const entityId = hover.mention.entityId;
    if (cardData.ready(entityId) === null) cardData.load(entityId).catch(() => undefined);
  }

  function render(): void {
    if (!shown) return;
    const card = shown;
    const data = cardData.ready(card.mention.entityId);
    // Still on its way: `present` renders the card when it arrives.
    if (data === null && unreachable !== card.mention.entityId) return;
    card.host.render(
      h(CardRoot, {
        state:
          data === null ? { kind: 'error', reason: 'unreachable' } : buildCardState(data, card.mention.entityId, lang),
        lang,
        actions: card.actions,
        dialogRef: (el: HTMLElement | null) => {
          card.dialogEl = el;
        },
      }),
    );
  }

  function show(mention: PageMention, via: Via): void {
    const host = createCardHost(doc);
    const actions = options.actions({
      settings: () => settings,
      lang: () => lang,
      close: () => dispatch({ type: 'dismiss', restoreFocus: true }),
    });
    present({ mention, host, via, dialogEl: null, actions });
  }

  /** The shown card, now for another mention: same host, new content, placed at the new mention. */
  function switchTo(mention: PageMention, via: Via): void {
    // A page may have taken our host out of the document: a new one, rather than an invisible card.
    if (!shown?.host.element.isConnected) {
      remove(null);
      show(mention, via);
      return;
    }
    const { host, dialogEl, actions } = shown;
    present({ mention, host, via, dialogEl, actions });
  }

  function present(parts: Omit<NonNullable<typeof shown>, 'dialog'>): void {
    const card = { ...parts, dialog: () => card.dialogEl };
    shown = card;
    const entityId = card.mention.entityId;
    if (cardData.ready(entityId) === null) {
      // The entity's first card: shown (never blank) when its data arrives, or with the error
      // state when the background cannot answer. The host stays off-screen until then.
      cardData.load(entityId).then(
        () => {
          if (unreachable === entityId) unreachable = null;
          if (shown === card) place(card);
        },
        (error: unknown) => {
          console.debug('[Context Cards] card data not available', error);
          unreachable = entityId;
          if (shown === card) place(card);
        },
      );
      return;
    }
    place(card);
  }

  function place(card: NonNullable<typeof shown>): void {
    // The card follows a live Range, made now: the mention keeps static positions only.
    const range = liveRange(card.mention);
    if (range === null) {
      // Its text changed since it was read: no card at positions that may point at other text.
      queueMicrotask(() => {
        if (shown === card) dispatch({ type: 'dismiss', restoreFocus: false });
      });
      return;
    }
    // Read once per card: the page's brightness around this mention.
    card.host.setTheme(pageTheme(doc, range.startContainer.parentElement));
    const sheet = wantsSheet(view.innerWidth, card.via === 'touch', finePointerHovers());
    // The sheet's size is known only once its content is in: its layout comes before the render.
    card.host.setLayout(sheet ? 'sheet' : 'float');
    render();
    const at =
      card.via === 'pointer' && pointer
        ? { x: pointer.x, y: pointer.y }
        : card.via === 'touch' && lastTouch
          ? { x: lastTouch.x, y: lastTouch.y }
          : null;
    card.host.anchorTo(range, at, () => {
      if (shown === card) dispatch({ type: 'dismiss', restoreFocus: false });
    });
    if (sheet) watchClose();
    else unwatchClose();
    if (focusWhenShown === card) {
      focusWhenShown = null;
      card.dialogEl?.focus({ preventScroll: true });
    }
  }

  function finePointerHovers(): boolean {
    try {
      return view.matchMedia('(hover: hover) and (pointer: fine)').matches;
    } catch {
      return true;
    }
  }

  /**
   * The back gesture closes a sheet where the browser has CloseWatcher. There is
   * no history entry instead: pushState would change the page's own history (its router sees a
   * popstate, its history.length grows, a reload keeps the entry), and a content script cannot
   * take such an entry back without a race against the page.
   */
  function watchClose(): void {
    if (watcher !== null) return;
    const Ctor = (view as Window & { CloseWatcher?: CloseWatcherConstructor }).CloseWatcher;
    if (typeof Ctor !== 'function') return;
    try {
      const w = new Ctor();
      w.addEventListener('close', () => {
        if (watcher !== w) return;
        watcher = null;
        dispatch({ type: 'dismiss', restoreFocus: true });
      });
      watcher = w;
    } catch {
      watcher = null;
    }
  }

  function unwatchClose(): void {
    const w = watcher;
    watcher = null;
    try {
      w?.destroy();
    } catch {
      // already gone
    }
  }

  function remove(returnFocus: Element | null): void {
    if (!shown) return;
    const card = shown;
    shown = null;
    unwatchClose();
    const hadFocus = card.host.activeElement() !== null || doc.activeElement === card.host.element;
    card.host.destroy();
    // Removing the focused host already leaves focus on <body>; an earlier target is better.
    if (hadFocus && returnFocus instanceof HTMLElement && returnFocus.isConnected)
      returnFocus.focus({ preventScroll: true });
  }

  function mentionAt(x: number, y: number): PageMention | null {
    try {
      const m = source.mentionAt(x, y);
      return m && !hidden().has(m.entityId) ? m : null;
    } catch {
      return null;
    }
  }

  /** Runs at most once per frame: hit-testing on every pointermove would cost more than it tells. */
  function onFrame(): void {
    frame = null;
    if (!pointer) return;
    // Inside the card, events from its closed shadow root arrive retargeted to the host.
    if (shown && pointer.target === shown.host.element) dispatch({ type: 'pointer-over-card' });
    else dispatch({ type: 'pointer-over', mention: mentionAt(pointer.x, pointer.y) });
  }

  function onPointerMove(e: PointerEvent): void {
    if (isGesturePointer(e.pointerType)) {
      if (touches.track !== null) feed({ type: 'move', id: e.pointerId, x: e.clientX, y: e.clientY }, e);
      // A pen hovering above the screen points like a mouse; a finger never hovers.
      if (e.pointerType === 'touch' || e.buttons !== 0) return;
    } else if (isEcho(e)) return;
    pointer = { x: e.clientX, y: e.clientY, target: e.target };
    frame ??= view.requestAnimationFrame(onFrame);
  }

  /** A mouse-typed event that is the echo of the touch that just ended. */
  function isEcho(e: PointerEvent): boolean {
    return isCompatibilityEcho(lastTouch, e.clientX, e.clientY, e.timeStamp);
  }

  function feed(input: GestureInput, e: PointerEvent): void {
    const step = gesture(touches, input);
    touches = step.state;
    if (step.outcome?.kind === 'tap') onTap(e, step.outcome.x, step.outcome.y);
  }

  function onTap(e: PointerEvent, x: number, y: number): void {
    // Inside the card, events from its closed shadow root arrive retargeted to the host.
    if (shown && e.target === shown.host.element) return;
    // A link or button does what the page meant; an open card goes, as after any tap elsewhere.
    const mention = inPageControl(e) ? null : mentionAt(x, y);
    dispatch({ type: 'tap', mention });
  }

  function onPointerUp(e: PointerEvent): void {
    if (!isGesturePointer(e.pointerType)) return;
    lastTouch = { x: e.clientX, y: e.clientY, t: e.timeStamp };
    feed({ type: 'up', id: e.pointerId, x: e.clientX, y: e.clientY, t: e.timeStamp }, e);
  }

  function onPointerCancel(e: PointerEvent): void {
    if (isGesturePointer(e.pointerType)) feed({ type: 'cancel', id: e.pointerId }, e);
  }

  function onPointerLeaveWindow(e: MouseEvent): void {
    if (e.relatedTarget !== null) return;
    pointer = null;
    dispatch({ type: 'pointer-left' });
  }

  function onPointerDown(e: PointerEvent): void {
    if (isGesturePointer(e.pointerType)) {
      // Whether this contact closes or opens anything is known when it ends (a tap, not a scroll).
      feed({ type: 'down', id: e.pointerId, x: e.clientX, y: e.clientY, t: e.timeStamp, primary: e.isPrimary }, e);
      return;
    }
    if (isEcho(e)) return;
    dispatch({ type: 'pointer-down', inCard: shown !== null && e.target === shown.host.element });
  }

  function onKeyDown(e: KeyboardEvent): void {
    if (e.key !== 'Escape' || state.card.phase === 'closed') return;
    e.preventDefault();
    e.stopPropagation();
    dispatch({ type: 'escape' });
  }

  function onFocusIn(e: FocusEvent): void {
    // Focus moved by our own effects (into the card, back to the page, or by hiding the popover)
    // is no news to the machine.
    if (!shown || performing > 0) return;
    // A modal dialog opened after the card: move into it so the card stays above and usable.
    const container = hostContainer(doc);
    if (shown.host.element.parentElement !== container && container !== doc.documentElement)
      shown.host.moveTo(container);
    dispatch({ type: 'focus-moved', inCard: e.target === shown.host.element || shown.host.activeElement() !== null });
  }

  const listen = { capture: true, passive: true, signal } as const;
  doc.addEventListener('pointermove', onPointerMove, listen);
  doc.addEventListener('mouseout', onPointerLeaveWindow, listen);
  doc.addEventListener('pointerdown', onPointerDown, listen);
  doc.addEventListener('pointerup', onPointerUp, listen);
  doc.addEventListener('pointercancel', onPointerCancel, listen);
  doc.addEventListener('focusin', onFocusIn, listen);
  view.addEventListener('keydown', onKeyDown, { capture: true, signal });
  signal.addEventListener(
    'abort',
    () => {
      if (frame !== null) view.cancelAnimationFrame(frame);
      dispatch({ type: 'stop' });
    },
    { once: true },
  );

  return {
    update(next) {
      settings = next;
      const nextLang = resolveCardLanguage(next.language, browserLanguage());
      if (state.card.phase !== 'closed' && hidden().has(state.card.mention.entityId))
        dispatch({ type: 'dismiss', restoreFocus: false });
      if (nextLang !== lang) {
        lang = nextLang;
        render();
      }
    },
    step(entityId, direction) {
      if (signal.aborted) return false;
      const skip = hidden();
      const list = source
        .mentions()
        .filter((m) => (entityId === null || m.entityId === entityId) && !skip.has(m.entityId));
      // pickMention copes with an anchor of another entity.
      const target = pickMention(list, stepAnchor(state), direction, view);
      if (!target) return false;
      const active = doc.activeElement;
      const focused = active && active !== doc.body && active.localName !== HOST_TAG ? active : null;
      dispatch({ type: 'step', to: target, focused });
      return true;
    },
    close() {
      dispatch({ type: 'dismiss', restoreFocus: true });
    },
    current: () => shown,
    settled: () =>
      shown === null || cardData.ready(shown.mention.entityId) !== null
        ? Promise.resolve()
        : cardData.load(shown.mention.entityId).then(
            () => undefined,
            () => undefined,
          ),
    requestClose() {
      const w = watcher;
      if (w === null) return false;
      if (typeof w.requestClose === 'function') w.requestClose();
      else w.close();
      return true;
    },
  };
}
