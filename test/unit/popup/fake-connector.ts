/** A PopupConnector for tests: English strings from the real locale file, state in memory. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { vi } from 'vitest';
import type {
  ActiveTab,
  HistoryResult,
  MentionsResult,
  MessageKey,
  PopupConnector,
} from '../../../src/popup/connector.ts';
import { parseSettings, type Settings } from '../../../src/shared/settings.ts';

type Catalogue = Record<string, { message: string }>;
const catalogue = (lang: 'en' | 'de'): Catalogue =>
  JSON.parse(
    readFileSync(resolve(import.meta.dirname, `../../../assets/_locales/${lang}/messages.json`), 'utf8'),
  ) as Catalogue;
const catalogues = { en: catalogue('en'), de: catalogue('de') };

/** The browser's substitution rule for $1..$9, over the real locale file. */
export function localMessage(lang: 'en' | 'de', key: MessageKey, substitutions: readonly string[] = []): string {
  const text = catalogues[lang][key]?.message;
  if (text === undefined) throw new Error(`missing message ${key}`);
  return text.replace(/\$(\d)/g, (_m, n: string) => substitutions[Number(n) - 1] ?? '');
}

export interface FakeOptions {
  language?: 'en' | 'de';
  settings?: Partial<Settings>;
  tab?: ActiveTab | null;
  mentions?: MentionsResult;
  hostAccess?: boolean;
  grantOnRequest?: boolean;
  history?: HistoryResult;
  /** Names of the entities of imported story packs that are on. */
  packNames?: readonly { id: string; name: string }[];
}

export function fakeConnector(options: FakeOptions = {}) {
  let settings: Settings = parseSettings({ version: 2, ...options.settings }).settings;
  const watchers = new Set<(s: Settings) => void>();
  let history: HistoryResult = options.history ?? { entities: [], error: null };
  const c = {
    uiLanguage: options.language ?? 'en',
    msg: vi.fn((key: MessageKey, subs?: readonly string[]) => localMessage(options.language ?? 'en', key, subs)),
    loadSettings: vi.fn(async () => settings),
    updateSettings: vi.fn(async (change: (s: Settings) => Settings) => {
      settings = parseSettings(change(settings)).settings;
      watchers.forEach((w) => w(settings));
      return settings;
    }),
    watchSettings: vi.fn((cb: (s: Settings) => void, signal: AbortSignal) => {
      watchers.add(cb);
      signal.addEventListener('abort', () => watchers.delete(cb));
    }),
    activeTab: vi.fn(async () =>
      options.tab === undefined ? { id: 12, url: 'https://news.example/story?x=1' } : options.tab,
    ),
    pageMentions: vi.fn(
      async (): Promise<MentionsResult> =>
        options.mentions ?? {
          kind: 'ready',
          page: {
            counts: [
              { entityId: 'meta', count: 2 },
              { entityId: 'mark-zuckerberg', count: 5 },
              { entityId: 'llama', count: 0 },
            ],
            total: 7,
            url: 'https://news.example/story',
            title: 'Story',
            host: 'news.example',
            active: true,
          },
        },
    ),
    goto: vi.fn(async () => true),
    hasHostAccess: vi.fn(async () => options.hostAccess ?? true),
    requestHostAccess: vi.fn(async () => options.grantOnRequest ?? true),
    history: vi.fn(async () => history),
    clearHistory: vi.fn(async () => {
      history = { ...history, entities: [] };
      return true;
    }),
    openSource: vi.fn(async () => undefined),
    openOptions: vi.fn(async () => undefined),
    packNames: vi.fn(async () => options.packNames ?? []),
    shortcuts: vi.fn(async () => [
      { name: 'next-mention', description: 'Go to the next mention', keys: 'Alt+Shift+Period' },
      { name: 'toggle-site', description: 'Switch Context Cards on or off for this site', keys: 'Alt+Shift+K' },
    ]),
    download: vi.fn<(filename: string, text: string) => void>(),
    close: vi.fn<() => void>(),
  } satisfies PopupConnector;
  return { c, settings: () => settings };
}
