/**
 * A story split in two by when a page needs it. The start part is what every page reads before it
 * can mark anything: the story's id, title and dates, its entities (names, exclusions, context)
 * and its matching rules. The card part (claims, notes, developments, the source's summary) is
 * read only when a card opens. Pure; `Dataset` is a `StoryStart` with its card part.
 */
import type { Dataset } from './schema.ts';

export type StoryStart = Pick<Dataset, 'id' | 'title' | 'notesChecked' | 'entities' | 'matching'> & {
  readonly source: Pick<Dataset['source'], 'writtenAround'>;
};

/** The start part of a story: nothing a card alone needs. */
export function storyStart(dataset: Dataset): StoryStart {
  return {
    id: dataset.id,
    title: dataset.title,
    notesChecked: dataset.notesChecked,
    source: { writtenAround: dataset.source.writtenAround },
    entities: dataset.entities,
    ...(dataset.matching === undefined ? {} : { matching: dataset.matching }),
  };
}
