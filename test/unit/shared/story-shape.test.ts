import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DATASET } from '../../../src/dataset/bundled.ts';
import { storyAbout, storyStart } from '../../../src/dataset/story-start.ts';
import { BACKGROUND } from '../../../src/shared/messages.ts';
import { isCardStory, isStoryStart } from '../../../src/shared/story-shape.ts';
import { minimalDataset } from '../dataset/minimal-dataset.ts';

const storiesResponse = BACKGROUND['library/stories'].response;
const damage = (edit: (d: Record<string, unknown>) => void): unknown => {
  const copy = structuredClone(BUNDLED_DATASET) as unknown as Record<string, unknown>;
  edit(copy);
  return copy;
};

describe('the shape of a story where it crosses from storage or the background', () => {
  it('accepts what the background writes and sends: start parts, whole stories, and parts about one entity', () => {
    for (const dataset of [BUNDLED_DATASET, minimalDataset()]) {
      expect(isStoryStart(storyStart(dataset))).toBe(true);
      expect(isCardStory(dataset)).toBe(true);
      for (const e of dataset.entities) expect(isCardStory(storyAbout(dataset, e.id))).toBe(true);
    }
    expect(storiesResponse({ stories: [BUNDLED_DATASET, minimalDataset()] })).toBe(true);
  });

  it('refuses a story missing anything the matcher or the card reads', () => {
    const damaged = [
      damage((d) => delete d['claims']),
      damage((d) => ((d['entities'] as Record<string, unknown>[])[0] = { id: 'x', name: 'X' })),
      damage((d) => delete (d['entities'] as Record<string, unknown>[])[0]?.['role']),
      damage((d) => delete (d['claims'] as Record<string, unknown>[])[0]?.['quote']),
      damage((d) => ((d['notes'] as Record<string, unknown>[])[0] = { id: 'n', sources: 'none' })),
      damage((d) => ((d['source'] as Record<string, unknown>)['writtenAround'] = null)),
      damage((d) => ((d['matching'] as Record<string, unknown>)['citationMarkers'] = [3])),
    ];
    for (const story of damaged) {
      expect(isCardStory(story)).toBe(false);
      expect(storiesResponse({ stories: [story] })).toBe(false);
    }
    expect(isStoryStart({ ...storyStart(BUNDLED_DATASET), entities: [{ id: 'x', aliases: [{ text: 1 }] }] })).toBe(
      false,
    );
  });

  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        expect(isStoryStart(v)).toBe(false);
        expect(isCardStory(v)).toBe(false);
        expect(typeof storiesResponse({ stories: [v] })).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
