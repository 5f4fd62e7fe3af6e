/** The dataset in one line, the way to the source, and the privacy promise. */
import { useEffect, useState } from 'preact/hooks';
import type { PopupConnector, Shortcut } from '../connector.ts';
import { formatEstimate, type DatasetSummary } from '../dataset-summary.ts';
import { formatNumber } from '../i18n.ts';

export interface AboutProps {
  readonly c: PopupConnector;
  readonly dataset: DatasetSummary;
  readonly onReadSource: () => void;
}

/** The keys of each command as the browser reports them (users may have changed them). */
function Shortcuts({ c }: { c: PopupConnector }) {
  const [list, setList] = useState<readonly Shortcut[]>([]);
  useEffect(() => {
    c.shortcuts().then(setList, () => setList([]));
  }, [c]);
  if (list.length === 0) return null;
  return (
    <div class="shortcuts">
      <h2 id="shortcuts">{c.msg('popupShortcuts')}</h2>
      <dl aria-labelledby="shortcuts" data-testid="shortcuts">
        {list.map((s) => (
          <div key={s.name}>
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.description}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export function About({ c, dataset, onReadSource }: AboutProps) {
  const when = formatEstimate(dataset.writtenAround, c.uiLanguage) ?? '?';
  return (
    <footer class="about">
      <Shortcuts c={c} />
      <p data-testid="dataset-line">
        {c.msg('popupDataset', [when, dataset.originalSite ?? '?', formatNumber(c, dataset.claims), formatNumber(c, dataset.notes)])}
      </p>
      <button type="button" class="link" data-testid="read-source" onClick={onReadSource}>
        {c.msg('popupReadSource')}
      </button>
      <p class="privacy" data-testid="privacy">
        {c.msg('popupPrivacy')}
      </p>
    </footer>
  );
}
