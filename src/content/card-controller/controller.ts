/**
 * Hover, focus and keyboard behaviour of the cards (WCAG 1.4.13: dismissible, hoverable,
 * persistent). One card at most; its host exists only while it is open.
 */
import { h } from 'preact';
import type { CardActions } from '../../card-view/actions.ts';
import { CardRoot } from '../../card-view/card-root.tsx';
import { resolveCardLanguage } from '../../card-view/language.ts';
import { buildCardState } from '../../card-view/model.ts';
import type { CardLang } from '../../card-view/strings.ts';
import type { Dataset } from '../../dataset/index.ts';
import type { Settings } from '../../shared/settings.ts';
import type { MentionSource, PageMention } from '../types.ts';
import { createCardHost, hostContainer, type CardHost } from './card-host.ts';
import { pickMention, revealMention, sameMention } from './mention-nav.ts';
import { CLOSE_GRACE_MS } from './timing.ts';

export interface CardController {
  update(settings: Settings): void;
  step(entityId: string | null, direction: 1 | -1): boolean;
  close(): void;
}

export interface CardControllerOptions {
  readonly source: MentionSource;
  readonly dataset: Dataset;
  readonly settings: Settings;
  readonly signal: AbortSignal;
  /** The card's actions; `close` is the controller's own close with focus return. */
  readonly actions: (env: { settings: () => Settings; close: () => void }) => CardActions;
  readonly document?: Document;
  readonly browserLanguage?: () => string | undefined;
}

/** What tests of the built extension may look at (exposed only in the test build). */
export interface OpenCard {
  readonly mention: PageMention;
  readonly host: CardHost;
  readonly via: 'pointer' | 'keyboard';
  readonly dialog: () => HTMLElement | null;
}

export interface CardControllerInternals extends CardController {
  current(): OpenCard | null;
}

export function createCardController(options: CardControllerOptions): CardControllerInternals {
  const { source, dataset, signal } = options;
  const doc = options.document ?? document;
  const view = doc.defaultView ?? window;
  const browserLanguage = options.browserLanguage ?? (() => view.navigator.language);
  let settings = options.settings;
  let lang: CardLang = resolveCardLanguage(settings.language, browserLanguage());

  let open: (OpenCard & { returnFocus: Element | null; dialogEl: HTMLElement | null; actions: CardActions }) | null =
    null;
  let pending: { mention: PageMention; timer: ReturnType<typeof setTimeout> } | null = null;
  let closeTimer: ReturnType<typeof setTimeout> | null = null;
  let frame: number | null = null;
  let pointer: { x: number; y: number; target: EventTarget | null } | null = null;
  /** The last mention reached with step(), the anchor for the next step. */
  let cursor: PageMention | null = null;

  const hidden = (): ReadonlySet<string> => new Set(settings.hiddenEntities);

  function cancelPending(): void {
    if (pending) clearTimeout(pending.timer);
    pending = null;
  }
  function cancelClose(): void {
    if (closeTimer !== null) clearTimeout(closeTimer);
    closeTimer = null;
  }
  function scheduleClose(): void {
    if (closeTimer === null) closeTimer = setTimeout(() => closeCard(false), CLOSE_GRACE_MS);
  }

  function renderOpen(): void {
    if (!open) return;
    const card = open;
    const state = buildCardState(dataset, card.mention.entityId, lang);
    card.host.render(
      h(CardRoot, {
        state,
        lang,
        actions: card.actions,
        dialogRef: (el: HTMLElement | null) => {
          card.dialogEl = el;
        },
      }),
    );
  }

  function openCard(mention: PageMention, via: 'pointer' | 'keyboard'): void {
    cancelPending();
    cancelClose();
    const returnFocus = open?.returnFocus ?? null;
    closeCard(false, { keepFocusMark: via === 'keyboard' });
    const host = createCardHost(doc);
    const card = {
      mention,
      host,
      via,
      returnFocus,
      dialogEl: null as HTMLElement | null,
      dialog: () => card.dialogEl,
      actions: options.actions({ settings: () => settings, close: () => closeCard(true) }),
    };
    open = card;
    renderOpen();
    host.anchorTo(mention.range, via === 'pointer' && pointer ? { x: pointer.x, y: pointer.y } : null, () => {
      if (open === card) closeCard(false);
    });
  }

  /** `restoreFocus`: the user dismissed the card, so focus goes back where it came from. */
  function closeCard(restoreFocus: boolean, opts: { keepFocusMark?: boolean } = {}): void {
    cancelClose();
    if (!open) return;
    const card = open;
    open = null;
    const hadFocus = card.host.activeElement() !== null || doc.activeElement === card.host.element;
    card.host.destroy();
    if (card.via === 'keyboard' && !opts.keepFocusMark) source.setFocusMark(null);
    if (restoreFocus && hadFocus) {
      const back = card.returnFocus;
      // Removing the focused host already leaves focus on <body>; an earlier target is better.
      if (back instanceof HTMLElement && back.isConnected) back.focus({ preventScroll: true });
    }
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
    if (open && pointer.target === open.host.element) {
      // Inside the card (events from its closed shadow root arrive retargeted to the host).
      cancelClose();
      cancelPending();
      return;
    }
    const m = mentionAt(pointer.x, pointer.y);
    if (m && open && sameMention(m, open.mention)) {
      cancelClose();
      cancelPending();
      return;
    }
    if (!m) cancelPending();
    else if (!pending || !sameMention(pending.mention, m)) {
      cancelPending();
      const target = m;
      pending = { mention: target, timer: setTimeout(() => openCard(target, 'pointer'), settings.hoverDelayMs) };
    }
    // A card opened from the keyboard stays until dismissed; pointer movement elsewhere is not a dismissal.
    if (open && open.via === 'pointer') scheduleClose();
  }

  function onPointerMove(e: PointerEvent): void {
    if (e.pointerType === 'touch') return;
    pointer = { x: e.clientX, y: e.clientY, target: e.target };
    frame ??= view.requestAnimationFrame(onFrame);
  }

  function onPointerLeaveWindow(e: MouseEvent): void {
    if (e.relatedTarget !== null) return;
    pointer = null;
    cancelPending();
    if (open?.via === 'pointer') scheduleClose();
  }

  function onPointerDown(e: PointerEvent): void {
    // A click outside dismisses the card; a click inside is the card's own business.
    if (open && e.target !== open.host.element) closeCard(false);
  }

  function onKeyDown(e: KeyboardEvent): void {
    if (e.key !== 'Escape' || !open) return;
    e.preventDefault();
    e.stopPropagation();
    closeCard(true);
  }

  function onFocusIn(e: FocusEvent): void {
    if (!open) return;
    const inside = e.target === open.host.element;
    // A modal dialog opened after the card: move into it so the card stays above and usable.
    const container = hostContainer(doc);
    if (open.host.element.parentElement !== container && container !== doc.documentElement) open.host.moveTo(container);
    // Tabbing out of a keyboard-opened card ends it: focus has moved on, and so has the reader.
    if (!inside && open.via === 'keyboard' && open.host.activeElement() === null) closeCard(false);
  }

  const listen = { capture: true, passive: true, signal } as const;
  doc.addEventListener('pointermove', onPointerMove, listen);
  doc.addEventListener('mouseout', onPointerLeaveWindow, listen);
  doc.addEventListener('pointerdown', onPointerDown, listen);
  doc.addEventListener('focusin', onFocusIn, listen);
  view.addEventListener('keydown', onKeyDown, { capture: true, signal });
  signal.addEventListener(
    'abort',
    () => {
      cancelPending();
      if (frame !== null) view.cancelAnimationFrame(frame);
      closeCard(false);
    },
    { once: true },
  );

  return {
    update(next) {
      settings = next;
      const nextLang = resolveCardLanguage(next.language, browserLanguage());
      if (open && hidden().has(open.mention.entityId)) closeCard(false);
      if (nextLang !== lang) {
        lang = nextLang;
        renderOpen();
      }
    },
    step(entityId, direction) {
      if (signal.aborted) return false;
      const skip = hidden();
      const list = source
        .mentions()
        .filter((m) => (entityId === null || m.entityId === entityId) && !skip.has(m.entityId));
      // From the open card, else from the last step; pickMention copes with an anchor of another entity.
      const target = pickMention(list, open?.mention ?? cursor, direction, view);
      if (!target) return false;
      const active = doc.activeElement;
      const returnFocus = open
        ? open.returnFocus
        : active && active !== doc.body && active.localName !== 'context-cards-root'
          ? active
          : null;
      cursor = target;
      revealMention(target, view);
      source.setFocusMark(target);
      openCard(target, 'keyboard');
      if (open) {
        open.returnFocus = returnFocus;
        open.dialogEl?.focus({ preventScroll: true });
      }
      return true;
    },
    close() {
      closeCard(true);
    },
    current: () => open,
  };
}
