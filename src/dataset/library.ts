/**
 * The stories the extension knows at once: the bundled dataset and the packs a user imported and
 * left on. Entity ids are global: two stories that describe `mark-zuckerberg` give one entity,
 * its names, exclusions and context merged, with the newest story's name, role and summary, and
 * one card that lists each story's claims. Pure; the background builds the library once per
 * change and the content script only reads it.
 */
import { foldKey } from '../match/chars.ts';
import { lastDay } from './dates.ts';
import type { DatasetError } from './errors.ts';
import { PACK_LIMITS } from './limits.ts';
import type { Alias, Dataset, Matching } from './schema.ts';
import type { StartEntity, StoryStart } from './story-start.ts';

/**
 * Every story that is on, merged by entity. `S` is what is known of each story: its start part
 * (`StoryStart`: what a page needs to mark) or the whole dataset (what a card needs).
 */
export interface Library<S extends StoryStart = Dataset> {
  /** Every entity of every story, merged by id (whole for a card, start parts for a page). */
  readonly entities: readonly EntityOf<S>[];
  readonly matching: Matching;
  /** The stories, newest first. */
  readonly stories: readonly S[];
}

/** What a story of this kind knows of each entity. */
export type EntityOf<S extends StoryStart> = S['entities'][number];

/** The library a page starts with: the stories' start parts. */
export type StartLibrary = Library<StoryStart>;

/** A story in the order of stories: when its source was written, then when it was imported. */
export interface DatedStory<S extends StoryStart = Dataset> {
  readonly dataset: S;
  /** Milliseconds; 0 for the bundled story. */
  readonly importedAt: number;
}

/** When a story's source was written, as a day number; its notes' date when that is unknown. */
export function storyDay(dataset: StoryStart): number {
  return lastDay(dataset.source.writtenAround.estimate ?? dataset.notesChecked);
}

/** Newest first: the later source, then the later import. */
export function orderStories<S extends StoryStart>(stories: readonly DatedStory<S>[]): S[] {
  return [...stories]
    .sort((a, b) => storyDay(b.dataset) - storyDay(a.dataset) || b.importedAt - a.importedAt)
    .map((s) => s.dataset);
}

function aliasKey(alias: Alias): string {
  return `${alias.case}\u0000${alias.case === 'exact' ? alias.text : alias.text.toLowerCase()}`;
}

function union(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] | undefined {
  if (a === undefined && b === undefined) return undefined;
  return [...new Set([...(a ?? []), ...(b ?? [])])];
}

/** One entity from two stories' versions of it: `newer` names it, both lend their names and rules. */
export function mergeEntity<E extends StartEntity>(newer: E, older: E): E {
  const aliases = new Map<string, Alias>();
  for (const alias of [...newer.aliases, ...older.aliases]) {
    if (!aliases.has(aliasKey(alias))) aliases.set(aliasKey(alias), alias);
  }
  const merged: E = {
    ...newer,
    aliases: [...aliases.values()],
    excludes: union(newer.excludes, older.excludes) ?? [],
    context: union(newer.context, older.context) ?? [],
  };
  const namesakes = union(newer.namesakes, older.namesakes);
  const contextEntities = union(newer.contextEntities, older.contextEntities);
  const pageEntities = union(newer.pageEntities, older.pageEntities);
  return {
    ...merged,
    ...(namesakes === undefined ? {} : { namesakes }),
    ...(contextEntities === undefined ? {} : { contextEntities }),
    ...(pageEntities === undefined ? {} : { pageEntities }),
  };
}

type MatchingKey = keyof Matching;
/** Every page-wide matching rule; the type check fails when `Matching` gains one not listed here. */
const MATCHING_KEYS = [
  'citationMarkers',
  'distinctionMarkers',
  'characterVariants',
] as const satisfies readonly MatchingKey[];
type Unlisted = Exclude<MatchingKey, (typeof MATCHING_KEYS)[number]>;
const everyMatchingKeyListed: [Unlisted] extends [never] ? true : never = true;
void everyMatchingKeyListed;

/** The library of some stories, given newest first. */
export function buildLibrary<S extends StoryStart>(stories: readonly S[]): Library<S> {
  const byId = new Map<string, EntityOf<S>>();
  const lists = new Map<MatchingKey, string[] | undefined>();
  for (const story of stories) {
    for (const entity of story.entities) {
      const known = byId.get(entity.id);
      byId.set(entity.id, known === undefined ? entity : mergeEntity(known, entity));
    }
    for (const key of MATCHING_KEYS) lists.set(key, union(lists.get(key), story.matching?.[key]));
  }
  const matching: { -readonly [K in MatchingKey]?: string[] } = {};
  for (const key of MATCHING_KEYS) {
    const list = lists.get(key);
    if (list !== undefined) matching[key] = list;
  }
  return { entities: [...byId.values()], matching, stories };
}

/**
 * The card's library: the start library's stories that `datasets` holds, each by its whole
 * dataset (or its part about one entity), in the same order and merged the same way. A story
 * missing from `datasets` (removed meanwhile, or left out of a card's data) is left out: the
 * other stories' cards still show.
 */
export function withDatasets(start: StartLibrary, datasets: readonly Dataset[]): Library {
  const byId = new Map(datasets.map((d) => [d.id, d]));
  const stories: Dataset[] = [];
  for (const story of start.stories) {
    const dataset = byId.get(story.id);
    if (dataset !== undefined) stories.push(dataset);
  }
  // Merged as the start library was (same stories, same order), now with roles and summaries.
  const [only] = stories;
  return stories.length === 1 && only !== undefined ? libraryOf(only) : buildLibrary(stories);
}

/** A library of one dataset (the bundled one alone, or a test's). */
export function libraryOf<S extends StoryStart>(dataset: S): Library<S> {
  return { entities: dataset.entities, matching: dataset.matching ?? {}, stories: [dataset] };
}

/** An alias of an incoming entity that another entity (another id) already uses. */
export interface AliasConflict {
  readonly alias: string;
  readonly entityId: string;
  readonly entityName: string;
  readonly otherEntityId: string;
  readonly otherName: string;
  /** The packs that give the other entity this alias (their ids). */
  readonly otherPacks: readonly string[];
}

/**
 * The aliases of `incoming` that name a different entity in `existing`: the same letters would
 * mark one of two people, and the user should decide whether that is what they want.
 */
export function aliasConflicts(incoming: Dataset, existing: readonly Dataset[]): AliasConflict[] {
  const owners = new Map<string, Map<string, { name: string; packs: string[] }>>();
  for (const story of existing) {
    if (story.id === incoming.id) continue;
    for (const entity of story.entities) {
      for (const alias of entity.aliases) {
        const key = foldKey(alias.text);
        const byEntity = owners.get(key) ?? new Map<string, { name: string; packs: string[] }>();
        const entry = byEntity.get(entity.id) ?? { name: entity.name, packs: [] };
        if (!entry.packs.includes(story.id)) entry.packs.push(story.id);
        byEntity.set(entity.id, entry);
        owners.set(key, byEntity);
      }
    }
  }
  const conflicts: AliasConflict[] = [];
  for (const entity of incoming.entities) {
    const seen = new Set<string>();
    for (const alias of entity.aliases) {
      const key = foldKey(alias.text);
      if (seen.has(key)) continue;
      seen.add(key);
      for (const [otherId, other] of owners.get(key) ?? []) {
        if (otherId === entity.id) continue;
        conflicts.push({
          alias: alias.text,
          entityId: entity.id,
          entityName: entity.name,
          otherEntityId: otherId,
          otherName: other.name,
          otherPacks: other.packs,
        });
      }
    }
  }
  return conflicts;
}

function aliasCount(dataset: Dataset): number {
  return dataset.entities.reduce((n, e) => n + e.aliases.length, 0);
}

/**
 * Whether `incoming` fits beside the packs already there (`imported`: the imported packs, without
 * one of the same id it would replace; `bundled`: the bundled dataset).
 */
export function checkLimits(incoming: Dataset, imported: readonly Dataset[], bundled: Dataset): DatasetError[] {
  const errors: DatasetError[] = [];
  const others = imported.filter((d) => d.id !== incoming.id);
  if (others.length >= PACK_LIMITS.maxPacks) {
    errors.push({
      path: '$',
      message: `there are already ${PACK_LIMITS.maxPacks} story packs, the most the extension keeps; remove one first`,
    });
  }
  const total = [bundled, ...others, incoming].reduce((n, d) => n + aliasCount(d), 0);
  if (total > PACK_LIMITS.maxAliases) {
    errors.push({
      path: 'entities',
      message: `with this pack the stories would have ${total} aliases, more than the ${PACK_LIMITS.maxAliases} the extension matches; remove a pack or some aliases`,
    });
  }
  if (incoming.id === bundled.id) {
    errors.push({ path: 'id', message: `"${incoming.id}" is the id of the bundled story; give the pack its own id` });
  }
  return errors;
}
