/** The popup: switches, what is on this page, settings, history, and where the facts come from. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { siteOf } from '../shared/urls.ts';
import type { PopupConnector } from './connector.ts';
import { About } from './components/about.tsx';
import { HistoryPanel } from './components/history-panel.tsx';
import { HostAccess } from './components/host-access.tsx';
import { OnThisPage } from './components/on-this-page.tsx';
import { SettingsPanel } from './components/settings-panel.tsx';
import { Toggles } from './components/toggles.tsx';
import { BUNDLED, formatEstimate, type DatasetSummary, type EntityName } from './dataset-summary.ts';
import { usePopup } from './use-popup.ts';

export interface AppProps {
  readonly connector: PopupConnector;
  readonly dataset?: DatasetSummary;
  readonly now?: () => number;
}

export function App({ connector: c, dataset = BUNDLED, now = Date.now }: AppProps) {
  const state = usePopup(c);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [packNames, setPackNames] = useState<readonly EntityName[]>([]);
  useEffect(() => {
    c.packNames().then(setPackNames, () => undefined);
  }, [c]);
  // Every story that is on: the bundled names first, then those only the imported packs know.
  const names = useMemo(
    () => [...dataset.entities, ...packNames.filter((p) => !dataset.entities.some((e) => e.id === p.id))],
    [dataset, packNames],
  );
  const host = siteOf(state.tab?.url);
  const update = (change: Parameters<typeof state.update>[0]): void => void state.update(change);

  const goto = (entityId: string): void => {
    if (!state.tab) return;
    const tabId = state.tab.id;
    void c.goto(tabId, entityId).then((ok) => {
      if (ok) c.close();
    });
  };
  const readSource = (): void => {
    void c.openSource().then(() => c.close());
  };

  return (
    <main>
      <header class="top">
        <h1>{c.msg('extName')}</h1>
        <p class="intro" data-testid="intro">
          {c.msg('popupIntro', [formatEstimate(dataset.writtenAround, c.uiLanguage) ?? '?'])}
        </p>
      </header>
      <Toggles c={c} settings={state.settings} host={host} onChange={update} />
      {state.hostAccess === false && <HostAccess c={c} onGranted={() => state.setHostAccess(true)} />}
      <OnThisPage c={c} settings={state.settings} host={host} mentions={state.mentions} names={names} onGoto={goto} />
      <details class="panel" data-testid="settings-panel">
        <summary>
          <h2>{c.msg('popupSettings')}</h2>
        </summary>
        {state.settings && <SettingsPanel c={c} settings={state.settings} names={names} onChange={update} />}
      </details>
      <details class="panel" data-testid="history-panel" onToggle={(e) => setHistoryOpen(e.currentTarget.open)}>
        <summary>
          <h2>{c.msg('popupHistory')}</h2>
        </summary>
        {historyOpen && state.settings && (
          <HistoryPanel c={c} enabled={state.settings.history} names={names} now={now} />
        )}
      </details>
      <About
        c={c}
        dataset={dataset}
        onReadSource={readSource}
        onManagePacks={() => void c.openOptions().then(() => c.close())}
      />
    </main>
  );
}
