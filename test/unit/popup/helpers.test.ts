import { describe, expect, it } from 'vitest';
import { isRestrictedUrl } from '../../../src/popup/pages.ts';
import { BUNDLED, formatEstimate, summarise } from '../../../src/popup/dataset-summary.ts';
import { buildHistoryExport } from '../../../src/popup/history-export.ts';

describe('dataset summary', () => {
  it('counts the bundled claims and notes and lists the entities', () => {
    expect(BUNDLED.claims).toBeGreaterThan(10);
    expect(BUNDLED.notes).toBeGreaterThan(5);
    expect(BUNDLED.entities.map((e) => e.id)).toEqual(
      expect.arrayContaining(['mark-zuckerberg', 'alexandr-wang', 'yann-lecun', 'meta', 'llama']),
    );
    expect(BUNDLED.originalSite).toBe('contradadomaro.it');
  });

  it('handles unknowns', () => {
    const s = summarise({
      entities: [],
      claims: [],
      notes: [],
      source: { writtenAround: { estimate: null }, translationOf: null },
    });
    expect(s).toEqual({ entities: [], claims: 0, notes: 0, writtenAround: null, originalSite: null });
  });

  it('formats the estimate in the UI language', () => {
    expect(formatEstimate('2025-12', 'en')).toBe('December 2025');
    expect(formatEstimate('2025-12', 'de')).toBe('Dezember 2025');
    expect(formatEstimate('2025', 'de')).toBe('2025');
    expect(formatEstimate(null, 'en')).toBeNull();
  });
});

describe('pages', () => {
  it('knows which pages extensions cannot read', () => {
    expect(isRestrictedUrl('chrome://extensions/')).toBe(true);
    expect(isRestrictedUrl('about:addons')).toBe(true);
    expect(isRestrictedUrl('https://addons.mozilla.org/de/firefox/')).toBe(true);
    expect(isRestrictedUrl('https://chromewebstore.google.com/detail/x')).toBe(true);
    expect(isRestrictedUrl('https://example.org/paper.PDF')).toBe(true);
    expect(isRestrictedUrl('https://example.org/article')).toBe(false);
    expect(isRestrictedUrl('file:///tmp/a.html')).toBe(false);
    expect(isRestrictedUrl(null)).toBe(false);
  });
});

describe('history export', () => {
  it('names entities and writes ISO dates', () => {
    const out = buildHistoryExport(
      [
        {
          entityId: 'meta',
          pages: [{ url: 'https://a.example/', title: 'A', firstSeen: 0, lastSeen: 86_400_000, count: 2 }],
        },
        { entityId: 'gone', pages: [] },
      ],
      BUNDLED.entities,
      Date.UTC(2026, 0, 31, 23, 59),
    );
    expect(out.filename).toBe('context-cards-history-2026-01-31.json');
    expect(JSON.parse(out.text)).toEqual({
      format: 'context-cards-history',
      version: 1,
      exportedAt: '2026-01-31T23:59:00.000Z',
      entities: [
        {
          entityId: 'meta',
          name: 'Meta',
          pages: [
            {
              url: 'https://a.example/',
              title: 'A',
              firstSeen: '1970-01-01T00:00:00.000Z',
              lastSeen: '1970-01-02T00:00:00.000Z',
              count: 2,
            },
          ],
        },
        { entityId: 'gone', name: 'gone', pages: [] },
      ],
    });
  });
});
