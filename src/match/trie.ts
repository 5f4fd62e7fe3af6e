/**
 * A character trie over folded alias keys, flattened into typed arrays once built: a pack of
 * 10,000 names stays a few hundred kilobytes, and lookups touch no objects on the hot path.
 */
export interface FlatTrie {
  /** Children of the root for ASCII code units, by unit; -1 where absent. The hottest lookup. */
  readonly rootAscii: Int32Array;
  /** Edges of node n are edgeChar/edgeTarget[edgeStart[n] .. edgeStart[n + 1]), sorted by char. */
  readonly edgeStart: Int32Array;
  readonly edgeChar: Uint16Array;
  readonly edgeTarget: Int32Array;
  /** Aliases ending at node n are termAlias[termStart[n] .. termStart[n + 1]). */
  readonly termStart: Int32Array;
  readonly termAlias: Int32Array;
}

/** A node while building; most are inner nodes of one name, so children and terms come on demand. */
interface BuildNode {
  next: Map<number, BuildNode> | null;
  terms: number[] | null;
  id: number;
}

const NO_CHILDREN: ReadonlyMap<number, BuildNode> = new Map();

function newNode(): BuildNode {
  return { next: null, terms: null, id: -1 };
}

/**
 * Builds the trie; `keys[i]` is the folded key of alias i (see `foldKey`), and `more` holds
 * further keys of aliases as [key, alias index] (other spellings of the same alias). Empty keys
 * are skipped.
 */
export function buildTrie(keys: readonly string[], more: readonly (readonly [string, number])[] = []): FlatTrie {
  const root = newNode();
  const add = (key: string, aliasIndex: number): void => {
    if (key.length === 0) return;
    let node = root;
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      node.next ??= new Map();
      let child = node.next.get(code);
      if (child === undefined) {
        child = newNode();
        node.next.set(code, child);
      }
      node = child;
    }
    node.terms ??= [];
    if (!node.terms.includes(aliasIndex)) node.terms.push(aliasIndex);
  };
  keys.forEach(add);
  for (const [key, aliasIndex] of more) add(key, aliasIndex);

  // Breadth-first numbering keeps a node's children close together in memory.
  const order: BuildNode[] = [root];
  root.id = 0;
  for (let head = 0; head < order.length; head++) {
    const node = order[head];
    if (node === undefined) break;
    for (const child of (node.next ?? NO_CHILDREN).values()) {
      child.id = order.length;
      order.push(child);
    }
  }
  let edgeCount = 0;
  let termCount = 0;
  for (const node of order) {
    edgeCount += node.next?.size ?? 0;
    termCount += node.terms?.length ?? 0;
  }
  const edgeStart = new Int32Array(order.length + 1);
  const edgeChar = new Uint16Array(edgeCount);
  const edgeTarget = new Int32Array(edgeCount);
  const termStart = new Int32Array(order.length + 1);
  const termAlias = new Int32Array(termCount);
  let e = 0;
  let t = 0;
  order.forEach((node, n) => {
    edgeStart[n] = e;
    termStart[n] = t;
    const next = node.next;
    if (next !== null) {
      // One child (most nodes): no sorting to do.
      const chars = next.size === 1 ? next.keys() : [...next.keys()].sort((a, b) => a - b);
      for (const ch of chars) {
        edgeChar[e] = ch;
        edgeTarget[e] = next.get(ch)?.id ?? -1;
        e++;
      }
    }
    if (node.terms !== null) for (const alias of node.terms) termAlias[t++] = alias;
  });
  edgeStart[order.length] = e;
  termStart[order.length] = t;

  const rootAscii = new Int32Array(128).fill(-1);
  for (const [ch, child] of root.next ?? NO_CHILDREN) if (ch < 128) rootAscii[ch] = child.id;
  return { rootAscii, edgeStart, edgeChar, edgeTarget, termStart, termAlias };
}

/** The child of `node` along folded code unit `ch`, or -1. */
export function childOf(trie: FlatTrie, node: number, ch: number): number {
  if (node === 0 && ch < 128) return trie.rootAscii[ch] ?? -1;
  let lo = trie.edgeStart[node] ?? 0;
  let hi = trie.edgeStart[node + 1] ?? 0;
  // Below the root almost every node has one or two children: a linear scan beats bisection.
  if (hi - lo <= 8) {
    for (; lo < hi; lo++) if (trie.edgeChar[lo] === ch) return trie.edgeTarget[lo] ?? -1;
    return -1;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = trie.edgeChar[mid] ?? 0;
    if (c === ch) return trie.edgeTarget[mid] ?? -1;
    if (c < ch) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}
