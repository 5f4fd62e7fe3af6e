/**
 * What the options page and the source page learn about story packs from the background, and
 * the guards that check it on arrival (messages.ts puts them in the BACKGROUND table).
 */
import type { AliasConflict } from '../dataset/library.ts';
import type { DatasetError } from '../dataset/errors.ts';
import { PACK_LIMITS } from '../dataset/limits.ts';

export interface PackInfo {
  readonly id: string;
  readonly title: { readonly en: string; readonly de: string };
  readonly sourceTitle: string | null;
  readonly sourceUrl: string | null;
  readonly sourceLanguage: string;
  /** When the source was written (YYYY, YYYY-MM or YYYY-MM-DD), if known. */
  readonly writtenAround: string | null;
  /** Other reporting was searched up to this date. */
  readonly notesChecked: string;
  /** When it was imported (ms); null for the bundled story. */
  readonly importedAt: number | null;
  readonly bundled: boolean;
  readonly enabled: boolean;
  readonly entities: number;
  readonly claims: number;
  readonly notes: number;
}

export type ImportOutcome =
  | { readonly status: 'imported'; readonly id: string; readonly replaced: boolean }
  | { readonly status: 'invalid'; readonly errors: readonly DatasetError[] }
  /** Nothing stored: some aliases name other entities; the user decides (import again with `confirm`). */
  | { readonly status: 'conflicts'; readonly conflicts: readonly AliasConflict[] };

export interface ImportRequest {
  /** The pack file's text. */
  readonly text: string;
  /** Import although aliases collide with other entities'. */
  readonly confirm: boolean;
  /** Put back a removed pack as it was (Undo): on or off, and its import time. */
  readonly restore?: { readonly enabled: boolean; readonly importedAt: number };
}

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
/**
 * A pack file's text: at most `PACK_LIMITS.maxBytes` in UTF-8, so at most as many UTF-16 code
 * units (a character takes no more units than bytes). An exported pack is never longer than its
 * file (`packToJson`), so whatever was accepted passes here on its way out and back (Undo).
 */
const MAX_TEXT = PACK_LIMITS.maxBytes;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isId = (v: unknown): v is string => typeof v === 'string' && ID.test(v);
const isStr = (v: unknown, max = 4096): v is string => typeof v === 'string' && v.length <= max;
const isNullableStr = (v: unknown): boolean => v === null || isStr(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function isPackInfo(v: unknown): v is PackInfo {
  if (!isRecord(v)) return false;
  const title = v['title'];
  return (
    isId(v['id']) &&
    isRecord(title) &&
    isStr(title['en']) &&
    isStr(title['de']) &&
    isNullableStr(v['sourceTitle']) &&
    isNullableStr(v['sourceUrl']) &&
    isStr(v['sourceLanguage'], 40) &&
    isNullableStr(v['writtenAround']) &&
    isStr(v['notesChecked'], 20) &&
    (v['importedAt'] === null || (typeof v['importedAt'] === 'number' && Number.isFinite(v['importedAt']))) &&
    typeof v['bundled'] === 'boolean' &&
    typeof v['enabled'] === 'boolean' &&
    isCount(v['entities']) &&
    isCount(v['claims']) &&
    isCount(v['notes'])
  );
}

export function isPackList(v: unknown): v is { packs: readonly PackInfo[] } {
  return (
    isRecord(v) &&
    Array.isArray(v['packs']) &&
    v['packs'].length <= PACK_LIMITS.maxPacks + 1 &&
    v['packs'].every(isPackInfo)
  );
}

export function isImportRequest(v: unknown): v is ImportRequest {
  if (!isRecord(v) || !isStr(v['text'], MAX_TEXT) || typeof v['confirm'] !== 'boolean') return false;
  const restore = v['restore'];
  return (
    restore === undefined ||
    (isRecord(restore) &&
      typeof restore['enabled'] === 'boolean' &&
      typeof restore['importedAt'] === 'number' &&
      Number.isFinite(restore['importedAt']))
  );
}

function isError(v: unknown): v is DatasetError {
  return isRecord(v) && isStr(v['path']) && isStr(v['message']);
}

function isConflict(v: unknown): v is AliasConflict {
  return (
    isRecord(v) &&
    isStr(v['alias']) &&
    isId(v['entityId']) &&
    isStr(v['entityName']) &&
    isId(v['otherEntityId']) &&
    isStr(v['otherName']) &&
    Array.isArray(v['otherPacks']) &&
    v['otherPacks'].every(isId)
  );
}

export function isImportOutcome(v: unknown): v is ImportOutcome {
  if (!isRecord(v)) return false;
  switch (v['status']) {
    case 'imported':
      return isId(v['id']) && typeof v['replaced'] === 'boolean';
    case 'invalid':
      return Array.isArray(v['errors']) && v['errors'].length <= 100 && v['errors'].every(isError);
    case 'conflicts':
      return Array.isArray(v['conflicts']) && v['conflicts'].length <= 10_000 && v['conflicts'].every(isConflict);
    default:
      return false;
  }
}

export function isPackIdRequest(v: unknown): v is { id: string } {
  return isRecord(v) && isId(v['id']) && Object.keys(v).length === 1;
}

export function isEnableRequest(v: unknown): v is { id: string; enabled: boolean } {
  return isRecord(v) && isId(v['id']) && typeof v['enabled'] === 'boolean';
}

export function isPackTextResponse(v: unknown): v is { text: string | null } {
  return isRecord(v) && (v['text'] === null || isStr(v['text'], MAX_TEXT));
}
