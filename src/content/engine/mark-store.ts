/**
 * Every mark of a page, grouped by the block it was read from, and the rules that decide which
 * marks are shown: deferred mentions count once the page has a strong mention of their entity
 * (the matcher's BlockScan contract; the engine also counts as strong a mention confirmed on its
 * own, see BlockScanner.strong), hidden entities are not shown, and with "first mention
 * only" one mark per entity is. Highlights follow in slices (paint()), staged into each
 * document's highlights, which the engine publishes together (see highlights.ts).
 *
 * A shown mark is registered only while its block is near the viewport (`BlockRecord.near`, kept
 * up to date through `Nearness`, see viewport.ts); counts, mentions() and hit tests follow every
 * shown mark, registered or not.
 *
 * A mark keeps static positions (a StaticRange), which the document does not update: when one of
 * its text nodes changes (textChanged(), called from the mutation observer before the page paints
 * again), the mark goes stale: it leaves the highlights at once and is not counted, listed or hit;
 * the engine reads its block again.
 */
import type { EntityCount } from '../../shared/messages.ts';
import type { PageMention } from '../types.ts';
import type { FoundMention } from './block-scanner.ts';
import { MAX_MARKS } from './constants.ts';
import { samePlace } from '../mention-range.ts';
import { compareRanges, type FrameOf } from './doc-order.ts';
import { isShadowRoot, type BlockKey } from './dom-rules.ts';
import type { DocumentHighlights } from './highlights.ts';

/** A document the engine marks: its own, or a covered same-origin frame. */
export interface Scope {
  readonly doc: Document;
  readonly highlights: DocumentHighlights;
  /** The engine's own document: its marks are offered to the cards. */
  readonly primary: boolean;
  /** False once a covered frame is gone or navigated away. */
  alive(): boolean;
}

/** One mark; it is also the mention the cards get (PageMention). */
export class Mark implements PageMention {
  /** Whether the mark should be shown (what mentions() and counts follow). */
  shown = false;
  /** Whether its range is in the highlight now (catches up with `shown` and `near` in paint()). */
  painted = false;
  /** Set when its block was read again or forgotten. */
  dropped = false;
  /** Set when one of its text nodes changed: its positions may now point at other text. */
  stale = false;

  constructor(
    readonly entityId: string,
    readonly at: AbstractRange,
    readonly deferred: boolean,
    readonly record: BlockRecord,
  ) {}

  get current(): boolean {
    return !this.dropped && !this.stale;
  }
}

export interface BlockRecord {
  readonly key: BlockKey;
  readonly scope: Scope;
  readonly marks: Mark[];
  strong: readonly string[];
  /** Whether the block is near the viewport: only then are its shown marks registered. */
  near: boolean;
}

/** Where blocks are: which are near the viewport (viewport.ts's NearWatch). */
export interface Nearness {
  /** Starts following a block with marks; returns whether it is near now. */
  watch(key: BlockKey): boolean;
  unwatch(key: BlockKey): void;
}

/** Everything is near: every shown mark is registered (for tests of the store alone). */
export const ALWAYS_NEAR: Nearness = { watch: () => true, unwatch: () => undefined };

export interface Filters {
  readonly hidden: ReadonlySet<string>;
  readonly firstOnly: boolean;
}

function isWithin(node: Node, root: Node): boolean {
  let current: Node | null = node;
  while (current !== null) {
    if (current === root) return true;
    current = current.parentNode ?? (isShadowRoot(current) ? current.host : null);
  }
  return false;
}

export class MarkStore {
  private readonly records = new Map<BlockKey, BlockRecord>();
  private readonly byEntity = new Map<string, Set<Mark>>();
  private readonly strongCounts = new Map<string, number>();
  private readonly byRange = new WeakMap<AbstractRange, Mark>();
  /** The block of each text node a mark starts or ends in (see textChanged()). */
  private readonly byText = new WeakMap<Node, BlockRecord>();
  private readonly first = new Map<string, Mark>();
  private readonly recompute = new Set<string>();
  private filters: Filters;
  private total = 0;
  private paintedCount = 0;
  private countCache: { version: number; result: { counts: EntityCount[]; total: number } } | null = null;
  private sorted: { version: number; marks: Mark[] } | null = null;
  /** Marks whose highlight membership lags behind `shown`. */
  private readonly unpainted = new Set<Mark>();
  /** Blocks whose marks were cut by the cap: read again when there is room. */
  readonly overflow = new Set<BlockKey>();
  /** Changes whenever what is shown or counted may have changed. */
  version = 0;

  constructor(
    private readonly frameOf: FrameOf,
    filters: Filters,
    /** The cap of marks per page. */
    readonly maxMarks: number = MAX_MARKS,
    private readonly nearness: Nearness = ALWAYS_NEAR,
  ) {
    this.filters = filters;
  }

  /** Marks stored (shown or not). */
  get size(): number {
    return this.total;
  }

  has(key: BlockKey): boolean {
    return this.records.has(key);
  }

  get(key: BlockKey): BlockRecord | undefined {
    return this.records.get(key);
  }

  /** The mark of one of our ranges. */
  markOf(range: AbstractRange): Mark | undefined {
    return this.byRange.get(range);
  }

  /** Replaces what a block holds with what was just read from it. */
  replace(key: BlockKey, scope: Scope, found: readonly FoundMention[], strong: Iterable<string>): void {
    const strongList = [...strong];
    const old = this.records.get(key);
    if (old !== undefined && old.scope === scope && this.unchanged(old, found)) {
      this.setStrong(old, strongList);
      return;
    }
    if (old !== undefined) this.removeRecord(old, strongList);
    if (found.length === 0 && strongList.length === 0) {
      this.flushRecompute();
      return;
    }
    const room = Math.max(0, this.maxMarks - this.total);
    if (found.length > room) this.overflow.add(key);
    else this.overflow.delete(key);
    const taken = found.length > room ? found.slice(0, room) : found;
    const near = taken.length > 0 ? this.nearness.watch(key) : false;
    const record: BlockRecord = {
      key,
      scope,
      marks: [],
      strong: old === undefined ? [] : old.strong,
      near,
    };
    this.records.set(key, record);
    for (const f of taken) {
      const mark = new Mark(f.entityId, f.at, f.deferred, record);
      record.marks.push(mark);
      this.entitySet(f.entityId).add(mark);
      this.byRange.set(f.at, mark);
      this.byText.set(f.at.startContainer, record);
      this.byText.set(f.at.endContainer, record);
      this.total++;
    }
    this.setStrong(record, strongList);
    for (const mark of record.marks) this.place(mark);
    this.flushRecompute();
    this.version++;
  }

  /**
   * A text node's data changed (from the mutation observer, before the page paints again): the
   * marks that start or end in it go stale. They leave the highlights now, and are not counted,
   * listed or hit until their block has been read again. Returns whether any mark went stale.
   */
  textChanged(node: Node): boolean {
    const record = this.byText.get(node);
    if (record === undefined || this.records.get(record.key) !== record) return false;
    let any = false;
    for (const mark of record.marks) {
      if (mark.stale || (mark.at.startContainer !== node && mark.at.endContainer !== node)) continue;
      mark.stale = true;
      any = true;
      this.unpainted.delete(mark);
      if (mark.painted) {
        record.scope.highlights.removeNow(mark.entityId, mark.at);
        mark.painted = false;
        this.paintedCount--;
      }
    }
    if (any) this.version++;
    return any;
  }

  /** Forgets a block (it left the page). */
  drop(key: BlockKey): void {
    const old = this.records.get(key);
    this.overflow.delete(key);
    if (old === undefined) return;
    this.removeRecord(old, []);
    this.flushRecompute();
  }

  /** Forgets blocks that left the page or whose frame is gone; cheap, bounded by the cap. */
  pruneDisconnected(): void {
    for (const [key, record] of this.records) if (!key.isConnected || !record.scope.alive()) this.drop(key);
    for (const key of this.overflow) if (!key.isConnected) this.overflow.delete(key);
  }

  /** Forgets every block inside `root` (shadow-including), e.g. when it became aria-hidden. */
  dropWithin(root: Node): void {
    for (const key of [...this.records.keys()]) if (isWithin(key, root)) this.drop(key);
  }

  setFilters(filters: Filters): void {
    this.filters = filters;
    this.first.clear();
    if (filters.firstOnly) for (const id of this.byEntity.keys()) this.recompute.add(id);
    this.flushRecompute();
    for (const set of this.byEntity.values()) for (const mark of set) this.sync(mark);
    this.version++;
  }

  /** Mentions per entity: hidden entities and deferred mentions without evidence do not count. */
  counts(): { counts: EntityCount[]; total: number } {
    // Asked after every pass (a page clock makes one a frame): computed again only after a change.
    if (this.countCache?.version === this.version) return this.countCache.result;
    const counts: EntityCount[] = [];
    let total = 0;
    for (const [entityId, set] of this.byEntity) {
      let count = 0;
      for (const mark of set) if (this.eligible(mark) && !mark.stale) count++;
      if (count > 0) counts.push({ entityId, count });
      total += count;
    }
    // A stable order, so equal counts always compare equal (the reporter sends only changes).
    counts.sort((a, b) => (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0));
    const result = { counts, total };
    this.countCache = { version: this.version, result };
    return result;
  }

  /** True while some highlight changes wait for paint(). */
  get needsPaint(): boolean {
    return this.unpainted.size > 0;
  }

  /** Brings highlights up to date until `deadline`; returns true when all are. */
  paint(deadline: number): boolean {
    let n = 0;
    for (const mark of this.unpainted) {
      this.unpainted.delete(mark);
      this.paintOne(mark);
      if ((++n & 15) === 0 && performance.now() >= deadline) return this.unpainted.size === 0;
    }
    return true;
  }

  /**
   * A block came near the viewport or went away: its shown marks are registered or taken out at
   * the next paint(). Returns whether anything waits to be painted now.
   */
  setNear(key: BlockKey, near: boolean): boolean {
    const record = this.records.get(key);
    if (record === undefined || record.near === near) return false;
    record.near = near;
    let any = false;
    for (const mark of record.marks)
      if ((mark.shown && near && !mark.stale) !== mark.painted) {
        this.unpainted.add(mark);
        any = true;
      }
    return any;
  }

  /** Stages a block's shown marks at once (before the page scrolls to one of them). */
  bringNear(key: BlockKey): void {
    const record = this.records.get(key);
    if (record === undefined) return;
    record.near = true;
    for (const mark of record.marks) {
      this.unpainted.delete(mark);
      this.paintOne(mark);
    }
  }

  /** Marks whose ranges are registered now (for the counters). */
  get registered(): number {
    return this.paintedCount;
  }

  private paintOne(mark: Mark): void {
    const want = mark.shown && mark.record.near && !mark.stale;
    if (want !== mark.painted) {
      mark.record.scope.highlights.stage(mark.entityId, mark.at, want);
      mark.painted = want;
      this.paintedCount += want ? 1 : -1;
    }
  }

  /** Shown marks of the engine's own document, in document order (cached until something changes). */
  shown(): readonly Mark[] {
    if (this.sorted?.version === this.version) return this.sorted.marks;
    const marks: Mark[] = [];
    for (const set of this.byEntity.values())
      for (const mark of set) if (mark.shown && !mark.stale && mark.record.scope.primary) marks.push(mark);
    marks.sort((a, b) => compareRanges(a.at, b.at, this.frameOf));
    this.sorted = { version: this.version, marks };
    return marks;
  }

  /** Forgets everything (the highlights themselves are disposed by their owner). */
  clear(): void {
    for (const set of this.byEntity.values())
      for (const mark of set) {
        mark.shown = false;
        mark.dropped = true;
      }
    for (const [key, record] of this.records) if (record.marks.length > 0) this.nearness.unwatch(key);
    this.unpainted.clear();
    this.paintedCount = 0;
    this.records.clear();
    this.byEntity.clear();
    this.strongCounts.clear();
    this.first.clear();
    this.overflow.clear();
    this.total = 0;
    this.version++;
  }

  private entitySet(id: string): Set<Mark> {
    let set = this.byEntity.get(id);
    if (set === undefined) {
      set = new Set();
      this.byEntity.set(id, set);
    }
    return set;
  }

  private unchanged(old: BlockRecord, found: readonly FoundMention[]): boolean {
    if (old.marks.length !== found.length) return false;
    return old.marks.every((mark, i) => {
      const f = found[i];
      return (
        f !== undefined &&
        !mark.stale &&
        f.entityId === mark.entityId &&
        f.deferred === mark.deferred &&
        samePlace(f.at, mark.at)
      );
    });
  }

  private removeRecord(record: BlockRecord, nextStrong: readonly string[]): void {
    this.records.delete(record.key);
    if (record.marks.length > 0) this.nearness.unwatch(record.key);
    for (const mark of record.marks) {
      const id = mark.entityId;
      mark.dropped = true;
      this.byEntity.get(id)?.delete(mark);
      this.byRange.delete(mark.at);
      if (mark.shown || mark.painted) {
        mark.shown = false;
        this.unpainted.add(mark);
      }
      if (this.first.get(id) === mark) {
        this.first.delete(id);
        this.recompute.add(id);
      }
      this.total--;
    }
    // Strong evidence moves to the record that replaces this one (see setStrong), so a rescan
    // of the only strong block does not demote and re-promote every deferred mention.
    const keep = new Set(nextStrong);
    this.changeStrong(
      record.strong.filter((id) => !keep.has(id)),
      -1,
    );
    record.strong = record.strong.filter((id) => keep.has(id));
    this.version++;
  }

  private setStrong(record: BlockRecord, next: readonly string[]): void {
    const before = new Set(record.strong);
    const after = new Set(next);
    this.changeStrong(
      next.filter((id) => !before.has(id)),
      1,
    );
    this.changeStrong(
      record.strong.filter((id) => !after.has(id)),
      -1,
    );
    record.strong = next;
  }

  private changeStrong(ids: readonly string[], delta: 1 | -1): void {
    for (const id of ids) {
      const before = this.strongCounts.get(id) ?? 0;
      const after = Math.max(0, before + delta);
      if (after === 0) this.strongCounts.delete(id);
      else this.strongCounts.set(id, after);
      if (before > 0 !== after > 0) {
        // Evidence appeared or vanished: deferred mentions of this entity are promoted or demoted.
        if (this.filters.firstOnly) this.recompute.add(id);
        for (const mark of this.byEntity.get(id) ?? []) if (mark.deferred) this.sync(mark);
        this.version++;
      }
    }
  }

  private active(mark: Mark): boolean {
    return !mark.deferred || (this.strongCounts.get(mark.entityId) ?? 0) > 0;
  }

  private eligible(mark: Mark): boolean {
    return this.active(mark) && !this.filters.hidden.has(mark.entityId);
  }

  /** A new mark: with "first mention only", it may take over as the entity's first. */
  private place(mark: Mark): void {
    const id = mark.entityId;
    if (this.filters.firstOnly && this.eligible(mark) && !this.recompute.has(id)) {
      const current = this.first.get(id);
      if (current === undefined || compareRanges(mark.at, current.at, this.frameOf) < 0) {
        this.first.set(id, mark);
        if (current !== undefined) this.sync(current);
      }
    }
    this.sync(mark);
  }

  private flushRecompute(): void {
    if (this.recompute.size === 0) return;
    for (const id of this.recompute) {
      const previous = this.first.get(id);
      let best: Mark | undefined;
      if (this.filters.firstOnly) {
        for (const mark of this.byEntity.get(id) ?? []) {
          if (!this.eligible(mark)) continue;
          if (best === undefined || compareRanges(mark.at, best.at, this.frameOf) < 0) best = mark;
        }
      }
      if (best === undefined) this.first.delete(id);
      else this.first.set(id, best);
      if (previous !== undefined && previous !== best) this.sync(previous);
      if (best !== undefined) this.sync(best);
    }
    this.recompute.clear();
  }

  private sync(mark: Mark): void {
    const id = mark.entityId;
    const want = this.eligible(mark) && (!this.filters.firstOnly || this.first.get(id) === mark);
    if (want === mark.shown) return;
    mark.shown = want;
    this.unpainted.add(mark);
    this.version++;
  }
}
