/**
 * The Undo message after "Turn off on this site", on the page: its own closed shadow root in the
 * top layer, like the card's, but not tied to a marking session (switching the site off ends the
 * session, and with it the card). One at a time; it goes by itself after a few seconds, but not
 * while the pointer or focus is on it.
 */
import { h, render } from 'preact';
import type { CardLang } from '../../card-view/strings.ts';
import { UndoToast, type UndoPhase } from '../../card-view/undo-toast.tsx';
import { TOAST_CSS } from '../../card-view/toast-styles.ts';
import type { PageTheme } from '../page-theme.ts';
import { hostContainer } from './card-host.ts';
import { applyCardStyles } from './shadow-styles.ts';

export const TOAST_TAG = 'context-cards-toast';

/** How long Undo is offered: long enough to read the line and reach the button. */
export const UNDO_SHOWN_MS = 8000;
/** How long "on again" stays after Undo. */
export const AFTER_UNDO_MS = 3000;

export interface UndoOptions {
  readonly doc: Document;
  readonly lang: CardLang;
  readonly site: string;
  readonly theme: PageTheme | null;
  /** The card had focus: Undo takes it, and gives it back to the page when the message goes. */
  readonly focusUndo: boolean;
  /** Switches the site back on; rejects when it could not. */
  readonly undo: () => Promise<void>;
}

/** The message on the page (tests look inside; the shadow root is closed to the page). */
export interface UndoMessage {
  readonly element: HTMLElement;
  readonly shadow: ShadowRoot;
  remove(): void;
}

let current: UndoMessage | null = null;

export function showUndo(options: UndoOptions): UndoMessage {
  current?.remove();
  const { doc } = options;
  const element = doc.createElement(TOAST_TAG);
  element.setAttribute('popover', 'manual');
  if (options.theme !== null) element.setAttribute('data-theme', options.theme);
  // Open in the test build only, so browser tests can press its real buttons; closed otherwise.
  const shadow = element.attachShadow({ mode: import.meta.env.CC_TEST_BUILD ? 'open' : 'closed' });
  applyCardStyles(shadow, TOAST_CSS);
  const mount = doc.createElement('div');
  mount.className = 'reset';
  shadow.append(mount);
  hostContainer(doc).append(element);
  try {
    element.showPopover();
  } catch {
    // No popover support: the fixed position and z-index still apply.
  }

  let phase: UndoPhase = 'off';
  let timer: ReturnType<typeof setTimeout> | null = null;
  let held = false;
  let removed = false;
  const returnFocus = doc.activeElement;

  const remove = (): void => {
    if (removed) return;
    removed = true;
    if (timer !== null) clearTimeout(timer);
    const hadFocus = shadow.activeElement !== null;
    render(null, mount);
    try {
      element.hidePopover();
    } catch {
      // not shown
    }
    element.remove();
    if (current === handle) current = null;
    if (hadFocus && returnFocus instanceof HTMLElement && returnFocus.isConnected)
      returnFocus.focus({ preventScroll: true });
  };
  const handle: UndoMessage = { element, shadow, remove };
  current = handle;

  const schedule = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = held ? null : setTimeout(remove, phase === 'off' ? UNDO_SHOWN_MS : AFTER_UNDO_MS);
  };
  const hold = (on: boolean): void => {
    held = on;
    schedule();
  };
  element.addEventListener('pointerenter', () => hold(true));
  element.addEventListener('pointerleave', () => hold(shadow.activeElement !== null));
  element.addEventListener('focusin', () => hold(true));
  element.addEventListener('focusout', () => hold(element.matches(':hover')));
  element.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') remove();
  });

  const paint = (): void => {
    render(
      h(UndoToast, {
        lang: options.lang,
        site: options.site,
        phase,
        focusUndo: options.focusUndo,
        onUndo: () => {
          options.undo().then(
            () => show('on'),
            () => show('failed'),
          );
        },
        onDismiss: remove,
      }),
      mount,
    );
  };
  const show = (next: UndoPhase): void => {
    if (removed) return;
    // Undo goes from the message once used: focus on it goes back to the page, not to <body>.
    const hadFocus = shadow.activeElement !== null;
    phase = next;
    paint();
    if (hadFocus && next !== 'off' && returnFocus instanceof HTMLElement && returnFocus.isConnected)
      returnFocus.focus({ preventScroll: true });
    schedule();
  };
  show('off');
  return handle;
}
