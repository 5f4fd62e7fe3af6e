/**
 * Message handlers of the background. Every request is checked twice before it does anything:
 * the sender must be this extension (and the right kind of context), and the payload must pass
 * its guard. Anything else is refused with an error and does nothing.
 */
import type { HistoryErrorCode } from '../shared/history-status.ts';
import {
  isBadgeGetRequest,
  isEmptyRequest,
  isEnvelope,
  isHistoryEntityRequest,
  isPageReport,
  isSourceOpenRequest,
  type BackgroundProtocol,
  type BackgroundType,
  type Request,
  type Response,
} from '../shared/messages.ts';
import type { Settings } from '../shared/settings.ts';
import type { HistoryService } from './history-service.ts';
import { historyUrl } from './history-store.ts';
import type { Toolbar } from './toolbar.ts';

/** What the handlers know of a message's sender (a subset of runtime.MessageSender). */
export interface Sender {
  readonly id?: string | undefined;
  readonly url?: string | undefined;
  readonly frameId?: number | undefined;
  readonly tab?:
    { readonly id?: number | undefined; readonly url?: string | undefined; readonly incognito?: boolean } | undefined;
}

export interface HandlerDeps {
  readonly extensionId: string;
  /** e.g. chrome-extension://<id>/ : extension pages have URLs under it. */
  readonly extensionOrigin: string;
  readonly toolbar: Pick<Toolbar, 'report' | 'text'>;
  readonly history: Pick<HistoryService, 'record' | 'forEntity' | 'all' | 'clear'>;
  settings(): Promise<Settings>;
  historyError(): Promise<HistoryErrorCode | null>;
  openTab(url: string): Promise<void>;
}

/** Who may send a request: content scripts of a tab, extension pages (popup, source page), or both. */
type Origin = 'content' | 'page' | 'any';

type Handler<K extends BackgroundType> = (
  payload: Request<BackgroundProtocol, K>,
  sender: Sender,
  deps: HandlerDeps,
) => Promise<Response<BackgroundProtocol, K>>;

interface Route<K extends BackgroundType> {
  readonly from: Origin;
  readonly valid: (v: unknown) => v is Request<BackgroundProtocol, K>;
  readonly handle: Handler<K>;
}

type Routes = { readonly [K in BackgroundType]: Route<K> };

export const SOURCE_PAGE = 'source-page/index.html';

const routes: Routes = {
  'page/report': {
    from: 'content',
    valid: isPageReport,
    async handle(report, sender, deps) {
      const tab = sender.tab;
      // Only the top frame speaks for the tab; frames report their own slice of the page.
      if (tab?.id === undefined || sender.frameId !== 0) return { ok: true };
      // The sender's own URL, not the payload's: a page cannot make us record another address.
      const pageUrl = sender.url ?? tab.url ?? '';
      await deps.toolbar.report(tab.id, pageUrl, report.total, await deps.settings());
      const url = historyUrl(pageUrl);
      if (url)
        await deps.history.record(
          { url, title: report.title.trim() || url, counts: report.counts },
          tab.incognito === true,
        );
      return { ok: true };
    },
  },
  'history/entity': {
    from: 'any',
    valid: isHistoryEntityRequest,
    async handle({ entityId, excludeUrl, limit }, _sender, deps) {
      return deps.history.forEntity(entityId, historyUrl(excludeUrl) ?? excludeUrl, limit);
    },
  },
  'history/all': {
    from: 'page',
    valid: isEmptyRequest,
    async handle(_payload, _sender, deps) {
      const [entities, error] = await Promise.all([deps.history.all(), deps.historyError()]);
      return { entities, error };
    },
  },
  'history/clear': {
    from: 'page',
    valid: isEmptyRequest,
    async handle(_payload, _sender, deps) {
      return { ok: await deps.history.clear() };
    },
  },
  'source/open': {
    from: 'any',
    valid: isSourceOpenRequest,
    async handle({ claimId }, _sender, deps) {
      await deps.openTab(`${deps.extensionOrigin}${SOURCE_PAGE}${claimId === null ? '' : `#claim-${claimId}`}`);
      return { ok: true };
    },
  },
  'badge/get': {
    from: 'page',
    valid: isBadgeGetRequest,
    async handle({ tabId }, _sender, deps) {
      return { text: await deps.toolbar.text(tabId) };
    },
  },
};

const TYPES = Object.keys(routes) as BackgroundType[];

function senderKind(sender: Sender, deps: HandlerDeps): 'content' | 'page' | null {
  if (sender.id !== deps.extensionId) return null;
  if (typeof sender.url === 'string' && sender.url.startsWith(deps.extensionOrigin)) return 'page';
  if (sender.tab !== undefined) return 'content';
  return null;
}

export class RefusedError extends Error {
  override readonly name = 'RefusedError';
}

/**
 * Handles one incoming message. Returns undefined for messages that are not ours (so other
 * listeners may answer), and a promise of the typed response otherwise; refused requests reject.
 */
export function handleMessage(raw: unknown, sender: Sender, deps: HandlerDeps): Promise<unknown> | undefined {
  if (!isEnvelope(raw, TYPES)) return undefined;
  const route = routes[raw.type] as Route<BackgroundType>;
  const kind = senderKind(sender, deps);
  if (kind === null || (route.from !== 'any' && route.from !== kind)) {
    return Promise.reject(new RefusedError(`${raw.type}: sender not allowed`));
  }
  let valid: boolean;
  try {
    valid = route.valid(raw.payload);
  } catch {
    valid = false;
  }
  if (!valid) return Promise.reject(new RefusedError(`${raw.type}: invalid payload`));
  return (route.handle as Handler<BackgroundType>)(raw.payload as never, sender, deps);
}
