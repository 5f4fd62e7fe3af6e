/**
 * The chain of schema versions a pack may be written in. Each step takes a pack of one version
 * to the next, or refuses it with a reason an author can act on; a pack from a newer build is
 * refused, never guessed at. Adding a version: raise SCHEMA_VERSION (schema.ts), add the step
 * from the previous one here, and a test in test/unit/dataset/pack.test.ts.
 */
import { SCHEMA_VERSION } from './schema.ts';

type Json = Record<string, unknown>;

export type MigrationResult = { ok: true; data: Json } | { ok: false; message: string };

/** One step: from `version` to `version + 1`. */
export type Migration = (data: Json) => MigrationResult;

export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  // Version 2 added the dates; they cannot be made up for a version 1 pack.
  1: () => ({
    ok: false,
    message:
      'this pack is in schema version 1, which has no dates (asOf on roles, summaries and notes, notesChecked, ' +
      `developments); they cannot be made up: add them and set schemaVersion to ${SCHEMA_VERSION}`,
  }),
};

/** Runs the steps from the pack's version to the current one. */
export function migrate(data: Json, steps: Readonly<Record<number, Migration>> = MIGRATIONS): MigrationResult {
  let current = data;
  for (let guard = 0; guard <= SCHEMA_VERSION; guard += 1) {
    const version = current['schemaVersion'];
    if (version === SCHEMA_VERSION) return { ok: true, data: current };
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      return { ok: false, message: `schemaVersion must be a whole number (this version reads ${SCHEMA_VERSION})` };
    }
    if (version > SCHEMA_VERSION) {
      return {
        ok: false,
        message: `this pack is in schema version ${version}, made for a newer Context Cards; this version reads ${SCHEMA_VERSION}: update the extension`,
      };
    }
    const step = steps[version];
    if (step === undefined) return { ok: false, message: `no way to read schema version ${version}` };
    const next = step(current);
    if (!next.ok) return next;
    if (next.data['schemaVersion'] !== version + 1) {
      return { ok: false, message: `migration from schema version ${version} did not reach ${version + 1}` };
    }
    current = next.data;
  }
  return { ok: false, message: 'schema migration did not finish' };
}
