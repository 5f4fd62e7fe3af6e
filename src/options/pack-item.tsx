import type { PackInfo } from '../shared/packs.ts';
import type { OptionsConnector } from './connector.ts';
import { formatDay, formatPartialDate, titleIn } from './format.ts';

interface Props {
  readonly pack: PackInfo;
  readonly connector: OptionsConnector;
  readonly busy: boolean;
  readonly onToggle: (pack: PackInfo, enabled: boolean) => void;
  readonly onRemove: (pack: PackInfo) => void;
  readonly onExport: (pack: PackInfo) => void;
}

/** One story in the list: what it is, its dates and counts, its switch and what can be done with it. */
export function PackItem({ pack, connector, busy, onToggle, onRemove, onExport }: Props) {
  const { msg, uiLanguage } = connector;
  const title = titleIn(pack.title, uiLanguage);
  const switchId = `pack-${pack.id}-switch`;
  const titleId = `pack-${pack.id}-title`;
  const dates = [
    pack.writtenAround === null ? null : msg('optionsWritten', [formatPartialDate(pack.writtenAround, uiLanguage)]),
    msg('optionsChecked', [formatPartialDate(pack.notesChecked, uiLanguage)]),
  ].filter((d): d is string => d !== null);
  return (
    <li class="pack" data-pack={pack.id} data-enabled={pack.enabled}>
      <div class="pack-head">
        <h3 id={titleId} class="pack-title">
          {title}
        </h3>
        <span class="switch-wrap">
          <label class="switch-label" for={switchId}>
            {msg('optionsSwitchLabel')}
          </label>
          <button
            type="button"
            role="switch"
            class="switch"
            id={switchId}
            aria-checked={pack.enabled}
            aria-describedby={titleId}
            disabled={busy}
            data-testid="pack-switch"
            onClick={() => onToggle(pack, !pack.enabled)}
          >
            <span class="knob" aria-hidden="true" />
          </button>
        </span>
      </div>
      {/* A source with neither title nor address (the bundled article has no headline) gets no line. */}
      {(pack.sourceTitle !== null || pack.sourceUrl !== null) && (
        <p class="pack-source">
          {/* Shown as text, never as a link: an imported pack's address is the author's word. */}
          <span>{pack.sourceTitle ?? msg('optionsUntitledSource')}</span>
          {pack.sourceUrl !== null && <span class="pack-url"> · {pack.sourceUrl}</span>}
        </p>
      )}
      <p class="pack-dates">{dates.join(', ')}</p>
      <p class="pack-counts" data-testid="pack-counts">
        {msg('optionsCounts', [String(pack.entities), String(pack.claims), String(pack.notes)])}
        {' · '}
        {pack.bundled ? msg('optionsBundled') : msg('optionsImportedOn', [formatDay(pack.importedAt ?? 0, uiLanguage)])}
      </p>
      <div class="pack-actions">
        <button
          type="button"
          class="button"
          data-action="read-source"
          onClick={() => void connector.openSource(pack.bundled ? null : pack.id)}
        >
          {msg('optionsReadSource')}
        </button>
        {!pack.bundled && (
          <>
            <button type="button" class="button" data-action="export" disabled={busy} onClick={() => onExport(pack)}>
              {msg('optionsExport')}
            </button>
            <button
              type="button"
              class="button danger"
              data-action="remove"
              disabled={busy}
              onClick={() => onRemove(pack)}
            >
              {msg('optionsRemove')}
            </button>
          </>
        )}
      </div>
    </li>
  );
}
