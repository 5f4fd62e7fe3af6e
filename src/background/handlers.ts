/**
 * What the background answers (BackgroundProtocol). The router (shared/protocol.ts) has checked
 * the sender's kind and the payload against the BACKGROUND table before a handler runs; the
 * handlers here only do the work.
 */
import type { HistoryErrorCode } from '../shared/history-status.ts';
import type { BackgroundProtocol } from '../shared/messages.ts';
import type { Handlers, Sender } from '../shared/protocol.ts';
import type { Settings } from '../shared/settings.ts';
import type { HistoryService } from './history-service.ts';
import type { PackService } from './pack-service.ts';
import { historyUrl } from './history-store.ts';
import type { Toolbar } from './toolbar.ts';

export interface HandlerDeps {
  /** e.g. chrome-extension://<id>/ : the source page's URL is under it. */
  readonly extensionOrigin: string;
  readonly toolbar: Pick<Toolbar, 'report' | 'text'>;
  readonly history: Pick<HistoryService, 'record' | 'forEntity' | 'all' | 'clear'>;
  readonly packs: Pick<PackService, 'list' | 'importPack' | 'setEnabled' | 'remove' | 'text' | 'stories'>;
  settings(): Promise<Settings>;
  historyError(): Promise<HistoryErrorCode | null>;
  openTab(url: string): Promise<void>;
}

export const SOURCE_PAGE = 'source-page/index.html';

export function backgroundHandlers(deps: HandlerDeps): Handlers<BackgroundProtocol, Sender> {
  return {
    async 'page/report'(report, sender) {
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
    async 'history/entity'({ entityId, excludeUrl, limit }) {
      return deps.history.forEntity(entityId, historyUrl(excludeUrl) ?? excludeUrl, limit);
    },
    async 'history/all'() {
      const [entities, error] = await Promise.all([deps.history.all(), deps.historyError()]);
      return { entities, error };
    },
    async 'history/clear'() {
      return { ok: await deps.history.clear() };
    },
    async 'source/open'({ claimId, entityId, story }) {
      // The ids passed the id pattern (lower-case letters, digits, hyphens): nothing to escape.
      const params = [
        ...(story === undefined ? [] : [`story=${story}`]),
        ...(entityId === undefined ? [] : [`entity=${entityId}`]),
      ];
      const query = params.length === 0 ? '' : `?${params.join('&')}`;
      const hash = claimId === null ? '' : `#claim-${claimId}`;
      await deps.openTab(`${deps.extensionOrigin}${SOURCE_PAGE}${query}${hash}`);
      return { ok: true };
    },
    async 'badge/get'({ tabId }) {
      return { text: await deps.toolbar.text(tabId) };
    },
    async 'packs/list'() {
      return { packs: await deps.packs.list() };
    },
    'packs/import': (request) => deps.packs.importPack(request),
    async 'packs/enable'({ id, enabled }) {
      return { ok: await deps.packs.setEnabled(id, enabled) };
    },
    async 'packs/remove'({ id }) {
      return { ok: await deps.packs.remove(id) };
    },
    async 'library/stories'({ ids, entityId }) {
      return { stories: await deps.packs.stories(ids, entityId) };
    },
    async 'packs/get'({ id }) {
      return { text: await deps.packs.text(id) };
    },
  };
}
