import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeWhitespace, parseDataset } from '../../../src/dataset/index.ts';
import {
  buildArticleModel,
  locateClaims,
  quoteInContext,
  targetClaim,
  targetEntity,
  type ArticleModel,
} from '../../../src/source-page/article-model.ts';

const root = new URL('../../../', import.meta.url);
const article = readFileSync(new URL('assets/source/article.de.txt', root), 'utf8');
const parsed = parseDataset(JSON.parse(readFileSync(new URL('assets/dataset/meta-ai-leadership.json', root), 'utf8')), {
  sourceText: article,
});
if (!parsed.ok) throw new Error('bundled dataset invalid');
const dataset = parsed.dataset;

/** The marked text of one claim, joined across its segments. */
function markedText(model: ArticleModel, claimId: string): string {
  // A claim is one contiguous span: its pieces join directly within a block, with a space across blocks.
  return model.blocks
    .map((b) =>
      b.inlines
        .filter((i) => i.kind === 'text' && i.claims.includes(claimId))
        .map((i) => (i.kind === 'text' ? i.text : ''))
        .join(''),
    )
    .filter(Boolean)
    .join(' ');
}

describe('the source page article model', () => {
  const model = buildArticleModel(article, dataset.claims);

  it('finds and marks every claim of the bundled dataset, exactly over its quote', () => {
    expect(model.missing).toEqual([]);
    expect(model.spans).toHaveLength(dataset.claims.length);
    for (const claim of dataset.claims) {
      expect(normalizeWhitespace(markedText(model, claim.id))).toBe(normalizeWhitespace(claim.quote));
    }
  });

  it('gives every claim one anchor, one reference number and one translation slot', () => {
    const inlines = model.blocks.flatMap((b) => b.inlines);
    const anchors = inlines.filter((i) => i.kind === 'anchor').map((i) => i.claimId);
    const refs = inlines.filter((i) => i.kind === 'ref').map((i) => (i.kind === 'ref' ? i.n : 0));
    const slots = model.blocks.flatMap((b) => b.claimsStartingHere);
    expect(new Set(anchors).size).toBe(dataset.claims.length);
    expect(anchors).toHaveLength(dataset.claims.length);
    expect([...refs].sort((a, b) => a - b)).toEqual(dataset.claims.map((_, i) => i + 1));
    expect(new Set(slots)).toEqual(new Set(dataset.claims.map((c) => c.id)));
  });

  it('keeps the article text intact: blocks joined give back every line', () => {
    const lines = article
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const texts = model.blocks.map((b) => b.inlines.map((i) => (i.kind === 'text' ? i.text : '')).join(''));
    expect(texts).toEqual(lines);
  });

  it('tells headings from paragraphs', () => {
    const headings = model.blocks.filter((b) => b.kind === 'heading').map((b) => article.slice(b.start, b.end));
    expect(headings).toContain('Ein bemerkenswerter, aber kostspieliger Schritt');
    expect(headings).toContain('Milliarden in… Gefahr');
    expect(headings.every((h) => h.length < 100)).toBe(true);
    expect(model.blocks.filter((b) => b.kind === 'paragraph').length).toBeGreaterThan(5);
  });

  it('marks overlapping claims on the shared text with both ids', () => {
    const shared = model.blocks.flatMap((b) => b.inlines).filter((i) => i.kind === 'text' && i.claims.length > 1);
    expect(shared.length).toBeGreaterThan(0);
    expect(
      shared.some(
        (i) =>
          i.kind === 'text' &&
          i.claims.includes('c03-billions-and-wang-hire') &&
          i.claims.includes('c04-wang-billionaire-founder'),
      ),
    ).toBe(true);
  });
});

describe('locating quotes', () => {
  it('tolerates differences in whitespace only, and reports what it cannot find', () => {
    const text = 'Erster Satz.\nZweiter   Satz steht\nhier. Ende.';
    const { spans, missing } = locateClaims(text, [
      { id: 'b', quote: 'Zweiter Satz steht hier.' },
      { id: 'a', quote: 'Erster Satz.' },
      { id: 'x', quote: 'Nicht da.' },
      { id: 'e', quote: '   ' },
    ]);
    expect(missing).toEqual(['x', 'e']);
    expect(spans.map((s) => [s.id, text.slice(s.start, s.end), s.n])).toEqual([
      ['a', 'Erster Satz.', 1],
      ['b', 'Zweiter   Satz steht\nhier.', 2],
    ]);
    const model = buildArticleModel(text, [{ id: 'b', quote: 'Zweiter Satz steht hier.' }]);
    // A quote across a line break is marked in both blocks, anchored in the first, numbered in the last.
    expect(model.blocks.map((b) => b.inlines.map((i) => i.kind))).toEqual([
      ['text'],
      ['anchor', 'text'],
      ['text', 'ref', 'text'],
    ]);
  });
});

describe('the target claim in the URL', () => {
  it('reads #claim-<id> and ?claim=<id>, and nothing else', () => {
    expect(targetClaim(new URL('chrome-extension://x/source-page/index.html#claim-c05-ten-million-dollars'))).toBe(
      'c05-ten-million-dollars',
    );
    expect(targetClaim(new URL('moz-extension://x/source-page/index.html?claim=c01-ai-most-important'))).toBe(
      'c01-ai-most-important',
    );
    expect(targetClaim(new URL('moz-extension://x/source-page/index.html'))).toBeNull();
    expect(targetClaim(new URL('moz-extension://x/source-page/index.html#t-c01'))).toBeNull();
    expect(targetClaim(new URL('moz-extension://x/source-page/index.html?claim=<script>'))).toBeNull();
  });

  it('gives a quote in its paragraph: the text before it, the quote, the text after it', () => {
    for (const claim of dataset.claims) {
      const context = quoteInContext(article, buildArticleModel(article, dataset.claims), claim.id);
      expect(context, claim.id).not.toBeNull();
      if (!context) continue;
      expect(normalizeWhitespace(context.quote)).toBe(normalizeWhitespace(claim.quote));
      // The three parts are one stretch of the article, from a line's start to a line's end.
      const whole = context.before + context.quote + context.after;
      expect(article).toContain(whole);
      const at = article.indexOf(whole);
      expect(at === 0 || article[at - 1] === '\n').toBe(true);
      expect(article[at + whole.length] === undefined || article[at + whole.length] === '\n').toBe(true);
    }
    expect(quoteInContext(article, buildArticleModel(article, dataset.claims), 'no-such-claim')).toBeNull();
  });

  it('reads ?entity=<id>, and nothing else', () => {
    expect(targetEntity(new URL('moz-extension://x/source-page/index.html?entity=alexandr-wang'))).toBe(
      'alexandr-wang',
    );
    expect(targetEntity(new URL('moz-extension://x/source-page/index.html?entity=alexandr-wang#claim-c05-x'))).toBe(
      'alexandr-wang',
    );
    expect(targetEntity(new URL('moz-extension://x/source-page/index.html'))).toBeNull();
    expect(targetEntity(new URL('moz-extension://x/source-page/index.html?entity=<b>'))).toBeNull();
  });
});
