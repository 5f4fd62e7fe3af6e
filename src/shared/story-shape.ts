/**
 * Checks of a story's shape where it crosses a boundary it was not validated on: the start parts
 * a page reads from storage (`library-store.ts`) and the card data it receives from the
 * background (`messages.ts`). Only the background writes either, after validating every pack in
 * full (`dataset/pack.ts`); these guard against a damaged store or a build mismatch, so that
 * such a story is left out with a message instead of throwing later. They check every field the
 * matcher and the card read, cheaply (no schema library in the content script).
 */
import type { Dataset } from '../dataset/schema.ts';
import type { StoryStart } from '../dataset/story-start.ts';

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrOrNull = (v: unknown): boolean => v === null || isStr(v);
const isStrList = (v: unknown): boolean => Array.isArray(v) && v.every(isStr);
const isOptStrList = (v: unknown): boolean => v === undefined || isStrList(v);
const isListOf = (v: unknown, item: (x: unknown) => boolean): boolean => Array.isArray(v) && v.every(item);
const isLocalized = (v: unknown): boolean => isRec(v) && isStr(v['en']) && isStr(v['de']);
const isDated = (v: unknown): boolean => isLocalized(v) && isRec(v) && isStr(v['asOf']);

const CASES: ReadonlySet<unknown> = new Set(['any', 'exact', 'capitalized']);

function isAlias(v: unknown): boolean {
  return (
    isRec(v) &&
    isStr(v['text']) &&
    CASES.has(v['case']) &&
    typeof v['needsContext'] === 'boolean' &&
    (v['lang'] === null || isStrList(v['lang'])) &&
    (v['versioned'] === undefined || typeof v['versioned'] === 'boolean')
  );
}

function isStartEntity(v: unknown): v is Rec {
  return (
    isRec(v) &&
    isStr(v['id']) &&
    isStr(v['kind']) &&
    isStr(v['name']) &&
    isListOf(v['aliases'], isAlias) &&
    isStrList(v['excludes']) &&
    isStrList(v['context']) &&
    isOptStrList(v['namesakes']) &&
    isOptStrList(v['contextEntities']) &&
    isOptStrList(v['pageEntities'])
  );
}

function isMatching(v: unknown): boolean {
  return v === undefined || (isRec(v) && Object.values(v).every((list) => list === undefined || isStrList(list)));
}

function isStartFields(v: Rec): boolean {
  const source = v['source'];
  const written = isRec(source) ? source['writtenAround'] : undefined;
  return (
    isStr(v['id']) &&
    isLocalized(v['title']) &&
    isStr(v['notesChecked']) &&
    isRec(written) &&
    isStrOrNull(written['estimate']) &&
    isMatching(v['matching'])
  );
}

/** A story's start part as a page's matcher reads it. */
export function isStoryStart(v: unknown): v is StoryStart {
  return isRec(v) && isStartFields(v) && isListOf(v['entities'], isStartEntity);
}

function isNoteSource(v: unknown): boolean {
  const date = isRec(v) ? v['date'] : undefined;
  return (
    isRec(v) &&
    isStr(v['publisher']) &&
    isStrOrNull(v['relays']) &&
    (date === null || (isRec(date) && isStr(date['value']) && isStr(date['kind']))) &&
    isStrOrNull(v['url'])
  );
}

function isClaim(v: unknown): boolean {
  const attribution = isRec(v) ? v['attribution'] : undefined;
  return (
    isRec(v) &&
    isStr(v['id']) &&
    isStrList(v['entities']) &&
    isStr(v['quote']) &&
    isListOf(v['insertions'], (i) => isRec(i) && isStr(i['after']) && isStr(i['text'])) &&
    isLocalized(v['text']) &&
    isRec(attribution) &&
    isStr(attribution['kind']) &&
    isLocalized(attribution['label']) &&
    isStr(v['kind'])
  );
}

function isNote(v: unknown): boolean {
  return (
    isRec(v) &&
    isStr(v['id']) &&
    isStr(v['claim']) &&
    isStr(v['verdict']) &&
    isLocalized(v['text']) &&
    isStr(v['asOf']) &&
    isListOf(v['sources'], isNoteSource)
  );
}

function isDevelopment(v: unknown): boolean {
  return (
    isRec(v) &&
    isStr(v['id']) &&
    isStrList(v['entities']) &&
    isStr(v['date']) &&
    isLocalized(v['text']) &&
    isListOf(v['sources'], isNoteSource)
  );
}

/** A story as a card reads it (`card-view/model.ts`): entities with roles and summaries, claims, notes, developments. */
export function isCardStory(v: unknown): v is Dataset {
  if (!isRec(v) || !isStartFields(v)) return false;
  const source = v['source'];
  const original = isRec(source) ? source['translationOf'] : undefined;
  return (
    isRec(source) &&
    isStr(source['language']) &&
    (original === null ||
      original === undefined ||
      (isRec(original) && isStr(original['language']) && isStr(original['site']) && isStrOrNull(original['url']))) &&
    isListOf(v['entities'], (e) => isStartEntity(e) && isDated(e['role']) && isDated(e['summary'])) &&
    isListOf(v['claims'], isClaim) &&
    isListOf(v['notes'], isNote) &&
    isListOf(v['developments'], isDevelopment)
  );
}
