import { describe, expect, it } from 'vitest';
import { PREVIEW_CLAIMS, previewClaims, previewClaimsByStory } from '../../../src/card-view/claim-order.ts';
import { buildCardState, type Verdict } from '../../../src/card-view/model.ts';
import { cardDataset } from './card-dataset.ts';

const claim = (id: string, verdict: Verdict | null) => ({ id, verdict });
const ids = (list: readonly { id: string }[]) => list.map((c) => c.id);

describe('which claims a preview shows', () => {
  it('puts contradicted claims first, then qualified ones, then the rest in the order given', () => {
    const claims = [
      claim('a', null),
      claim('b', 'corroborated'),
      claim('c', 'qualified'),
      claim('d', 'not-found'),
      claim('e', 'contradicted'),
      claim('f', 'qualified'),
    ];
    expect(ids(previewClaims(claims, 6))).toEqual(['e', 'c', 'f', 'a', 'b', 'd']);
  });

  it('shows at most three by default, the graver ones', () => {
    expect(PREVIEW_CLAIMS).toBe(3);
    const claims = [claim('a', null), claim('b', 'qualified'), claim('c', null), claim('d', 'contradicted')];
    expect(ids(previewClaims(claims))).toEqual(['d', 'b', 'a']);
  });

  it('keeps the article order when nothing is contradicted or qualified', () => {
    const claims = [claim('a', 'corroborated'), claim('b', null), claim('c', 'not-found'), claim('d', null)];
    expect(ids(previewClaims(claims))).toEqual(['a', 'b', 'c']);
  });

  it('copes with fewer claims than the limit, none, and a limit of nothing', () => {
    expect(ids(previewClaims([claim('a', 'qualified')]))).toEqual(['a']);
    expect(previewClaims([])).toEqual([]);
    expect(previewClaims([claim('a', null)], 0)).toEqual([]);
    expect(previewClaims([claim('a', null)], -1)).toEqual([]);
  });

  it('does not reorder or change the list it is given', () => {
    const claims = [claim('a', null), claim('b', 'contradicted')];
    const before = JSON.stringify(claims);
    previewClaims(claims);
    expect(JSON.stringify(claims)).toBe(before);
  });

  it('works on the card model as built from a dataset', () => {
    const state = buildCardState(cardDataset(), 'alice-example', 'en');
    if (state.kind !== 'ready') throw new Error('fixture');
    expect(ids(previewClaims(state.claims))).toEqual(['c02-alice-paid', 'c01-alice-leads', 'c03-alice-bold']);
  });
});

describe('which claims a preview shows from several stories', () => {
  const inStory = (id: string, story: string, verdict: Verdict | null = null) => ({
    id,
    verdict,
    story: { id: story },
  });
  const stories = [{ id: 'new' }, { id: 'old' }];

  it('shows each story at least once, grouped by story, newest first', () => {
    const claims = [inStory('n1', 'new'), inStory('n2', 'new'), inStory('n3', 'new'), inStory('o1', 'old')];
    expect(ids(previewClaimsByStory(claims, stories))).toEqual(['n1', 'n2', 'o1']);
  });

  it('fills the rest by gravity, and leads each story with its gravest claim', () => {
    const claims = [
      inStory('n1', 'new'),
      inStory('n2', 'new', 'qualified'),
      inStory('o1', 'old'),
      inStory('o2', 'old', 'contradicted'),
    ];
    expect(ids(previewClaimsByStory(claims, stories))).toEqual(['n2', 'n1', 'o2']);
  });

  it('names at most as many stories as it shows claims', () => {
    const many = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
    const claims = many.map((s) => inStory(`${s.id}1`, s.id));
    expect(ids(previewClaimsByStory(claims, many))).toEqual(['a1', 'b1', 'c1']);
  });
});
