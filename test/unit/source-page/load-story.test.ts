import { describe, expect, it } from 'vitest';
import { PACK_LIMITS } from '../../../src/dataset/pack.ts';
import { loadStory, type Shown, type StorySources } from '../../../src/source-page/load-story.ts';
import { miniPackText } from '../dataset/mini-pack.ts';
import { MINI_SOURCE } from '../dataset/minimal-dataset.ts';

const BUNDLED: Shown = { kind: 'story', article: 'the bundled article', dataset: null, story: undefined };

function sources(packText: StorySources['packText']): StorySources {
  return { bundledId: 'bundled-id', bundled: () => BUNDLED, packText };
}

describe('the story the source page shows', () => {
  it('is the bundled one when no pack (or the bundled id) is asked for', async () => {
    const never = sources(() => Promise.reject(new Error('not asked')));
    for (const story of [null, '', 'bundled-id']) await expect(loadStory(story, never)).resolves.toBe(BUNDLED);
  });

  it('is the pack asked for, with its own source text', async () => {
    const shown = await loadStory(
      'mini',
      sources(async () => miniPackText()),
    );
    expect(shown).toMatchObject({ kind: 'story', article: MINI_SOURCE, story: 'mini', dataset: { id: 'mini' } });
  });

  it('is an error naming the pack, never the bundled article, when the pack cannot be had', async () => {
    const cases: StorySources['packText'][] = [
      async () => null,
      () => Promise.reject(new Error('the background sent an answer that failed its check')),
      async () => `${miniPackText()}${' '.repeat(PACK_LIMITS.maxBytes)}`,
      async () => '{ broken',
    ];
    for (const packText of cases) {
      const shown = await loadStory('mini', sources(packText));
      expect(shown).toMatchObject({ kind: 'error', story: 'mini', detail: expect.any(String) });
      expect(shown).not.toBe(BUNDLED);
    }
    const tooLarge = await loadStory('mini', sources(cases[2] ?? (async () => null)));
    expect(tooLarge.kind === 'error' && tooLarge.detail).toMatch(/larger than 5 MB/);
  });
});
