/**
 * The options page's only door to the browser: a small typed facade that unit tests replace with
 * a fake. Components never import `browser`.
 */
import type enMessages from '../../assets/_locales/en/messages.json';
import type { ImportOutcome, ImportRequest, PackInfo } from '../shared/packs.ts';

export type MessageKey = keyof typeof enMessages;

export interface OptionsConnector {
  /** A UI string in the browser's language. */
  msg(key: MessageKey, substitutions?: readonly string[]): string;
  /** The browser's UI language, e.g. "en-US" (for dates). */
  readonly uiLanguage: string;
  list(): Promise<readonly PackInfo[]>;
  importPack(request: ImportRequest): Promise<ImportOutcome>;
  setEnabled(id: string, enabled: boolean): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  /** The pack as its file (with its source text), or null. */
  packText(id: string): Promise<string | null>;
  /** Opens "Read the source" for a story (the bundled one when `story` is null). */
  openSource(story: string | null): Promise<void>;
  /** Saves a file. */
  download(filename: string, text: string): void;
}
