/** History by page, each with the names found on it, with export and clear. Loaded only when opened: it can be long. */
import { useEffect, useState } from 'preact/hooks';
import type { HistoryErrorCode } from '../../shared/history-status.ts';
import type { HistoryResult, MessageKey, PopupConnector } from '../connector.ts';
import type { EntityName } from '../dataset-summary.ts';
import { buildHistoryExport } from '../history-export.ts';
import { historyByPage, type PageRow } from '../history-pages.ts';
import { formatDate, plural } from '../i18n.ts';

/** Pages shown before "Show all": enough to recognise, short enough to scan. */
export const PAGES_SHOWN = 8;

const ERROR_KEYS: Readonly<Record<HistoryErrorCode, MessageKey>> = {
  quota: 'popupHistoryErrorQuota',
  blocked: 'popupHistoryErrorBlocked',
  unavailable: 'popupHistoryErrorUnavailable',
  failed: 'popupHistoryErrorFailed',
};

export interface HistoryPanelProps {
  readonly c: PopupConnector;
  readonly enabled: boolean;
  readonly names: readonly EntityName[];
  readonly now: () => number;
}

/** One page read: its link, when, and a chip for each name found on it. */
function PageItem({ c, row, nameOf }: { c: PopupConnector; row: PageRow; nameOf: (id: string) => string }) {
  return (
    <li class="history-page" data-url={row.url}>
      <div class="history-page-line">
        {/^https?:\/\//.test(row.url) ? (
          <a href={row.url} target="_blank" rel="noreferrer" title={row.url}>
            {row.title || row.url}
          </a>
        ) : (
          <span>{row.title || row.url}</span>
        )}
        <time class="muted" dateTime={new Date(row.lastSeen).toISOString()}>
          {formatDate(c, row.lastSeen)}
        </time>
      </div>
      <ul class="name-chips" aria-label={c.msg('popupNamesOnPage')}>
        {row.entityIds.map((id) => (
          <li key={id} class="name-chip" data-entity={id}>
            {nameOf(id)}
          </li>
        ))}
      </ul>
    </li>
  );
}

export function HistoryPanel({ c, enabled, names, now }: HistoryPanelProps) {
  const [result, setResult] = useState<HistoryResult | null>(null);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [all, setAll] = useState(false);
  useEffect(() => {
    let live = true;
    c.history().then(
      (r) => live && setResult(r),
      () => live && setResult({ entities: [], error: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [c, enabled]);

  const clear = async (): Promise<void> => {
    const ok = await c.clearHistory();
    setStatus(ok ? 'popupCleared' : 'popupClearFailed');
    if (ok) setResult((r) => (r ? { ...r, entities: [] } : r));
  };
  const exportJson = (): void => {
    if (!result) return;
    const file = buildHistoryExport(result.entities, names, now());
    c.download(file.filename, file.text);
  };
  const nameOf = (id: string): string => names.find((n) => n.id === id)?.name ?? id;
  const empty = result !== null && result.entities.length === 0;
  const rows = result === null ? [] : historyByPage(result.entities);
  const shown = all ? rows : rows.slice(0, PAGES_SHOWN);

  return (
    <div class="history" data-testid="history">
      {result?.error && (
        <p class="warning" role="alert">
          {c.msg(ERROR_KEYS[result.error])}
        </p>
      )}
      {!enabled && !result?.error && <p class="note">{c.msg('popupHistoryOff')}</p>}
      {enabled && empty && <p class="note">{c.msg('popupHistoryEmpty')}</p>}
      {result !== null && !empty && (
        <>
          <p class="muted" data-testid="history-count">
            {plural(c, rows.length, 'popupPagesOne', 'popupPagesOther')}
          </p>
          <ul class="history-list" data-testid="history-list">
            {shown.map((row) => (
              <PageItem key={row.url} c={c} row={row} nameOf={nameOf} />
            ))}
          </ul>
          {!all && rows.length > PAGES_SHOWN && (
            <button type="button" class="link" onClick={() => setAll(true)}>
              {c.msg('popupShowAll', [String(rows.length)])}
            </button>
          )}
        </>
      )}
      <div class="actions">
        <button type="button" data-testid="history-export" disabled={result === null} onClick={exportJson}>
          {c.msg('popupExport')}
        </button>
        <button type="button" data-testid="history-clear" disabled={result === null} onClick={() => void clear()}>
          {c.msg('popupClear')}
        </button>
      </div>
      <p role="status" class="muted" data-testid="history-status">
        {status ? c.msg(status) : ''}
      </p>
    </div>
  );
}
