/**
 * Which claims a card shows first: the preview is short, so it leads with what a reader most
 * needs to know before trusting the page they are reading. Pure; the card and its tests share it.
 */
import type { Verdict } from './model.ts';

/** How many claims the card's preview shows; the rest are one click away, on the source page. */
export const PREVIEW_CLAIMS = 3;

// Contradicted before qualified; everything else keeps the article's order after them.
const RANK: Readonly<Record<Verdict, number>> = { contradicted: 0, qualified: 1, corroborated: 2, 'not-found': 2 };
const UNJUDGED = 2;

/**
 * The claims a preview shows: contradicted ones first, then qualified ones, then the others,
 * each group in the order given (the article's), at most `limit` of them.
 */
export function previewClaims<C extends { readonly verdict: Verdict | null }>(
  claims: readonly C[],
  limit: number = PREVIEW_CLAIMS,
): C[] {
  return claims
    .map((claim, index) => ({ claim, index, rank: claim.verdict === null ? UNJUDGED : RANK[claim.verdict] }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, Math.max(0, limit))
    .map((c) => c.claim);
}

/**
 * The claims a preview shows when several stories speak of the entity: the first claim of each
 * story (up to `limit` stories, newest first), so that every story the card names is seen, then
 * the others by the same rule as `previewClaims`; grouped by story, newest first.
 */
export function previewClaimsByStory<
  C extends { readonly verdict: Verdict | null; readonly story: { readonly id: string } | null },
>(claims: readonly C[], stories: readonly { readonly id: string }[], limit: number = PREVIEW_CLAIMS): C[] {
  const chosen = new Set<C>();
  for (const story of stories.slice(0, Math.max(0, limit))) {
    const [first] = previewClaims(
      claims.filter((c) => c.story?.id === story.id),
      1,
    );
    if (first !== undefined) chosen.add(first);
  }
  for (const claim of previewClaims(claims, claims.length)) {
    if (chosen.size >= limit) break;
    chosen.add(claim);
  }
  const order = new Map(stories.map((s, i) => [s.id, i]));
  const ranked = previewClaims(claims, claims.length);
  return [...chosen].sort(
    (a, b) =>
      (order.get(a.story?.id ?? '') ?? 0) - (order.get(b.story?.id ?? '') ?? 0) ||
      ranked.indexOf(a) - ranked.indexOf(b),
  );
}
