// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_RECENT_PAGES, type CardActions } from '../../../src/card-view/actions.ts';
import { createCardController, type CardControllerInternals } from '../../../src/content/card-controller/controller.ts';
import { CLOSE_GRACE_MS, SWITCH_DELAY_MS } from '../../../src/content/card-controller/timing.ts';
import type { MentionSource, PageMention } from '../../../src/content/types.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings.ts';
import { cardDataset } from '../card-view/card-dataset.ts';
import { libraryOf } from '../../../src/dataset/library.ts';

const HOVER_DELAY = 200;

/** A page with two mentions; the pointer "hits" one when it is inside its fake box. */
function fakePage() {
  document.body.replaceChildren();
  const p = document.createElement('p');
  p.textContent = 'Alice Example met Quiet Corp. ';
  const button = document.createElement('button');
  button.textContent = 'page button';
  document.body.append(p, button);
  const text = p.firstChild as Text;
  const range = (start: number, end: number) => {
    const r = document.createRange();
    r.setStart(text, start);
    r.setEnd(text, end);
    return r;
  };
  const mentions: PageMention[] = [
    { entityId: 'alice-example', range: range(0, 13) },
    { entityId: 'quiet-corp', range: range(18, 28) },
  ];
  const boxes = [
    { x: [0, 100], m: mentions[0] },
    { x: [200, 300], m: mentions[1] },
  ];
  const focusMarks: (PageMention | null)[] = [];
  const source: MentionSource = {
    mentions: () => mentions,
    mentionAt: (x, y) =>
      y >= 0 && y <= 20 ? (boxes.find((b) => x >= (b.x[0] ?? 0) && x <= (b.x[1] ?? 0))?.m ?? null) : null,
    setFocusMark: (m) => focusMarks.push(m),
  };
  return { source, mentions, focusMarks, button };
}

function actions(): CardActions {
  return {
    readSource: vi.fn(),
    readEntity: vi.fn(),
    turnOffOnSite: vi.fn(),
    close: vi.fn(),
    recentPages: () => Promise.resolve(NO_RECENT_PAGES),
  };
}

const host = () => document.querySelector('context-cards-root');

function pointerTo(x: number, y: number, target: EventTarget = document.body): void {
  target.dispatchEvent(
    new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true, composed: true, pointerType: 'mouse' }),
  );
}

let page: ReturnType<typeof fakePage>;
let abort: AbortController;
let controller: CardControllerInternals;

function start(settings: Partial<Settings> = {}, browserLanguage = 'en-US'): void {
  controller = createCardController({
    source: page.source,
    library: libraryOf(cardDataset()),
    settings: { ...DEFAULT_SETTINGS, hoverDelayMs: HOVER_DELAY, ...settings },
    signal: abort.signal,
    actions: (env) => ({ ...actions(), close: env.close }),
    browserLanguage: () => browserLanguage,
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'Date'] });
  page = fakePage();
  abort = new AbortController();
});
afterEach(() => {
  abort.abort();
  vi.useRealTimers();
});

describe('hover', () => {
  it('opens the card of the mention under the pointer after the hover delay, not before', () => {
    start();
    pointerTo(50, 10);
    vi.advanceTimersByTime(HOVER_DELAY - 50);
    expect(host()).toBeNull();
    vi.advanceTimersByTime(100);
    expect(host()).not.toBeNull();
    expect(controller.current()?.mention.entityId).toBe('alice-example');
    expect(controller.current()?.via).toBe('pointer');
  });

  it('does not open when the pointer only sweeps across a mention', () => {
    start();
    pointerTo(50, 10);
    vi.advanceTimersByTime(HOVER_DELAY / 2);
    pointerTo(150, 10);
    vi.advanceTimersByTime(HOVER_DELAY * 2);
    expect(host()).toBeNull();
  });

  it('stays open while the pointer is over the card, and closes after the grace period once it leaves both', () => {
    start();
    pointerTo(50, 10);
    vi.advanceTimersByTime(HOVER_DELAY + 20);
    const el = host();
    if (!el) throw new Error('no card');
    pointerTo(150, 10); // the gap between mention and card
    vi.advanceTimersByTime(CLOSE_GRACE_MS / 2);
    pointerTo(150, 60, el); // into the card
    vi.advanceTimersByTime(CLOSE_GRACE_MS * 3);
    expect(host()).toBe(el);
    pointerTo(150, 400); // away from both
    vi.advanceTimersByTime(CLOSE_GRACE_MS - 20);
    expect(host()).toBe(el);
    vi.advanceTimersByTime(40);
    expect(host()).toBeNull();
  });

  it('replaces the card when another mention is hovered', () => {
    start();
    pointerTo(50, 10);
    vi.advanceTimersByTime(HOVER_DELAY + 20);
    pointerTo(250, 10);
    vi.advanceTimersByTime(HOVER_DELAY + 20);
    expect(controller.current()?.mention.entityId).toBe('quiet-corp');
    expect(document.querySelectorAll('context-cards-root')).toHaveLength(1);
  });

  it('switches an open card to a neighbouring mention in place: the same host, never a moment without a card', () => {
    start();
    pointerTo(50, 10);
    vi.advanceTimersByTime(HOVER_DELAY + 20);
    const el = host();
    if (!el) throw new Error('no card');
    const heading = (): string | null | undefined => controller.current()?.host.shadow.querySelector('h2')?.textContent;
    expect(heading()).toBe('Alice Example');
    pointerTo(250, 10);
    vi.advanceTimersByTime(16); // the frame that hit-tests the pointer
    for (let t = 0; t < SWITCH_DELAY_MS + 40; t += 10) {
      vi.advanceTimersByTime(10);
      expect(host()).toBe(el);
    }
    expect(controller.current()?.mention.entityId).toBe('quiet-corp');
    expect(heading()).toBe('Quiet Corp');
    expect(el.getAttribute('popover')).toBe('manual');
    expect(document.querySelectorAll('context-cards-root')).toHaveLength(1);
  });

  it('switches into a new host when the page took the shown one out of the document', () => {
    start();
    pointerTo(50, 10);
    vi.advanceTimersByTime(HOVER_DELAY + 20);
    const el = host();
    el?.remove();
    pointerTo(250, 10);
    vi.advanceTimersByTime(16 + SWITCH_DELAY_MS + 20);
    expect(controller.current()?.mention.entityId).toBe('quiet-corp');
    expect(host()).not.toBeNull();
    expect(host()).not.toBe(el);
    expect(controller.current()?.host.element.isConnected).toBe(true);
  });

  it('closes on Escape and on a click elsewhere', () => {
    start();
    pointerTo(50, 10);
    vi.advanceTimersByTime(HOVER_DELAY + 20);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(host()).toBeNull();
    pointerTo(60, 10);
    vi.advanceTimersByTime(HOVER_DELAY + 20);
    expect(host()).not.toBeNull();
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    expect(host()).toBeNull();
  });

  it('ignores mentions of hidden entities and closes their card when they become hidden', () => {
    start({ hiddenEntities: ['quiet-corp'] });
    pointerTo(250, 10);
    vi.advanceTimersByTime(HOVER_DELAY * 2);
    expect(host()).toBeNull();
    pointerTo(50, 10);
    vi.advanceTimersByTime(HOVER_DELAY + 20);
    expect(host()).not.toBeNull();
    controller.update({ ...DEFAULT_SETTINGS, hiddenEntities: ['alice-example'] });
    expect(host()).toBeNull();
  });
});

describe('keyboard', () => {
  it('steps through mentions with the focus mark, focus in the card, and Escape returns focus', () => {
    start();
    page.button.focus();
    expect(controller.step(null, 1)).toBe(true);
    expect(controller.current()?.via).toBe('keyboard');
    expect(page.focusMarks.at(-1)?.entityId).toBe('alice-example');
    const dialog = controller.current()?.dialog();
    expect(dialog?.getAttribute('role')).toBe('dialog');
    expect(controller.current()?.host.activeElement()).toBe(dialog);
    expect(controller.step(null, 1)).toBe(true);
    expect(controller.current()?.mention.entityId).toBe('quiet-corp');
    expect(controller.step(null, 1)).toBe(true);
    expect(controller.current()?.mention.entityId).toBe('alice-example');
    expect(controller.step(null, -1)).toBe(true);
    expect(controller.current()?.mention.entityId).toBe('quiet-corp');
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(host()).toBeNull();
    expect(page.focusMarks.at(-1)).toBeNull();
    expect(document.activeElement).toBe(page.button);
  });

  it('steps within one entity and says false when it has no mention', () => {
    start();
    expect(controller.step('quiet-corp', 1)).toBe(true);
    expect(controller.current()?.mention.entityId).toBe('quiet-corp');
    expect(controller.step('quiet-corp', 1)).toBe(true);
    expect(controller.current()?.mention.entityId).toBe('quiet-corp');
    controller.close();
    expect(controller.step('nobody', 1)).toBe(false);
    expect(host()).toBeNull();
  });

  it('keeps a keyboard card open when the pointer moves elsewhere', () => {
    start();
    controller.step(null, 1);
    pointerTo(150, 400);
    vi.advanceTimersByTime(CLOSE_GRACE_MS * 3);
    expect(host()).not.toBeNull();
  });
});

describe('settings and teardown', () => {
  it('follows the card language setting, auto from the browser', () => {
    start({}, 'de-DE');
    controller.step(null, 1);
    expect(controller.current()?.dialog()?.getAttribute('lang')).toBe('de');
    controller.update({ ...DEFAULT_SETTINGS, language: 'en' });
    expect(controller.current()?.dialog()?.getAttribute('lang')).toBe('en');
  });

  it('removes the card and stops listening when the signal aborts', () => {
    start();
    controller.step(null, 1);
    abort.abort();
    expect(host()).toBeNull();
    pointerTo(50, 10);
    vi.advanceTimersByTime(HOVER_DELAY * 2);
    expect(host()).toBeNull();
    expect(controller.step(null, 1)).toBe(false);
  });
});
