/**
 * The start part of the bundled story (`story-start.ts`), for the content script: only these
 * top-level fields of the file are imported, so the bundler leaves its claims, notes and
 * developments out of the content script (they reach a card from the background, on demand).
 * The whole file, typed, is in `bundled.ts`; test/unit/dataset/bundled.test.ts validates it.
 */
import { entities, id, matching, notesChecked, source, title } from '../../assets/dataset/meta-ai-leadership.json';
import type { Dataset } from './schema.ts';
import type { StartEntity, StoryStart } from './story-start.ts';

export const BUNDLED_START: StoryStart = {
  id,
  title,
  notesChecked,
  source: { writtenAround: source.writtenAround as Dataset['source']['writtenAround'] },
  // The entities' roles and summaries come along in the file's `entities`; nothing here reads them.
  entities: entities as unknown as StartEntity[],
  matching: matching as unknown as Dataset['matching'],
};
