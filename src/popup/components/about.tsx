/** The dataset in one line, the way to the source, and the privacy promise. */
import type { PopupConnector } from '../connector.ts';
import { formatEstimate, type DatasetSummary } from '../dataset-summary.ts';
import { formatNumber } from '../i18n.ts';

export interface AboutProps {
  readonly c: PopupConnector;
  readonly dataset: DatasetSummary;
  readonly onReadSource: () => void;
  readonly onManagePacks: () => void;
}

export function About({ c, dataset, onReadSource, onManagePacks }: AboutProps) {
  const when = formatEstimate(dataset.writtenAround, c.uiLanguage) ?? '?';
  return (
    <footer class="about">
      <p data-testid="dataset-line">
        {c.msg('popupDataset', [
          when,
          dataset.originalSite ?? '?',
          formatNumber(c, dataset.claims),
          formatNumber(c, dataset.notes),
        ])}
      </p>
      <button type="button" class="link" data-testid="read-source" onClick={onReadSource}>
        {c.msg('popupReadSource')}
      </button>{' '}
      <button type="button" class="link" data-testid="manage-packs" onClick={onManagePacks}>
        {c.msg('popupManagePacks')}
      </button>
      <p class="privacy" data-testid="privacy">
        {c.msg('popupPrivacy')}
      </p>
    </footer>
  );
}
