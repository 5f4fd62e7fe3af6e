/**
 * The one shadow-root container of a card: `<context-cards-root>` with a closed shadow root,
 * shown in the top layer as a manual popover and placed next to a Range with floating-ui.
 * It exists only while a card is open: create on open, `destroy()` on close.
 */
import { autoUpdate, computePosition, flip, inline, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import { render, type ComponentChild } from 'preact';
import { applyCardStyles, type StyleMode } from './shadow-styles.ts';
import { CARD_OFFSET_PX, MIN_CARD_HEIGHT_PX, VIEWPORT_PADDING_PX } from './timing.ts';

export const HOST_TAG = 'context-cards-root';

export interface CardHost {
  readonly element: HTMLElement;
  readonly styleMode: StyleMode;
  render(content: ComponentChild): void;
  /** Places the card next to `range` and keeps it there while the page scrolls or reflows. */
  anchorTo(range: Range, pointer: { x: number; y: number } | null, onLost: () => void): void;
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

export function createCardHost(doc: Document): CardHost {
  const element = doc.createElement(HOST_TAG);
  element.setAttribute('popover', 'manual');
  const shadow = element.attachShadow({ mode: 'closed' });
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

  return {
    element,
    styleMode,
    shadow,
    render(content) {
      if (!destroyed) render(content, mount);
    },
    anchorTo(range, pointer, onLost) {
      stopAutoUpdate?.();
      const contextElement = range.startContainer.parentElement ?? undefined;
      const reference: VirtualElement = {
        getBoundingClientRect: () => range.getBoundingClientRect(),
        getClientRects: () => range.getClientRects(),
        ...(contextElement ? { contextElement } : {}),
      };
      const update = (): void => {
        if (destroyed) return;
        if (!range.startContainer.isConnected || range.collapsed) {
          onLost();
          return;
        }
        void computePosition(reference, element, {
          strategy: 'fixed',
          placement: 'bottom-start',
          middleware: [
            // For a mention wrapped over two lines, anchor to the line under the pointer.
            inline(pointer ?? {}),
            offset(CARD_OFFSET_PX),
            flip({ padding: VIEWPORT_PADDING_PX }),
            size({
              padding: VIEWPORT_PADDING_PX,
              apply({ availableHeight }) {
                element.style.setProperty(
                  '--cc-max-height',
                  `${Math.max(MIN_CARD_HEIGHT_PX, Math.floor(availableHeight))}px`,
                );
              },
            }),
            // After size: it sees the final height. crossAxis: on a very short viewport the card
            // may cover the mention rather than leave the screen.
            shift({ padding: VIEWPORT_PADDING_PX, crossAxis: true }),
          ],
        }).then(({ x, y }) => {
          if (!destroyed) setImportant(element, { left: `${Math.round(x)}px`, top: `${Math.round(y)}px` });
        });
      };
      stopAutoUpdate = autoUpdate(reference, element, update);
    },
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
