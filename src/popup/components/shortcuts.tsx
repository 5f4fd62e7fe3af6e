/** The keyboard commands and the keys the browser has for them (users may have changed them). */
import { useEffect, useState } from 'preact/hooks';
import type { PopupConnector, Shortcut } from '../connector.ts';

/** The manifest's order: switch first, then forward before back. */
const ORDER = ['toggle-site', 'next-mention', 'previous-mention'];

/** Chromium names some keys ("Alt+Shift+Period"); people read the character. */
export function formatKeys(keys: string): string {
  return keys.replace(/\bPeriod\b/g, '.').replace(/\bComma\b/g, ',');
}

export function Shortcuts({ c }: { c: PopupConnector }) {
  const [list, setList] = useState<readonly Shortcut[]>([]);
  useEffect(() => {
    c.shortcuts().then(
      (l) => setList([...l].sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name))),
      () => setList([]),
    );
  }, [c]);
  if (list.length === 0) return null;
  return (
    <div class="shortcuts">
      <h3 id="shortcuts">{c.msg('popupShortcuts')}</h3>
      <dl aria-labelledby="shortcuts" data-testid="shortcuts">
        {list.map((s) => (
          <div key={s.name}>
            <dt>
              <kbd>{formatKeys(s.keys)}</kbd>
            </dt>
            <dd>{s.description}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
