/**
 * Which story the source page shows: the bundled one, or (`?story=<id>`) an imported pack read
 * from the background and validated again like any file. A pack that cannot be read gives an
 * error that names it, never another story's article in its place.
 */
import type { Dataset } from '../dataset/index.ts';
import { formatErrors, parsePackText } from '../dataset/pack.ts';

export type Shown =
  | {
      readonly kind: 'story';
      readonly article: string;
      /** null when the dataset failed validation: the source is still worth reading. */
      readonly dataset: Dataset | null;
      /** The imported pack, or undefined for the bundled story. */
      readonly story: string | undefined;
    }
  /** The pack asked for could not be shown: `detail` says why, for the console and the page. */
  | { readonly kind: 'error'; readonly story: string; readonly detail: string };

export interface StorySources {
  readonly bundledId: string;
  bundled(): Shown;
  /** The pack's file text from the background; null when there is no such pack. */
  packText(id: string): Promise<string | null>;
}

export async function loadStory(story: string | null, sources: StorySources): Promise<Shown> {
  if (story === null || story === '' || story === sources.bundledId) return sources.bundled();
  const error = (detail: string): Shown => ({ kind: 'error', story, detail });
  let text: string | null;
  try {
    text = await sources.packText(story);
  } catch (e) {
    return error(e instanceof Error ? e.message : String(e));
  }
  if (text === null) return error('there is no story pack with this id (was it removed?)');
  const parsed = parsePackText(text);
  if (!parsed.ok) return error(formatErrors(parsed.errors).slice(0, 3).join('; '));
  return { kind: 'story', article: parsed.pack.sourceText, dataset: parsed.pack.dataset, story };
}
