// @vitest-environment happy-dom
/**
 * Static positions and the live Ranges made from them on demand (src/content/mention-range.ts):
 * the text under positions is read from the text nodes, many boxes are read through one Range,
 * and a mention whose text changed gives no Range at all.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  boxReader,
  compareStarts,
  liveRange,
  samePlace,
  staticRange,
  textAt,
} from '../../../src/content/mention-range.ts';
import type { PageMention } from '../../../src/content/types.ts';
import './harness.ts';

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

function paragraph(): { p: HTMLElement; first: Text; bold: Text; last: Text } {
  const p = document.createElement('p');
  const b = document.createElement('b');
  b.textContent = 'Zucker';
  const first = document.createTextNode('Then Mark ');
  const last = document.createTextNode('berg spoke.');
  p.append(first, b, last);
  document.body.append(p);
  return { p, first, bold: b.firstChild as Text, last };
}

describe('static positions', () => {
  it('reads the text under positions across text nodes, as Range.toString() does, without a Range', () => {
    const { first, last } = paragraph();
    const at = staticRange(document, first, 5, last, 4);
    const live = document.createRange();
    live.setStart(first, 5);
    live.setEnd(last, 4);
    const made = vi.spyOn(document, 'createRange');
    expect(textAt(at)).toBe('Mark Zuckerberg');
    expect(textAt(at)).toBe(live.toString());
    expect(textAt(staticRange(document, first, 0, first, 4))).toBe('Then');
    expect(made).not.toHaveBeenCalled();
  });

  it('orders by start and compares places', () => {
    const { first, bold, last } = paragraph();
    const a = staticRange(document, first, 5, last, 4);
    const b = staticRange(document, bold, 0, bold, 6);
    expect(compareStarts(a, b)).toBeLessThan(0);
    expect(compareStarts(b, a)).toBeGreaterThan(0);
    expect(compareStarts(a, staticRange(document, first, 0, first, 4))).toBeGreaterThan(0);
    expect(samePlace(a, staticRange(document, first, 5, last, 4))).toBe(true);
    expect(samePlace(a, b)).toBe(false);
    const detached = document.createTextNode('elsewhere');
    expect(compareStarts(a, staticRange(document, detached, 0, detached, 4))).toBeNull();
  });

  it('makes a live Range only for a current mention, and reads many boxes through one Range', () => {
    const { first, bold, last } = paragraph();
    const mentions: { entityId: string; at: AbstractRange; current: boolean }[] = [
      { entityId: 'a', at: staticRange(document, first, 5, last, 4), current: true },
      { entityId: 'b', at: staticRange(document, bold, 0, bold, 6), current: true },
      { entityId: 'c', at: staticRange(document, last, 0, last, 4), current: false },
    ];
    expect(liveRange(mentions[0] as PageMention)?.toString()).toBe('Mark Zuckerberg');
    expect(liveRange(mentions[2] as PageMention)).toBeNull();
    const made = vi.spyOn(document, 'createRange');
    const boxOf = boxReader();
    expect(boxOf(mentions[0] as PageMention)).not.toBeNull();
    expect(boxOf(mentions[1] as PageMention)).not.toBeNull();
    expect(boxOf(mentions[2] as PageMention)).toBeNull();
    expect(made).toHaveBeenCalledTimes(1);
  });
});
