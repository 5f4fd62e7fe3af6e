import type { Dataset } from '../../../src/dataset/index.ts';

const text = (en: string, de: string) => ({ en, de });

/** A small dataset for card tests; each call returns a fresh copy a test may change. */
export function cardDataset(): Dataset {
  return {
    schemaVersion: 2,
    id: 'card-test',
    title: text('Card test', 'Kartentest'),
    source: {
      language: 'de',
      file: 'card.de.txt',
      sha256: 'b'.repeat(64),
      title: null,
      url: null,
      author: null,
      writtenAround: { estimate: '2025-12', note: text('An estimate.', 'Eine Schätzung.') },
      translationOf: { language: 'it', site: 'example.it', url: null },
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
        excludes: [],
        context: [],
      },
      {
        id: 'quiet-corp',
        kind: 'organization',
        name: 'Quiet Corp',
        role: { ...text('A company', 'Ein Unternehmen'), asOf: '2025-12' },
        summary: { ...text('Never quoted.', 'Nie zitiert.'), asOf: '2025-12' },
        aliases: [{ text: 'Quiet Corp', case: 'any', needsContext: false, lang: null }],
        excludes: [],
        context: [],
      },
    ],
    claims: [
      {
        id: 'c01-alice-leads',
        entities: ['alice-example'],
        quote: 'Alice Example leitet das Labor.',
        insertions: [],
        text: text('Alice Example leads the lab.', 'Alice Example leitet das Labor.'),
        attribution: {
          kind: 'article',
          label: text('The article, in its own voice', 'Der Artikel selbst'),
        },
        kind: 'fact',
      },
      {
        id: 'c02-alice-paid',
        entities: ['alice-example'],
        quote: 'Alice bekam angeblich zehn Millionen.',
        insertions: [],
        text: text('Alice reportedly got ten million.', 'Alice bekam angeblich zehn Millionen.'),
        attribution: { kind: 'anonymous', label: text('Unnamed insiders', 'Ungenannte Insider') },
        kind: 'reported',
      },
      {
        id: 'c03-alice-bold',
        entities: ['alice-example'],
        quote: 'Ein mutiger Schritt.',
        insertions: [],
        text: text('A bold move.', 'Ein mutiger Schritt.'),
        attribution: { kind: 'named', label: text('Bob, an analyst', 'Bob, ein Analyst') },
        kind: 'opinion',
      },
    ],
    notes: [
      {
        id: 'n01-paid-contradicted',
        claim: 'c02-alice-paid',
        verdict: 'contradicted',
        asOf: '2025-06',
        text: text('Other outlets report a far larger sum.', 'Andere Medien nennen eine viel größere Summe.'),
        sources: [
          {
            publisher: 'Example News',
            relays: null,
            date: { value: '2025-06-13', kind: 'published' },
            url: 'https://example.org/a',
          },
          { publisher: 'Plain Wire', relays: 'Reuters', date: null, url: 'http://example.net/b' },
          // Cannot pass the schema, but the card must not trust that it never arrives.
          { publisher: 'Sneaky', relays: null, date: null, url: 'javascript:alert(1)' },
        ],
      },
    ],
    developments: [],
  };
}
