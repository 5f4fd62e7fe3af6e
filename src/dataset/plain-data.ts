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

interface Frame {
  readonly value: unknown;
  readonly path: readonly (string | number)[];
  readonly assign: (value: PlainData) => void;
}

class Abort extends Error {}

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
  let root: PlainData = null;
  let current: readonly (string | number)[] = [];

  const fail = (path: readonly (string | number)[], message: string, fatal = false): void => {
    errors.push({ path: formatIssuePath(path), message });
    if (fatal || errors.length >= MAX_REPORTED_ERRORS) throw new Abort();
  };

  const stack: Frame[] = [{ value: input, path: [], assign: (v) => (root = v) }];
  try {
    while (stack.length > 0) {
      const { value, path, assign } = stack.pop() as Frame;
      current = path;
      nodes += 1;
      if (nodes > LIMITS.maxNodes) fail([], `more than ${LIMITS.maxNodes} values`, true);
      if (value === null || typeof value === 'boolean') {
        assign(value);
        continue;
      }
      if (typeof value === 'number') {
        if (Number.isFinite(value)) assign(value);
        else fail(path, 'must be a finite number');
        continue;
      }
      if (typeof value === 'string') {
        chars += value.length;
        if (value.length > LIMITS.maxStringLength) {
          fail(path, `text longer than ${LIMITS.maxStringLength} characters`);
        } else if (chars > LIMITS.maxTotalChars) {
          fail(path, `more than ${LIMITS.maxTotalChars} characters of text in total`, true);
        } else {
          assign(value);
        }
        continue;
      }
      if (typeof value !== 'object') {
        fail(path, `unsupported value (${typeof value})`);
        continue;
      }
      if (path.length >= LIMITS.maxDepth) fail(path, `nested deeper than ${LIMITS.maxDepth} levels`, true);
      if (seen.has(value)) {
        fail(path, 'the same object appears twice (a cycle or shared reference)');
        continue;
      }
      seen.add(value);
      if (Array.isArray(value)) {
        const length: unknown = value.length;
        if (typeof length !== 'number' || length > LIMITS.maxArrayLength) {
          fail(path, `list longer than ${LIMITS.maxArrayLength} items`);
          continue;
        }
        const copy: PlainData[] = new Array<PlainData>(length).fill(null);
        assign(copy);
        // Pushed in reverse so errors come out in document order.
        for (let i = length - 1; i >= 0; i -= 1) {
          const descriptor = Object.getOwnPropertyDescriptor(value, i);
          if (descriptor === undefined) {
            fail([...path, i], 'missing list item');
          } else if (!('value' in descriptor)) {
            fail([...path, i], 'accessor properties are not data');
          } else {
            stack.push({ value: descriptor.value, path: [...path, i], assign: (v) => (copy[i] = v) });
          }
        }
        continue;
      }
      const keys = Object.keys(value);
      if (keys.length > LIMITS.maxKeys) {
        fail(path, `object with more than ${LIMITS.maxKeys} fields`);
        continue;
      }
      // A null prototype, and forbidden keys skipped, so no key can reach Object.prototype.
      const copy = Object.create(null) as { [key: string]: PlainData };
      assign(copy);
      for (let i = keys.length - 1; i >= 0; i -= 1) {
        const key = keys[i] as string;
        if (FORBIDDEN_KEYS.has(key)) {
          fail([...path, key], 'forbidden field name');
          continue;
        }
        const descriptor = Object.getOwnPropertyDescriptor(value, key);
        if (descriptor === undefined) continue;
        if (!('value' in descriptor)) {
          fail([...path, key], 'accessor properties are not data');
          continue;
        }
        stack.push({ value: descriptor.value, path: [...path, key], assign: (v) => (copy[key] = v) });
      }
    }
  } catch (error) {
    if (!(error instanceof Abort)) {
      errors.push({ path: formatIssuePath(current), message: 'could not be read (it threw when accessed)' });
    }
  }
  if (errors.length >= MAX_REPORTED_ERRORS) {
    errors.push({ path: '$', message: 'stopped after too many errors' });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: root };
}
