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

/**
 * What a card of one entity needs of a story: the story with only that entity, the claims about
 * it, their notes, and the developments about it (`card-view/model.ts` reads no more). What the
 * background sends a page for a card, so that a card's data grows with its entity, not with the
 * number and size of the packs.
 */
export function storyAbout(dataset: Dataset, entityId: string): Dataset {
  const claims = dataset.claims.filter((c) => c.entities.includes(entityId));
  const claimIds = new Set(claims.map((c) => c.id));
  return {
    ...dataset,
    entities: dataset.entities.filter((e) => e.id === entityId),
    claims,
    notes: dataset.notes.filter((n) => claimIds.has(n.claim)),
    developments: dataset.developments.filter((d) => d.entities.includes(entityId)),
  };
}
