/**
 * A story split in two by when a page needs it. The start part is what every page reads before it
 * can mark anything: the story's id, title and dates, its entities (names, exclusions, context;
 * not their roles and summaries) and its matching rules. The card part (roles and summaries,
 * claims, notes, developments, the source's summary) is read only when a card opens. Pure; `Dataset` is a `StoryStart` with its card part.
 */
import type { Dataset, Entity } from './schema.ts';

/** What a page needs of an entity to find it: its names and rules, not its role or summary (the card's). */
export type StartEntity = Omit<Entity, 'role' | 'summary'>;

export interface StoryStart {
  readonly id: Dataset['id'];
  readonly title: Dataset['title'];
  readonly notesChecked: Dataset['notesChecked'];
  readonly source: Pick<Dataset['source'], 'writtenAround'>;
  readonly entities: readonly StartEntity[];
  readonly matching?: Dataset['matching'];
}

/** An entity's start part: everything but its role and summary. */
export function startEntity(entity: Entity): StartEntity {
  const { role, summary, ...start } = entity;
  void role;
  void summary;
  return start;
}

/** The start part of a story: nothing a card alone needs. */
export function storyStart(dataset: Dataset): StoryStart {
  return {
    id: dataset.id,
    title: dataset.title,
    notesChecked: dataset.notesChecked,
    source: { writtenAround: dataset.source.writtenAround },
    entities: dataset.entities.map(startEntity),
    ...(dataset.matching === undefined ? {} : { matching: dataset.matching }),
  };
}
