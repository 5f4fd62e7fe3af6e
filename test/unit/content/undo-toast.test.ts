// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AFTER_UNDO_MS,
  showUndo,
  TOAST_TAG,
  UNDO_SHOWN_MS,
  type UndoOptions,
} from '../../../src/content/card-controller/undo-toast-host.ts';

const toast = () => document.querySelector(TOAST_TAG);

function open(overrides: Partial<UndoOptions> = {}) {
  const undo = vi.fn<UndoOptions['undo']>(() => Promise.resolve());
  const message = showUndo({
    doc: document,
    lang: 'en',
    site: 'news.example',
    theme: null,
    focusUndo: false,
    undo,
    ...overrides,
  });
  const $ = <E extends Element>(selector: string) => message.shadow.querySelector<E>(selector);
  return { message, undo, $ };
}

/** Lets the Undo promise settle and Preact render. */
const settle = async (): Promise<void> => {
  await vi.advanceTimersByTimeAsync(120);
};

beforeEach(() => {
  vi.useFakeTimers();
  document.body.replaceChildren();
});
afterEach(async () => {
  document.querySelector(TOAST_TAG)?.remove();
  // Preact's queued effects run on timers: let them run before the fake clock goes.
  await vi.runOnlyPendingTimersAsync();
  vi.useRealTimers();
});

describe('the Undo message after "Turn off on this site"', () => {
  it('says what happened and offers Undo, then goes by itself after a few seconds', () => {
    const { $ } = open();
    expect($('.toast-text')?.textContent).toBe('Context Cards is off on news.example.');
    expect($('[data-action="undo"]')?.textContent).toBe('Undo');
    vi.advanceTimersByTime(UNDO_SHOWN_MS - 50);
    expect(toast()).not.toBeNull();
    vi.advanceTimersByTime(100);
    expect(toast()).toBeNull();
  });

  it('switches the site back on with Undo, says so, and then goes', async () => {
    const { $, undo } = open();
    $<HTMLButtonElement>('[data-action="undo"]')?.click();
    expect(undo).toHaveBeenCalledOnce();
    await settle();
    expect($('.toast-text')?.textContent).toBe('Context Cards is on again on news.example.');
    expect($('[data-action="undo"]')).toBeNull();
    vi.advanceTimersByTime(AFTER_UNDO_MS + 50);
    expect(toast()).toBeNull();
  });

  it('says so when Undo could not switch the site back on', async () => {
    const { $ } = open({ undo: () => Promise.reject(new Error('storage')) });
    $<HTMLButtonElement>('[data-action="undo"]')?.click();
    await settle();
    expect($('.toast-text')?.textContent).toBe("Could not switch it back on here; the popup's site switch can.");
  });

  it('stays while the pointer is on it, and closes on its button or Escape', () => {
    const { message, $ } = open();
    message.element.dispatchEvent(new Event('pointerenter'));
    vi.advanceTimersByTime(UNDO_SHOWN_MS * 3);
    expect(toast()).not.toBeNull();
    $<HTMLButtonElement>('[data-action="dismiss"]')?.click();
    expect(toast()).toBeNull();
    const again = open();
    again.message.element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(toast()).toBeNull();
  });

  it('gives focus to Undo when the card had it, and back to the page after Undo', async () => {
    const before = document.createElement('button');
    document.body.append(before);
    before.focus();
    const { message, $ } = open({ focusUndo: true });
    await settle();
    expect(message.shadow.activeElement).toBe($('[data-action="undo"]'));
    $<HTMLButtonElement>('[data-action="undo"]')?.click();
    await settle();
    expect(document.activeElement).toBe(before);
  });

  it('speaks the card language, takes the page theme, and is one at a time', () => {
    open({ lang: 'de', theme: 'dark' });
    const { message, $ } = open({ lang: 'de', theme: 'dark' });
    expect(document.querySelectorAll(TOAST_TAG)).toHaveLength(1);
    expect($('.toast-text')?.textContent).toBe('Context Cards ist auf news.example ausgeschaltet.');
    expect($('[data-action="undo"]')?.textContent).toBe('Rückgängig');
    expect(message.element.getAttribute('data-theme')).toBe('dark');
  });
});
