/**
 * Reads one block: walks its own text (descending into inline elements, stopping at nested
 * blocks), joins each run of text into one string for the matcher, and maps the matches back
 * to static positions (StaticRange) in the page's own text nodes. The walk can pause at a deadline and resume, so a
 * huge block never holds the main thread for long.
 */
import { locateOffset, newPageMemory, type Matcher, type Mention, type PageMemory } from '../../match/index.ts';
import { CUT_SEARCH_CHARS, MAX_RUN_CHARS, NODES_PER_CLOCK_CHECK } from './constants.ts';
import { staticRange } from '../mention-range.ts';
import { tagForText } from './mark-styles.ts';
import { classifyNamed, shadowRootOf, tagOf, type BlockKey } from './dom-rules.ts';

/** A match turned into static positions, before the store decides whether it is shown. */
export interface FoundMention {
  readonly entityId: string;
  /** Not updated by the document: the engine drops it when one of its text nodes changes. */
  readonly at: StaticRange;
  /** An ambiguous alias without evidence in its block: counts once the page has a strong mention. */
  readonly deferred: boolean;
}

/** Counters for the benchmark and the test build. */
export interface ScanCounters {
  nodes: number;
  textNodes: number;
  chars: number;
  runs: number;
}

const ELEMENT_NODE = 1;
/** '#': nodeName of text, comment, document and fragment nodes; elements never start with it. */
const HASH = 35;

/** A text node read only in part when the slice ran out (a huge node, cut into runs). */
interface PendingText {
  readonly node: Text;
  readonly data: string;
  from: number;
}

function isSpace(code: number): boolean {
  return code <= 32 || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a);
}

export class BlockScanner {
  /** Results of the block last finished (valid until the next begin()). */
  readonly mentions: FoundMention[] = [];
  /**
   * Entities this block gives evidence for: named by an unambiguous alias (the matcher's
   * `strong`), or by a mention confirmed on its own (an ambiguous name with context nearby):
   * "Inside Meta's push" in a headline counts once the article has "Zuckerberg brought Wang into Meta".
   */
  readonly strong = new Set<string>();
  /** The nested blocks found, `childCount` of them (the array is reused, see `runText`). */
  readonly children: Element[] = [];
  childCount = 0;
  readonly shadowRoots: ShadowRoot[] = [];
  readonly frames: Element[] = [];
  /** Tags of the elements holding the text of this block's mentions (what the marks' stylesheet must name). */
  readonly markTags = new Set<string>();
  /** Custom elements read as inline text because they had no shadow root (yet). */
  readonly bareHosts: Element[] = [];
  readonly counters: ScanCounters = { nodes: 0, textNodes: 0, chars: 0, runs: 0 };

  private key: BlockKey | null = null;
  private finished: BlockKey | null = null;
  private cursor: Node | null = null;
  private pending: PendingText | null = null;
  private deadline = Number.POSITIVE_INFINITY;
  private doc: Document | null = null;
  /** True once step() paused in this block: only then can the page have moved the cursor out of it. */
  private paused = false;
  // The current run. Its segments live in arrays reused from run to run and are counted, never
  // truncated: emptying an array drops its backing store, and the next push allocates a new one,
  // which on a page of thousands of runs is garbage for every run.
  private runText = '';
  private readonly segNodes: Text[] = [];
  private readonly segOffsets: number[] = [];
  private readonly segStarts: number[] = [];
  private segCount = 0;
  private runLength = 0;
  /** One memory per document, for the matcher's coreference (who a bare surname refers to). */
  private readonly pages = new WeakMap<Document, PageMemory>();
  /** The document whose memory `context.page` is (the last one begin() looked up). */
  private pageDoc: Document | null = null;
  /** What the matcher may ask about the block being read; reused, so a scan allocates nothing. */
  private readonly context: { lang: () => string | null; page: PageMemory } = {
    lang: () => this.blockLang(),
    page: newPageMemory(),
  };
  /** The block's declared language, read once and only when the matcher asks (undefined: not read yet). */
  private lang: string | null | undefined = undefined;

  constructor(private readonly matcher: Matcher) {}

  /** The nested blocks of the block last finished, in document order. */
  get childBlocks(): readonly Element[] {
    return this.children.slice(0, this.childCount);
  }

  /** The block being read, or null when idle. */
  get current(): BlockKey | null {
    return this.key;
  }

  /** Whether the block last read was paused at least once (the page may have changed it meanwhile). */
  get wasPaused(): boolean {
    return this.paused;
  }

  /** The block whose results the scanner holds (after step() returned true). */
  get lastKey(): BlockKey | null {
    return this.finished;
  }

  /**
   * Starts reading `key` (of document `doc`), dropping whatever was in progress. The shadow root
   * of a block is found by the walk that found the block (see `shadowRoots`), so `checkShadow`
   * is false for blocks from `childBlocks`; other keys (changed or added by the page) are checked here.
   */
  begin(
    key: BlockKey,
    doc: Document = key.ownerDocument,
    isElement: boolean = key.nodeType === ELEMENT_NODE,
    checkShadow = true,
  ): void {
    this.key = key;
    this.finished = null;
    this.doc = doc;
    this.paused = false;
    this.lang = undefined;
    if (doc !== this.pageDoc) {
      // Blocks come document by document: the memory is looked up only when the document changes.
      let page = this.pages.get(doc);
      if (page === undefined) {
        page = newPageMemory();
        this.pages.set(doc, page);
      }
      this.context.page = page;
      this.pageDoc = doc;
    }
    this.cursor = key.firstChild;
    this.pending = null;
    // Cleared only when used: most blocks find no mention, shadow root or frame.
    if (this.mentions.length > 0) this.mentions.length = 0;
    if (this.strong.size > 0) this.strong.clear();
    this.childCount = 0;
    if (this.shadowRoots.length > 0) this.shadowRoots.length = 0;
    if (this.frames.length > 0) this.frames.length = 0;
    if (this.bareHosts.length > 0) this.bareHosts.length = 0;
    if (this.markTags.size > 0) this.markTags.clear();
    this.resetRun();
    if (isElement && checkShadow) {
      const root = (key as Element).shadowRoot;
      if (root !== null) this.shadowRoots.push(root);
    }
  }

  /** Forgets the block in progress (its results are incomplete). */
  cancel(): void {
    this.key = null;
    this.finished = null;
    this.cursor = null;
    this.pending = null;
    this.resetRun();
    this.release();
  }

  /**
   * Reads on until the block is done (true) or `deadline` (performance.now()) passes (false).
   * If the page moved the node we paused at out of the block, the block is read again.
   */
  step(deadline: number): boolean {
    const key = this.key;
    if (key === null) return true;
    this.deadline = deadline;
    let node = this.cursor;
    if (this.paused && node !== null && !key.contains(node)) {
      this.begin(key, this.doc ?? key.ownerDocument);
      node = this.cursor;
    }
    if (node !== null && this.pending !== null) {
      // Finish the text node we paused in, then go on after it.
      if (!this.appendRest(this.pending)) return false;
      this.pending = null;
      node = this.next(node, key);
    }
    let count = 0;
    while (node !== null) {
      if (++count % NODES_PER_CLOCK_CHECK === 0 && performance.now() >= deadline) {
        this.cursor = node;
        this.paused = true;
        return false;
      }
      this.counters.nodes++;
      let descend = false;
      // One read tells text from element and gives the tag.
      const name = node.nodeName;
      if (name === '#text') {
        if (!this.appendText(node as Text)) {
          this.cursor = node;
          this.paused = true;
          return false;
        }
      } else if (name.charCodeAt(0) !== HASH) {
        const el = node as Element;
        switch (classifyNamed(el, name)) {
          case 'inline':
            descend = true;
            // A custom element (its name has a hyphen) may attach a shadow root later.
            if (name.indexOf('-') > 0) this.bareHosts.push(el);
            break;
          case 'block': {
            this.flush();
            this.children[this.childCount++] = el;
            // Read here, once per block, and only for elements that can host a shadow root.
            const root = shadowRootOf(el, tagOf(name));
            if (root !== null) this.shadowRoots.push(root);
            break;
          }
          case 'frame':
            this.flush();
            this.frames.push(el);
            break;
          case 'break':
            this.flush();
            break;
          case 'skip':
            break;
        }
      }
      if (descend) {
        const first = node.firstChild;
        if (first !== null) {
          node = first;
          continue;
        }
      }
      node = this.next(node, key);
    }
    this.flush();
    this.cursor = null;
    this.key = null;
    this.finished = key;
    return true;
  }

  private next(from: Node, key: BlockKey): Node | null {
    let node: Node | null = from;
    while (node !== null && node !== key) {
      const sibling: Node | null = node.nextSibling;
      if (sibling !== null) return sibling;
      node = node.parentNode;
    }
    return null;
  }

  /** Adds a text node to the run; false when the slice ran out inside it (see `pending`). */
  private appendText(text: Text): boolean {
    const data = text.data;
    const length = data.length;
    if (length === 0) return true;
    this.counters.textNodes++;
    this.counters.chars += length;
    // The common case, without allocating: the whole node fits in the current run.
    if (this.runLength + length <= MAX_RUN_CHARS) {
      this.push(text, 0, data);
      return true;
    }
    const pending: PendingText = { node: text, data, from: 0 };
    if (this.appendRest(pending)) return true;
    this.pending = pending;
    return false;
  }

  /**
   * Adds `pending.data` from `pending.from` on. Text beyond what one run may hold is cut at
   * whitespace into runs of its own, and between those the clock is read, so one huge text node
   * cannot hold the main thread either.
   */
  private appendRest(pending: PendingText): boolean {
    const { node, data } = pending;
    const length = data.length;
    while (this.runLength + (length - pending.from) > MAX_RUN_CHARS) {
      const from = pending.from;
      let cut = from + (MAX_RUN_CHARS - this.runLength);
      const floor = Math.max(from, cut - CUT_SEARCH_CHARS);
      while (cut > floor && !isSpace(data.charCodeAt(cut - 1))) cut--;
      if (cut <= from) {
        // No whitespace near the limit: end the run before this piece, or cut hard.
        if (this.runLength > 0) {
          this.flush();
          continue;
        }
        cut = from + MAX_RUN_CHARS;
      }
      this.push(node, from, data.slice(from, cut));
      this.flush();
      pending.from = cut;
      if (pending.from < length && performance.now() >= this.deadline) return false;
    }
    if (pending.from < length) this.push(node, pending.from, pending.from === 0 ? data : data.slice(pending.from));
    pending.from = length;
    return true;
  }

  private push(text: Text, offset: number, part: string): void {
    const n = this.segCount++;
    // A concatenation (a rope in V8) is flattened once, when the matcher first reads it.
    this.runText = n === 0 ? part : this.runText + part;
    this.segNodes[n] = text;
    this.segOffsets[n] = offset;
    this.segStarts[n] = this.runLength;
    this.runLength += part.length;
  }

  private resetRun(): void {
    this.segCount = 0;
    this.runLength = 0;
    this.runText = '';
  }

  /** Lets go of the page's text nodes the run buffers still point to (when the engine goes idle). */
  release(): void {
    this.children.length = 0;
    this.childCount = 0;
    this.segNodes.length = 0;
    this.segOffsets.length = 0;
    this.segStarts.length = 0;
  }

  /** Matches the current run and turns the matches into static positions. */
  private flush(): void {
    if (this.runLength === 0) return;
    const text = this.runText;
    this.counters.runs++;
    const result = this.matcher.scan(text, this.context);
    if (result.confirmed.length + result.deferred.length > 0) {
      // The run's segments only (the arrays may hold more, from longer runs before it).
      const joined = { text, starts: this.segStarts.slice(0, this.segCount) };
      for (const m of result.confirmed) this.addRange(joined, m, false);
      for (const m of result.deferred) this.addRange(joined, m, true);
    }
    const strong = result.strong;
    for (let i = 0; i < strong.length; i++) {
      const id = strong[i];
      if (id !== undefined) this.strong.add(id);
    }
    this.resetRun();
  }

  /** The closest `lang` attribute of the block (its host's for a shadow root), or null. */
  private blockLang(): string | null {
    if (this.lang !== undefined) return this.lang;
    const key = this.key ?? this.finished;
    let el: Element | null = null;
    if (key !== null) el = key.nodeType === ELEMENT_NODE ? (key as Element) : ((key as ShadowRoot).host ?? null);
    const value = el?.closest('[lang]')?.getAttribute('lang') ?? '';
    this.lang = value.trim() === '' ? null : value;
    return this.lang;
  }

  private addRange(joined: { text: string; starts: readonly number[] }, mention: Mention, deferred: boolean): void {
    const doc = this.doc;
    if (doc === null) return;
    const start = locateOffset(joined, mention.start, 'start');
    const end = locateOffset(joined, mention.end, 'end');
    const startNode = this.segNodes[start.segment];
    const endNode = this.segNodes[end.segment];
    if (startNode === undefined || endNode === undefined) return;
    try {
      const at = staticRange(
        doc,
        startNode,
        (this.segOffsets[start.segment] ?? 0) + start.offset,
        endNode,
        (this.segOffsets[end.segment] ?? 0) + end.offset,
      );
      this.mentions.push({ entityId: mention.entityId, at, deferred });
      if (!deferred) this.strong.add(mention.entityId);
      for (let i = start.segment; i <= end.segment; i++) {
        const node = this.segNodes[i];
        if (node !== undefined) this.markTags.add(tagForText(node));
      }
    } catch {
      // The DOM refused the positions; the mutation observer rescans the block if the page changed it.
    }
  }
}
