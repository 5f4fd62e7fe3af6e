/**
 * Reads one block: walks its own text (descending into inline elements, stopping at nested
 * blocks), joins each run of text into one string for the matcher, and maps the matches back
 * to Ranges over the page's own text nodes. The walk can pause at a deadline and resume, so a
 * huge block never holds the main thread for long.
 */
import { locateOffset, type Matcher, type Mention } from '../../match/index.ts';
import { CUT_SEARCH_CHARS, MAX_RUN_CHARS, NODES_PER_CLOCK_CHECK } from './constants.ts';
import { classify, type BlockKey } from './dom-rules.ts';

/** A match turned into a Range, before the store decides whether it is shown. */
export interface FoundMention {
  readonly entityId: string;
  readonly range: Range;
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

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

function isSpace(code: number): boolean {
  return code <= 32 || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a);
}

export class BlockScanner {
  /** Results of the block last finished (valid until the next begin()). */
  readonly mentions: FoundMention[] = [];
  readonly strong = new Set<string>();
  readonly childBlocks: Element[] = [];
  readonly shadowRoots: ShadowRoot[] = [];
  readonly frames: Element[] = [];
  readonly counters: ScanCounters = { nodes: 0, textNodes: 0, chars: 0, runs: 0 };

  private key: BlockKey | null = null;
  private finished: BlockKey | null = null;
  private cursor: Node | null = null;
  private doc: Document | null = null;
  // The current run, reused between runs so scanning allocates little.
  private readonly parts: string[] = [];
  private readonly segNodes: Text[] = [];
  private readonly segOffsets: number[] = [];
  private readonly segStarts: number[] = [];
  private runLength = 0;

  constructor(private readonly matcher: Matcher) {}

  /** The block being read, or null when idle. */
  get current(): BlockKey | null {
    return this.key;
  }

  /** The block whose results the scanner holds (after step() returned true). */
  get lastKey(): BlockKey | null {
    return this.finished;
  }

  /** Starts reading `key`, dropping whatever was in progress. */
  begin(key: BlockKey): void {
    this.key = key;
    this.finished = null;
    this.doc = key.ownerDocument;
    this.cursor = key.firstChild;
    this.mentions.length = 0;
    this.strong.clear();
    this.childBlocks.length = 0;
    this.shadowRoots.length = 0;
    this.frames.length = 0;
    this.resetRun();
    if (key.nodeType === ELEMENT_NODE) {
      const root = (key as Element).shadowRoot;
      if (root !== null) this.shadowRoots.push(root);
    }
  }

  /** Forgets the block in progress (its results are incomplete). */
  cancel(): void {
    this.key = null;
    this.finished = null;
    this.cursor = null;
    this.resetRun();
  }

  /**
   * Reads on until the block is done (true) or `deadline` (performance.now()) passes (false).
   * If the page moved the node we paused at out of the block, the block is read again.
   */
  step(deadline: number): boolean {
    const key = this.key;
    if (key === null) return true;
    let node = this.cursor;
    if (node !== null && !key.contains(node)) {
      this.begin(key);
      node = this.cursor;
    }
    let count = 0;
    while (node !== null) {
      if (++count % NODES_PER_CLOCK_CHECK === 0 && performance.now() >= deadline) {
        this.cursor = node;
        return false;
      }
      this.counters.nodes++;
      let descend = false;
      const type = node.nodeType;
      if (type === TEXT_NODE) {
        this.appendText(node as Text);
      } else if (type === ELEMENT_NODE) {
        const el = node as Element;
        switch (classify(el)) {
          case 'inline':
            descend = true;
            break;
          case 'block':
            this.flush();
            this.childBlocks.push(el);
            break;
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

  private appendText(text: Text): void {
    const data = text.data;
    const length = data.length;
    if (length === 0) return;
    this.counters.textNodes++;
    this.counters.chars += length;
    let from = 0;
    while (this.runLength + (length - from) > MAX_RUN_CHARS) {
      let cut = from + (MAX_RUN_CHARS - this.runLength);
      const floor = Math.max(from, cut - CUT_SEARCH_CHARS);
      while (cut > floor && !isSpace(data.charCodeAt(cut - 1))) cut--;
      if (cut <= from) {
        // No whitespace near the limit: end the run before this node, or cut hard.
        if (this.runLength > 0) {
          this.flush();
          continue;
        }
        cut = from + MAX_RUN_CHARS;
      }
      this.push(text, from, data.slice(from, cut));
      this.flush();
      from = cut;
    }
    if (from < length) this.push(text, from, from === 0 ? data : data.slice(from));
  }

  private push(text: Text, offset: number, part: string): void {
    this.parts.push(part);
    this.segNodes.push(text);
    this.segOffsets.push(offset);
    this.segStarts.push(this.runLength);
    this.runLength += part.length;
  }

  private resetRun(): void {
    this.parts.length = 0;
    this.segNodes.length = 0;
    this.segOffsets.length = 0;
    this.segStarts.length = 0;
    this.runLength = 0;
  }

  /** Matches the current run and turns the matches into Ranges. */
  private flush(): void {
    if (this.runLength === 0) return;
    const text = this.parts.length === 1 ? (this.parts[0] ?? '') : this.parts.join('');
    this.counters.runs++;
    const result = this.matcher.scan(text);
    if (result.confirmed.length + result.deferred.length > 0) {
      const joined = { text, starts: this.segStarts };
      for (const m of result.confirmed) this.addRange(joined, m, false);
      for (const m of result.deferred) this.addRange(joined, m, true);
    }
    for (const id of result.strong) this.strong.add(id);
    this.resetRun();
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
      const range = doc.createRange();
      range.setStart(startNode, (this.segOffsets[start.segment] ?? 0) + start.offset);
      range.setEnd(endNode, (this.segOffsets[end.segment] ?? 0) + end.offset);
      this.mentions.push({ entityId: mention.entityId, range, deferred });
    } catch {
      // The page changed a text node while we paused; the mutation observer rescans the block.
    }
  }
}
