import { useEffect, useState } from 'preact/hooks';
import { browser } from '../shared/browser.ts';
import { t } from '../shared/i18n.ts';
import type { Settings } from '../shared/settings.ts';
import { loadSettings, updateSettings } from '../shared/settings-store.ts';

export function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void loadSettings(browser.storage.local).then(setSettings);
  }, []);
  const toggle = async (enabled: boolean): Promise<void> => {
    setSettings(await updateSettings(browser.storage.local, (s) => ({ ...s, enabled })));
  };
  return (
    <main>
      <h1>{t('extName', 'Context Cards')}</h1>
      <label class="switch">
        <span>{t('popupEnabled', 'Mark mentions')}</span>
        <input
          type="checkbox"
          role="switch"
          data-testid="master-switch"
          disabled={settings === null}
          checked={settings?.enabled ?? false}
          onChange={(e) => void toggle(e.currentTarget.checked)}
        />
      </label>
      <p class="privacy">{t('popupPrivacy', 'Everything runs in your browser. Nothing is sent anywhere.')}</p>
    </main>
  );
}
