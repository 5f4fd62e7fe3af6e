/** Results the in-page harness returns to the runner (JSON over the DevTools protocol). */

export interface TextStats {
  /** UTF-8 bytes of the text the floor reads (text nodes outside script, style, noscript, template, textarea). */
  readonly textBytes: number;
  readonly textNodes: number;
  readonly elements: number;
}

export interface SyncRun {
  readonly ms: number;
  /** What the run found (marks) or a checksum (floor), so no work can be optimised away. */
  readonly count: number;
}

export interface OursRun {
  /** Sum of the time slices our scan ran in: the work. */
  readonly workMs: number;
  /** From start to the last mark registered: what the reader waits for. */
  readonly wallMs: number;
  /** The longest single slice (one task of ours). */
  readonly longestSliceMs: number;
  readonly slices: number;
  readonly marks: number;
  /** Durations of `longtask` entries observed from the start of the scan until the frame after it. */
  readonly longTasks: readonly number[];
  /** Rendering parts (style, layout, paint) of long animation frames in that time. */
  readonly longRenders: readonly number[];
}

export interface MarkJsRun {
  readonly ms: number;
  readonly marks: number;
  readonly longTasks: readonly number[];
  readonly longRenders: readonly number[];
}

/** One append on the infinite-scroll page. */
export interface FeedBatch {
  /** Our work for this append (sum of the engine's slices). */
  readonly workMs: number;
  /** From the append to ours settled (includes waiting for the frame the engine batches mutations in). */
  readonly wallMs: number;
  readonly slices: number;
  readonly longestSliceMs: number;
  readonly marks: number;
}
