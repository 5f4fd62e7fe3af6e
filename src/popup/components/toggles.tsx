/** The master switch and the switch for the current site. */
import { isActiveOn, withSite, type Settings } from '../../shared/settings.ts';
import type { PopupConnector } from '../connector.ts';
import { Switch } from './switch.tsx';

export interface TogglesProps {
  readonly c: PopupConnector;
  readonly settings: Settings | null;
  readonly host: string | null;
  readonly onChange: (change: (s: Settings) => Settings) => void;
}

export function Toggles({ c, settings, host, onChange }: TogglesProps) {
  const siteOn = settings !== null && host !== null && isActiveOn({ ...settings, enabled: true }, host);
  return (
    <section class="toggles" aria-label={c.msg('popupEnabled')}>
      <Switch
        id="master-switch"
        testId="master-switch"
        label={c.msg('popupEnabled')}
        hint={c.msg('popupEnabledHint')}
        checked={settings?.enabled ?? false}
        disabled={settings === null}
        onChange={(enabled) => onChange((s) => ({ ...s, enabled }))}
      />
      <Switch
        id="site-switch"
        testId="site-switch"
        label={c.msg('popupSiteSwitch')}
        hint={host ?? c.msg('popupSiteNone')}
        checked={siteOn}
        disabled={settings === null || host === null || !settings.enabled}
        onChange={(on) => {
          if (host !== null) onChange((s) => withSite(s, host, on));
        }}
      />
    </section>
  );
}
