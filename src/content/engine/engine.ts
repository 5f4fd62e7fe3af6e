/**
 * The page engine: reads the page block by block in short slices, keeps one highlight per
 * entity up to date as the page changes, and answers the cards (MentionSource). It never
 * changes the page's DOM. Everything it set up goes away when its signal aborts.
 */
import type { Matcher } from '../../match/index.ts';
import type { MarkStyle } from '../../shared/settings.ts';
import type { MentionSource, PageMention } from '../types.ts';
import { BlockScanner, type ScanCounters } from './block-scanner.ts';
import {
  FRAME_FALLBACK_MS,
  LIVE_GAP_MS,
  LIVE_READ_MS,
  LIVE_STREAK,
  MAX_MARKS,
  NODES_PER_CLOCK_CHECK,
  PUBLISH_FIRST_INTERVAL_MS,
  PUBLISH_MAX_INTERVAL_MS,
} from './constants.ts';
import { classify, isShadowRoot, ownerBlock, shadowRootOf, tagOf, type BlockKey } from './dom-rules.ts';
import { Documents, type DocState } from './documents.ts';
import { markAt } from './hit-test.ts';
import { MarkStore, type Mark } from './mark-store.ts';
import { applyRecord, OBSERVE_OPTIONS, OwnerCache, type MutationSink } from './mutations.ts';
import { Slicer, type SliceStats } from './slicer.ts';
import { ShadowWatch } from './shadow-watch.ts';
import { markCss, type MarkCssBuilder, type MarkTheme } from './mark-styles.ts';
import { NearWatch } from './viewport.ts';

/** The settings the engine follows. */
export interface EngineSettings {
  readonly markStyle: MarkStyle;
  readonly hiddenEntities: readonly string[];
  readonly firstMentionOnly: boolean;
  /** The page's brightness for the background style (null or absent: the system's). */
  readonly markTheme?: MarkTheme;
}

export interface EngineOptions {
  readonly doc: Document;
  readonly matcher: Matcher;
  /** Every entity id the matcher knows (for the stylesheet). */
  readonly entityIds: readonly string[];
  readonly settings: EngineSettings;
  readonly signal: AbortSignal;
  /** Called each time the work runs out after a change: scans have settled. */
  readonly onSettled?: () => void;
  /** The cap of marks per page (MAX_MARKS unless a test or the benchmark sets another). */
  readonly maxMarks?: number;
}

export interface EngineStats extends ScanCounters, SliceStats {
  blocks: number;
  marks: number;
  /** From start() until the work first ran out (the first full read), or -1 before that. */
  firstIdleMs: number;
  /** Publications of staged highlight changes (each one costs the browser a repaint). */
  publishes: number;
  /** Marks whose ranges are registered (those near the viewport), when the work last ran out. */
  registered: number;
  /** Batches of mutation records read late because the page kept changing in every frame (LIVE_STREAK). */
  liveReads: number;
  /** When start() ran (performance.now() of the document), or -1 before. */
  startedAt: number;
  /** The work of start() outside the slices (stylesheet, observers): with busyMs, all of our work. */
  startMs: number;
}

/** The marks' CSS for some settings, and whether marks are visible at all (not for the "none" style). */
function markLook(settings: EngineSettings, entityIds: readonly string[]): [MarkCssBuilder, boolean] {
  return [
    (tags) => markCss(settings.markStyle, entityIds, tags, settings.markTheme ?? null),
    settings.markStyle !== 'none',
  ];
}

export class PageEngine implements MentionSource {
  readonly stats: EngineStats;
  private readonly docs: Documents;
  private readonly store: MarkStore;
  private readonly scanner: BlockScanner;
  private readonly observer: MutationObserver;
  private readonly owners = new OwnerCache();
  private readonly scanned = new WeakSet<BlockKey>();
  /** Blocks found while reading (trusted: classified a moment ago), read depth-first. */
  private readonly deepStack: BlockKey[] = [];
  /** Subtrees the page added (checked again before reading: they may have changed since). */
  private readonly addedStack: BlockKey[] = [];
  private readonly dirty = new Set<BlockKey>();
  private readonly records: MutationRecord[] = [];
  private recordIndex = 0;
  private needsPrune = false;
  private currentDeep = false;
  private current: DocState | null = null;
  private readonly slicer: Slicer;
  private flushTimers: { frame: number; timeout: ReturnType<typeof setTimeout> } | null = null;
  /** When the last batch of mutation records was read, and how many batches in a row followed closely. */
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private flushStreak = 0;
  private idleWaiters: (() => void)[] = [];
  /** The mark shown with the keyboard focus mark, if any. */
  private focused: Mark | null = null;
  /** Text nodes the page changed while a block was being read (its walk paused in between). */
  private readonly changedWhileReading = new Set<Node>();
  private readonly sink: MutationSink;
  private readonly shadowWatch: ShadowWatch;
  private lastPublish = 0;
  /** True from the first slice of a pass until the work runs out. */
  private passOpen = false;
  /** deepStack entries at or above this index were pushed during the current slice. */
  private sliceStackBase = 0;
  private publishInterval = PUBLISH_FIRST_INTERVAL_MS;
  private readonly near: NearWatch;
  /** Blocks came near or went away: publish at the end of the next slice, whatever the interval. */
  private nearChanged = false;
  /** Since when the end of passes has waited for reports on new blocks (-1: not waiting). */
  private deferredSince = -1;

  constructor(private readonly options: EngineOptions) {
    this.scanner = new BlockScanner(options.matcher);
    this.stats = Object.assign(this.scanner.counters, {
      blocks: 0,
      slices: 0,
      longestSliceMs: 0,
      busyMs: 0,
      marks: 0,
      firstIdleMs: -1,
      publishes: 0,
      registered: 0,
      liveReads: 0,
      startedAt: -1,
      startMs: 0,
      slicesOver16: 0,
      slicesOver50: 0,
    });
    this.near = new NearWatch((changes) => this.nearnessChanged(changes));
    this.store = new MarkStore(
      (doc) => this.docs.frameOf(doc),
      this.filters(options.settings),
      options.maxMarks ?? MAX_MARKS,
      this.near,
    );
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.slicer = new Slicer(
      {
        run: (deadline) => this.work(deadline),
        // The block being read made the DOM throw: skip it, keep the rest.
        recover: () => this.scanner.cancel(),
        idle: () => this.idle(),
      },
      this.stats,
      options.signal,
    );
    this.docs = new Documents(
      {
        observe: (root) => this.observer.observe(root, OBSERVE_OPTIONS),
        read: (key) => this.deepStack.push(key),
        framesChanged: () => {
          this.needsPrune = true;
          this.kick();
        },
        signal: options.signal,
      },
      ...markLook(options.settings, options.entityIds),
    );
    this.shadowWatch = new ShadowWatch((host) => this.shadowAttached(host), options.signal);
    this.sink = {
      dirty: (key) => this.dirty.add(key),
      deep: (key) => this.addedStack.push(key),
      frame: (el) => this.docs.considerFrame(el),
      removed: () => {
        this.needsPrune = true;
      },
      forgetWithin: (el) => this.forgetWithin(el),
    };
  }

  /** Starts reading the document; returns false when the browser lacks the highlight API. */
  start(): boolean {
    const { doc, signal } = this.options;
    const t0 = performance.now();
    const busyBefore = this.stats.busyMs;
    if (signal.aborted || this.docs.add(doc, null) === null) return false;
    signal.addEventListener('abort', () => this.teardown(), { once: true });
    this.stats.startedAt = t0;
    this.kick();
    // The part of start() outside the slices (the document's stylesheet, observers).
    this.stats.startMs = Math.max(0, performance.now() - t0 - (this.stats.busyMs - busyBefore));
    return true;
  }

  /** Applies changed settings without reading the page again. */
  applySettings(settings: EngineSettings): void {
    this.docs.updateCss(...markLook(settings, this.options.entityIds));
    this.store.setFilters(this.filters(settings));
    this.kick();
  }

  /** Mentions per entity and their total (for the popup and the badge). */
  counts(): ReturnType<MarkStore['counts']> {
    return this.store.counts();
  }

  /** True while work is queued or running. */
  get busy(): boolean {
    return this.slicer.busy || this.hasWork() || this.near.pending;
  }

  /** Resolves when no work is left (after the current scans and mutations). */
  whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  mentions(): readonly PageMention[] {
    return this.store.shown();
  }

  mentionAt(x: number, y: number): PageMention | null {
    return markAt(this.options.doc, this.store, x, y, this.docs.shadowRoots);
  }

  setFocusMark(mention: PageMention | null): void {
    const own = mention === null ? undefined : this.store.markOf(mention.at);
    // A mention whose text changed since it was read gets no focus mark (its positions may point elsewhere).
    const target = own !== undefined && own.current ? own : null;
    if (target !== null && !target.record.near) {
      // Keyboard or popup navigation to a far mention: its block's marks are registered now, in
      // this task, before the page scrolls there and paints.
      this.store.bringNear(target.record.key);
      this.near.assumeNear(target.record.key);
      this.publish();
    }
    this.focused = target;
    this.docs.setFocus(target?.at ?? null, target?.record.scope);
  }

  private nearnessChanged(changes: readonly (readonly [BlockKey, boolean])[]): void {
    let any = false;
    for (const [key, near] of changes) if (this.store.setNear(key, near)) any = true;
    if (!any || this.options.signal.aborted) return;
    this.nearChanged = true;
    this.kick();
  }

  private filters(settings: EngineSettings): { hidden: ReadonlySet<string>; firstOnly: boolean } {
    return { hidden: new Set(settings.hiddenEntities), firstOnly: settings.firstMentionOnly };
  }

  /**
   * A custom element got a shadow root after it was read: its block is read again, now with the host
   * as a block of its own.
   */
  private shadowAttached(host: Element): void {
    const parent = host.parentNode;
    const owner = parent === null ? null : isShadowRoot(parent) ? parent : ownerBlock(parent);
    if (owner === null) return;
    this.dirty.add(owner);
    this.kick();
  }

  private forgetWithin(el: Element): void {
    this.store.dropWithin(el);
    // Queued blocks inside it are read again through the owner, with the new skip state.
    const outside = (key: BlockKey): boolean => !el.contains(key);
    for (const stack of [this.deepStack, this.addedStack]) {
      let n = 0;
      for (const key of stack) if (outside(key)) stack[n++] = key;
      stack.length = n;
    }
    for (const key of this.dirty) if (!outside(key)) this.dirty.delete(key);
    const current = this.scanner.current;
    if (current !== null && !outside(current)) this.scanner.cancel();
    this.scanned.delete(el);
    for (const child of el.querySelectorAll('*')) this.scanned.delete(child);
  }

  private onMutations(records: MutationRecord[]): void {
    this.textChanged(records);
    for (const record of records) this.records.push(record);
    if (this.flushTimers !== null || this.options.signal.aborted) return;
    const win = this.options.doc.defaultView;
    const flush = (): void => {
      if (this.flushTimers === null) return;
      win?.cancelAnimationFrame(this.flushTimers.frame);
      clearTimeout(this.flushTimers.timeout);
      this.flushTimers = null;
      this.lastFlushAt = performance.now();
      this.kick();
    };
    this.flushStreak = performance.now() - this.lastFlushAt <= LIVE_GAP_MS ? this.flushStreak + 1 : 0;
    if (this.flushStreak >= LIVE_STREAK) {
      // The page changes in every frame: its changes are read a few times a second (see LIVE_STREAK).
      this.stats.liveReads++;
      this.flushTimers = { frame: 0, timeout: setTimeout(flush, LIVE_READ_MS) };
      return;
    }
    this.flushTimers = { frame: win?.requestAnimationFrame(flush) ?? 0, timeout: setTimeout(flush, FRAME_FALLBACK_MS) };
  }

  /**
   * Runs in the observer's callback, before the page paints again: marks in a text node whose data
   * changed leave the highlights now (their static positions would mark other text) and stop
   * counting; their block is read again with the other records, in a slice.
   */
  private textChanged(records: readonly MutationRecord[]): void {
    try {
      const reading = this.scanner.current !== null;
      let any = false;
      for (const record of records) {
        if (record.type !== 'characterData') continue;
        if (reading) this.changedWhileReading.add(record.target);
        if (this.store.textChanged(record.target)) any = true;
      }
      if (any && this.focused !== null && !this.focused.current) this.setFocusMark(null);
    } catch (error) {
      console.debug('[Context Cards] changed text not checked', error);
    }
  }

  private hasWork(): boolean {
    return (
      this.recordIndex < this.records.length ||
      this.needsPrune ||
      this.store.needsPaint ||
      this.scanner.current !== null ||
      this.dirty.size > 0 ||
      this.addedStack.length > 0 ||
      this.deepStack.length > 0
    );
  }

  private kick(): void {
    this.slicer.kick();
  }

  private idle(): void {
    if (this.near.pending) {
      // New blocks with marks wait for the browser's first report on where they are: settled
      // once their marks are registered or known to be far (one more pass, after a frame).
      this.near.whenKnown(() => this.kick());
      return;
    }
    this.scanner.release();
    this.stats.marks = this.store.size;
    this.stats.registered = this.store.registered;
    if (this.stats.firstIdleMs < 0) this.stats.firstIdleMs = performance.now() - this.stats.startedAt;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
    try {
      this.options.onSettled?.();
    } catch (error) {
      console.debug('[Context Cards] settle listener failed', error);
    }
  }

  /**
   * One slice: returns true when work is left. Staged highlight changes are published at the end of a
   * pass, or on a timer during a long one.
   */
  private work(deadline: number): boolean {
    this.sliceStackBase = this.deepStack.length;
    if (!this.passOpen) {
      // A new pass: its first publication waits the first interval, however long the page was quiet.
      this.passOpen = true;
      this.lastPublish = performance.now();
    }
    if (!this.advance(deadline)) {
      // Blocks with new marks wait for the browser's report on where they are (a frame): what
      // this pass removed is published with what it added, not a frame before (no flicker).
      // A page adding marked blocks every frame is still published a few times a second.
      const now = performance.now();
      if (this.near.pending && this.deferredSince < 0) this.deferredSince = now;
      if (!this.near.pending || now - this.deferredSince >= PUBLISH_FIRST_INTERVAL_MS) this.publish();
      this.publishInterval = PUBLISH_FIRST_INTERVAL_MS;
      this.passOpen = false;
      return this.hasWork();
    }
    if (this.nearChanged && !this.store.needsPaint) {
      // What came near is staged: shown now, not at the next interval of a long pass.
      this.nearChanged = false;
      this.publish();
      return true;
    }
    if (performance.now() - this.lastPublish >= this.publishInterval && this.docs.pending) {
      this.publish();
      this.publishInterval = Math.min(2 * this.publishInterval, PUBLISH_MAX_INTERVAL_MS);
    }
    return true;
  }

  private publish(): void {
    this.nearChanged = false;
    this.lastPublish = performance.now();
    this.deferredSince = -1;
    if (this.docs.commit() > 0) this.stats.publishes++;
  }

  private advance(deadline: number): boolean {
    // The clock is read every 8 steps (a step is at most one block), or sooner once the walk has
    // visited NODES_PER_CLOCK_CHECK nodes since the last read: many small blocks cannot overrun.
    const counters = this.scanner.counters;
    let steps = 0;
    let nodesAtCheck = counters.nodes;
    for (;;) {
      if ((++steps & 7) === 0 || counters.nodes - nodesAtCheck >= NODES_PER_CLOCK_CHECK) {
        if (performance.now() >= deadline) break;
        nodesAtCheck = counters.nodes;
      }
      if (this.recordIndex < this.records.length) {
        this.takeRecords(deadline);
        continue;
      }
      if (this.needsPrune) {
        this.prune();
        continue;
      }
      if (this.store.needsPaint) {
        if (!this.store.paint(deadline)) return true;
        continue;
      }
      if (this.scanner.current !== null) {
        if (!this.scanner.step(deadline)) return true;
        this.commit();
        continue;
      }
      if (!this.next()) return false;
    }
    return this.hasWork();
  }

  private takeRecords(deadline: number): void {
    let i = this.recordIndex;
    for (; i < this.records.length; i++) {
      const record = this.records[i];
      try {
        if (record !== undefined) applyRecord(record, this.sink, this.owners);
      } catch (error) {
        // A node the DOM refuses to describe: skip this record, keep the others.
        console.debug('[Context Cards] mutation skipped', error);
      }
      if ((i & 63) === 63 && performance.now() >= deadline) break;
    }
    this.recordIndex = i + 1;
    if (this.recordIndex >= this.records.length) {
      this.records.length = 0;
      this.recordIndex = 0;
      this.owners.clear();
    }
  }

  private prune(): void {
    this.needsPrune = false;
    this.store.pruneDisconnected();
    this.docs.prune();
    // Room freed under the cap: read again the blocks whose marks were cut.
    if (this.store.size < this.store.maxMarks) for (const key of this.store.overflow) this.dirty.add(key);
  }

  /** Starts the next block: changed blocks first (what the reader sees change), then new subtrees. */
  private next(): boolean {
    for (;;) {
      let key: BlockKey | undefined;
      let checked = false;
      let fresh = false;
      // No iterator when nothing is dirty: the common case while reading a page for the first time.
      const first = this.dirty.size > 0 ? this.dirty.values().next() : null;
      if (first !== null && first.done !== true) {
        key = first.value;
        this.dirty.delete(key);
        this.currentDeep = false;
      } else if (this.addedStack.length > 0) {
        key = this.addedStack.pop();
        this.currentDeep = true;
      } else {
        // Blocks found during this slice are still in the page: no page script ran since.
        fresh = this.deepStack.length - 1 >= this.sliceStackBase;
        key = this.deepStack.pop();
        this.sliceStackBase = Math.min(this.sliceStackBase, this.deepStack.length);
        this.currentDeep = true;
        checked = true;
      }
      if (key === undefined) return false;
      if (!fresh && !key.isConnected) continue;
      const isRoot = this.docs.isShadowRoot(key);
      const state = this.docs.stateOf(key);
      if (state === undefined) continue;
      // A queued element may have become skipped or inline since the page changed it.
      if (!checked && !isRoot && classify(key as Element) !== 'block') {
        this.store.drop(key);
        continue;
      }
      this.current = state;
      if (this.changedWhileReading.size > 0) this.changedWhileReading.clear();
      // A block read depth-first had its shadow root checked by the walk that found it. One found
      // in an earlier slice is checked again: the page may have attached a root in between.
      if (checked && !fresh && !isRoot) this.lateShadowRoot(key as Element);
      this.scanner.begin(key, state.scope.doc, !isRoot, !checked);
      return true;
    }
  }

  /** Covers a shadow root attached to `el` after the walk that found it (no mutation record tells). */
  private lateShadowRoot(el: Element): void {
    const root = shadowRootOf(el, tagOf(el.nodeName));
    if (root !== null && this.docs.attachTree(root)) this.deepStack.push(root);
  }

  private commit(): void {
    const scanner = this.scanner;
    const key = scanner.lastKey;
    const state = this.current;
    if (key === null || state === null) return;
    this.stats.blocks++;
    if (scanner.wasPaused && !key.isConnected) {
      // The page removed the block while its walk was paused: keep nothing of it.
      this.store.drop(key);
      return;
    }
    // Most blocks hold no mention and never held one: nothing to store.
    if (scanner.mentions.length > 0 || scanner.strong.size > 0 || this.store.has(key)) {
      this.store.replace(key, state.scope, scanner.mentions, scanner.strong);
      // Text the page changed while the walk was paused: marks read from it are stale at once
      // (the records already queued the block to be read again).
      for (const node of this.changedWhileReading) this.store.textChanged(node);
    }
    if (this.changedWhileReading.size > 0) this.changedWhileReading.clear();
    if (scanner.markTags.size > 0) state.styles.addTags(scanner.markTags);
    this.scanned.add(key);
    // Index loops, each behind its length: most blocks find no shadow root, frame or bare host,
    // and an iterator per list per block is garbage on a page of thousands of blocks.
    const children = scanner.children;
    for (let i = scanner.childCount - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined && (this.currentDeep || !this.scanned.has(child))) this.deepStack.push(child);
    }
    const { shadowRoots, frames, bareHosts } = scanner;
    for (let i = 0; i < shadowRoots.length; i++) {
      const root = shadowRoots[i];
      if (root !== undefined && (this.docs.attachTree(root) || this.currentDeep)) this.deepStack.push(root);
    }
    for (let i = 0; i < frames.length; i++) {
      const frame = frames[i];
      if (frame !== undefined) this.docs.considerFrame(frame);
    }
    for (let i = 0; i < bareHosts.length; i++) {
      const host = bareHosts[i];
      if (host !== undefined) this.shadowWatch.add(host);
    }
    // Blocks found before the walk paused may have left the page since: they get their check.
    if (scanner.wasPaused) this.sliceStackBase = this.deepStack.length;
  }

  private teardown(): void {
    try {
      this.release();
    } catch (error) {
      console.debug('[Context Cards] teardown incomplete', error);
    }
  }

  private release(): void {
    this.observer.disconnect();
    this.near.dispose();
    if (this.flushTimers !== null) {
      this.options.doc.defaultView?.cancelAnimationFrame(this.flushTimers.frame);
      clearTimeout(this.flushTimers.timeout);
      this.flushTimers = null;
    }
    this.scanner.cancel();
    this.store.clear();
    this.focused = null;
    this.changedWhileReading.clear();
    this.docs.dispose();
    this.current = null;
    this.deepStack.length = 0;
    this.addedStack.length = 0;
    this.dirty.clear();
    this.records.length = 0;
    this.recordIndex = 0;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
