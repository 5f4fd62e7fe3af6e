import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openPackDb, type PackDb, type PackRow } from '../../../src/background/pack-db.ts';
import { PackService } from '../../../src/background/pack-service.ts';
import { BUNDLED_DATASET } from '../../../src/dataset/bundled.ts';
import type { Dataset } from '../../../src/dataset/index.ts';
import { PACK_LIMITS, parsePackText, utf8Length } from '../../../src/dataset/pack.ts';
import type { PublishedLibrary } from '../../../src/shared/library-store.ts';
import { isImportRequest, isPackTextResponse } from '../../../src/shared/packs.ts';
import { at, miniPackText } from '../dataset/mini-pack.ts';
import { minimalDataset } from '../dataset/minimal-dataset.ts';
import { bigPackText } from './big-pack.ts';

/** An in-memory PackDb: the service's logic without IndexedDB's speed. */
function memoryDb(): PackDb & { rows: Map<string, PackRow>; bundled: boolean } {
  const rows = new Map<string, PackRow>();
  const db = {
    rows,
    bundled: true,
    all: async () => [...rows.values()].map((r) => structuredClone(r)),
    get: async (id: string) => structuredClone(rows.get(id)),
    put: async (row: PackRow) => void rows.set(row.id, structuredClone(row)),
    delete: async (id: string) => void rows.delete(id),
    bundledEnabled: async () => db.bundled,
    setBundledEnabled: async (on: boolean) => void (db.bundled = on),
  };
  return db;
}

function service(
  db: PackDb = memoryDb(),
  options: { budget?: number; cardBudget?: number; failPublish?: () => boolean } = {},
) {
  const published: PublishedLibrary[] = [];
  let clock = 1_000;
  const packs = new PackService({
    open: async () => db,
    publish: async (l) => {
      if (options.failPublish?.()) throw new Error('storage is full');
      published.push(l);
    },
    bundled: BUNDLED_DATASET,
    now: () => (clock += 1),
    ...(options.budget === undefined ? {} : { publishedBudget: options.budget }),
    ...(options.cardBudget === undefined ? {} : { cardBudget: options.cardBudget }),
  });
  return { packs, published, db };
}

const renamed =
  (id: string, entityId = 'alice-example') =>
  (d: Dataset): void => {
    d.id = id;
    const entity = d.entities[0];
    if (entity) entity.id = entityId;
    for (const c of d.claims) c.entities = [entityId];
  };

describe('PackService', () => {
  it('imports a pack, lists it after the bundled story and publishes it', async () => {
    const { packs, published } = service();
    await expect(packs.importPack({ text: miniPackText(), confirm: false })).resolves.toEqual({
      status: 'imported',
      id: 'mini',
      replaced: false,
    });
    const list = await packs.list();
    expect(list.map((p) => [p.id, p.bundled, p.enabled])).toEqual([
      [BUNDLED_DATASET.id, true, true],
      ['mini', false, true],
    ]);
    expect(list[1]).toMatchObject({ entities: 1, claims: 1, notes: 1, writtenAround: '2025-12' });
    expect(published.at(-1)?.packs.map((p) => p.dataset.id)).toEqual(['mini']);
    // The published story carries no source text: pages do not pay for it.
    expect(JSON.stringify(published.at(-1))).not.toContain('Das Labor ist klein');
  });

  it("publishes only each pack's start part, and hands the whole datasets out on request", async () => {
    const { packs, published } = service();
    await packs.importPack({ text: miniPackText(), confirm: false });
    const story = published.at(-1)?.packs[0]?.dataset;
    expect(Object.keys(story ?? {}).sort()).toEqual(['entities', 'id', 'notesChecked', 'source', 'title']);
    expect(Object.keys(story?.source ?? {})).toEqual(['writtenAround']);
    expect(story?.entities.map((e) => 'role' in e || 'summary' in e)).toEqual([false]);
    const stories = await packs.stories(['mini', BUNDLED_DATASET.id, 'unknown'], 'alice-example');
    expect(stories.map((d) => d.id)).toEqual(['mini']);
    expect(stories[0]?.entities[0]?.role).toEqual(minimalDataset().entities[0]?.role);
    expect(stories[0]?.claims).toHaveLength(1);
    expect(stories[0]?.notes).toHaveLength(1);
    expect(await packs.stories([], 'alice-example')).toEqual([]);
  });

  it("sends a card only its entity's part of each story that has it, in the order asked, within a budget", async () => {
    const zuck = 'mark-zuckerberg';
    const { packs } = service(memoryDb());
    await packs.importPack({ text: miniPackText(renamed('other', zuck)), confirm: true });
    await packs.importPack({ text: miniPackText(), confirm: false });
    const stories = await packs.stories(['other', 'mini', BUNDLED_DATASET.id], zuck);
    expect(stories.map((d) => d.id)).toEqual(['other', BUNDLED_DATASET.id]);
    const bundled = at(stories, 1);
    expect(bundled.entities.map((e) => e.id)).toEqual([zuck]);
    const about = BUNDLED_DATASET.claims.filter((c) => c.entities.includes(zuck));
    expect(bundled.claims).toEqual(about);
    expect(bundled.notes).toEqual(BUNDLED_DATASET.notes.filter((n) => about.some((c) => c.id === n.claim)));
    expect(bundled.developments.every((d) => d.entities.includes(zuck))).toBe(true);
    // Far smaller than the whole bundled story: a card's data grows with its entity only.
    expect(JSON.stringify(bundled).length).toBeLessThan(JSON.stringify(BUNDLED_DATASET).length / 2);
    // Over the budget, the older stories are left out, never the whole answer.
    const small = service(memoryDb(), { cardBudget: JSON.stringify(at(stories, 0)).length + 10 });
    await small.packs.importPack({ text: miniPackText(renamed('other', zuck)), confirm: true });
    expect((await small.packs.stories(['other', BUNDLED_DATASET.id], zuck)).map((d) => d.id)).toEqual(['other']);
  });

  it('stores nothing for a broken pack and says where it is broken', async () => {
    const { packs, published } = service();
    await packs.importPack({ text: miniPackText(), confirm: false });
    const before = await packs.list();
    const outcome = await packs.importPack({
      text: miniPackText((d) => {
        renamed('broken')(d);
        const claim = d.claims[0];
        if (claim) claim.quote = 'Nicht im Text.';
      }),
      confirm: true,
    });
    expect(outcome).toEqual({
      status: 'invalid',
      errors: [{ path: 'claims[0].quote', message: 'this quote is not in the source text' }],
    });
    expect(await packs.list()).toEqual(before);
    expect(published).toHaveLength(1);
  });

  it('explains an alias another entity has, stores nothing until confirmed', async () => {
    const { packs, db } = service();
    await packs.importPack({ text: miniPackText(), confirm: false });
    const rival = miniPackText(renamed('rival', 'alice-rival'));
    const outcome = await packs.importPack({ text: rival, confirm: false });
    expect(outcome).toMatchObject({
      status: 'conflicts',
      conflicts: [
        { alias: 'Alice Example', entityId: 'alice-rival', otherEntityId: 'alice-example', otherPacks: ['mini'] },
      ],
    });
    expect((await db.all()).map((r) => r.id)).toEqual(['mini']);
    await expect(packs.importPack({ text: rival, confirm: true })).resolves.toMatchObject({ status: 'imported' });
    expect((await db.all()).map((r) => r.id).sort()).toEqual(['mini', 'rival']);
  });

  it('replaces a pack of the same id (an update), with no conflict against itself', async () => {
    const { packs } = service();
    await packs.importPack({ text: miniPackText(), confirm: false });
    await expect(packs.importPack({ text: miniPackText(), confirm: false })).resolves.toEqual({
      status: 'imported',
      id: 'mini',
      replaced: true,
    });
    expect(await packs.list()).toHaveLength(2);
  });

  it('switches packs and the bundled story off and on, and publishes each change', async () => {
    const { packs, published } = service();
    await packs.importPack({ text: miniPackText(), confirm: false });
    await packs.setEnabled('mini', false);
    expect(published.at(-1)?.packs).toEqual([]);
    await packs.setEnabled(BUNDLED_DATASET.id, false);
    expect(published.at(-1)?.bundled).toBe(false);
    await expect(packs.setEnabled('nope', true)).resolves.toBe(false);
    const revisions = published.map((p) => p.revision);
    expect([...revisions].sort((a, b) => a - b)).toEqual(revisions);
    expect(new Set(revisions).size).toBe(revisions.length);
  });

  it('removes an imported pack, never the bundled one; Undo puts it back as it was', async () => {
    const { packs } = service();
    await packs.importPack({ text: miniPackText(), confirm: false });
    await packs.setEnabled('mini', false);
    const [, before] = await packs.list();
    const text = await packs.text('mini');
    expect(text).not.toBeNull();
    await expect(packs.remove(BUNDLED_DATASET.id)).resolves.toBe(false);
    await expect(packs.remove('mini')).resolves.toBe(true);
    expect(await packs.list()).toHaveLength(1);
    await packs.importPack({
      text: text ?? '',
      confirm: true,
      restore: { enabled: false, importedAt: before?.importedAt ?? 0 },
    });
    expect((await packs.list())[1]).toEqual(before);
  });

  it('stores nothing when the stories could not be published, and keeps the pack it would have replaced', async () => {
    let fail = false;
    const { packs, db } = service(memoryDb(), { failPublish: () => fail });
    await packs.importPack({ text: miniPackText(), confirm: false });
    const before = JSON.stringify(await db.all());
    fail = true;
    await expect(
      packs.importPack({ text: miniPackText(renamed('other', 'bob-other')), confirm: true }),
    ).rejects.toThrow('storage is full');
    await expect(packs.importPack({ text: miniPackText(), confirm: false })).rejects.toThrow('storage is full');
    expect(JSON.stringify(await db.all())).toBe(before);
  });

  it('changes nothing when a remove or a switch could not be published: the database and the pages agree', async () => {
    let fail = false;
    const { packs, db, published } = service(memoryDb(), { failPublish: () => fail });
    await packs.importPack({ text: miniPackText(), confirm: false });
    const rows = JSON.stringify(await db.all());
    const last = published.at(-1);
    fail = true;
    await expect(packs.remove('mini')).rejects.toThrow('storage is full');
    await expect(packs.setEnabled('mini', false)).rejects.toThrow('storage is full');
    await expect(packs.setEnabled(BUNDLED_DATASET.id, false)).rejects.toThrow('storage is full');
    expect(JSON.stringify(await db.all())).toBe(rows);
    expect(await db.bundledEnabled()).toBe(true);
    expect(published.at(-1)).toBe(last);
    expect(last).toMatchObject({ bundled: true, packs: [{ dataset: { id: 'mini' } }] });
    fail = false;
    // And the same changes go through once publishing works again.
    await expect(packs.setEnabled(BUNDLED_DATASET.id, false)).resolves.toBe(true);
    await expect(packs.remove('mini')).resolves.toBe(true);
    expect(published.at(-1)).toMatchObject({ bundled: false, packs: [] });
    expect(await db.all()).toEqual([]);
  });

  it('publishes what the database holds again when a change could not be stored', async () => {
    const db = memoryDb();
    const { packs, published } = service(db);
    await packs.importPack({ text: miniPackText(), confirm: false });
    db.delete = () => Promise.reject(new Error('disk error'));
    await expect(packs.remove('mini')).rejects.toThrow('disk error');
    expect(published.at(-1)?.packs.map((p) => p.dataset.id)).toEqual(['mini']);
    expect(await db.all()).toHaveLength(1);
  });

  it('refuses what would make the published stories larger than every page should read', async () => {
    // The mini pack's start part (what is published) is about 380 bytes; its whole dataset 1,345.
    const { packs, db } = service(memoryDb(), { budget: 300 });
    const outcome = await packs.importPack({ text: miniPackText(), confirm: false });
    expect(outcome).toMatchObject({
      status: 'invalid',
      errors: [{ path: '$', message: expect.stringMatching(/every page reads/) }],
    });
    expect(await db.all()).toEqual([]);
  });

  it('refuses to switch on a pack that would go over that budget', async () => {
    const { packs } = service(memoryDb(), { budget: 700 });
    await packs.importPack({ text: miniPackText(), confirm: false });
    await packs.setEnabled('mini', false);
    await packs.importPack({ text: miniPackText(renamed('other', 'bob-other')), confirm: true });
    await expect(packs.setEnabled('mini', true)).rejects.toThrow(/every page reads/);
    expect((await packs.list()).find((p) => p.id === 'mini')?.enabled).toBe(false);
  });

  it('exports a pack that imports to the same pack', async () => {
    const { packs } = service();
    await packs.importPack({ text: miniPackText(), confirm: false });
    const exported = await packs.text('mini');
    expect(parsePackText(exported ?? '')).toEqual(parsePackText(miniPackText()));
  });

  it('exports, removes and puts back (Undo) a pack at the size limit, through the message guards', async () => {
    const { packs, db } = service();
    const file = bigPackText();
    await expect(packs.importPack({ text: file, confirm: false })).resolves.toMatchObject({ status: 'imported' });
    const [, before] = await packs.list();
    const exported = await packs.text('mini');
    if (exported === null) throw new Error('no export');
    // What the options page receives and sends back must pass the messages' checks.
    expect(isPackTextResponse({ text: exported })).toBe(true);
    expect(utf8Length(exported)).toBeLessThanOrEqual(PACK_LIMITS.maxBytes);
    expect(parsePackText(exported)).toEqual(parsePackText(file));
    await expect(packs.remove('mini')).resolves.toBe(true);
    const request = { text: exported, confirm: true, restore: { enabled: true, importedAt: before?.importedAt ?? 0 } };
    expect(isImportRequest(request)).toBe(true);
    await expect(packs.importPack(request)).resolves.toMatchObject({ status: 'imported', id: 'mini' });
    expect((await packs.list())[1]).toEqual(before);
    expect(await db.all()).toHaveLength(1);
  }, 60_000);

  it('never throws on arbitrary input and never changes the stored packs', async () => {
    const { packs, db, published } = service();
    await packs.importPack({ text: miniPackText(), confirm: false });
    const stored = JSON.stringify(await db.all());
    const publications = published.length;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify({ schemaVersion: 2, source: { text: 'x' }, extra: v })),
        ),
        fc.boolean(),
        async (text, confirm) => {
          const outcome = await packs.importPack({ text, confirm });
          expect(outcome.status).toBe('invalid');
          expect(JSON.stringify(await db.all())).toBe(stored);
        },
      ),
      { numRuns: 200 },
    );
    expect(published).toHaveLength(publications);
  });
});

describe('the pack database (IndexedDB)', () => {
  it('keeps packs and the bundled switch across connections', async () => {
    const first = service(await openPackDb());
    await first.packs.importPack({ text: miniPackText(), confirm: false });
    await first.packs.setEnabled(BUNDLED_DATASET.id, false);
    const again = service(await openPackDb());
    const list = await again.packs.list();
    expect(list.map((p) => [p.id, p.enabled])).toEqual([
      [BUNDLED_DATASET.id, false],
      ['mini', true],
    ]);
    await again.packs.republish();
    expect(again.published.at(-1)).toMatchObject({ bundled: false, packs: [{ dataset: { id: 'mini' } }] });
  });
});
