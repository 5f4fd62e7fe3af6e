/**
 * The page engine: reads the page block by block in short slices, keeps one highlight per
 * entity up to date as the page changes, and answers the cards (MentionSource). It never
 * changes the page's DOM. Everything it set up goes away when its signal aborts.
 */
import type { Matcher } from '../../match/index.ts';
import type { MarkStyle } from '../../shared/settings.ts';
import type { MentionSource, PageMention } from '../types.ts';
import { BlockScanner, type ScanCounters } from './block-scanner.ts';
import { FRAME_FALLBACK_MS, MAX_MARKS, SLICE_BUDGET_MS } from './constants.ts';
import { classify, type BlockKey } from './dom-rules.ts';
import { DocumentHighlights, highlightEnvironment } from './highlights.ts';
import { markAt } from './hit-test.ts';
import { MarkStore, type Scope } from './mark-store.ts';
import { applyRecord, OBSERVE_OPTIONS, OwnerCache, type MutationSink } from './mutations.ts';
import { DocumentStyles, markCss } from './styles.ts';
import { yieldToPage } from './yield.ts';

/** The settings the engine follows. */
export interface EngineSettings {
  readonly markStyle: MarkStyle;
  readonly hiddenEntities: readonly string[];
  readonly firstMentionOnly: boolean;
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

export interface EngineStats extends ScanCounters {
  blocks: number;
  slices: number;
  longestSliceMs: number;
  busyMs: number;
  marks: number;
  /** From start() until the work first ran out (the first full read), or -1 before that. */
  firstIdleMs: number;
  /** Slices that took 16 ms or more (a frame) and 50 ms or more (a long task), wall clock. */
  slicesOver16: number;
  slicesOver50: number;
}

interface DocState {
  readonly scope: Scope;
  readonly styles: DocumentStyles;
  readonly frame: Element | null;
}

/** Covered frames: same-origin documents the browser gives no content script of their own. */
function isUncoveredFrameUrl(url: string): boolean {
  return url.startsWith('about:');
}

export class PageEngine implements MentionSource {
  readonly stats: EngineStats;
  private readonly docs = new Map<Document, DocState>();
  private primary: DocState | null = null;
  private framesAdded = 0;
  private readonly trees = new Set<ShadowRoot>();
  private readonly frames = new WeakSet<Element>();
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
  private running = false;
  private flushTimers: { frame: number; timeout: ReturnType<typeof setTimeout> } | null = null;
  private idleWaiters: (() => void)[] = [];
  private settings: EngineSettings;
  private mentionCache: { version: number; list: readonly PageMention[] } | null = null;
  private readonly sink: MutationSink;
  private startedAt = 0;

  constructor(private readonly options: EngineOptions) {
    this.settings = options.settings;
    this.scanner = new BlockScanner(options.matcher);
    this.stats = Object.assign(this.scanner.counters, { blocks: 0, slices: 0, longestSliceMs: 0, busyMs: 0, marks: 0, firstIdleMs: -1, slicesOver16: 0, slicesOver50: 0 });
    this.store = new MarkStore((doc) => this.docs.get(doc)?.frame ?? null, this.filters(options.settings), options.maxMarks ?? MAX_MARKS);
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.sink = {
      dirty: (key) => this.dirty.add(key),
      deep: (key) => this.addedStack.push(key),
      frame: (el) => this.considerFrame(el),
      removed: () => {
        this.needsPrune = true;
      },
      forgetWithin: (el) => this.forgetWithin(el),
    };
  }

  /** Starts reading the document; returns false when the browser lacks the highlight API. */
  start(): boolean {
    const { doc, signal } = this.options;
    if (signal.aborted || this.addDocument(doc, null) === null) return false;
    signal.addEventListener('abort', () => this.teardown(), { once: true });
    this.startedAt = performance.now();
    this.kick();
    return true;
  }

  /** Applies changed settings without reading the page again. */
  applySettings(settings: EngineSettings): void {
    this.settings = settings;
    const css = markCss(settings.markStyle, this.options.entityIds);
    for (const state of this.docs.values()) state.styles.update(css);
    this.store.setFilters(this.filters(settings));
    this.kick();
  }

  /** Mentions per entity and their total (for the popup and the badge). */
  counts(): ReturnType<MarkStore['counts']> {
    return this.store.counts();
  }

  /** True while work is queued or running. */
  get busy(): boolean {
    return this.running || this.hasWork();
  }

  /** Resolves when no work is left (after the current scans and mutations). */
  whenIdle(): Promise<void> {
    if (!this.running && !this.hasWork()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  mentions(): readonly PageMention[] {
    const version = this.store.version;
    if (this.mentionCache?.version !== version) this.mentionCache = { version, list: this.store.shown().map((m) => m.mention) };
    return this.mentionCache.list;
  }

  mentionAt(x: number, y: number): PageMention | null {
    return markAt(this.options.doc, this.store, x, y, [...this.trees])?.mention ?? null;
  }

  setFocusMark(mention: PageMention | null): void {
    const own = mention === null ? undefined : this.store.markOf(mention.range);
    const target = own?.record.scope ?? this.docs.get(this.options.doc)?.scope;
    for (const state of this.docs.values()) if (state.scope !== target || mention === null) state.scope.highlights.setFocus(null);
    if (mention !== null) target?.highlights.setFocus(mention.range);
  }

  private filters(settings: EngineSettings): { hidden: ReadonlySet<string>; firstOnly: boolean } {
    return { hidden: new Set(settings.hiddenEntities), firstOnly: settings.firstMentionOnly };
  }

  private addDocument(doc: Document, frame: Element | null): DocState | null {
    const env = highlightEnvironment(doc);
    if (env === null) return null;
    const highlights = new DocumentHighlights(env);
    const styles = new DocumentStyles(doc, markCss(this.settings.markStyle, this.options.entityIds));
    const scope: Scope = {
      doc,
      highlights,
      primary: frame === null,
      alive: frame === null ? () => true : () => frame.isConnected && (frame as HTMLIFrameElement).contentDocument === doc,
    };
    const state: DocState = { scope, styles, frame };
    this.docs.set(doc, state);
    if (frame === null) this.primary = state;
    else this.framesAdded++;
    this.observer.observe(doc, OBSERVE_OPTIONS);
    if (doc.documentElement !== null) this.deepStack.push(doc.documentElement);
    return state;
  }

  private attachTree(root: ShadowRoot): boolean {
    if (this.trees.has(root)) return false;
    this.trees.add(root);
    this.observer.observe(root, OBSERVE_OPTIONS);
    this.docs.get(root.ownerDocument)?.styles.adopt(root);
    return true;
  }

  private considerFrame(el: Element): void {
    if (this.frames.has(el)) return;
    this.frames.add(el);
    // A frame's document is replaced when it loads (srcdoc, navigation): cover the new one.
    el.addEventListener('load', () => this.attachFrame(el), { signal: this.options.signal });
    this.attachFrame(el);
  }

  private attachFrame(el: Element): void {
    try {
      // Null for cross-origin frames: those have content scripts of their own, or none of ours.
      const doc = (el as HTMLIFrameElement).contentDocument;
      if (doc === null || this.docs.has(doc) || !isUncoveredFrameUrl(doc.URL) || this.options.signal.aborted) return;
      this.needsPrune = true;
      if (this.addDocument(doc, el) !== null) this.kick();
    } catch (error) {
      console.debug('[Context Cards] frame not covered', error);
    }
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
    for (const record of records) this.records.push(record);
    if (this.flushTimers !== null || this.options.signal.aborted) return;
    const win = this.options.doc.defaultView;
    const flush = (): void => {
      if (this.flushTimers === null) return;
      win?.cancelAnimationFrame(this.flushTimers.frame);
      clearTimeout(this.flushTimers.timeout);
      this.flushTimers = null;
      this.kick();
    };
    this.flushTimers = { frame: win?.requestAnimationFrame(flush) ?? 0, timeout: setTimeout(flush, FRAME_FALLBACK_MS) };
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
    if (!this.running) void this.loop();
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      while (!this.options.signal.aborted) {
        const start = performance.now();
        const more = this.work(start + SLICE_BUDGET_MS);
        const took = performance.now() - start;
        this.stats.slices++;
        this.stats.busyMs += took;
        if (took > this.stats.longestSliceMs) this.stats.longestSliceMs = took;
        if (took >= 16) this.stats.slicesOver16++;
        if (took >= 50) this.stats.slicesOver50++;
        if (!more) break;
        await yieldToPage();
      }
    } catch (error) {
      console.debug('[Context Cards] scan stopped', error);
    } finally {
      this.running = false;
    }
    if (this.options.signal.aborted) return;
    this.stats.marks = this.store.size;
    if (this.stats.firstIdleMs < 0) this.stats.firstIdleMs = performance.now() - this.startedAt;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
    try {
      this.options.onSettled?.();
    } catch (error) {
      console.debug('[Context Cards] settle listener failed', error);
    }
  }

  /** One slice: returns true when work is left. */
  private work(deadline: number): boolean {
    while (performance.now() < deadline) {
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
      if (record !== undefined) applyRecord(record, this.sink, this.owners);
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
    for (const root of this.trees) if (!root.isConnected) this.trees.delete(root);
    for (const [doc, state] of this.docs) {
      if (state.scope.alive()) continue;
      state.scope.highlights.dispose();
      state.styles.dispose();
      this.docs.delete(doc);
    }
    // Room freed under the cap: read again the blocks whose marks were cut.
    if (this.store.size < this.store.maxMarks) for (const key of this.store.overflow) this.dirty.add(key);
  }

  /** Starts the next block: changed blocks first (what the reader sees change), then new subtrees. */
  private next(): boolean {
    for (;;) {
      let key: BlockKey | undefined;
      let checked = false;
      const first = this.dirty.values().next();
      if (!first.done) {
        key = first.value;
        this.dirty.delete(key);
        this.currentDeep = false;
      } else if (this.addedStack.length > 0) {
        key = this.addedStack.pop();
        this.currentDeep = true;
      } else {
        key = this.deepStack.pop();
        this.currentDeep = true;
        checked = true;
      }
      if (key === undefined) return false;
      if (!key.isConnected) continue;
      const isRoot = this.trees.has(key as ShadowRoot);
      // Reading the document of each block costs a DOM call; most pages have one document.
      const state = this.framesAdded === 0 ? this.primary : this.docs.get(key.ownerDocument);
      if (state === undefined || state === null) continue;
      // A queued element may have become skipped or inline since the page changed it.
      if (!checked && !isRoot && classify(key as Element) !== 'block') {
        this.store.drop(key);
        continue;
      }
      this.current = state;
      this.scanner.begin(key, state.scope.doc, !isRoot);
      return true;
    }
  }

  private commit(): void {
    const scanner = this.scanner;
    const key = scanner.lastKey;
    const state = this.current;
    if (key === null || state === null) return;
    this.stats.blocks++;
    this.store.replace(key, state.scope, scanner.mentions, scanner.strong);
    this.scanned.add(key);
    const children = scanner.childBlocks;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined && (this.currentDeep || !this.scanned.has(child))) this.deepStack.push(child);
    }
    for (const root of scanner.shadowRoots) if (this.attachTree(root) || this.currentDeep) this.deepStack.push(root);
    for (const frame of scanner.frames) this.considerFrame(frame);
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
    if (this.flushTimers !== null) {
      this.options.doc.defaultView?.cancelAnimationFrame(this.flushTimers.frame);
      clearTimeout(this.flushTimers.timeout);
      this.flushTimers = null;
    }
    this.scanner.cancel();
    this.store.clear();
    for (const state of this.docs.values()) {
      state.scope.highlights.dispose();
      state.styles.dispose();
    }
    this.docs.clear();
    this.primary = null;
    this.current = null;
    this.trees.clear();
    this.deepStack.length = 0;
    this.addedStack.length = 0;
    this.dirty.clear();
    this.records.length = 0;
    this.recordIndex = 0;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
