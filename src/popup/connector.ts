/**
 * The popup's only door to the browser: a small typed facade that unit tests replace with a
 * fake. Components never import `browser`.
 */
import type enMessages from '../../assets/_locales/en/messages.json';
import type { HistoryErrorCode } from '../shared/history-status.ts';
import type { ContentProtocol, EntityHistory } from '../shared/messages.ts';
import type { Response } from '../shared/protocol.ts';
import type { Settings } from '../shared/settings.ts';

export type MessageKey = keyof typeof enMessages;

export type PageMentions = Response<ContentProtocol, 'page/mentions'>;

export interface ActiveTab {
  readonly id: number;
  /** Null when the browser does not tell us (no host access). */
  readonly url: string | null;
}

/** What the content script of the tab said, or why it could not. */
export type MentionsResult =
  | { readonly kind: 'ready'; readonly page: PageMentions }
  /** A page extensions may not read (browser pages, stores, PDF viewers). */
  | { readonly kind: 'restricted' }
  /** A web page whose content script did not answer (opened before the extension, still loading). */
  | { readonly kind: 'no-answer' };

/** A keyboard command with the keys the user (or the manifest) set for it. */
export interface Shortcut {
  readonly name: string;
  readonly description: string;
  readonly keys: string;
}

export interface HistoryResult {
  readonly entities: readonly EntityHistory[];
  readonly error: HistoryErrorCode | null;
}

export interface PopupConnector {
  /** A UI string in the browser's language. */
  msg(key: MessageKey, substitutions?: readonly string[]): string;
  /** The browser's UI language, e.g. "en-US" (for plural rules and dates). */
  readonly uiLanguage: string;
  loadSettings(): Promise<Settings>;
  updateSettings(change: (s: Settings) => Settings): Promise<Settings>;
  watchSettings(cb: (s: Settings) => void, signal: AbortSignal): void;
  activeTab(): Promise<ActiveTab | null>;
  pageMentions(tab: ActiveTab): Promise<MentionsResult>;
  /** Scrolls the tab to the next mention of an entity and opens its card. */
  goto(tabId: number, entityId: string): Promise<boolean>;
  hasHostAccess(): Promise<boolean>;
  /** Must be called straight from a click: browsers allow the prompt only on a user gesture. */
  requestHostAccess(): Promise<boolean>;
  history(): Promise<HistoryResult>;
  clearHistory(): Promise<boolean>;
  openSource(): Promise<void>;
  /** Opens the options page, where story packs are imported and managed. */
  openOptions(): Promise<void>;
  /** The names of the entities of the imported story packs that are on (the bundled ones are known). */
  packNames(): Promise<readonly { readonly id: string; readonly name: string }[]>;
  /** The extension's commands that have keys, for the shortcut list. */
  shortcuts(): Promise<readonly Shortcut[]>;
  /** Saves a file (the history export). */
  download(filename: string, text: string): void;
  /** Closes the popup (after a jump, so the page is visible). */
  close(): void;
}
