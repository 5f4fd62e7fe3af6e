/**
 * Test build only (import.meta.env.CC_TEST_BUILD): lets e2e tests drive the controller and look
 * inside the closed shadow root. A page dispatches `context-cards:test` with a JSON command in
 * `detail`; the answer appears as JSON in `data-cc-test` on <html>. Never in the shipped build.
 */
import type { CardControllerInternals } from './controller.ts';

export const TEST_EVENT = 'context-cards:test';
export const TEST_ATTRIBUTE = 'data-cc-test';

type Command =
  | { id: number; cmd: 'step'; entityId: string | null; direction: 1 | -1 }
  | { id: number; cmd: 'inspect' }
  | { id: number; cmd: 'close' }
  | { id: number; cmd: 'rect'; selector: string }
  | { id: number; cmd: 'texts'; selector: string }
  | { id: number; cmd: 'click'; selector: string };

function rectOf(el: Element | null): { x: number; y: number; width: number; height: number } | null {
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}

function inspect(controller: CardControllerInternals): unknown {
  const open = controller.current();
  if (!open) return { open: false };
  const { shadow, element } = open.host;
  const card = shadow.querySelector('.card');
  const style = card ? getComputedStyle(card) : null;
  const active = shadow.activeElement;
  return {
    open: true,
    entityId: open.mention.entityId,
    via: open.via,
    state: card?.getAttribute('data-state') ?? null,
    role: card?.getAttribute('role') ?? null,
    label: card?.getAttribute('aria-label') ?? null,
    lang: card?.getAttribute('lang') ?? null,
    heading: shadow.querySelector('.name')?.textContent ?? null,
    text: card?.textContent ?? '',
    styleMode: open.host.styleMode,
    adoptedSheets: shadow.adoptedStyleSheets.length,
    popoverOpen: element.matches(':popover-open'),
    container: element.parentElement?.localName ?? null,
    focus: {
      inCard: active !== null,
      activeRole: active?.getAttribute('role') ?? null,
      documentActive: document.activeElement?.localName ?? null,
    },
    style: style && {
      backgroundColor: style.backgroundColor,
      borderRadius: style.borderTopLeftRadius,
      fontFamily: style.fontFamily,
      paddingTop: style.paddingTop,
      boxShadow: style.boxShadow,
      display: style.display,
      maxHeight: style.maxHeight,
      letterSpacing: style.letterSpacing,
      hostMaxHeight: element.style.getPropertyValue('--cc-max-height'),
    },
    hostRect: rectOf(element),
    announcement: shadow.querySelector('[role="status"]')?.textContent ?? null,
    recentPages: shadow.querySelector('[data-testid="recent-pages"]')?.textContent ?? null,
  };
}

function run(controller: CardControllerInternals, command: Command): unknown {
  switch (command.cmd) {
    case 'step':
      return controller.step(command.entityId, command.direction);
    case 'inspect':
      return inspect(controller);
    case 'close':
      controller.close();
      return true;
    case 'rect':
      return rectOf(controller.current()?.host.shadow.querySelector(command.selector) ?? null);
    case 'texts':
      // Read-only: the text of every element the selector matches, in document order.
      return [...(controller.current()?.host.shadow.querySelectorAll(command.selector) ?? [])].map(
        (el) => el.textContent ?? '',
      );
    case 'click': {
      const el = controller.current()?.host.shadow.querySelector(command.selector);
      if (!(el instanceof HTMLElement)) return false;
      el.click();
      return true;
    }
  }
}

export function installTestHook(controller: CardControllerInternals, signal: AbortSignal): void {
  document.addEventListener(
    TEST_EVENT,
    (e) => {
      const detail = (e as CustomEvent<unknown>).detail;
      if (typeof detail !== 'string') return;
      let command: Command;
      try {
        command = JSON.parse(detail) as Command;
      } catch {
        return;
      }
      let result: unknown;
      try {
        result = run(controller, command);
      } catch (error) {
        result = { error: error instanceof Error ? error.message : String(error) };
      }
      document.documentElement.setAttribute(TEST_ATTRIBUTE, JSON.stringify({ id: command.id, result }));
    },
    { signal },
  );
  document.documentElement.setAttribute(TEST_ATTRIBUTE, JSON.stringify({ id: 0, result: 'ready' }));
}
