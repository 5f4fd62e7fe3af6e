/**
 * Custom elements that had no shadow root when they were read. A web component may attach one
 * later (its definition loads after our first read, or it renders lazily), and no mutation record
 * says so. Each is checked once a second for a while; one that got a shadow root is handed back
 * so the engine reads its block again and covers the new tree.
 */
import { SHADOW_CHECK_MS, SHADOW_CHECKS, SHADOW_WATCH_MAX } from './constants.ts';

export class ShadowWatch {
  private readonly hosts = new Set<Element>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private checksLeft = 0;

  constructor(
    private readonly attached: (host: Element) => void,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  /** Hosts being watched (for tests). */
  get size(): number {
    return this.hosts.size;
  }

  /** Watches a custom element read without a shadow root; each new one renews the watch. */
  add(host: Element): void {
    if (this.signal.aborted || this.hosts.has(host) || this.hosts.size >= SHADOW_WATCH_MAX) return;
    this.hosts.add(host);
    this.checksLeft = SHADOW_CHECKS;
    this.timer ??= setInterval(() => this.check(), SHADOW_CHECK_MS);
  }

  /** One check of every watched host. */
  check(): void {
    for (const host of this.hosts) {
      try {
        if (!host.isConnected) this.hosts.delete(host);
        else if (host.shadowRoot !== null) {
          this.hosts.delete(host);
          this.attached(host);
        }
      } catch (error) {
        // One host the DOM refuses to describe is dropped; the others are still checked.
        this.hosts.delete(host);
        console.debug('[Context Cards] shadow root check failed', error);
      }
    }
    if (--this.checksLeft <= 0 || this.hosts.size === 0) this.stop();
  }

  private stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.hosts.clear();
  }
}
