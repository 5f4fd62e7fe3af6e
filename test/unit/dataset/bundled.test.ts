import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeWhitespace, parseDataset, type Dataset } from '../../../src/dataset/index.ts';

const root = new URL('../../../', import.meta.url);
const articleBytes = readFileSync(new URL('assets/source/article.de.txt', root));
const article = articleBytes.toString('utf8');
const raw: unknown = JSON.parse(readFileSync(new URL('assets/dataset/meta-ai-leadership.json', root), 'utf8'));
// The research notes live beside the repository, not in it; the URL check runs where they exist.
const referenceFile = new URL('../shared/reference/context-research.md', root);
const reference = existsSync(referenceFile) ? readFileSync(referenceFile, 'utf8') : undefined;
if (reference === undefined)
  console.warn(`bundled dataset: skipping the URL check, ${referenceFile.pathname} (../shared/reference) is absent`);

function load(): Dataset {
  const result = parseDataset(raw, { sourceText: article });
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.dataset;
}

describe('the bundled dataset', () => {
  const dataset = load();

  it('validates against the schema and its cross-references, quotes included', () => {
    expect(parseDataset(raw, { sourceText: article })).toMatchObject({ ok: true });
  });

  it('describes the article file byte for byte', () => {
    expect(createHash('sha256').update(articleBytes).digest('hex')).toBe(dataset.source.sha256);
    expect(dataset.source.file).toBe('article.de.txt');
    expect(dataset.source.language).toBe('de');
  });

  it('leaves what the article does not say as null rather than guessing', () => {
    expect(dataset.source.title).toBeNull();
    expect(dataset.source.url).toBeNull();
    expect(dataset.source.author).toBeNull();
    expect(dataset.source.translationOf?.site).toBe('contradadomaro.it');
    expect(dataset.source.writtenAround.note.en).toMatch(/estimate/i);
  });

  it('quotes every claim verbatim from the article (whitespace normalised at most)', () => {
    const text = normalizeWhitespace(article);
    const missing = dataset.claims.filter((claim) => !text.includes(normalizeWhitespace(claim.quote)));
    expect(missing.map((claim) => claim.id)).toEqual([]);
  });

  it('covers the article: enough claims, and most body sentences quoted by at least one', () => {
    expect(dataset.claims.length).toBeGreaterThanOrEqual(25);
    const lines = article.split('\n').filter((line) => /[.!?]\s*$/.test(line.trim()));
    const sentences = lines.flatMap((line) => line.match(/[^.!?]+[.!?]+/g) ?? []).map((s) => s.trim());
    expect(sentences).toHaveLength(33);
    const quoted = sentences.filter((sentence) =>
      dataset.claims.some((claim) => sentence.includes(claim.quote) || claim.quote.includes(sentence)),
    );
    // The two unquoted ones are bridges without content ("Die finanziellen Dimensionen erhöhen den Druck.").
    expect(quoted.length).toBeGreaterThanOrEqual(31);
  });

  it('includes the contracted entities, each with at least one claim', () => {
    const ids = dataset.entities.map((entity) => entity.id);
    for (const id of [
      'mark-zuckerberg',
      'alexandr-wang',
      'yann-lecun',
      'meta-superintelligence-labs',
      'scale-ai',
      'meta',
      'llama',
    ]) {
      expect(ids).toContain(id);
    }
    const claimed = new Set(dataset.claims.flatMap((claim) => claim.entities));
    expect(ids.filter((id) => !claimed.has(id))).toEqual([]);
  });

  it('has claims that name only existing entities, and unique ids everywhere', () => {
    const entityIds = new Set(dataset.entities.map((entity) => entity.id));
    for (const claim of dataset.claims) for (const id of claim.entities) expect(entityIds).toContain(id);
    const all = [...dataset.entities, ...dataset.claims, ...dataset.notes].map((item) => item.id);
    expect(new Set(all).size).toBe(all.length);
  });

  it('has notes that point at existing claims and cite sources unless nothing was found', () => {
    const claimIds = new Set(dataset.claims.map((claim) => claim.id));
    expect(dataset.notes.length).toBeGreaterThanOrEqual(10);
    for (const note of dataset.notes) {
      expect(claimIds).toContain(note.claim);
      if (note.verdict !== 'not-found') expect(note.sources.length).toBeGreaterThan(0);
    }
  });

  it.skipIf(reference === undefined)('cites only URLs that appear in the context research', () => {
    if (reference === undefined) return;
    const urls = dataset.notes.flatMap((note) => note.sources.map((source) => source.url));
    expect(urls.filter((url) => !reference.includes(url))).toEqual([]);
    const translated = dataset.source.translationOf?.url;
    expect(translated === null || translated === undefined || reference.includes(translated)).toBe(true);
  });

  it('calls the "about 10 million dollars" claim contradicted', () => {
    const claim = dataset.claims.find((c) => c.quote.includes('10 Millionen Dollar'));
    expect(claim).toBeDefined();
    const verdicts = dataset.notes.filter((note) => note.claim === claim?.id).map((note) => note.verdict);
    expect(verdicts).toContain('contradicted');
  });

  it('shows both sides of the contradiction about LeCun leaving', () => {
    expect(dataset.claims.some((claim) => claim.quote.includes('verließ das Unternehmen'))).toBe(true);
    expect(dataset.claims.some((claim) => claim.quote.includes('bevorstehender Abgang'))).toBe(true);
  });

  it('attributes claims to the sources the article names, not to its own voice', () => {
    const attributionOf = (fragment: string) =>
      dataset.claims.find((claim) => claim.quote.includes(fragment))?.attribution;
    expect(attributionOf('„Risse“')).toMatchObject({
      kind: 'named',
      label: { de: expect.stringContaining('contradadomaro') },
    });
    expect(attributionOf('erdrückenden Führungsstil')).toMatchObject({
      kind: 'anonymous',
      label: { en: expect.stringMatching(/Italian sources/) },
    });
    expect(attributionOf('mobilen Geräten')).toMatchObject({
      kind: 'anonymous',
      label: { en: expect.stringMatching(/long-time/i) },
    });
    // "Direktoren" are senior managers here, not board members.
    expect(attributionOf('Erfahrung hat')).toMatchObject({
      kind: 'anonymous',
      label: { en: expect.stringMatching(/employees and senior managers/i), de: expect.stringContaining('Direktoren') },
    });
  });

  it('gives every alias a matching rule and marks the ambiguous ones as needing context', () => {
    const alias = (entityId: string, text: string) =>
      dataset.entities.find((e) => e.id === entityId)?.aliases.find((a) => a.text === text);
    for (const [entityId, text] of [
      ['alexandr-wang', 'Wang'],
      ['meta', 'Meta'],
      ['llama', 'Llama'],
      ['meta-superintelligence-labs', 'MSL'],
      ['alexandr-wang', 'Alexander Wang'],
      ['fair', 'FAIR'],
    ] as const) {
      expect(alias(entityId, text)?.needsContext, `${entityId}: ${text}`).toBe(true);
    }
    for (const [entityId, text] of [
      ['mark-zuckerberg', 'Mark Zuckerberg'],
      ['mark-zuckerberg', 'Zuckerberg'],
      ['alexandr-wang', 'Alexandr Wang'],
      ['yann-lecun', 'LeCun'],
      ['scale-ai', 'Scale AI'],
      ['meta-superintelligence-labs', 'Meta Superintelligence Labs'],
    ] as const) {
      expect(alias(entityId, text)?.needsContext, `${entityId}: ${text}`).toBe(false);
    }
    expect(alias('mark-zuckerberg', 'Zuckerberg')?.case).toBe('exact');
    // One alias for Llama, LLaMA, LLaMa: the first letter as written, the rest in any case.
    expect(alias('llama', 'Llama')?.case).toBe('capitalized');
  });

  it('lists the look-alikes that must not count as mentions', () => {
    const entity = (id: string) => dataset.entities.find((e) => e.id === id);
    expect(entity('alexandr-wang')?.namesakes).toEqual(expect.arrayContaining(['Vera Wang']));
    expect(entity('mark-zuckerberg')?.namesakes).toEqual(expect.arrayContaining(['Randi Zuckerberg']));
    expect(entity('mark-zuckerberg')?.excludes).toEqual(expect.arrayContaining(['Chan Zuckerberg']));
    expect(entity('meta')?.excludes).toEqual(expect.arrayContaining(['Meta-Analyse', 'Meta Keywords']));
    expect(entity('fair')?.excludes).toEqual(expect.arrayContaining(['FAIR principles']));
  });

  it('counts no generic AI word as evidence', () => {
    const generic = [
      'AI',
      'KI',
      'IA',
      'artificial intelligence',
      'künstliche Intelligenz',
      'intelligence artificielle',
    ];
    for (const entity of dataset.entities)
      for (const term of entity.context) expect(generic, `${entity.id}: ${term}`).not.toContain(term);
  });

  it("lists the article's own full-name surface forms as aliases", () => {
    const articleForms = [
      'Mark Zuckerberg',
      'Alexandr Wang',
      'Yann LeCun',
      'Meta Superintelligence Lab',
      'Scale AI',
      'Auge des Sauron',
    ];
    const allAliases = dataset.entities.flatMap((e) => e.aliases.map((a) => a.text));
    for (const form of articleForms) {
      expect(article).toContain(form);
      expect(allAliases).toContain(form);
    }
  });
});
