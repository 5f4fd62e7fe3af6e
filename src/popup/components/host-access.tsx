/** Firefox lets users withhold host access from MV3 extensions: explain why it is needed and ask. */
import { useState } from 'preact/hooks';
import type { PopupConnector } from '../connector.ts';

export interface HostAccessProps {
  readonly c: PopupConnector;
  readonly onGranted: () => void;
}

export function HostAccess({ c, onGranted }: HostAccessProps) {
  const [denied, setDenied] = useState(false);
  const request = (): void => {
    // Called synchronously in the click handler: the permission prompt needs the user gesture.
    c.requestHostAccess().then(
      (granted) => (granted ? onGranted() : setDenied(true)),
      () => setDenied(true),
    );
  };
  return (
    <section class="callout" aria-labelledby="host-access" data-testid="host-access">
      <h2 id="host-access">{c.msg('popupHostAccessTitle')}</h2>
      <p>{c.msg('popupHostAccessWhy')}</p>
      <button type="button" class="primary" onClick={request}>
        {c.msg('popupHostAccessButton')}
      </button>
      {denied && <p role="status">{c.msg('popupHostAccessDenied')}</p>}
    </section>
  );
}
