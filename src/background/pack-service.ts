/**
 * Story packs as the background keeps them: import (validated in full, limits and alias
 * conflicts checked; a refused pack changes nothing), switch on and off, remove, read back. After
 * every change it publishes the stories that are on (`shared/library-store.ts`), which open tabs
 * follow at once. Operations run one at a time, so two quick clicks cannot interleave.
 */
import { aliasConflicts, checkLimits } from '../dataset/library.ts';
import { PACK_LIMITS } from '../dataset/limits.ts';
import { packToJson, parsePackText, utf8Length } from '../dataset/pack.ts';
import type { Dataset } from '../dataset/schema.ts';
import { storyAbout, storyStart } from '../dataset/story-start.ts';
import type { PublishedLibrary } from '../shared/library-store.ts';
import type { ImportOutcome, ImportRequest, PackInfo } from '../shared/packs.ts';
import type { PackDb, PackRow } from './pack-db.ts';

export interface PackServiceDeps {
  open(): Promise<PackDb>;
  publish(library: PublishedLibrary): Promise<void>;
  bundled: Dataset;
  now(): number;
  /** Bytes the published stories may take; PACK_LIMITS.maxPublishedBytes unless a test says otherwise. */
  publishedBudget?: number;
  /** Bytes one card's stories may take; PACK_LIMITS.maxCardBytes unless a test says otherwise. */
  cardBudget?: number;
}

function info(dataset: Dataset, importedAt: number | null, enabled: boolean): PackInfo {
  return {
    id: dataset.id,
    title: { en: dataset.title.en, de: dataset.title.de },
    sourceTitle: dataset.source.title,
    sourceUrl: dataset.source.url,
    sourceLanguage: dataset.source.language,
    writtenAround: dataset.source.writtenAround.estimate,
    notesChecked: dataset.notesChecked,
    importedAt,
    bundled: importedAt === null,
    enabled,
    entities: dataset.entities.length,
    claims: dataset.claims.length,
    notes: dataset.notes.length,
  };
}

export class PackService {
  private connection: Promise<PackDb> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private revision = 0;

  constructor(private readonly deps: PackServiceDeps) {}

  private db(): Promise<PackDb> {
    this.connection ??= this.deps.open().catch((error: unknown) => {
      this.connection = null;
      throw error;
    });
    return this.connection;
  }

  /** Runs `task` after every earlier one has finished, whatever became of them. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(task);
    this.queue = next;
    return next;
  }

  list(): Promise<PackInfo[]> {
    return this.serial(async () => {
      const db = await this.db();
      const [rows, bundledOn] = await Promise.all([db.all(), db.bundledEnabled()]);
      return [
        info(this.deps.bundled, null, bundledOn),
        ...rows.sort((a, b) => b.importedAt - a.importedAt).map((r) => info(r.dataset, r.importedAt, r.enabled)),
      ];
    });
  }

  importPack(request: ImportRequest): Promise<ImportOutcome> {
    return this.serial(async () => {
      const parsed = parsePackText(request.text);
      if (!parsed.ok) return { status: 'invalid', errors: parsed.errors };
      const { dataset, sourceText } = parsed.pack;
      const db = await this.db();
      const rows = await db.all();
      const limits = checkLimits(
        dataset,
        rows.map((r) => r.dataset),
        this.deps.bundled,
      );
      if (limits.length > 0) return { status: 'invalid', errors: limits };
      if (!request.confirm) {
        const others = [this.deps.bundled, ...rows.map((r) => r.dataset)];
        const conflicts = aliasConflicts(dataset, others);
        if (conflicts.length > 0) return { status: 'conflicts', conflicts };
      }
      const previous = rows.find((r) => r.id === dataset.id);
      const row: PackRow = {
        id: dataset.id,
        dataset,
        sourceText,
        importedAt: request.restore?.importedAt ?? this.deps.now(),
        enabled: request.restore?.enabled ?? true,
      };
      const next = [...rows.filter((r) => r.id !== row.id), row];
      const tooLarge = this.overBudget(next);
      if (tooLarge !== null) return { status: 'invalid', errors: [{ path: '$', message: tooLarge }] };
      await this.commit(db, next, await db.bundledEnabled(), () => db.put(row));
      const replaced = previous !== undefined;
      return { status: 'imported', id: dataset.id, replaced };
    });
  }

  setEnabled(id: string, enabled: boolean): Promise<boolean> {
    return this.serial(async () => {
      const db = await this.db();
      const [rows, bundled] = await Promise.all([db.all(), db.bundledEnabled()]);
      if (id === this.deps.bundled.id) {
        await this.commit(db, rows, enabled, () => db.setBundledEnabled(enabled));
        return true;
      }
      const row = rows.find((r) => r.id === id);
      if (row === undefined) return false;
      const changed = { ...row, enabled };
      const next = rows.map((r) => (r.id === id ? changed : r));
      const tooLarge = enabled ? this.overBudget(next) : null;
      if (tooLarge !== null) throw new Error(tooLarge);
      await this.commit(db, next, bundled, () => db.put(changed));
      return true;
    });
  }

  remove(id: string): Promise<boolean> {
    return this.serial(async () => {
      if (id === this.deps.bundled.id) return false;
      const db = await this.db();
      const [rows, bundled] = await Promise.all([db.all(), db.bundledEnabled()]);
      if (!rows.some((r) => r.id === id)) return false;
      await this.commit(
        db,
        rows.filter((r) => r.id !== id),
        bundled,
        () => db.delete(id),
      );
      return true;
    });
  }

  /** The pack as its file, or null. The bundled story has its own files and is not served here. */
  text(id: string): Promise<string | null> {
    return this.serial(async () => {
      const row = await (await this.db()).get(id);
      return row === undefined ? null : packToJson({ dataset: row.dataset, sourceText: row.sourceText });
    });
  }

  /** Why these rows cannot all be published (too many bytes for every page to read), or null. */
  private overBudget(rows: readonly PackRow[]): string | null {
    const budget = this.deps.publishedBudget ?? PACK_LIMITS.maxPublishedBytes;
    const bytes = utf8Length(JSON.stringify(publishedLibrary(rows, true, 0)));
    if (bytes <= budget) return null;
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
    return `the stories that are on would take ${mb(bytes)} MB, more than the ${mb(budget)} MB every page reads; switch off or remove a pack first`;
  }

  /**
   * What a card of `entityId` shows from the stories asked for (given newest first, the bundled
   * one included): each story that has the entity, cut to it (`storyAbout`; no source texts),
   * until `PACK_LIMITS.maxCardBytes`; older stories beyond that, and unknown ids, are left out.
   */
  stories(ids: readonly string[], entityId: string): Promise<Dataset[]> {
    return this.serial(async () => {
      const db = await this.db();
      const budget = this.deps.cardBudget ?? PACK_LIMITS.maxCardBytes;
      const found: Dataset[] = [];
      let bytes = 0;
      for (const id of new Set(ids)) {
        const dataset = id === this.deps.bundled.id ? this.deps.bundled : (await db.get(id))?.dataset;
        if (dataset === undefined || !dataset.entities.some((e) => e.id === entityId)) continue;
        const story = storyAbout(dataset, entityId);
        bytes += utf8Length(JSON.stringify(story));
        if (bytes > budget) break;
        found.push(story);
      }
      return found;
    });
  }

  /** Publishes again (at start-up: the key may be missing or from an older build). */
  republish(): Promise<void> {
    return this.serial(async () => this.publishFrom(await this.db()));
  }

  private async publishFrom(db: PackDb): Promise<void> {
    const [rows, bundled] = await Promise.all([db.all(), db.bundledEnabled()]);
    await this.publish(rows, bundled);
  }

  private async publish(rows: readonly PackRow[], bundled: boolean): Promise<void> {
    // Strictly increasing, even for two changes within one millisecond.
    this.revision = Math.max(this.deps.now(), this.revision + 1);
    await this.deps.publish(publishedLibrary(rows, bundled, this.revision));
  }

  /**
   * One change, all or nothing: the stories it gives (`rows`, `bundled`) are published first, and
   * only then stored. A publication that fails changes nothing (the error goes to the caller); a
   * store that fails publishes again what the database still holds. So the database and the
   * pages' library never disagree, and a pack is never lost to a failed remove.
   */
  private async commit(
    db: PackDb,
    rows: readonly PackRow[],
    bundled: boolean,
    store: () => Promise<void>,
  ): Promise<void> {
    await this.publish(rows, bundled);
    try {
      await store();
    } catch (error) {
      await this.publishFrom(db).catch((again: unknown) =>
        console.warn('[Context Cards] story packs not published again', again),
      );
      throw error;
    }
  }
}

/**
 * What content scripts read: the packs that are on, by their start parts (no claims, notes or
 * texts), in the order of their ids (the database's), so that the same stories always publish alike.
 */
export function publishedLibrary(rows: readonly PackRow[], bundled: boolean, revision: number): PublishedLibrary {
  return {
    revision,
    bundled,
    packs: rows
      .filter((r) => r.enabled)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((r) => ({ dataset: storyStart(r.dataset), importedAt: r.importedAt })),
  };
}
