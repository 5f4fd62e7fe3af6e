import { formatIssuePath, MAX_REPORTED_ERRORS, type DatasetError } from './errors.ts';

/** JSON-shaped data owned by us: no getters, no proxies, no prototype tricks. */
export type PlainData = null | boolean | number | string | PlainData[] | { [key: string]: PlainData };

// A real dataset nests 6 levels and holds a few thousand values; these bounds leave ample room
// while keeping the work on a hostile 20 MB pack to one cheap pass that stops early.
export const LIMITS = {
  maxDepth: 32,
  maxNodes: 200_000,
  maxArrayLength: 10_000,
  maxKeys: 200,
  maxStringLength: 20_000,
  maxTotalChars: 5_000_000,
} as const;

// Keys that, assigned naively, reach Object.prototype or a constructor: never valid in a dataset.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Container = PlainData[] | { [key: string]: PlainData };

/** One value still to copy, and where its copy goes. Paths are rebuilt from `parent` only on error. */
interface Frame {
  readonly value: unknown;
  readonly parent: Frame | null;
  readonly key: string | number;
  readonly target: Container | null;
  readonly depth: number;
}

class Abort extends Error {}

function pathOf(frame: Frame | null): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let f = frame; f !== null && f.parent !== null; f = f.parent) keys.push(f.key);
  return keys.reverse();
}

/**
 * Copies untrusted input into fresh plain data, iteratively (no recursion to overflow) and
 * within {@link LIMITS}. Accessor properties are refused rather than called, and every touch of
 * the input is guarded, so getters, proxies and revoked proxies end as errors, not exceptions.
 */
export function toPlainData(input: unknown): { ok: true; value: PlainData } | { ok: false; errors: DatasetError[] } {
  const errors: DatasetError[] = [];
  const seen = new Set<object>();
  let nodes = 0;
  let chars = 0;
  const holder: { [key: string]: PlainData } = { root: null };
  let frame: Frame | null = null;

  const fail = (at: Frame | null, message: string, fatal = false): void => {
    errors.push({ path: formatIssuePath(pathOf(at)), message });
    if (fatal || errors.length >= MAX_REPORTED_ERRORS) throw new Abort();
  };
  // Forbidden keys never get here, so plain assignment cannot reach a prototype.
  const put = (at: Frame, value: PlainData): void => {
    (at.target as Record<string | number, PlainData>)[at.key] = value;
  };

  const stack: Frame[] = [{ value: input, parent: null, key: 'root', target: holder, depth: 0 }];
  try {
    while (stack.length > 0) {
      frame = stack.pop() as Frame;
      const { value } = frame;
      nodes += 1;
      if (nodes > LIMITS.maxNodes) fail(null, `more than ${LIMITS.maxNodes} values`, true);
      if (value === null || typeof value === 'boolean') {
        put(frame, value);
        continue;
      }
      if (typeof value === 'number') {
        if (Number.isFinite(value)) put(frame, value);
        else fail(frame, 'must be a finite number');
        continue;
      }
      if (typeof value === 'string') {
        chars += value.length;
        if (value.length > LIMITS.maxStringLength) {
          fail(frame, `text longer than ${LIMITS.maxStringLength} characters`);
        } else if (chars > LIMITS.maxTotalChars) {
          fail(frame, `more than ${LIMITS.maxTotalChars} characters of text in total`, true);
        } else {
          put(frame, value);
        }
        continue;
      }
      if (typeof value !== 'object') {
        fail(frame, `unsupported value (${typeof value})`);
        continue;
      }
      if (frame.depth >= LIMITS.maxDepth) fail(frame, `nested deeper than ${LIMITS.maxDepth} levels`, true);
      if (seen.has(value)) {
        fail(frame, 'the same object appears twice (a cycle or shared reference)');
        continue;
      }
      seen.add(value);
      const depth = frame.depth + 1;
      if (Array.isArray(value)) {
        const length: unknown = value.length;
        if (typeof length !== 'number' || length > LIMITS.maxArrayLength) {
          fail(frame, `list longer than ${LIMITS.maxArrayLength} items`);
          continue;
        }
        const copy = new Array<PlainData>(length).fill(null);
        put(frame, copy);
        // Pushed in reverse so errors come out in document order.
        for (let i = length - 1; i >= 0; i -= 1) {
          const descriptor = Object.getOwnPropertyDescriptor(value, i);
          const child: Frame = { value: descriptor?.value, parent: frame, key: i, target: copy, depth };
          if (descriptor === undefined) fail(child, 'missing list item');
          else if (!('value' in descriptor)) fail(child, 'accessor properties are not data');
          else stack.push(child);
        }
        continue;
      }
      const keys = Object.keys(value);
      if (keys.length > LIMITS.maxKeys) {
        fail(frame, `object with more than ${LIMITS.maxKeys} fields`);
        continue;
      }
      const copy: { [key: string]: PlainData } = {};
      put(frame, copy);
      for (let i = keys.length - 1; i >= 0; i -= 1) {
        const key = keys[i] as string;
        if (FORBIDDEN_KEYS.has(key)) {
          fail({ value: undefined, parent: frame, key, target: null, depth }, 'forbidden field name');
          continue;
        }
        const descriptor = Object.getOwnPropertyDescriptor(value, key);
        if (descriptor === undefined) continue;
        const child: Frame = { value: descriptor.value, parent: frame, key, target: copy, depth };
        if ('value' in descriptor) stack.push(child);
        else fail(child, 'accessor properties are not data');
      }
    }
  } catch (error) {
    if (!(error instanceof Abort)) {
      errors.push({ path: formatIssuePath(pathOf(frame)), message: 'could not be read (it threw when accessed)' });
    }
  }
  if (errors.length >= MAX_REPORTED_ERRORS) {
    errors.push({ path: '$', message: 'stopped after too many errors' });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: holder['root'] ?? null };
}
