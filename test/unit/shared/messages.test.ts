import { describe, expect, it } from 'vitest';
import {
  MAX_HISTORY_LIMIT,
  isAllHistoryResponse,
  isBadgeGetRequest,
  isEmptyRequest,
  isEntityHistoryResponse,
  isGotoRequest,
  isHistoryEntityRequest,
  isMentionsResponse,
  isPageReport,
  isSourceOpenRequest,
  type BackgroundProtocol,
} from '../../../src/shared/messages.ts';
import { APP, isEnvelope, message } from '../../../src/shared/protocol.ts';
import { parseHistoryError } from '../../../src/shared/history-status.ts';

const report = { counts: [{ entityId: 'meta', count: 2 }], total: 2, url: 'https://example.org/a', title: 'A' };

describe('envelopes', () => {
  it('builds and recognises our messages only', () => {
    const m = message<BackgroundProtocol, 'badge/get'>('badge/get', { tabId: 3 });
    expect(m).toEqual({ app: APP, type: 'badge/get', payload: { tabId: 3 } });
    expect(isEnvelope(m, ['badge/get'])).toBe(true);
    expect(isEnvelope(m, ['history/all'])).toBe(false);
    expect(isEnvelope({ ...m, app: 'someone-else' }, ['badge/get'])).toBe(false);
    expect(isEnvelope({ app: APP, type: 'badge/get' }, ['badge/get'])).toBe(false);
    expect(isEnvelope('badge/get', ['badge/get'])).toBe(false);
    expect(isEnvelope(null, ['badge/get'])).toBe(false);
  });
});

describe('payload guards', () => {
  it('page reports: bounded and typed', () => {
    expect(isPageReport(report)).toBe(true);
    expect(isPageReport({ ...report, total: -1 })).toBe(false);
    expect(isPageReport({ ...report, total: 1.5 })).toBe(false);
    expect(isPageReport({ ...report, counts: [{ entityId: 'Not Valid', count: 1 }] })).toBe(false);
    expect(
      isPageReport({ ...report, counts: Array.from({ length: 1001 }, () => ({ entityId: 'meta', count: 1 })) }),
    ).toBe(false);
    expect(isPageReport({ ...report, title: 'x'.repeat(1025) })).toBe(false);
    expect(isPageReport({ ...report, url: 5 })).toBe(false);
    expect(isPageReport([report])).toBe(false);
  });

  it('history/entity: an entity id, a URL and a small limit', () => {
    const ok = { entityId: 'yann-lecun', excludeUrl: 'https://example.org/', limit: 5 };
    expect(isHistoryEntityRequest(ok)).toBe(true);
    expect(isHistoryEntityRequest({ ...ok, limit: MAX_HISTORY_LIMIT + 1 })).toBe(false);
    expect(isHistoryEntityRequest({ ...ok, limit: -1 })).toBe(false);
    expect(isHistoryEntityRequest({ ...ok, limit: 2.5 })).toBe(false);
    expect(isHistoryEntityRequest({ ...ok, entityId: '../x' })).toBe(false);
    expect(isHistoryEntityRequest({ ...ok, excludeUrl: 'x'.repeat(5000) })).toBe(false);
  });

  it('source/open: a claim id or null', () => {
    expect(isSourceOpenRequest({ claimId: null })).toBe(true);
    expect(isSourceOpenRequest({ claimId: 'c01-ai-most-important' })).toBe(true);
    expect(isSourceOpenRequest({ claimId: 'javascript:alert(1)' })).toBe(false);
    expect(isSourceOpenRequest({ claimId: '#top' })).toBe(false);
    expect(isSourceOpenRequest({})).toBe(false);
    expect(isSourceOpenRequest({ claimId: null, entityId: 'alexandr-wang' })).toBe(true);
    expect(isSourceOpenRequest({ claimId: null, entityId: 'Alexandr Wang' })).toBe(false);
    expect(isSourceOpenRequest({ claimId: null, entityId: null })).toBe(false);
  });

  it('badge/get, empty requests, page/goto', () => {
    expect(isBadgeGetRequest({ tabId: 0 })).toBe(true);
    expect(isBadgeGetRequest({ tabId: -1 })).toBe(false);
    expect(isBadgeGetRequest({ tabId: '1' })).toBe(false);
    expect(isEmptyRequest({})).toBe(true);
    expect(isEmptyRequest({ all: true })).toBe(false);
    expect(isEmptyRequest([])).toBe(false);
    expect(isGotoRequest({ entityId: null, direction: -1 })).toBe(true);
    expect(isGotoRequest({ entityId: 'meta', direction: 1 })).toBe(true);
    expect(isGotoRequest({ entityId: 'meta', direction: 2 })).toBe(false);
    expect(isGotoRequest({ entityId: 7, direction: 1 })).toBe(false);
  });

  it('page/mentions answers: a report plus host and active', () => {
    expect(isMentionsResponse({ ...report, host: 'example.org', active: true })).toBe(true);
    expect(isMentionsResponse({ ...report, host: 'example.org' })).toBe(false);
    expect(isMentionsResponse(report)).toBe(false);
  });

  it('history answers: pages with their fields, entities with valid ids, a known error code', () => {
    const page = { url: 'https://example.org/a', title: 'A', firstSeen: 1, lastSeen: 2, count: 3 };
    expect(isEntityHistoryResponse({ total: 1, pages: [page] })).toBe(true);
    expect(isEntityHistoryResponse({ total: 1, pages: [{ ...page, title: null }] })).toBe(false);
    expect(isEntityHistoryResponse({ total: -1, pages: [] })).toBe(false);
    expect(isEntityHistoryResponse({ total: 1 })).toBe(false);
    const all = { entities: [{ entityId: 'meta', pages: [page] }], error: null };
    expect(isAllHistoryResponse(all)).toBe(true);
    expect(isAllHistoryResponse({ ...all, error: 'quota' })).toBe(true);
    expect(isAllHistoryResponse({ ...all, error: 'disk on fire' })).toBe(false);
    expect(isAllHistoryResponse({ ...all, entities: [{ entityId: 'Not An Id', pages: [] }] })).toBe(false);
    expect(isAllHistoryResponse({ ...all, entities: [{ entityId: 'meta', pages: [{ ...page, count: 1.5 }] }] })).toBe(
      false,
    );
  });

  it('history errors: known codes only', () => {
    expect(parseHistoryError({ code: 'quota', at: 5 })).toEqual({ code: 'quota', at: 5 });
    expect(parseHistoryError({ code: 'nope', at: 5 })).toBeNull();
    expect(parseHistoryError({ code: 'quota', at: Number.NaN })).toBeNull();
    expect(parseHistoryError('quota')).toBeNull();
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
      },
    );
    expect(parseHistoryError(hostile)).toBeNull();
  });
});
