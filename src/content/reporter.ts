/**
 * Tells the background what the top frame holds ('page/report', for the badge and history):
 * once scans settle, only when something changed, and debounced so a burst of page updates
 * sends one message.
 */
import type { PageReport } from '../shared/messages.ts';

/**
 * 250 ms: an infinite-scroll burst or an SPA navigation settles in a few frames; the badge
 * still follows well within a second.
 */
export const REPORT_DEBOUNCE_MS = 250;

/** Bounds the receiver enforces (isPageReport): longer values would be refused. */
const MAX_URL = 4096;
const MAX_TITLE = 1024;

export type SendReport = (report: PageReport) => Promise<unknown>;

export class PageReporter {
  private lastSent: string | null = null;
  private pending: PageReport | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly send: SendReport,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.cancel(), { once: true });
  }

  /** Offers the current state; it is sent after the debounce if it differs from the last sent. */
  update(report: PageReport): void {
    if (this.signal.aborted) return;
    const clean: PageReport = { ...report, url: report.url.slice(0, MAX_URL), title: report.title.slice(0, MAX_TITLE) };
    this.pending = clean;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), REPORT_DEBOUNCE_MS);
  }

  private flush(): void {
    this.timer = null;
    const report = this.pending;
    this.pending = null;
    if (report === null) return;
    const signature = JSON.stringify(report);
    if (signature === this.lastSent) return;
    this.lastSent = signature;
    this.send(report).catch((error: unknown) => {
      // The background may be starting up or the extension updating; the next change retries.
      this.lastSent = null;
      console.debug('[Context Cards] report not delivered', error);
    });
  }

  private cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }
}
