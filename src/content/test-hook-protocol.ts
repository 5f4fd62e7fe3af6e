/**
 * The test build's hooks (import.meta.env.CC_TEST_BUILD; never in the shipped build): how e2e
 * tests drive the card controller and read the page engine's counters, declared like the
 * extension's own protocols (shared/protocol.ts). The page is the sender; requests travel as
 * JSON in a CustomEvent's `detail`. The card hook answers in an attribute on <html>; the stats
 * hook answers with an event, so that reading counters writes nothing into the page. Pure: the
 * e2e tests import these types and names.
 */
import { isEmptyRequest, isGotoRequest, isObject, type ContentProtocol, type PageReport } from '../shared/messages.ts';
import type { Envelope, Request, Table } from '../shared/protocol.ts';
import type { EngineStats } from './engine/engine.ts';

/** The page dispatches this on document with a CardHookRequest as JSON in `detail`. */
export const CARD_HOOK_EVENT = 'context-cards:test';
/** The card hook's answer (a CardHookAnswer as JSON) appears in this attribute on <html>. */
export const CARD_HOOK_ATTRIBUTE = 'data-cc-test';
/** The card hook's first answer, written once the cards are wired up (the engine has started). */
export const CARD_HOOK_READY = { id: 0, result: 'ready' } as const;

/** The page dispatches this on document with an Envelope as JSON in `detail`. */
export const STATS_REQUEST_EVENT = 'context-cards:stats-request';
/** The stats hook's answer: a HookAnswer as JSON in `detail`. */
export const STATS_EVENT = 'context-cards:stats';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What the hook sees of the card (its shadow root is closed to the page and to puppeteer). */
export interface CardSnapshot {
  readonly open: boolean;
  readonly entityId?: string;
  readonly via?: 'pointer' | 'keyboard' | 'touch';
  /** The sheet's edge ('bottom', 'top') when the card is a sheet, else null. */
  readonly sheet?: string | null;
  readonly state?: string | null;
  readonly role?: string | null;
  readonly label?: string | null;
  readonly lang?: string | null;
  readonly heading?: string | null;
  readonly text?: string;
  readonly styleMode?: string;
  readonly adoptedSheets?: number;
  readonly popoverOpen?: boolean;
  readonly container?: string | null;
  readonly focus?: { inCard: boolean; activeRole: string | null; documentActive: string | null };
  readonly style?: {
    backgroundColor: string;
    borderRadius: string;
    fontFamily: string;
    paddingTop: string;
    boxShadow: string;
    display: string;
    maxHeight: string;
    letterSpacing: string;
    hostMaxHeight: string;
  } | null;
  readonly hostRect?: Rect | null;
  /** The box of the mention the card belongs to (of its first line). */
  readonly mentionRect?: Rect | null;
  readonly announcement?: string | null;
  readonly recentPages?: string | null;
}

/** One element inside the card, as the hook sees it. */
export interface ElementProbe {
  readonly rect: Rect;
  readonly attributes: Readonly<Record<string, string>>;
  readonly opacity: string;
  readonly scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  /** Animations running on it now (the card's entrance, for one). */
  readonly animations: number;
}

export interface CardHookProtocol {
  /** The controller's step(): the next (or previous) mention's card, as the keyboard opens it. */
  step: { req: Request<ContentProtocol, 'page/goto'>; res: boolean };
  inspect: { req: Record<string, never>; res: CardSnapshot };
  /** The controller's close(): as if the user dismissed the card. */
  close: { req: Record<string, never>; res: boolean };
  /** A close request to the sheet's CloseWatcher, as the back gesture sends; false when none is registered. */
  back: { req: Record<string, never>; res: boolean };
  /** The rectangle of an element inside the card, or null. */
  rect: { req: { selector: string }; res: Rect | null };
  /** Read-only: the text of every element inside the card the selector matches, in document order. */
  texts: { req: { selector: string }; res: string[] };
  /** Clicks an element inside the card; false when there is none. */
  click: { req: { selector: string }; res: boolean };
  /** Reads one element inside the card: its box, attributes, opacity, scroll and animations; null when there is none. */
  probe: { req: { selector: string }; res: ElementProbe | null };
  /** Scrolls an element inside the card to `top` (a reader scrolling the card's body); false when there is none. */
  scroll: { req: { selector: string; top: number }; res: boolean };
}

export interface StatsAnswer {
  readonly active: boolean;
  readonly busy: boolean;
  readonly stats: EngineStats | null;
  readonly runtime: { readonly compileMs: number };
  readonly report: PageReport;
  /**
   * The engine's whole index of this document: entity id -> the text of each mark, in document
   * order, near the viewport or not (`CSS.highlights` holds only the near ones). Empty when the
   * request said `marks: false` (building it costs the page's main thread on a large page).
   */
  readonly marks: Readonly<Record<string, readonly string[]>>;
}

export interface StatsRequest {
  /** false: leave the marks out (a benchmark asking often). Default true. */
  readonly marks?: boolean;
}

export interface StatsHookProtocol {
  stats: { req: StatsRequest; res: StatsAnswer };
}

/** A card hook request: an envelope with the id its answer will carry. */
export type CardHookRequest = Envelope & { readonly id: number };

/** A hook's answer: the result, or why there is none. */
export interface HookAnswer {
  readonly id?: number;
  readonly result?: unknown;
  readonly error?: string;
}

function isBoolean(v: unknown): v is boolean {
  return typeof v === 'boolean';
}

function isSelector(v: unknown): v is { selector: string } {
  return isObject(v) && typeof v['selector'] === 'string';
}

function isRect(v: unknown): v is Rect {
  return isObject(v) && ['x', 'y', 'width', 'height'].every((k) => typeof v[k] === 'number');
}

function isProbe(v: unknown): v is ElementProbe {
  return (
    isObject(v) &&
    isRect(v['rect']) &&
    isObject(v['attributes']) &&
    typeof v['opacity'] === 'string' &&
    ['scrollTop', 'scrollHeight', 'clientHeight', 'animations'].every((k) => typeof v[k] === 'number')
  );
}

function isScrollRequest(v: unknown): v is { selector: string; top: number } {
  return isObject(v) && typeof v['selector'] === 'string' && typeof v['top'] === 'number' && Number.isFinite(v['top']);
}

function isSnapshot(v: unknown): v is CardSnapshot {
  return isObject(v) && typeof v['open'] === 'boolean' && (v['open'] === false || typeof v['entityId'] === 'string');
}

function isStatsRequest(v: unknown): v is StatsRequest {
  return isObject(v) && (v['marks'] === undefined || typeof v['marks'] === 'boolean');
}

function isStatsAnswer(v: unknown): v is StatsAnswer {
  return (
    isObject(v) &&
    typeof v['active'] === 'boolean' &&
    typeof v['busy'] === 'boolean' &&
    (v['stats'] === null || isObject(v['stats'])) &&
    isObject(v['runtime']) &&
    isObject(v['report']) &&
    isObject(v['marks'])
  );
}

export const CARD_HOOK: Table<CardHookProtocol> = {
  step: { from: ['page-script'], request: isGotoRequest, response: isBoolean },
  inspect: { from: ['page-script'], request: isEmptyRequest, response: isSnapshot },
  close: { from: ['page-script'], request: isEmptyRequest, response: isBoolean },
  back: { from: ['page-script'], request: isEmptyRequest, response: isBoolean },
  rect: { from: ['page-script'], request: isSelector, response: (v): v is Rect | null => v === null || isRect(v) },
  texts: {
    from: ['page-script'],
    request: isSelector,
    response: (v): v is string[] => Array.isArray(v) && v.every((t) => typeof t === 'string'),
  },
  click: { from: ['page-script'], request: isSelector, response: isBoolean },
  probe: {
    from: ['page-script'],
    request: isSelector,
    response: (v): v is ElementProbe | null => v === null || isProbe(v),
  },
  scroll: { from: ['page-script'], request: isScrollRequest, response: isBoolean },
};

export const STATS_HOOK: Table<StatsHookProtocol> = {
  stats: { from: ['page-script'], request: isStatsRequest, response: isStatsAnswer },
};
