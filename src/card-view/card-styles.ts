import { PREVIEW_MAX_HEIGHT_PX, PREVIEW_MAX_VIEWPORT_SHARE } from './layout.ts';

/** The card's colours: every text colour meets WCAG AA on the backgrounds it is drawn on. */
const LIGHT: Readonly<Record<string, string>> = {
  '--cc-bg': '#ffffff',
  '--cc-fg': '#1a1c20',
  '--cc-muted': '#555b66',
  '--cc-border': '#c9ced6',
  '--cc-accent': '#1d4ed8',
  '--cc-accent-fg': '#ffffff',
  '--cc-chip': '#eef1f5',
  '--cc-reported': '#fdf0d5',
  '--cc-opinion': '#efe4fb',
  '--cc-ok': '#1b6b35',
  '--cc-warn': '#8a5300',
  '--cc-bad': '#b3261e',
  '--cc-shadow': '0 8px 28px rgba(15, 23, 42, 0.22), 0 1px 3px rgba(15, 23, 42, 0.18)',
  '--cc-edge-shadow': 'rgba(15, 23, 42, 0.22)',
};
const DARK: Readonly<Record<string, string>> = {
  '--cc-bg': '#1f2228',
  '--cc-fg': '#eceef2',
  '--cc-muted': '#a9b0bc',
  '--cc-border': '#3d434d',
  '--cc-accent': '#8ab4ff',
  '--cc-accent-fg': '#0b1220',
  '--cc-chip': '#2c313a',
  '--cc-reported': '#3d3119',
  '--cc-opinion': '#35294a',
  '--cc-ok': '#7bd497',
  '--cc-warn': '#f0bd6a',
  '--cc-bad': '#ff8f86',
  '--cc-shadow': '0 8px 28px rgba(0, 0, 0, 0.55)',
  '--cc-edge-shadow': 'rgba(0, 0, 0, 0.6)',
};

const declare = (palette: Readonly<Record<string, string>>): string =>
  Object.entries(palette)
    .map(([name, value]) => `  ${name}: ${value};`)
    .join('\n');

/**
 * The colours of a shadow root's host: the system's scheme by default, or the page's own
 * brightness when the content script could read it (`data-theme` on the host, page-theme.ts),
 * so a card on a dark page is dark even under a light system, and the other way round.
 */
export const THEME_CSS = `
:host { all: initial; }
:host {
  color-scheme: light dark;
${declare(LIGHT)}
}
@media (prefers-color-scheme: dark) {
  :host {
${declare(DARK)}
  }
}
:host([data-theme="light"]) {
  color-scheme: light;
${declare(LIGHT)}
}
:host([data-theme="dark"]) {
  color-scheme: dark;
${declare(DARK)}
}
`;

/**
 * The card's stylesheet, adopted into its shadow root as a constructable sheet (a page CSP that
 * forbids inline styles does not apply to it). `:host { all: initial }` cuts off everything the
 * page would otherwise pass down; the !important block keeps page rules aimed at our element
 * (or at every [popover]) from moving or hiding it.
 *
 * Layout: a column of a fixed header (product and source, name, close), a body that scrolls,
 * and a fixed footer (the check date, the actions). Its height is at most min(420 px, 55 % of the
 * window) and never more than the room beside the mention (`--cc-max-height`, set by the host).
 * As a sheet (`data-sheet="bottom"|"top"` on the host, narrow windows opened by touch) it spans
 * the window's width, at most 60 % of its height (`--cc-max-height` again), with a close button
 * of 44 × 44 px.
 */
export const CARD_CSS = `${THEME_CSS}
:host {
  display: block !important;
  position: fixed !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  background: transparent !important;
  overflow: visible !important;
  width: max-content !important;
  height: auto !important;
  max-width: min(25rem, calc(100vw - 16px)) !important;
  min-width: 0 !important;
  opacity: 1 !important;
  visibility: visible !important;
  transform: none !important;
  z-index: 2147483647 !important;
}
*, *::before, *::after { box-sizing: border-box; }
.reset { all: initial; display: block; }
.card {
  display: flex;
  flex-direction: column;
  max-height: min(var(--cc-max-height, ${PREVIEW_MAX_HEIGHT_PX}px), ${PREVIEW_MAX_HEIGHT_PX}px, ${Math.round(PREVIEW_MAX_VIEWPORT_SHARE * 100)}vh);
  overflow: hidden;
  background: var(--cc-bg);
  color: var(--cc-fg);
  border: 1px solid var(--cc-border);
  border-radius: 10px;
  box-shadow: var(--cc-shadow);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  text-align: start;
  padding: 0;
}
.card:focus { outline: none; }
.card:focus-visible { outline: 2px solid var(--cc-accent); outline-offset: -2px; }
@media (prefers-reduced-motion: no-preference) {
  .card { animation: cc-in 120ms ease-out; }
  @keyframes cc-in { from { opacity: 0; transform: translateY(2px); } to { opacity: 1; transform: none; } }
}
.header { flex: none; padding: 8px 10px 6px 14px; border-bottom: 1px solid var(--cc-border); }
.brand { margin: 0; color: var(--cc-muted); font-size: 11.5px; line-height: 1.4; }
.title-row { display: flex; align-items: flex-start; justify-content: space-between; gap: 8px; }
.name { font-size: 16px; line-height: 1.3; font-weight: 650; margin: 2px 0 0; }
.body-wrap { position: relative; flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; }
.body { flex: 1 1 auto; min-height: 0; overflow-y: auto; overscroll-behavior: contain; padding: 8px 14px 10px; }
/* The sign that the body scrolls: a fade at each edge with more beyond it (overlay scrollbars show none). */
.fade { position: absolute; left: 0; right: 0; height: 32px; pointer-events: none; opacity: 0; }
.fade-top { top: 0; background: linear-gradient(var(--cc-bg), transparent); }
.fade-bottom { bottom: 0; background: linear-gradient(transparent, var(--cc-bg) 85%); }
.body-wrap[data-more-above] .fade-top, .body-wrap[data-more-below] .fade-bottom { opacity: 1; }
.body-wrap[data-more-below] + .footer { box-shadow: 0 -6px 8px -6px var(--cc-edge-shadow); }
@media (prefers-reduced-motion: no-preference) { .fade { transition: opacity 120ms; } }
.meta { margin: 0; color: var(--cc-muted); font-size: 13px; }
.kind { font-weight: 600; }
.summary { margin: 8px 0 0; }
.summary[data-clamped] { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; line-clamp: 3; overflow: hidden; }
.summary-toggle { display: block; margin-top: 2px; }
.section-title { font-size: 12px; letter-spacing: 0.04em; text-transform: uppercase; color: var(--cc-muted); margin: 12px 0 4px; font-weight: 650; }
.section-when { text-transform: none; letter-spacing: normal; font-weight: 400; }
.story-title { font-size: 13px; margin: 10px 0 2px; font-weight: 650; }
.as-of { color: var(--cc-muted); font-size: 12.5px; }
.meta .as-of { white-space: nowrap; }
.next { margin: 12px 0 0; padding-top: 8px; border-top: 1px solid var(--cc-border); }
.next .section-title { margin-top: 0; }
.next-list { list-style: none; margin: 0; padding: 0; }
.next-list > li { margin: 0 0 6px; }
.next-date { font-weight: 650; }
.claims { list-style: none; margin: 0; padding: 0; }
.claim { padding: 8px 0; border-top: 1px solid var(--cc-border); }
.claim:first-child { border-top: 0; }
.claim-text { margin: 4px 0; }
.claim-tools { display: flex; flex-wrap: wrap; gap: 2px 14px; margin: 2px 0 0; }
.note-toggle-contradicted { color: var(--cc-bad); }
.note-toggle-qualified { color: var(--cc-warn); }
.note-toggle::before, .quote-toggle::before { content: "▸ "; display: inline-block; text-decoration: none; }
.note-toggle[aria-expanded="true"]::before, .quote-toggle[aria-expanded="true"]::before { content: "▾ "; }
.all-claims { margin: 6px 0 0; }
.all-claims .link-button { font-size: 14px; font-weight: 600; }
.lead-verdict { margin: 0 0 2px; font-size: 12.5px; font-weight: 700; }
.lead-contradicted { color: var(--cc-bad); }
.lead-qualified { color: var(--cc-warn); }
.who { font-size: 12.5px; font-weight: 600; color: var(--cc-muted); }
.who-anonymous { font-style: italic; }
.fallback, .empty { color: var(--cc-muted); }
.chips { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 8px; margin: 0; }
.chip {
  display: inline-block;
  font-size: 11.5px;
  line-height: 1.5;
  padding: 0 7px;
  border-radius: 999px;
  /* transparent borders become visible outlines in forced-colors mode */
  border: 1px solid transparent;
  background: var(--cc-chip);
  color: var(--cc-fg);
}
/* "Stated as fact" is how the article frames a claim, not a finding: it gets no reassuring colour. */
.chip-kind-fact { background: var(--cc-chip); }
.chip-kind-reported { background: var(--cc-reported); }
.chip-kind-opinion { background: var(--cc-opinion); }
blockquote { margin: 6px 0; padding: 2px 0 2px 10px; border-left: 3px solid var(--cc-border); font-style: italic; }
/* In the article's language the quote is the claim's text: upright, to be read, not skimmed. */
blockquote.claim-quote { margin: 4px 0; font-style: normal; }
.insertion { color: var(--cc-muted); font-style: normal; }
.note { margin: 6px 0 0; padding: 6px 8px; border-radius: 6px; border: 1px solid var(--cc-border); border-left-width: 4px; }
.note p { margin: 0; }
.note-corroborated { border-left-color: var(--cc-ok); }
.note-qualified { border-left-color: var(--cc-warn); }
.note-contradicted { border-left-color: var(--cc-bad); }
.note-contradicted .verdict { color: var(--cc-bad); }
.sources { margin: 4px 0 0; padding-left: 18px; font-size: 13px; }
a { color: var(--cc-accent); text-underline-offset: 2px; }
a:focus-visible, button:focus-visible { outline: 2px solid var(--cc-accent); outline-offset: 2px; }
button { font: inherit; color: inherit; cursor: pointer; }
.link-button { background: none; border: 0; padding: 0; color: var(--cc-accent); text-decoration: underline; text-underline-offset: 2px; font-size: 13px; }
.close { flex: none; width: 28px; height: 28px; border-radius: 6px; border: 1px solid transparent; background: none; font-size: 20px; line-height: 1; color: var(--cc-muted); }
.close:hover { background: var(--cc-chip); }
.footer { flex: none; padding: 8px 14px 10px; border-top: 1px solid var(--cc-border); font-size: 12.5px; color: var(--cc-muted); }
.footer p { margin: 0 0 6px; }
.source-line { margin: 10px 0 0; color: var(--cc-muted); font-size: 12.5px; }
.recent { margin: 10px 0 0; color: var(--cc-muted); font-size: 13px; }
.recent p { margin: 0; }
.recent-list { margin: 0 0 6px; padding-left: 18px; }
.recent-list li { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; }
.button { border: 1px solid var(--cc-border); background: var(--cc-bg); border-radius: 6px; padding: 4px 10px; font-size: 13px; }
.button.primary { background: var(--cc-accent); color: var(--cc-accent-fg); border-color: var(--cc-accent); }
.error { margin: 8px 0 0; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }
[hidden] { display: none !important; }
/* The sheet: docked to an edge of a narrow window, full width, rounded only on its free side. */
:host([data-sheet]) { width: 100% !important; max-width: none !important; }
:host([data-sheet]) .card { max-height: var(--cc-max-height, 60vh); border-radius: 14px 14px 0 0; border-width: 1px 0 0; box-shadow: 0 -6px 24px var(--cc-edge-shadow); }
:host([data-sheet="top"]) .card { border-radius: 0 0 14px 14px; border-width: 0 0 1px; box-shadow: 0 6px 24px var(--cc-edge-shadow); }
:host([data-sheet]) .header { padding: 6px 6px 6px 16px; }
:host([data-sheet]) .close { width: 44px; height: 44px; font-size: 26px; border-radius: 10px; }
:host([data-sheet]) .body { padding: 8px 16px 12px; }
:host([data-sheet]) .footer { padding: 8px 16px max(10px, env(safe-area-inset-bottom)); }
:host([data-sheet]) .button { min-height: 44px; padding: 8px 14px; font-size: 14px; }
:host([data-sheet]) .link-button { padding: 4px 0; }
@media (pointer: coarse) {
  .close { width: 44px; height: 44px; }
  .button { min-height: 44px; }
}
@media (forced-colors: active) {
  .card { border-color: CanvasText; }
  .fade { display: none; }
  .body-wrap[data-more-below] + .footer { border-top: 3px double CanvasText; }
  .chip, .note, .button, .close { border-color: CanvasText; }
  .button.primary { background: ButtonFace; color: ButtonText; }
  .card:focus-visible, a:focus-visible, button:focus-visible { outline-color: Highlight; }
}
`;
