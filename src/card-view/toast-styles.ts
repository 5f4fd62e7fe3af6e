import { THEME_CSS } from './card-styles.ts';

/**
 * The Undo message's stylesheet: the card's colours and its guard against page rules, as a
 * small bar at the bottom centre of the window.
 */
export const TOAST_CSS = `${THEME_CSS}
:host {
  display: block !important;
  position: fixed !important;
  inset: auto 0 16px 0 !important;
  margin: 0 auto !important;
  padding: 0 !important;
  border: 0 !important;
  background: transparent !important;
  overflow: visible !important;
  width: max-content !important;
  max-width: calc(100vw - 16px) !important;
  height: auto !important;
  opacity: 1 !important;
  visibility: visible !important;
  transform: none !important;
  z-index: 2147483647 !important;
}
*, *::before, *::after { box-sizing: border-box; }
.reset { all: initial; display: block; }
.toast {
  display: flex;
  align-items: center;
  gap: 10px;
  padding: 8px 8px 8px 14px;
  background: var(--cc-bg);
  color: var(--cc-fg);
  border: 1px solid var(--cc-border);
  border-radius: 10px;
  box-shadow: var(--cc-shadow);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
@media (prefers-reduced-motion: no-preference) {
  .toast { animation: cc-in 120ms ease-out; }
  @keyframes cc-in { from { opacity: 0; transform: translateY(4px); } to { opacity: 1; transform: none; } }
}
.toast-text { margin: 0; }
button { font: inherit; color: inherit; cursor: pointer; }
.button { border: 1px solid var(--cc-border); background: var(--cc-bg); border-radius: 6px; padding: 4px 12px; font-size: 13px; }
.button.primary { background: var(--cc-accent); color: var(--cc-accent-fg); border-color: var(--cc-accent); }
.close { flex: none; width: 28px; height: 28px; border-radius: 6px; border: 1px solid transparent; background: none; font-size: 20px; line-height: 1; color: var(--cc-muted); }
.close:hover { background: var(--cc-chip); }
button:focus-visible { outline: 2px solid var(--cc-accent); outline-offset: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }
@media (forced-colors: active) {
  .toast, .button, .close { border-color: CanvasText; }
  .button.primary { background: ButtonFace; color: ButtonText; }
  button:focus-visible { outline-color: Highlight; }
}
`;
