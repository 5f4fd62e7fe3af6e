/**
 * The article as blocks with every claim's quote located and marked. Pure: no DOM.
 * A quote is verbatim apart from whitespace (the dataset's one liberty), so quotes are found in
 * a whitespace-normalised copy and mapped back to offsets in the original text.
 */

export interface ClaimQuote {
  readonly id: string;
  readonly quote: string;
}

export interface ClaimSpan {
  readonly id: string;
  /** Offsets into the original article text, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** 1-based, in order of appearance: the reference number shown beside the mark. */
  readonly n: number;
}

export type Inline =
  | { readonly kind: 'text'; readonly text: string; readonly claims: readonly string[] }
  /** Where a claim begins: the scroll and focus target `#claim-<id>`. */
  | { readonly kind: 'anchor'; readonly claimId: string }
  /** Where a claim ends: its reference number, linking to its translation. */
  | { readonly kind: 'ref'; readonly claimId: string; readonly n: number };

export interface Block {
  readonly kind: 'heading' | 'paragraph';
  readonly start: number;
  readonly end: number;
  readonly inlines: readonly Inline[];
  /** Claims that begin in this block, in order: their translations sit beside it. */
  readonly claimsStartingHere: readonly string[];
}

export interface ArticleModel {
  readonly blocks: readonly Block[];
  readonly spans: readonly ClaimSpan[];
  /** Claims whose quote could not be found (a dataset that skipped validation). */
  readonly missing: readonly string[];
}

/** Normalised text (runs of whitespace as one space, trimmed) and, per character, its original offset. */
function normalise(text: string): { text: string; map: number[] } {
  let out = '';
  const map: number[] = [];
  let pendingSpace = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (/\s/u.test(ch)) {
      if (pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0 && out.length > 0) {
      out += ' ';
      map.push(pendingSpace);
    }
    pendingSpace = -1;
    out += ch;
    map.push(i);
  }
  return { text: out, map };
}

/** Finds every quote in the article; the first occurrence wins. */
export function locateClaims(
  article: string,
  claims: readonly ClaimQuote[],
): { spans: ClaimSpan[]; missing: string[] } {
  const { text, map } = normalise(article);
  const found: Omit<ClaimSpan, 'n'>[] = [];
  const missing: string[] = [];
  for (const claim of claims) {
    const quote = normalise(claim.quote).text;
    const at = quote === '' ? -1 : text.indexOf(quote);
    const first = map[at];
    const last = map[at + quote.length - 1];
    if (at < 0 || first === undefined || last === undefined) missing.push(claim.id);
    else found.push({ id: claim.id, start: first, end: last + 1 });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  return { spans: found.map((s, i) => ({ ...s, n: i + 1 })), missing };
}

// A short line without closing punctuation is a heading in this plain-text article.
const HEADING_MAX = 100;
const CLOSES_SENTENCE = /[.!?:;…"“”»«)]$/u;

function blockInlines(start: number, end: number, article: string, spans: readonly ClaimSpan[]): Inline[] {
  const inside = spans.filter((s) => s.start < end && s.end > start);
  const cuts = new Set<number>([start, end]);
  for (const s of inside) {
    if (s.start > start) cuts.add(s.start);
    if (s.end < end) cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Inline[] = [];
  points.forEach((at, i) => {
    for (const s of inside) if (s.end === at) out.push({ kind: 'ref', claimId: s.id, n: s.n });
    for (const s of inside) if (s.start === at) out.push({ kind: 'anchor', claimId: s.id });
    const next = points[i + 1];
    if (next === undefined) return;
    const claims = inside.filter((s) => s.start <= at && s.end >= next).map((s) => s.id);
    out.push({ kind: 'text', text: article.slice(at, next), claims });
  });
  return out;
}

/** Splits the article into headings and paragraphs (one per line) with the claims marked. */
export function buildArticleModel(article: string, claims: readonly ClaimQuote[]): ArticleModel {
  const { spans, missing } = locateClaims(article, claims);
  const blocks: Block[] = [];
  let offset = 0;
  for (const line of article.split('\n')) {
    const lead = line.length - line.trimStart().length;
    const body = line.trim();
    const start = offset + lead;
    offset += line.length + 1;
    if (body === '') continue;
    const end = start + body.length;
    blocks.push({
      kind: body.length <= HEADING_MAX && !CLOSES_SENTENCE.test(body) ? 'heading' : 'paragraph',
      start,
      end,
      inlines: blockInlines(start, end, article, spans),
      claimsStartingHere: spans.filter((s) => s.start >= start && s.start < end).map((s) => s.id),
    });
  }
  return { blocks, spans, missing };
}

/** The claim id a URL asks for: `#claim-<id>` (what the background opens) or `?claim=<id>`. */
export function targetClaim(url: URL): string | null {
  const fromHash = /^#claim-([a-z0-9][a-z0-9-]{0,63})$/.exec(url.hash)?.[1];
  if (fromHash) return fromHash;
  const fromQuery = url.searchParams.get('claim');
  return fromQuery !== null && /^[a-z0-9][a-z0-9-]{0,63}$/.test(fromQuery) ? fromQuery : null;
}

/** A quote in its paragraph: the text before it, the quote itself, the text after it. */
export interface QuoteInContext {
  readonly before: string;
  readonly quote: string;
  readonly after: string;
}

/** The paragraph (or paragraphs, for a quote across a line break) around a claim's quote; null when it was not found. */
export function quoteInContext(article: string, model: ArticleModel, claimId: string): QuoteInContext | null {
  const span = model.spans.find((s) => s.id === claimId);
  if (!span) return null;
  const first = model.blocks.find((b) => b.start <= span.start && span.start < b.end);
  const last = model.blocks.findLast((b) => b.start < span.end && span.end <= b.end);
  if (!first || !last) return null;
  return {
    before: article.slice(first.start, span.start),
    quote: article.slice(span.start, span.end),
    after: article.slice(span.end, last.end),
  };
}

/** The entity a URL asks the page to show alone: `?entity=<id>`. */
export function targetEntity(url: URL): string | null {
  const id = url.searchParams.get('entity');
  return id !== null && /^[a-z0-9][a-z0-9-]{0,63}$/.test(id) ? id : null;
}
