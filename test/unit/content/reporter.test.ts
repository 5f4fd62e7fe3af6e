import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PageReporter, REPORT_DEBOUNCE_MS } from '../../../src/content/reporter.ts';
import type { PageReport } from '../../../src/shared/messages.ts';

const report = (total: number, url = 'https://example.com/'): PageReport => ({
  counts: total > 0 ? [{ entityId: 'meta', count: total }] : [],
  total,
  url,
  title: 'T',
});

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('PageReporter', () => {
  it('sends the last state of a burst once, after the debounce', () => {
    const send = vi.fn(() => Promise.resolve());
    const reporter = new PageReporter(send, new AbortController().signal);
    reporter.update(report(1));
    reporter.update(report(2));
    reporter.update(report(3));
    vi.advanceTimersByTime(REPORT_DEBOUNCE_MS - 1);
    expect(send).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(report(3));
  });

  it('sends only changes, including a change to zero and a new URL', () => {
    const send = vi.fn(() => Promise.resolve());
    const reporter = new PageReporter(send, new AbortController().signal);
    for (const r of [report(2), report(2), report(0), report(0, 'https://example.com/next')]) {
      reporter.update(r);
      vi.advanceTimersByTime(REPORT_DEBOUNCE_MS);
    }
    expect(send.mock.calls.map((c: unknown[]) => c[0])).toEqual([
      report(2),
      report(0),
      report(0, 'https://example.com/next'),
    ]);
  });

  it('trims overlong URLs and titles to what the background accepts, and stops on abort', () => {
    const send = vi.fn(() => Promise.resolve());
    const controller = new AbortController();
    const reporter = new PageReporter(send, controller.signal);
    reporter.update({ ...report(1), url: `https://example.com/${'a'.repeat(5000)}`, title: 't'.repeat(2000) });
    vi.advanceTimersByTime(REPORT_DEBOUNCE_MS);
    const sent = (send.mock.calls[0] as unknown[] | undefined)?.[0] as PageReport;
    expect(sent.url).toHaveLength(4096);
    expect(sent.title).toHaveLength(1024);
    reporter.update(report(5));
    controller.abort();
    vi.advanceTimersByTime(REPORT_DEBOUNCE_MS);
    expect(send).toHaveBeenCalledTimes(1);
  });
});
