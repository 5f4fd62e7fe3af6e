// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_RECENT_PAGES, type CardActions } from '../../../src/card-view/actions.ts';
import { createCardController, type CardControllerInternals } from '../../../src/content/card-controller/controller.ts';
import { CLOSE_GRACE_MS, SWITCH_DELAY_MS } from '../../../src/content/card-controller/timing.ts';
import type { CardLibrary, MentionSource, PageMention } from '../../../src/content/types.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings.ts';
import { cardDataset } from '../card-view/card-dataset.ts';
import { libraryOf, type Library } from '../../../src/dataset/library.ts';
import { STRINGS } from '../../../src/card-view/strings.ts';
import { FakeStaticRange } from './harness.ts';

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
  const at = (start: number, end: number) =>
    new FakeStaticRange({ startContainer: text, startOffset: start, endContainer: text, endOffset: end });
  const mentions: PageMention[] = [
    { entityId: 'alice-example', at: at(0, 13), current: true },
    { entityId: 'quiet-corp', at: at(18, 28), current: true },
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

function start(
  settings: Partial<Settings> = {},
  browserLanguage = 'en-US',
  library: Library | CardLibrary = libraryOf(cardDataset()),
): void {
  controller = createCardController({
    source: page.source,
    library,
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

  it('opens no card for a mention whose text changed since it was read (its positions may point elsewhere)', async () => {
    start();
    pointerTo(50, 10);
    (page.mentions[0] as { current: boolean }).current = false;
    vi.advanceTimersByTime(HOVER_DELAY + 20);
    await Promise.resolve();
    expect(host()).toBeNull();
    expect(controller.current()).toBeNull();
    // A current mention still opens its card.
    pointerTo(250, 10);
    vi.advanceTimersByTime(HOVER_DELAY + 20);
    await Promise.resolve();
    expect(controller.current()?.mention.entityId).toBe('quiet-corp');
    expect(host()).not.toBeNull();
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

describe('touch', () => {
  let clock = 1000;
  /** A touch (or pen) pointer event at (x, y), with its time stamp set: happy-dom's is the wall clock. */
  function touch(
    type: string,
    x: number,
    y: number,
    target: EventTarget = document.body,
    extra: PointerEventInit = {},
  ) {
    const e = new PointerEvent(type, {
      clientX: x,
      clientY: y,
      bubbles: true,
      composed: true,
      pointerType: 'touch',
      pointerId: 7,
      ...extra,
    });
    Object.defineProperty(e, 'timeStamp', { value: clock });
    target.dispatchEvent(e);
  }
  function tap(x: number, y: number, target: EventTarget = document.body, heldMs = 80): void {
    touch('pointerdown', x, y, target);
    clock += heldMs;
    touch('pointerup', x, y, target);
    clock += 500;
  }
  const setWidth = (width: number) => Object.defineProperty(window, 'innerWidth', { value: width, configurable: true });
  beforeEach(() => {
    clock = 1000;
  });
  afterEach(() => setWidth(1024));

  it('a tap on a mention opens its card at once, via touch, as a sheet on a narrow window', () => {
    start();
    setWidth(390);
    tap(50, 10);
    expect(controller.current()?.mention.entityId).toBe('alice-example');
    expect(controller.current()?.via).toBe('touch');
    expect(host()?.getAttribute('data-sheet')).toBe('bottom');
  });

  it('on a wide window a tapped card floats beside its mention', () => {
    start();
    setWidth(1024);
    tap(50, 10);
    expect(controller.current()?.via).toBe('touch');
    expect(host()?.hasAttribute('data-sheet')).toBe(false);
  });

  it('a tap on another mention switches the card in place; a tap elsewhere closes it', () => {
    start();
    tap(50, 10);
    const el = host();
    tap(250, 10);
    expect(controller.current()?.mention.entityId).toBe('quiet-corp');
    expect(host()).toBe(el);
    tap(150, 300);
    expect(host()).toBeNull();
  });

  it('a tap inside the card is the card’s own business', () => {
    start();
    tap(50, 10);
    const el = host();
    if (!el) throw new Error('no card');
    tap(150, 300, el);
    expect(host()).toBe(el);
  });

  it('a tap on a mark inside a link or button opens no card, and closes one that is open', () => {
    start();
    const link = document.createElement('a');
    link.href = '#somewhere';
    document.body.append(link);
    tap(50, 10, link);
    expect(host()).toBeNull();
    tap(50, 10);
    tap(250, 10, page.button);
    expect(host()).toBeNull();
  });

  it('a scroll (moving beyond the slop, or a pointercancel) and a long-press open nothing', () => {
    start();
    touch('pointerdown', 50, 10);
    touch('pointermove', 50, 40);
    touch('pointerup', 50, 40);
    expect(host()).toBeNull();
    touch('pointerdown', 50, 10);
    touch('pointercancel', 50, 10);
    touch('pointerup', 50, 10);
    expect(host()).toBeNull();
    tap(50, 10, document.body, 700);
    expect(host()).toBeNull();
  });

  it('touching down outside (a scroll starting) leaves the card open; only a tap closes it', () => {
    start();
    tap(50, 10);
    touch('pointerdown', 150, 300);
    touch('pointermove', 150, 200);
    touch('pointercancel', 150, 200);
    expect(host()).not.toBeNull();
  });

  it('the mouse events that follow a tap neither close nor reopen the card, and no timer replaces it', () => {
    start();
    tap(250, 10);
    clock -= 480; // right after the tap
    const el = host();
    const mouse = (type: string, x: number, y: number) => {
      const e = new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, composed: true, pointerType: 'mouse' });
      Object.defineProperty(e, 'timeStamp', { value: clock });
      document.body.dispatchEvent(e);
    };
    mouse('pointermove', 250, 10);
    mouse('pointerdown', 250, 10);
    vi.advanceTimersByTime(HOVER_DELAY + CLOSE_GRACE_MS + 50);
    expect(host()).toBe(el);
    expect(controller.current()?.via).toBe('touch');
    // A real mouse later, elsewhere, is a mouse again: a click outside closes.
    clock += 2000;
    mouse('pointerdown', 150, 300);
    expect(host()).toBeNull();
  });

  it('a sheet registers a close watcher: its close request (the back gesture) closes the card; closing otherwise ends it', () => {
    class FakeWatcher extends EventTarget {
      static made: FakeWatcher[] = [];
      destroyed = false;
      constructor() {
        super();
        FakeWatcher.made.push(this);
      }
      destroy(): void {
        this.destroyed = true;
      }
      close(): void {
        this.dispatchEvent(new Event('close'));
      }
    }
    Object.defineProperty(window, 'CloseWatcher', { value: FakeWatcher, configurable: true });
    try {
      start();
      setWidth(390);
      tap(50, 10);
      expect(FakeWatcher.made).toHaveLength(1);
      // Switching keeps the one watcher.
      tap(250, 10);
      expect(FakeWatcher.made).toHaveLength(1);
      expect(controller.requestClose()).toBe(true);
      expect(host()).toBeNull();
      expect(controller.requestClose()).toBe(false);
      // Closed by a tap outside: the watcher goes with the card.
      tap(50, 10);
      expect(FakeWatcher.made).toHaveLength(2);
      tap(150, 300);
      expect(host()).toBeNull();
      expect(FakeWatcher.made[1]?.destroyed).toBe(true);
      // A card beside its mention (a wide window) registers none.
      setWidth(1024);
      tap(50, 10);
      expect(FakeWatcher.made).toHaveLength(2);
      expect(controller.requestClose()).toBe(false);
    } finally {
      Reflect.deleteProperty(window, 'CloseWatcher');
    }
  });

  it('never takes a touch from the browser: no default prevented, so scrolling, links and long-press selection stay the browser’s', () => {
    start();
    const seen: Event[] = [];
    const keep = (e: Event) => seen.push(e);
    for (const type of ['pointerdown', 'pointermove', 'pointerup', 'pointercancel'])
      document.addEventListener(type, keep);
    const fire = (type: string, x: number, y: number) => {
      const e = new PointerEvent(type, {
        clientX: x,
        clientY: y,
        bubbles: true,
        cancelable: true,
        pointerType: 'touch',
        pointerId: 3,
      });
      Object.defineProperty(e, 'timeStamp', { value: clock });
      document.body.dispatchEvent(e);
    };
    fire('pointerdown', 50, 10);
    clock += 80;
    fire('pointerup', 50, 10); // a tap: the card opens
    clock += 500;
    fire('pointerdown', 50, 10);
    fire('pointermove', 50, 80);
    fire('pointercancel', 50, 80); // a scroll
    fire('pointerdown', 150, 300);
    clock += 900;
    fire('pointerup', 150, 300); // a long-press
    expect(host()).not.toBeNull();
    expect(seen).toHaveLength(7);
    expect(seen.filter((e) => e.defaultPrevented)).toEqual([]);
  });

  it('Escape closes a touch card', () => {
    start();
    tap(50, 10);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(host()).toBeNull();
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

/** A card library that arrives when the test says so, as the background's answer would. */
function deferredLibrary() {
  let settle: { resolve: (l: Library) => void; reject: (e: Error) => void } | null = null;
  let ready: Library | null = null;
  let pending: Promise<Library> | null = null;
  /** Requests made: a load while one is on its way joins it. */
  let requests = 0;
  const load = vi.fn((_entityId: string) => {
    pending ??= new Promise<Library>((resolve, reject) => {
      requests += 1;
      settle = {
        resolve: (l) => {
          ready = l;
          resolve(l);
        },
        reject: (e) => {
          pending = null;
          reject(e);
        },
      };
    });
    return pending;
  });
  const cards: CardLibrary = { ready: () => ready, load };
  return {
    cards,
    load,
    requests: () => requests,
    arrive: () => settle?.resolve(libraryOf(cardDataset())),
    fail: () => settle?.reject(new Error('the background did not answer')),
  };
}

describe('a card whose data comes from the background when it first opens', () => {
  const heading = (): string | null | undefined => controller.current()?.host.shadow.querySelector('h2')?.textContent;

  it('asks for it when the hover starts, and shows the card (never a blank one) when it arrives', async () => {
    const data = deferredLibrary();
    start({}, 'en-US', data.cards);
    expect(data.load).not.toHaveBeenCalled();
    pointerTo(50, 10);
    vi.advanceTimersByTime(HOVER_DELAY / 2);
    expect(data.requests()).toBe(1);
    // For the entity under the pointer: a card's data is its entity's.
    expect(data.load).toHaveBeenCalledWith('alice-example');
    expect(host()).toBeNull();
    vi.advanceTimersByTime(HOVER_DELAY);
    expect(controller.current()?.mention.entityId).toBe('alice-example');
    expect(controller.current()?.host.shadow.querySelector('section')).toBeNull();
    data.arrive();
    await vi.advanceTimersByTimeAsync(0);
    expect(heading()).toBe('Alice Example');
    // Cached for the page: the next card asks for nothing.
    pointerTo(250, 10);
    vi.advanceTimersByTime(HOVER_DELAY + 20);
    expect(heading()).toBe('Quiet Corp');
    expect(data.requests()).toBe(1);
  });

  it('shows the error state with a clear message when the background cannot answer, and asks again next time', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const data = deferredLibrary();
    start({}, 'en-US', data.cards);
    pointerTo(50, 10);
    vi.advanceTimersByTime(HOVER_DELAY + 20);
    data.fail();
    await vi.advanceTimersByTimeAsync(0);
    const card = controller.current()?.dialog();
    expect(card?.getAttribute('data-state')).toBe('error');
    expect(card?.querySelector('[role="alert"]')?.textContent).toBe(STRINGS.en.errorUnreachable);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    pointerTo(250, 10);
    vi.advanceTimersByTime(HOVER_DELAY + 20);
    data.arrive();
    await vi.advanceTimersByTimeAsync(0);
    expect(data.requests()).toBe(2);
    expect(heading()).toBe('Quiet Corp');
    debug.mockRestore();
  });

  it('moves focus into a keyboard card once its data has arrived', async () => {
    const data = deferredLibrary();
    start({}, 'en-US', data.cards);
    page.button.focus();
    expect(controller.step(null, 1)).toBe(true);
    expect(controller.current()?.dialog()).toBeNull();
    data.arrive();
    await vi.advanceTimersByTimeAsync(0);
    const dialog = controller.current()?.dialog();
    expect(dialog?.getAttribute('role')).toBe('dialog');
    expect(controller.current()?.host.activeElement()).toBe(dialog);
  });
});
