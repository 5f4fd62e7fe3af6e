import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDate, formatShortDate } from '../../../src/card-view/dates.ts';
import { resolveCardLanguage } from '../../../src/card-view/language.ts';
import { buildCardState, safeHttpUrl } from '../../../src/card-view/model.ts';
import { STRINGS } from '../../../src/card-view/strings.ts';
import { parseDataset } from '../../../src/dataset/index.ts';

describe('card language', () => {
  it('follows the browser for "auto": German for any de-* tag, else English', () => {
    expect(resolveCardLanguage('auto', 'de')).toBe('de');
    expect(resolveCardLanguage('auto', 'de-AT')).toBe('de');
    expect(resolveCardLanguage('auto', 'DE-ch')).toBe('de');
    expect(resolveCardLanguage('auto', 'en-US')).toBe('en');
    expect(resolveCardLanguage('auto', 'fr')).toBe('en');
    expect(resolveCardLanguage('auto', undefined)).toBe('en');
  });

  it('lets the setting win over the browser', () => {
    expect(resolveCardLanguage('en', 'de-DE')).toBe('en');
    expect(resolveCardLanguage('de', 'en-GB')).toBe('de');
  });
});

describe("the card's first line", () => {
  const base = { language: 'de', writtenAround: '2025-12', translatedFrom: 'it' };
  it('names the product and the source from the dataset, in both languages', () => {
    expect(STRINGS.en.brand(base)).toBe('Context Cards · one German news article, Dec 2025');
    expect(STRINGS.de.brand(base)).toBe('Context Cards · ein deutscher Nachrichtenartikel, Dez. 2025');
    expect(STRINGS.en.brand({ ...base, language: 'it', writtenAround: '2024-03-09' })).toBe(
      'Context Cards · one Italian news article, Mar 2024',
    );
    expect(STRINGS.de.brand({ ...base, language: 'fr', writtenAround: '2025-06' })).toBe(
      'Context Cards · ein französischer Nachrichtenartikel, Juni 2025',
    );
  });
  it('leaves out what is unknown instead of guessing', () => {
    expect(STRINGS.en.brand({ ...base, language: 'nl', writtenAround: null })).toBe('Context Cards · one news article');
    expect(STRINGS.de.brand({ ...base, writtenAround: '2025' })).toBe(
      'Context Cards · ein deutscher Nachrichtenartikel, 2025',
    );
    expect(STRINGS.en.brand({ ...base, writtenAround: 'soon' })).toBe('Context Cards · one German news article');
  });
});

describe('footer source line', () => {
  const base = { language: 'de', writtenAround: '2025-12', translatedFrom: 'it' };
  it('says when the article was probably written, as an estimate, in both languages', () => {
    expect(STRINGS.en.footerSource({ ...base, writtenAround: '2025-02' })).toBe(
      'Source: German article, probably written in February 2025, translated from an Italian site.',
    );
    expect(STRINGS.en.footerSource({ ...base, writtenAround: '2025-06-30' })).toBe(
      'Source: German article, probably written on 30 June 2025, translated from an Italian site.',
    );
    expect(STRINGS.de.footerSource({ ...base, writtenAround: '2025' })).toBe(
      'Quelle: Deutscher Artikel, vermutlich 2025 geschrieben, Übersetzung eines Beitrags einer italienischen Website.',
    );
    expect(STRINGS.de.footerSource({ ...base, writtenAround: '2025-06-30' })).toBe(
      'Quelle: Deutscher Artikel, vermutlich am 30. Juni 2025 geschrieben, Übersetzung eines Beitrags einer ' +
        'italienischen Website.',
    );
  });
  it('leaves out what is unknown instead of guessing', () => {
    expect(STRINGS.en.footerSource({ language: 'de', writtenAround: null, translatedFrom: null })).toBe(
      'Source: German article.',
    );
    expect(STRINGS.en.footerSource({ language: 'nl', writtenAround: null, translatedFrom: 'fr' })).toBe(
      'Source: Article, translated from a French site.',
    );
    expect(STRINGS.de.footerSource({ language: 'nl', writtenAround: null, translatedFrom: 'nl' })).toBe(
      'Quelle: Artikel, aus einer anderen Sprache übersetzt.',
    );
  });
});

describe('dates in words', () => {
  it('writes a year, a month or a day the way each language does', () => {
    expect(['2025', '2025-12', '2025-12-19'].map((d) => formatDate(d, 'en'))).toEqual([
      '2025',
      'December 2025',
      '19 December 2025',
    ]);
    expect(['2025', '2026-03', '2026-03-05'].map((d) => formatDate(d, 'de'))).toEqual([
      '2025',
      'März 2026',
      '5. März 2026',
    ]);
    // Not a date: shown as it is rather than turned into something wrong.
    expect(formatDate('2025-13', 'en')).toBe('2025-13');
    expect(formatDate('soon', 'de')).toBe('soon');
  });

  it('writes short dates for one-line labels', () => {
    expect(['2025', '2025-09', '2025-12-19'].map((d) => formatShortDate(d, 'en'))).toEqual([
      '2025',
      'Sep 2025',
      'Dec 2025',
    ]);
    expect(['2025-03', '2025-09', '2025-12'].map((d) => formatShortDate(d, 'de'))).toEqual([
      'März 2025',
      'Sept. 2025',
      'Dez. 2025',
    ]);
    expect(formatShortDate('2025-13', 'en')).toBe('2025-13');
    expect(formatShortDate('later', 'de')).toBe('later');
  });

  it('says "as of" beside a role and dates the staleness line, in both languages', () => {
    expect(STRINGS.en.asOf('2025-12')).toBe('as of December 2025');
    expect(STRINGS.de.asOf('2025-12')).toBe('Stand: Dezember 2025');
    expect(STRINGS.en.stale('2026-03')).toBe(
      'Checked against other reporting up to March 2026. Things may have changed since.',
    );
    expect(STRINGS.de.stale('2026-03')).toBe(
      'Mit anderen Berichten abgeglichen bis März 2026. Seitdem kann sich einiges geändert haben.',
    );
  });

  it('names a source with the outlet it relays and a date that says where it comes from', () => {
    const ndtv = {
      publisher: 'NDTV',
      relays: 'Financial Times',
      date: { value: '2025-12-19', kind: 'published' },
    } as const;
    expect(STRINGS.en.sourceLabel(ndtv)).toBe('NDTV (original source: Financial Times), 19 December 2025');
    expect(STRINGS.de.sourceLabel(ndtv)).toBe('NDTV (Originalquelle: Financial Times), 19. Dezember 2025');
    const url = { publisher: 'India Today', relays: null, date: { value: '2025-06-13', kind: 'per-url' } } as const;
    expect(STRINGS.en.sourceLabel(url)).toBe('India Today, 13 June 2025 (date from the URL)');
    expect(STRINGS.de.sourceLabel(url)).toBe('India Today, 13. Juni 2025 (Datum laut URL)');
    const updated = {
      publisher: 'Business Standard',
      relays: null,
      date: { value: '2025-10-17', kind: 'updated' },
    } as const;
    expect(STRINGS.en.sourceLabel(updated)).toBe('Business Standard, updated 17 October 2025');
    expect(STRINGS.de.sourceLabel(updated)).toBe('Business Standard, aktualisiert am 17. Oktober 2025');
    expect(STRINGS.de.sourceLabel({ ...updated, date: { value: '2025-10', kind: 'updated' } })).toBe(
      'Business Standard, aktualisiert im Oktober 2025',
    );
    expect(STRINGS.en.sourceLabel({ publisher: 'Particle', relays: null, date: null })).toBe('Particle');
  });

  it('labels claim kinds by how the article presents them, never as "Fact"', () => {
    expect(STRINGS.en.claimKind).toEqual({ fact: 'Stated as fact', reported: 'Reported', opinion: 'Opinion' });
    expect(STRINGS.de.claimKind).toEqual({
      fact: 'Als Tatsache dargestellt',
      reported: 'Berichtet',
      opinion: 'Meinung',
    });
  });
});

describe('source links', () => {
  it('keeps http(s) URLs and drops every other scheme', () => {
    expect(safeHttpUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(safeHttpUrl('http://example.org')).toBe('http://example.org/');
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,x',
      'ftp://x',
      '//example.org',
      'not a url',
    ]) {
      expect(safeHttpUrl(bad)).toBeNull();
    }
  });
});

describe('cards for the bundled dataset', () => {
  const root = new URL('../../../', import.meta.url);
  const article = readFileSync(new URL('assets/source/article.de.txt', root), 'utf8');
  const parsed = parseDataset(
    JSON.parse(readFileSync(new URL('assets/dataset/meta-ai-leadership.json', root), 'utf8')),
    { sourceText: article },
  );
  if (!parsed.ok) throw new Error('bundled dataset invalid');
  const dataset = parsed.dataset;

  it.each(dataset.entities.map((e) => e.id))('%s has a card in both languages, with its claims', (id) => {
    for (const lang of ['en', 'de'] as const) {
      const state = buildCardState(dataset, id, lang);
      expect(state.kind).not.toBe('error');
      const expected = dataset.claims.filter((c) => c.entities.includes(id)).length;
      expect(state.kind === 'ready' ? state.claims.length : 0).toBe(expected);
    }
  });

  it('attaches the contradicting note to the ten-million claim', () => {
    const state = buildCardState(dataset, 'alexandr-wang', 'en');
    if (state.kind !== 'ready') throw new Error('expected a ready card');
    const claim = state.claims.find((c) => c.id === 'c05-ten-million-dollars');
    expect(claim?.notes.map((n) => n.verdict)).toEqual(['contradicted']);
    expect(claim?.notes[0]?.sources.every((s) => s.url?.startsWith('https://'))).toBe(true);
  });
});
