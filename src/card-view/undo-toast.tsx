import { useLayoutEffect, useRef } from 'preact/hooks';
import { Announcer } from './card.tsx';
import { PRODUCT_NAME, STRINGS, type CardLang } from './strings.ts';

/** off: just switched off, Undo offered; on: Undo worked; failed: Undo could not write the setting. */
export type UndoPhase = 'off' | 'on' | 'failed';

export interface UndoToastProps {
  readonly lang: CardLang;
  /** The site switched off, as the popup's site switch names it. */
  readonly site: string;
  readonly phase: UndoPhase;
  /** Move focus to Undo: the card that was switched off had it (keyboard users keep their place). */
  readonly focusUndo: boolean;
  readonly onUndo: () => void;
  readonly onDismiss: () => void;
}

/**
 * The short message after "Turn off on this site": what happened, and Undo. Shown outside the
 * card (the card and the marks are gone by then) and for a few seconds only; the host keeps it
 * while the pointer or focus is on it.
 */
export function UndoToast({ lang, site, phase, focusUndo, onUndo, onDismiss }: UndoToastProps) {
  const strings = STRINGS[lang];
  const undo = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (focusUndo && phase === 'off') undo.current?.focus({ preventScroll: true });
  }, [focusUndo, phase]);
  const text =
    phase === 'off' ? strings.turnedOff(site) : phase === 'on' ? strings.turnedOnAgain(site) : strings.undoFailed;
  return (
    <div class="toast" role="group" aria-label={PRODUCT_NAME} lang={lang} data-phase={phase}>
      <Announcer text={text} />
      <p class="toast-text" aria-hidden="true">
        {text}
      </p>
      {phase === 'off' && (
        <button ref={undo} type="button" class="button primary" data-action="undo" onClick={onUndo}>
          {strings.undo}
        </button>
      )}
      <button
        type="button"
        class="close"
        data-action="dismiss"
        aria-label={strings.dismiss}
        title={strings.dismiss}
        onClick={onDismiss}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
