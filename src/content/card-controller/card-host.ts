/**
 * The one shadow-root container of a card: `<context-cards-root>` with a closed shadow root,
 * shown in the top layer as a manual popover and placed next to a Range with floating-ui, or,
 * as a sheet, docked to the bottom (or top) edge of a narrow window, full width, never over its
 * mention (placement.ts, `placeSheet`). It exists only while a card is open: create on open,
 * `destroy()` on close.
 */
import { autoUpdate, computePosition, inline, offset, shift, type VirtualElement } from '@floating-ui/dom';
import { render, type ComponentChild } from 'preact';
import { previewCap } from '../../card-view/layout.ts';
import type { PageTheme } from '../page-theme.ts';
import { chooseSide, placeSheet, roomAround, sheetCap, type Side } from './placement.ts';
import { applyCardStyles, type StyleMode } from './shadow-styles.ts';
import { CARD_OFFSET_PX, MIN_CARD_HEIGHT_PX, VIEWPORT_PADDING_PX } from './timing.ts';

export const HOST_TAG = 'context-cards-root';

/** A card beside its mention, or a sheet at the window's edge (narrow windows, touch). */
export type CardLayout = 'float' | 'sheet';

export interface CardHost {
  readonly element: HTMLElement;
  readonly styleMode: StyleMode;
  render(content: ComponentChild): void;
  /**
   * Places the card next to `range` (the side by placement.ts) and keeps it there while the page
   * scrolls or reflows. Called again for another mention, it moves the same card there.
   */
  anchorTo(range: Range, pointer: { x: number; y: number } | null, onLost: () => void): void;
  /** Float beside the mention or dock as a sheet; set before the content renders and anchorTo. */
  setLayout(layout: CardLayout): void;
  /** The page's brightness behind the mention (null: the system's scheme decides). */
  setTheme(theme: PageTheme | null): void;
  /** The side of its mention the card is on, once placed. */
  side(): Side | null;
  /** The element focused inside the shadow root, if any (closed roots hide it from the page). */
  activeElement(): Element | null;
  /** Re-enters the top layer inside `container` (a modal dialog opened after the card). */
  moveTo(container: Element): void;
  /** Internals for test builds only. */
  readonly shadow: ShadowRoot;
  destroy(): void;
}

/**
 * Where the host goes: inside the topmost open modal <dialog> if there is one (everything outside
 * a modal dialog is inert, so a card there could be seen but not hovered or clicked), else
 * under <html>, outside any page container whose styles or overflow could reach it.
 */
export function hostContainer(doc: Document): Element {
  try {
    const modals = doc.querySelectorAll('dialog:modal');
    const top = modals[modals.length - 1];
    if (top) return top;
  } catch {
    // :modal unsupported: no modal dialogs to care about
  }
  return doc.documentElement;
}

function setImportant(el: HTMLElement, props: Readonly<Record<string, string>>): void {
  // CSSOM writes are not inline-style attributes, so a page CSP cannot block them.
  for (const [name, value] of Object.entries(props)) el.style.setProperty(name, value, 'important');
}

function showInTopLayer(el: HTMLElement): void {
  try {
    if (!el.matches(':popover-open')) el.showPopover();
  } catch {
    // No popover support or already shown elsewhere: the fixed position and z-index still apply.
  }
}

/** The line box of the mention that the card goes beside: the one under the pointer, if it wraps. */
function lineOf(range: Range, pointer: { x: number; y: number } | null): DOMRect {
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 || r.height > 0);
  if (pointer === null || rects.length < 2) return range.getBoundingClientRect();
  const distance = (r: DOMRect): number => (pointer.y < r.top ? r.top - pointer.y : Math.max(0, pointer.y - r.bottom));
  return rects.reduce((best, r) => (distance(r) < distance(best) ? r : best));
}

/** How tall the card would be with nothing capping it: its height, with the body's whole content. */
function naturalHeight(shadow: ShadowRoot, fallback: number): number {
  const card = shadow.querySelector<HTMLElement>('.card');
  if (!card) return fallback;
  const body = card.querySelector<HTMLElement>('.body');
  return body ? card.offsetHeight - body.clientHeight + body.scrollHeight : card.offsetHeight;
}

export function createCardHost(doc: Document): CardHost {
  const element = doc.createElement(HOST_TAG);
  element.setAttribute('popover', 'manual');
  // Open in the test build only, so that axe can read the card as it is shown (as for the Undo message).
  const shadow = element.attachShadow({ mode: import.meta.env.CC_TEST_BUILD ? 'open' : 'closed' });
  const styleMode = applyCardStyles(shadow);
  const mount = doc.createElement('div');
  // The page can still force inherited properties onto the host with !important; this wrapper
  // starts a fresh inheritance chain that no page rule can reach.
  mount.className = 'reset';
  shadow.append(mount);
  // Start off-screen until the first position is known, so the card never flashes at 0,0.
  setImportant(element, { left: '-10000px', top: '0px', right: 'auto', bottom: 'auto' });
  hostContainer(doc).append(element);
  showInTopLayer(element);

  let stopAutoUpdate: (() => void) | null = null;
  let destroyed = false;
  let side: Side | null = null;
  let layout: CardLayout = 'float';

  /**
   * Docks the sheet: its height capped at 60 % of the window, then to the edge that leaves the
   * mention in view, scrolling the page first when the mention would be under it. Decided once per
   * mention: later scrolling is the reader's, and the sheet stays where it is.
   */
  function dockSheet(range: Range, pointer: { x: number; y: number } | null): void {
    const view = doc.defaultView;
    if (!view) return;
    const height = view.innerHeight;
    element.style.setProperty('--cc-max-height', `${sheetCap(height)}px`);
    element.setAttribute('data-sheet', 'bottom');
    setImportant(element, { left: '0px', right: '0px', top: 'auto', bottom: '0px' });
    const scroller = doc.scrollingElement ?? doc.documentElement;
    const placement = placeSheet({
      line: lineOf(range, pointer),
      viewportHeight: height,
      sheetHeight: element.getBoundingClientRect().height,
      scrollRoom: Math.max(0, scroller.scrollHeight - height - view.scrollY),
      padding: VIEWPORT_PADDING_PX,
    });
    if (placement.scrollBy > 0) view.scrollBy({ top: placement.scrollBy, behavior: 'instant' });
    element.setAttribute('data-sheet', placement.edge);
    if (placement.edge === 'top') setImportant(element, { top: '0px', bottom: 'auto' });
    side = placement.edge === 'top' ? 'top' : 'bottom';
  }

  return {
    element,
    styleMode,
    shadow,
    render(content) {
      if (!destroyed) render(content, mount);
    },
    setLayout(next) {
      layout = next;
      if (next === 'float') {
        element.removeAttribute('data-sheet');
        setImportant(element, { right: 'auto', bottom: 'auto' });
      }
    },
    anchorTo(range, pointer, onLost) {
      stopAutoUpdate?.();
      side = null;
      const contextElement = range.startContainer.parentElement ?? undefined;
      const reference: VirtualElement = {
        getBoundingClientRect: () => range.getBoundingClientRect(),
        getClientRects: () => range.getClientRects(),
        ...(contextElement ? { contextElement } : {}),
      };
      if (layout === 'sheet') {
        dockSheet(range, pointer);
        stopAutoUpdate = autoUpdate(reference, element, () => {
          if (destroyed) return;
          if (!range.startContainer.isConnected || range.collapsed) {
            onLost();
            return;
          }
          // A turned phone: the sheet keeps its edge and width by CSS; its height cap follows the window.
          const cap = `${sheetCap(doc.defaultView?.innerHeight ?? 0)}px`;
          if (element.style.getPropertyValue('--cc-max-height') !== cap)
            element.style.setProperty('--cc-max-height', cap);
        });
        return;
      }
      const update = (): void => {
        if (destroyed) return;
        if (!range.startContainer.isConnected || range.collapsed) {
          onLost();
          return;
        }
        const view = doc.defaultView;
        const height = view?.innerHeight ?? 0;
        const placement = chooseSide({
          room: roomAround(lineOf(range, pointer), height, CARD_OFFSET_PX, VIEWPORT_PADDING_PX),
          natural: naturalHeight(shadow, element.offsetHeight),
          cap: previewCap(height),
          min: MIN_CARD_HEIGHT_PX,
          current: side,
        });
        side = placement.side;
        element.style.setProperty('--cc-max-height', `${placement.maxHeight}px`);
        element.setAttribute('data-side', placement.side);
        void computePosition(reference, element, {
          strategy: 'fixed',
          placement: `${placement.side}-start`,
          middleware: [
            // For a mention wrapped over two lines, anchor to the line under the pointer.
            inline(pointer ?? {}),
            offset(CARD_OFFSET_PX),
            // crossAxis: on a very short window the card may cover the mention rather than leave the screen.
            shift({ padding: VIEWPORT_PADDING_PX, crossAxis: true }),
          ],
        }).then(({ x, y }) => {
          if (!destroyed) setImportant(element, { left: `${Math.round(x)}px`, top: `${Math.round(y)}px` });
        });
      };
      stopAutoUpdate = autoUpdate(reference, element, update);
    },
    setTheme(theme) {
      if (theme === null) element.removeAttribute('data-theme');
      else element.setAttribute('data-theme', theme);
    },
    side: () => side,
    activeElement() {
      return shadow.activeElement;
    },
    moveTo(container) {
      if (destroyed || element.parentElement === container) return;
      container.append(element);
      showInTopLayer(element);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      stopAutoUpdate?.();
      render(null, mount);
      try {
        element.hidePopover();
      } catch {
        // not shown or no popover support
      }
      element.remove();
    },
  };
}
