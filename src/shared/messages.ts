/**
 * The one protocol between contexts: one map per direction, each request with its typed result.
 * Receivers validate every payload with the guards below and check the sender.
 */
import type { HistoryErrorCode } from './history-status.ts';

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

export interface EntityHistory {
  readonly entityId: string;
  /** Most recently seen first. */
  readonly pages: readonly HistoryPage[];
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
  'history/entity': {
    req: { entityId: string; excludeUrl: string; limit: number };
    res: { total: number; pages: readonly HistoryPage[] };
  };
  /** All history, grouped by entity, for the popup. */
  'history/all': {
    req: Record<string, never>;
    res: { entities: readonly EntityHistory[]; error: HistoryErrorCode | null };
  };
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
export function isEnvelope<K extends string>(
  value: unknown,
  types: readonly K[],
): value is { app: typeof APP; type: K; payload: unknown } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v['app'] === APP &&
    typeof v['type'] === 'string' &&
    (types as readonly string[]).includes(v['type']) &&
    'payload' in v
  );
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

/** Upper bound for `limit` in 'history/entity': the card shows a few, never a list of thousands. */
export const MAX_HISTORY_LIMIT = 50;

/** An empty request (`{}`); anything with own keys is refused so the shape stays honest. */
export function isEmptyRequest(v: unknown): v is Record<string, never> {
  return isObject(v) && Object.keys(v).length === 0;
}

export function isHistoryEntityRequest(v: unknown): v is Request<BackgroundProtocol, 'history/entity'> {
  if (!isObject(v)) return false;
  const { entityId, excludeUrl, limit } = v;
  return (
    isEntityId(entityId) &&
    typeof excludeUrl === 'string' &&
    excludeUrl.length <= 4096 &&
    typeof limit === 'number' &&
    Number.isInteger(limit) &&
    limit >= 0 &&
    limit <= MAX_HISTORY_LIMIT
  );
}

/** Claim ids follow the entity id pattern (lower-case, digits, hyphens). */
export function isSourceOpenRequest(v: unknown): v is Request<BackgroundProtocol, 'source/open'> {
  return isObject(v) && (v['claimId'] === null || isEntityId(v['claimId']));
}

function isTabId(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

export function isBadgeGetRequest(v: unknown): v is Request<BackgroundProtocol, 'badge/get'> {
  return isObject(v) && isTabId(v['tabId']);
}

export function isGotoRequest(v: unknown): v is Request<ContentProtocol, 'page/goto'> {
  return (
    isObject(v) &&
    (v['entityId'] === null || isEntityId(v['entityId'])) &&
    (v['direction'] === 1 || v['direction'] === -1)
  );
}

/** Validates the content script's answer to 'page/mentions' (the popup trusts nothing it did not check). */
export function isMentionsResponse(v: unknown): v is Response<ContentProtocol, 'page/mentions'> {
  return (
    isPageReport(v) &&
    typeof (v as unknown as Record<string, unknown>)['host'] === 'string' &&
    typeof (v as unknown as Record<string, unknown>)['active'] === 'boolean'
  );
}
