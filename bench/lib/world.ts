/**
 * Runs benchmark code in an isolated world of a page, as a content script runs: its own globals,
 * the page's DOM. Evaluation goes through the DevTools protocol, which the page's
 * Content-Security-Policy does not govern (the pages are served with `script-src 'none'`).
 */
import type { CDPSession, Page } from 'puppeteer-core';

export interface World {
  readonly page: Page;
  readonly client: CDPSession;
  /** Evaluates an expression (awaiting a returned promise) and returns its JSON value. */
  run<T>(expression: string, timeoutMs?: number): Promise<T>;
  /** Heap in use after a full garbage collection: V8's JS heap plus Blink's (DOM objects, Ranges). */
  heapAfterGc(): Promise<{ js: number; embedder: number }>;
}

export class EvaluationTimeout extends Error {}

export async function isolatedWorld(page: Page, name = 'context-cards-bench'): Promise<World> {
  const client = await page.createCDPSession();
  const { frameTree } = await client.send('Page.getFrameTree');
  const { executionContextId } = await client.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: name,
  });
  return {
    page,
    client,
    async run<T>(expression: string, timeoutMs = 120_000): Promise<T> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          // Stops a long synchronous script in the renderer; the pending evaluation then rejects.
          void client.send('Runtime.terminateExecution').catch(() => undefined);
          reject(new EvaluationTimeout(`evaluation exceeded ${timeoutMs} ms`));
        }, timeoutMs);
      });
      try {
        const evaluation = client.send('Runtime.evaluate', {
          expression,
          contextId: executionContextId,
          awaitPromise: true,
          returnByValue: true,
        });
        evaluation.catch(() => undefined);
        const result = await Promise.race([evaluation, timeout]);
        if (result.exceptionDetails) {
          const text = result.exceptionDetails.exception?.description ?? result.exceptionDetails.text;
          throw new Error(`in page: ${text}`);
        }
        return result.result.value as T;
      } finally {
        clearTimeout(timer);
      }
    },
    async heapAfterGc() {
      await client.send('HeapProfiler.collectGarbage');
      await client.send('HeapProfiler.collectGarbage');
      const usage = (await client.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
      return { js: usage.usedSize, embedder: usage.embedderHeapUsedSize ?? 0 };
    },
  };
}
