import { sha256Hex } from '../../../src/dataset/sha256.ts';
import type { Dataset } from '../../../src/dataset/index.ts';
import { MINI_SOURCE, minimalDataset } from './minimal-dataset.ts';

/** A pack file's object: the minimal dataset with its source text inside, hashed. */
export function miniPackObject(edit: (d: Dataset) => void = () => undefined, sourceText = MINI_SOURCE): object {
  const dataset = minimalDataset();
  edit(dataset);
  return { ...dataset, source: { ...dataset.source, sha256: sha256Hex(sourceText), text: sourceText } };
}

export function miniPackText(edit?: (d: Dataset) => void, sourceText?: string): string {
  return JSON.stringify(miniPackObject(edit, sourceText));
}

/** The item at `index`, or a thrown error naming what was missing (tests only). */
export function at<T>(items: readonly T[], index = 0): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}
