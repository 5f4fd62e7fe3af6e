/**
 * The content script's life: reads settings once, answers requests, and runs a marking session
 * while the extension is on for this site. Settings apply live: switching the extension or the
 * site off ends the session (all marks go at once), switching on starts a new one.
 */
import type { Dataset } from '../dataset/schema.ts';
import { browser } from '../shared/browser.ts';
import { CONTENT, type PageReport } from '../shared/messages.ts';
import { sendToBackground, serve } from '../shared/rpc.ts';
import { isActiveOn, type Settings } from '../shared/settings.ts';
import { loadSettings, watchSettings } from '../shared/settings-store.ts';
import { loadLibrary, sameStories, watchLibrary, type StoredLibrary } from '../shared/library-store.ts';
import { startCards, type CardController } from './card-controller/index.ts';
import { PageEngine } from './engine/engine.ts';
import { extensionAlive } from './guard.ts';
import { PageReporter } from './reporter.ts';
import { textAt } from './mention-range.ts';
import type { PageMention } from './types.ts';
import { pageTheme, type PageTheme } from './page-theme.ts';
import { loadRuntime, runtimeTimings } from './runtime.ts';
import { installStatsHook } from './stats-hook.ts';

interface Session {
  readonly controller: AbortController;
  /** The page's brightness for the "background" marks, read once when the session starts. */
  readonly markTheme: PageTheme | null;
  engine: PageEngine | null;
  cards: CardController | null;
}

/** What a card of one entity shows beyond the start part of its stories: asked of the background, checked. */
async function fetchStories(ids: readonly string[], entityId: string): Promise<readonly Dataset[]> {
  return (await sendToBackground('library/stories', { ids, entityId })).stories;
}

function emptyReport(): PageReport {
  return { counts: [], total: 0, url: location.href, title: document.title };
}

export async function boot(pageSignal: AbortSignal): Promise<void> {
  const isTop = window === window.top;
  // Chrome keeps an orphaned content script running with its marks; check now and then (cheap).
  const life = new AbortController();
  pageSignal.addEventListener('abort', () => life.abort(), { once: true });
  const signal = life.signal;
  const checkAlive = (): void => {
    if (!extensionAlive()) life.abort();
  };
  document.addEventListener('visibilitychange', checkAlive, { signal });
  window.addEventListener('focus', checkAlive, { signal });
  // Watch first, then read: a change published while the reads are on their way is kept, never
  // lost. Until the reads are in, the listeners only remember the latest change.
  const early: { settings?: Settings; library?: StoredLibrary } = {};
  let onSettings = (next: Settings): void => {
    early.settings = next;
  };
  let onLibrary = (next: StoredLibrary): void => {
    if (early.library === undefined || next.revision > early.library.revision) early.library = next;
  };
  watchSettings(browser.storage.onChanged, (next) => onSettings(next), signal);
  watchLibrary(browser.storage.onChanged, (next) => onLibrary(next), signal);
  // One read each, side by side. The packs cost a page one key whatever their number, and a frame
  // that does not mark one string: only `start` opens (parses) it (`loadRuntime`).
  const [read, stored] = await Promise.all([loadSettings(browser.storage.local), loadLibrary(browser.storage.local)]);
  if (signal.aborted) return;
  // A change seen meanwhile is at least as new as the read.
  let settings: Settings = early.settings ?? read;
  let library: StoredLibrary =
    early.library !== undefined && early.library.revision >= stored.revision ? early.library : stored;
  let session: Session | null = null;

  const reporter = isTop ? new PageReporter((report) => sendToBackground('page/report', report), signal) : null;

  const currentReport = (): PageReport => {
    const engine = session?.engine;
    if (!engine) return emptyReport();
    return { ...engine.counts(), url: location.href, title: document.title };
  };

  const start = async (): Promise<void> => {
    const controller = new AbortController();
    signal.addEventListener('abort', () => controller.abort(), { once: true, signal: controller.signal });
    const current: Session = { controller, markTheme: pageTheme(document), engine: null, cards: null };
    session = current;
    const runtime = await loadRuntime(library, fetchStories);
    if (controller.signal.aborted) return;
    const engine = new PageEngine({
      doc: document,
      matcher: runtime.matcher,
      entityIds: runtime.entityIds,
      settings: { ...settings, markTheme: current.markTheme },
      signal: controller.signal,
      onSettled: () => {
        checkAlive();
        reporter?.update(currentReport());
      },
    });
    // Set before start(): a page that finishes in one slice reports from inside start().
    current.engine = engine;
    if (!engine.start()) {
      current.engine = null;
      return;
    }
    current.cards = startCards({ source: engine, library: runtime.cards, settings, signal: controller.signal });
  };

  const stop = (): void => {
    session?.controller.abort();
    session = null;
    reporter?.update(emptyReport());
  };

  const run = (task: Promise<void>): void => {
    task.catch((error: unknown) => console.debug('[Context Cards] marking not started', error));
  };

  onSettings = (next) => {
    try {
      settings = next;
      const active = isActiveOn(next, location.hostname);
      if (!active && session !== null) stop();
      else if (active && session === null) run(start());
      else if (session !== null) {
        session.engine?.applySettings({ ...next, markTheme: session.markTheme });
        session.cards?.update(next);
      }
    } catch (error) {
      console.debug('[Context Cards] settings not applied', error);
    }
  };

  // A story switched on or off, imported or removed: the marks and cards follow at once.
  onLibrary = (next) => {
    if (next.revision === library.revision || sameStories(next, library)) return;
    library = next;
    if (session === null) return;
    stop();
    run(start());
  };

  // Back from the back/forward cache: changes made meanwhile may not have reached this page.
  window.addEventListener(
    'pageshow',
    (event) => {
      if (!event.persisted) return;
      void Promise.all([loadSettings(browser.storage.local), loadLibrary(browser.storage.local)]).then(
        ([nextSettings, nextLibrary]) => {
          if (signal.aborted) return;
          if (JSON.stringify(nextSettings) !== JSON.stringify(settings)) onSettings(nextSettings);
          onLibrary(nextLibrary);
        },
      );
    },
    { signal },
  );

  if (isTop) {
    serve(
      CONTENT,
      {
        'page/mentions': () => ({ ...currentReport(), host: location.hostname, active: session !== null }),
        'page/goto': ({ entityId, direction }) => ({ ok: session?.cards?.step(entityId, direction) ?? false }),
      },
      signal,
    );
  }

  if (import.meta.env.CC_TEST_BUILD) {
    installStatsHook(
      (request) => ({
        active: session !== null,
        busy: session?.engine?.busy ?? false,
        stats: session?.engine?.stats ?? null,
        runtime: runtimeTimings,
        report: currentReport(),
        marks: request.marks === false ? {} : markTexts(session?.engine?.mentions() ?? []),
      }),
      signal,
    );
  }

  if (isActiveOn(settings, location.hostname)) await start();
}

/** The test build's view of the engine's index: entity id -> the text of each mark. */
function markTexts(mentions: readonly PageMention[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of mentions) (out[m.entityId] ??= []).push(textAt(m.at));
  return out;
}
