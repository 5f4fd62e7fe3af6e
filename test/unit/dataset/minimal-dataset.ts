import type { Dataset } from '../../../src/dataset/index.ts';

export const MINI_SOURCE = 'Alice Example leitet das Labor. Das Labor ist klein.';

/** A small valid dataset; each call returns a fresh copy a test may break as it likes. */
export function minimalDataset(): Dataset {
  const text = (en: string, de: string) => ({ en, de });
  return {
    schemaVersion: 2,
    id: 'mini',
    title: text('Mini', 'Mini'),
    source: {
      language: 'de',
      file: 'mini.de.txt',
      sha256: 'a'.repeat(64),
      title: null,
      url: null,
      author: null,
      writtenAround: { estimate: '2025-12', note: text('An estimate.', 'Eine Schätzung.') },
      translationOf: null,
      description: text('A test source.', 'Eine Testquelle.'),
    },
    notesChecked: '2026-03',
    entities: [
      {
        id: 'alice-example',
        kind: 'person',
        name: 'Alice Example',
        role: { ...text('Head of the lab', 'Leiterin des Labors'), asOf: '2025-12' },
        summary: { ...text('Leads the lab.', 'Leitet das Labor.'), asOf: '2025-12' },
        aliases: [{ text: 'Alice Example', case: 'any', needsContext: false, lang: null }],
        excludes: ['Alice Examples'],
        context: ['Labor'],
      },
    ],
    claims: [
      {
        id: 'c01-alice-leads',
        entities: ['alice-example'],
        quote: 'Alice Example leitet das Labor.',
        insertions: [],
        text: text('Alice Example leads the lab.', 'Alice Example leitet das Labor.'),
        attribution: { kind: 'article', label: text('The article', 'Der Artikel') },
        kind: 'fact',
      },
    ],
    notes: [
      {
        id: 'n01-alice',
        claim: 'c01-alice-leads',
        verdict: 'corroborated',
        asOf: '2025-06',
        text: text('Confirmed.', 'Bestätigt.'),
        sources: [{ publisher: 'Example News', relays: null, date: null, url: 'https://example.org/a' }],
      },
    ],
    developments: [],
  };
}
