/**
 * Talking to the extension from one of its own pages (opened with `ext.openExtensionPage`), the
 * way the popup does: typed messages to the background or to a tab, and the stored settings.
 * The code inside `evaluate` runs in that page, so each helper finds the API there itself.
 */
import type { Page } from 'puppeteer-core';
import { BACKGROUND, CONTENT, type BackgroundProtocol, type ContentProtocol } from '../../../src/shared/messages.ts';
import { checkAnswer, message, type Request, type Response } from '../../../src/shared/protocol.ts';

/** The slice of the extension API the tests use (`browser` in Firefox, `chrome` in Chromium). */
export interface ExtensionApi {
  readonly runtime: { sendMessage(message: unknown): Promise<unknown> };
  readonly tabs: {
    query(filter: object): Promise<{ id?: number; url?: string }[]>;
    sendMessage(tabId: number, message: unknown, options: { frameId: number }): Promise<unknown>;
  };
  readonly storage: {
    readonly local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
  };
  readonly permissions: {
    remove(permissions: { origins: string[] }): Promise<boolean>;
    contains(permissions: { origins: string[] }): Promise<boolean>;
  };
}

export interface ExtensionGlobals {
  readonly browser?: ExtensionApi;
  readonly chrome?: ExtensionApi;
}

/** Sends a request to the background, as the popup does, and returns its answer checked against the protocol. */
export async function toBackground<K extends keyof BackgroundProtocol & string>(
  page: Page,
  type: K,
  payload: Request<BackgroundProtocol, K>,
): Promise<Response<BackgroundProtocol, K>> {
  const answer: unknown = await page.evaluate(
    async (request: unknown) => {
      const g = globalThis as unknown as ExtensionGlobals;
      const api = g.browser ?? g.chrome;
      if (!api) throw new Error('not an extension page');
      return api.runtime.sendMessage(request);
    },
    message<BackgroundProtocol, K>(type, payload),
  );
  return checkAnswer(BACKGROUND, type, answer);
}

/** Sends a request to the content script of a tab's top frame, as the popup does; the answer is checked. */
export async function toTab<K extends keyof ContentProtocol & string>(
  page: Page,
  tabId: number,
  type: K,
  payload: Request<ContentProtocol, K>,
): Promise<Response<ContentProtocol, K>> {
  const answer: unknown = await page.evaluate(
    async (id: number, request: unknown) => {
      const g = globalThis as unknown as ExtensionGlobals;
      const api = g.browser ?? g.chrome;
      if (!api) throw new Error('not an extension page');
      return api.tabs.sendMessage(id, request, { frameId: 0 });
    },
    tabId,
    message<ContentProtocol, K>(type, payload),
  );
  return checkAnswer(CONTENT, type, answer);
}

/** The id of the first tab whose URL contains `urlPart`; throws when there is none. */
export async function tabIdOf(page: Page, urlPart: string): Promise<number> {
  const id = await page.evaluate(async (part: string) => {
    const g = globalThis as unknown as ExtensionGlobals;
    const api = g.browser ?? g.chrome;
    if (!api) throw new Error('not an extension page');
    return (await api.tabs.query({})).find((t) => t.url?.includes(part))?.id ?? -1;
  }, urlPart);
  if (id < 0) throw new Error(`no tab with ${urlPart}`);
  return id;
}

/** The stored settings as they are (undefined before anything was stored). */
export function readSettings(page: Page): Promise<Record<string, unknown> | undefined> {
  return page.evaluate(async () => {
    const g = globalThis as unknown as ExtensionGlobals;
    const api = g.browser ?? g.chrome;
    if (!api) throw new Error('not an extension page');
    return (await api.storage.local.get('settings'))['settings'] as Record<string, unknown> | undefined;
  });
}

/** Replaces the stored settings; every open tab applies them without reload. */
export async function writeSettings(page: Page, settings: Record<string, unknown>): Promise<void> {
  await page.evaluate(async (value: Record<string, unknown>) => {
    const g = globalThis as unknown as ExtensionGlobals;
    const api = g.browser ?? g.chrome;
    if (!api) throw new Error('not an extension page');
    await api.storage.local.set({ settings: value });
  }, settings);
}

/** Merges `change` into the stored settings (schema version 2), as the popup's controls do. */
export async function mergeSettings(page: Page, change: Record<string, unknown>): Promise<void> {
  await writeSettings(page, { ...(await readSettings(page)), version: 2, ...change });
}
