/**
 * The extension's two protocols, one per receiver: what the background answers and what a tab's
 * content script answers. Each type has its request and response here, and its entry in
 * BACKGROUND or CONTENT says who may send it and how both directions are checked (protocol.ts).
 * Adding a message: its types in the protocol, its entry in the table, its handler in the
 * receiver; the compiler asks for each.
 */
import { isHistoryErrorCode, type HistoryErrorCode } from './history-status.ts';
import {
  isEnableRequest,
  isImportOutcome,
  isImportRequest,
  isPackIdRequest,
  isPackList,
  isPackTextResponse,
  type ImportOutcome,
  type ImportRequest,
  type PackInfo,
} from './packs.ts';
import type { Request, Response, Table } from './protocol.ts';
import type { Dataset } from '../dataset/schema.ts';
import { PACK_LIMITS } from '../dataset/limits.ts';
import { isCardStory } from './story-shape.ts';

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

/** Whether a request did what it asked. */
export interface Ok {
  readonly ok: boolean;
}

/** Requests handled by the background (from content scripts and the popup). */
export interface BackgroundProtocol {
  /** The content script's current counts for its tab (frame 0 only); drives badge and history. */
  'page/report': { req: PageReport; res: Ok };
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
  'history/clear': { req: Record<string, never>; res: Ok };
  /**
   * Opens the "Read the source" page in a new tab: scrolled to a claim (or the top), or showing
   * only one entity's claims, each with its quote in context and its notes.
   */
  'source/open': { req: { claimId: string | null; entityId?: string; story?: string }; res: Ok };
  /** The badge text of a tab, for the popup and for tests. */
  'badge/get': { req: { tabId: number }; res: { text: string } };
  /** Every story the extension has, the bundled one first, for the options page. */
  'packs/list': { req: Record<string, never>; res: { packs: readonly PackInfo[] } };
  /** Validates and stores a pack file; a bad or refused pack changes nothing. */
  'packs/import': { req: ImportRequest; res: ImportOutcome };
  /** Switches a story on or off; open tabs follow at once. */
  'packs/enable': { req: { id: string; enabled: boolean }; res: Ok };
  /** Removes an imported pack (the bundled story can only be switched off). */
  'packs/remove': { req: { id: string }; res: Ok };
  /** A pack as its file (with its source text), for Export, Undo and the source page; null when unknown. */
  'packs/get': { req: { id: string }; res: { text: string | null } };
  /**
   * What a card of `entityId` needs beyond a page's start: of the stories with these ids (newest
   * first, bundled one included), each that has the entity, cut to it (its role and summary, the
   * claims about it, their notes, its developments; no source texts), within a byte budget
   * (`PACK_LIMITS.maxCardBytes`). Unknown ids are left out. Asked once per page, published
   * revision and entity, when its first card is about to open.
   */
  'library/stories': {
    req: { ids: readonly string[]; entityId: string };
    res: { stories: readonly Dataset[] };
  };
}

/** Requests handled by the content script of a tab (from the popup and the background). */
export interface ContentProtocol {
  /** What is on this page now. */
  'page/mentions': { req: Record<string, never>; res: PageReport & { host: string; active: boolean } };
  /** Scroll to the next (or previous) mention of an entity, or of any entity, and open its card. */
  'page/goto': { req: { entityId: string | null; direction: 1 | -1 }; res: Ok };
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
  return (
    isObject(v) &&
    (v['claimId'] === null || isEntityId(v['claimId'])) &&
    (v['entityId'] === undefined || isEntityId(v['entityId'])) &&
    (v['story'] === undefined || isEntityId(v['story']))
  );
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
  return isPageReport(v) && isObject(v) && typeof v['host'] === 'string' && typeof v['active'] === 'boolean';
}

export function isOk(v: unknown): v is Ok {
  return isObject(v) && typeof v['ok'] === 'boolean';
}

function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function isHistoryPage(v: unknown): v is HistoryPage {
  return (
    isObject(v) &&
    typeof v['url'] === 'string' &&
    typeof v['title'] === 'string' &&
    isTime(v['firstSeen']) &&
    isTime(v['lastSeen']) &&
    isCount(v['count'])
  );
}

function isHistoryPages(v: unknown): v is readonly HistoryPage[] {
  return Array.isArray(v) && v.every(isHistoryPage);
}

export function isEntityHistoryResponse(v: unknown): v is Response<BackgroundProtocol, 'history/entity'> {
  return isObject(v) && isCount(v['total']) && isHistoryPages(v['pages']);
}

export function isAllHistoryResponse(v: unknown): v is Response<BackgroundProtocol, 'history/all'> {
  return (
    isObject(v) &&
    Array.isArray(v['entities']) &&
    v['entities'].every((e) => isObject(e) && isEntityId(e['entityId']) && isHistoryPages(e['pages'])) &&
    (v['error'] === null || isHistoryErrorCode(v['error']))
  );
}

function isBadgeResponse(v: unknown): v is Response<BackgroundProtocol, 'badge/get'> {
  return isObject(v) && typeof v['text'] === 'string';
}

/** At most the packs' limit and the bundled story, each an id; and the entity a card is for. */
function isStoryIdsRequest(v: unknown): v is Request<BackgroundProtocol, 'library/stories'> {
  return (
    isObject(v) &&
    Array.isArray(v['ids']) &&
    v['ids'].length <= PACK_LIMITS.maxPacks + 1 &&
    v['ids'].every(isEntityId) &&
    isEntityId(v['entityId'])
  );
}

/**
 * The stories a card shows, each checked for every field the card reads (`story-shape.ts`): the
 * background sends datasets it validated at import (or the bundled one), so a failure here means
 * a damaged store or a build mismatch; the card then shows its error state, never throws.
 */
function isStoriesResponse(v: unknown): v is Response<BackgroundProtocol, 'library/stories'> {
  return (
    isObject(v) &&
    Array.isArray(v['stories']) &&
    v['stories'].length <= PACK_LIMITS.maxPacks + 1 &&
    v['stories'].every(isCardStory)
  );
}

/* ---------- the tables: who may send each request, and how both directions are checked ---------- */

export const BACKGROUND: Table<BackgroundProtocol> = {
  'page/report': { from: ['content'], request: isPageReport, response: isOk },
  'history/entity': {
    from: ['content', 'extension'],
    request: isHistoryEntityRequest,
    response: isEntityHistoryResponse,
  },
  'history/all': { from: ['extension'], request: isEmptyRequest, response: isAllHistoryResponse },
  'history/clear': { from: ['extension'], request: isEmptyRequest, response: isOk },
  'source/open': { from: ['content', 'extension'], request: isSourceOpenRequest, response: isOk },
  'badge/get': { from: ['extension'], request: isBadgeGetRequest, response: isBadgeResponse },
  'packs/list': { from: ['extension'], request: isEmptyRequest, response: isPackList },
  'packs/import': { from: ['extension'], request: isImportRequest, response: isImportOutcome },
  'packs/enable': { from: ['extension'], request: isEnableRequest, response: isOk },
  'packs/remove': { from: ['extension'], request: isPackIdRequest, response: isOk },
  'packs/get': { from: ['extension'], request: isPackIdRequest, response: isPackTextResponse },
  'library/stories': { from: ['content'], request: isStoryIdsRequest, response: isStoriesResponse },
};

export const CONTENT: Table<ContentProtocol> = {
  'page/mentions': { from: ['extension'], request: isEmptyRequest, response: isMentionsResponse },
  'page/goto': { from: ['extension'], request: isGotoRequest, response: isOk },
};
