import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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

describe('footer source line', () => {
  const base = { language: 'de', writtenAround: '2025-12', translatedFrom: 'it' };
  it('says roughly when, in both languages', () => {
    expect(STRINGS.en.footerSource({ ...base, writtenAround: '2025-02' })).toBe(
      'Source: German article, early 2025, translated from an Italian site.',
    );
    expect(STRINGS.en.footerSource({ ...base, writtenAround: '2025-06-30' })).toBe(
      'Source: German article, mid 2025, translated from an Italian site.',
    );
    expect(STRINGS.de.footerSource({ ...base, writtenAround: '2025' })).toBe(
      'Quelle: Deutscher Artikel, 2025, aus dem Italienischen einer italienischen Website übersetzt.',
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
