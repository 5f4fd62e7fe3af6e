/** "On this page": the entities found, with counts; choosing one jumps to its next mention. */
import { isActiveOn, type Settings } from '../../shared/settings.ts';
import type { MentionsResult, PopupConnector } from '../connector.ts';
import type { EntityName } from '../dataset-summary.ts';
import { formatNumber, plural } from '../i18n.ts';

export interface OnThisPageProps {
  readonly c: PopupConnector;
  readonly settings: Settings | null;
  readonly host: string | null;
  readonly mentions: MentionsResult | null;
  readonly names: readonly EntityName[];
  readonly onGoto: (entityId: string) => void;
}

function Body({ c, settings, host, mentions, names, onGoto }: OnThisPageProps) {
  if (settings !== null && !settings.enabled) return <p class="note">{c.msg('popupAllOff')}</p>;
  if (settings !== null && host !== null && !isActiveOn(settings, host))
    return <p class="note">{c.msg('popupSiteOff', [host])}</p>;
  if (mentions === null)
    return (
      <p class="note" aria-busy="true">
        {c.msg('popupLoadingMentions')}
      </p>
    );
  if (mentions.kind === 'restricted') return <p class="note">{c.msg('popupPageUnreachable')}</p>;
  if (mentions.kind === 'no-answer') return <p class="note">{c.msg('popupPageNotReady')}</p>;
  const counts = mentions.page.counts.filter((e) => e.count > 0).sort((a, b) => b.count - a.count);
  if (counts.length === 0) return <p class="note">{c.msg('popupNoMentions')}</p>;
  const nameOf = (id: string): string => names.find((n) => n.id === id)?.name ?? id;
  return (
    <ul class="mentions" data-testid="mentions">
      {counts.map(({ entityId, count }) => (
        <li key={entityId}>
          <button
            type="button"
            class="mention"
            data-entity={entityId}
            title={c.msg('popupGoToHint')}
            onClick={() => onGoto(entityId)}
          >
            <span class="mention-name">{nameOf(entityId)}</span>
            <span class="count" aria-hidden="true">
              {formatNumber(c, count)}
            </span>
            <span class="visually-hidden">{`, ${plural(c, count, 'popupMentionsOne', 'popupMentionsOther')}`}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function OnThisPage(props: OnThisPageProps) {
  return (
    <section aria-labelledby="on-this-page">
      <h2 id="on-this-page">{props.c.msg('popupOnThisPage')}</h2>
      <Body {...props} />
    </section>
  );
}
