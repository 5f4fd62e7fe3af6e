/**
 * Test build only (import.meta.env.CC_TEST_BUILD): lets e2e tests drive the controller and look
 * inside the closed shadow root, through the card hook of test-hook-protocol.ts. Never in the
 * shipped build.
 */
import { isObject } from '../../shared/messages.ts';
import { createRouter, type Handlers } from '../../shared/protocol.ts';
import {
  CARD_HOOK,
  CARD_HOOK_ATTRIBUTE,
  CARD_HOOK_EVENT,
  CARD_HOOK_READY,
  type CardHookProtocol,
  type CardSnapshot,
  type HookAnswer,
  type Rect,
} from '../test-hook-protocol.ts';
import { liveRange } from '../mention-range.ts';
import type { CardControllerInternals } from './controller.ts';

function rectOf(el: Element | DOMRect | null): Rect | null {
  if (!el) return null;
  const r = el instanceof DOMRect ? el : el.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}

function inspect(controller: CardControllerInternals): CardSnapshot {
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
    sheet: element.getAttribute('data-sheet'),
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
    mentionRect: rectOf(liveRange(open.mention)?.getClientRects()[0] ?? null),
    announcement: shadow.querySelector('[role="status"]')?.textContent ?? null,
    recentPages: shadow.querySelector('[data-testid="recent-pages"]')?.textContent ?? null,
  };
}

function handlers(controller: CardControllerInternals): Handlers<CardHookProtocol, null> {
  const inCard = (selector: string): Element | null =>
    controller.current()?.host.shadow.querySelector(selector) ?? null;
  return {
    step: ({ entityId, direction }) => controller.step(entityId, direction),
    inspect: () => inspect(controller),
    close: () => {
      controller.close();
      return true;
    },
    back: () => controller.requestClose(),
    rect: ({ selector }) => rectOf(inCard(selector)),
    texts: ({ selector }) =>
      [...(controller.current()?.host.shadow.querySelectorAll(selector) ?? [])].map((el) => el.textContent ?? ''),
    click: ({ selector }) => {
      const el = inCard(selector);
      if (!(el instanceof HTMLElement)) return false;
      el.click();
      return true;
    },
    probe: ({ selector }) => {
      const el = inCard(selector);
      const rect = rectOf(el);
      if (!el || !rect) return null;
      return {
        rect,
        attributes: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
        opacity: getComputedStyle(el).opacity,
        scrollTop: el.scrollTop,
        scrollHeight: el.scrollHeight,
        clientHeight: el.clientHeight,
        animations: el.getAnimations().filter((a) => a.playState === 'running').length,
      };
    },
    scroll: ({ selector, top }) => {
      const el = inCard(selector);
      if (!el) return false;
      el.scrollTop = top;
      return true;
    },
  };
}

/** The id of a CardHookRequest and the request itself (the router checks the rest). */
function parseRequest(detail: unknown): { id: number; request: unknown } | null {
  if (typeof detail !== 'string') return null;
  try {
    const request: unknown = JSON.parse(detail);
    return isObject(request) && typeof request['id'] === 'number' ? { id: request['id'], request } : null;
  } catch {
    return null;
  }
}

function answer(value: HookAnswer): void {
  document.documentElement.setAttribute(CARD_HOOK_ATTRIBUTE, JSON.stringify(value));
}

export function installTestHook(controller: CardControllerInternals, signal: AbortSignal): void {
  const route = createRouter(CARD_HOOK, handlers(controller), () => 'page-script');
  document.addEventListener(
    CARD_HOOK_EVENT,
    (e) => {
      const parsed = parseRequest((e as CustomEvent<unknown>).detail);
      if (parsed === null) return;
      const { id, request } = parsed;
      // The first card of a page shows once its data has come from the background: a request
      // sees the card as the user does, before it (a card opened by hovering) and after it (`step`).
      void controller
        .settled()
        .then(() => route(request, null))
        .then(async (result) => {
          await controller.settled();
          return result;
        })
        .then(
          (result) => {
            if (result !== undefined) answer({ id, result });
          },
          (error: unknown) => answer({ id, error: error instanceof Error ? error.message : String(error) }),
        );
    },
    { signal },
  );
  answer(CARD_HOOK_READY);
}
