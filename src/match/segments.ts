/**
 * Names split across inline elements ("Alexandr <a>Wang</a>") match because the page engine
 * scans a block's text nodes joined into one string. These helpers do the joining and map the
 * matcher's offsets back to (segment, offset) pairs, from which DOM Ranges are built.
 */

/** Segments joined into one string, with where each segment starts in it. */
export interface JoinedText {
  readonly text: string;
  /** `starts[k]` is the offset of segment k in `text`; ascending. */
  readonly starts: readonly number[];
}

/** A position inside one segment. */
export interface SegmentOffset {
  readonly segment: number;
  readonly offset: number;
}

/** Joins segments (e.g. the data of a block's text nodes) as they are, without separators. */
export function joinSegments(segments: readonly string[]): JoinedText {
  const starts: number[] = [];
  let length = 0;
  for (const segment of segments) {
    starts.push(length);
    length += segment.length;
  }
  return { text: segments.join(''), starts };
}

/**
 * Maps an offset in the joined text to a segment and an offset inside it. An offset that falls
 * exactly between two segments belongs to the later one when it starts a range (`edge` "start")
 * and to the earlier one when it ends a range (`edge` "end"), so a Range never spans an empty
 * piece of a neighbouring node.
 */
export function locateOffset(joined: JoinedText, offset: number, edge: 'start' | 'end'): SegmentOffset {
  const { starts } = joined;
  const total = joined.text.length;
  if (starts.length === 0) return { segment: -1, offset: 0 };
  const clamped = Math.max(0, Math.min(total, offset));
  // Last segment whose start is <= clamped (or < clamped for an end edge).
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    const s = starts[mid] ?? 0;
    if (edge === 'end' ? s < clamped : s <= clamped) lo = mid;
    else hi = mid - 1;
  }
  // For a start edge the search already picked the last segment starting here, past any empty ones.
  const segment = lo;
  return { segment, offset: clamped - (starts[segment] ?? 0) };
}
