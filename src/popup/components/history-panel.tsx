/** History per entity, with export and clear. Loaded only when opened: it can be long. */
import { useEffect, useState } from 'preact/hooks';
import type { HistoryErrorCode } from '../../shared/history-status.ts';
import type { EntityHistory } from '../../shared/messages.ts';
import type { HistoryResult, MessageKey, PopupConnector } from '../connector.ts';
import type { EntityName } from '../dataset-summary.ts';
import { buildHistoryExport } from '../history-export.ts';
import { formatDate, plural } from '../i18n.ts';

/** Pages shown per entity before "Show all": enough to recognise, short enough to scan. */
export const PAGES_SHOWN = 5;

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

function EntityPages({ c, group, name }: { c: PopupConnector; group: EntityHistory; name: string }) {
  const [all, setAll] = useState(false);
  const pages = all ? group.pages : group.pages.slice(0, PAGES_SHOWN);
  return (
    <li class="history-entity" data-entity={group.entityId}>
      <h3>
        {name} <span class="muted">· {plural(c, group.pages.length, 'popupPagesOne', 'popupPagesOther')}</span>
      </h3>
      <ul class="pages">
        {pages.map((p) => (
          <li key={p.url}>
            {/^https?:\/\//.test(p.url) ? (
              <a href={p.url} target="_blank" rel="noreferrer" title={p.url}>
                {p.title || p.url}
              </a>
            ) : (
              <span>{p.title || p.url}</span>
            )}
            <time class="muted" dateTime={new Date(p.lastSeen).toISOString()}>
              {formatDate(c, p.lastSeen)}
            </time>
          </li>
        ))}
      </ul>
      {!all && group.pages.length > PAGES_SHOWN && (
        <button type="button" class="link" onClick={() => setAll(true)}>
          {c.msg('popupShowAll', [String(group.pages.length)])}
        </button>
      )}
    </li>
  );
}

export function HistoryPanel({ c, enabled, names, now }: HistoryPanelProps) {
  const [result, setResult] = useState<HistoryResult | null>(null);
  const [status, setStatus] = useState<MessageKey | null>(null);
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
        <ul class="history-list" data-testid="history-list">
          {result.entities.map((g) => (
            <EntityPages key={g.entityId} c={c} group={g} name={nameOf(g.entityId)} />
          ))}
        </ul>
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
