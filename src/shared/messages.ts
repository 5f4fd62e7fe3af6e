/**
 * The one protocol between contexts: one map per direction, each request with its typed result.
 * Receivers validate every payload with the guards below and check the sender.
 */

export interface EntityCount {
  readonly entityId: string;
  readonly count: number;
}

export interface PageReport {
  /** Mentions per entity on the page (after the user's entity filter). */
  readonly counts: readonly EntityCount[];
  readonly total: number;
  readonly url: string;
  readonly title: string;
}

export interface HistoryPage {
  readonly url: string;
  readonly title: string;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly count: number;
}

/** Requests handled by the background (from content scripts and the popup). */
export interface BackgroundProtocol {
  /** The content script's current counts for its tab (frame 0 only); drives badge and history. */
  'page/report': { req: PageReport; res: { ok: true } };
  /** Recent pages, other than `excludeUrl`, that mention an entity. */
  'history/entity': { req: { entityId: string; excludeUrl: string; limit: number }; res: { total: number; pages: readonly HistoryPage[] } };
  /** All history, grouped by entity, for the popup. */
  'history/all': { req: Record<string, never>; res: { entities: readonly { entityId: string; pages: readonly HistoryPage[] }[]; error: string | null } };
  'history/clear': { req: Record<string, never>; res: { ok: boolean } };
  /** Opens the "Read the source" page in a new tab, scrolled to a claim (or the top). */
  'source/open': { req: { claimId: string | null }; res: { ok: boolean } };
  /** The badge text of a tab, for the popup and for tests. */
  'badge/get': { req: { tabId: number }; res: { text: string } };
}

/** Requests handled by the content script of a tab (from the popup and the background). */
export interface ContentProtocol {
  /** What is on this page now. */
  'page/mentions': { req: Record<string, never>; res: PageReport & { host: string; active: boolean } };
  /** Scroll to the next (or previous) mention of an entity, or of any entity, and open its card. */
  'page/goto': { req: { entityId: string | null; direction: 1 | -1 }; res: { ok: boolean } };
}

export type BackgroundType = keyof BackgroundProtocol;
export type ContentType = keyof ContentProtocol;

export interface Envelope<P, K extends keyof P> {
  readonly app: typeof APP;
  readonly type: K;
  readonly payload: P[K] extends { req: infer R } ? R : never;
}

export type Request<P, K extends keyof P> = P[K] extends { req: infer R } ? R : never;
export type Response<P, K extends keyof P> = P[K] extends { res: infer R } ? R : never;

/** Marks our messages so stray ones (other extensions, pages posing as us) are ignored. */
export const APP = 'context-cards/1' as const;

/** Builds a message. */
export function message<P, K extends keyof P & string>(type: K, payload: Request<P, K>): Envelope<P, K> {
  return { app: APP, type, payload } as Envelope<P, K>;
}

/** Narrows an unknown value to an envelope of one of `types`. */
export function isEnvelope<K extends string>(value: unknown, types: readonly K[]): value is { app: typeof APP; type: K; payload: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v['app'] === APP && typeof v['type'] === 'string' && (types as readonly string[]).includes(v['type']) && 'payload' in v;
}

/* ---------- payload guards: small, total, no exceptions ---------- */

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function isEntityId(v: unknown): v is string {
  return typeof v === 'string' && ID.test(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1_000_000;
}

/** Validates a page report (bounded sizes: a page cannot make us store megabytes). */
export function isPageReport(v: unknown): v is PageReport {
  if (!isObject(v)) return false;
  const { counts, total, url, title } = v;
  return (
    Array.isArray(counts) &&
    counts.length <= 1000 &&
    counts.every((c) => isObject(c) && isEntityId(c['entityId']) && isCount(c['count'])) &&
    isCount(total) &&
    typeof url === 'string' &&
    url.length <= 4096 &&
    typeof title === 'string' &&
    title.length <= 1024
  );
}
