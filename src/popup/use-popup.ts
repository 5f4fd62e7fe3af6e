/** The popup's state: settings (live), the active tab, what is on its page, host access. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Settings } from '../shared/settings.ts';
import type { ActiveTab, MentionsResult, PopupConnector } from './connector.ts';

/**
 * After a settings change the page re-marks itself: ask again soon for small pages, and later
 * for long ones (a long article takes a second or two in slices that leave the page responsive).
 */
export const MENTIONS_RECHECK_MS = [250, 1000, 2500] as const;

export interface PopupState {
  readonly settings: Settings | null;
  /** undefined while loading; null when there is no tab (e.g. a popup without a window). */
  readonly tab: ActiveTab | null | undefined;
  /** null while loading. */
  readonly mentions: MentionsResult | null;
  /** null while loading. */
  readonly hostAccess: boolean | null;
  update(change: (s: Settings) => Settings): Promise<void>;
  setHostAccess(granted: boolean): void;
}

export function usePopup(c: PopupConnector): PopupState {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [tab, setTab] = useState<ActiveTab | null | undefined>(undefined);
  const [mentions, setMentions] = useState<MentionsResult | null>(null);
  const [hostAccess, setHostAccess] = useState<boolean | null>(null);
  const [recheck, setRecheck] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    c.loadSettings().then(setSettings, () => undefined);
    c.watchSettings((s) => {
      setSettings(s);
      setRecheck((n) => n + 1);
    }, controller.signal);
    c.activeTab().then(setTab, () => setTab(null));
    c.hasHostAccess().then(setHostAccess, () => setHostAccess(true));
    return () => controller.abort();
  }, [c]);

  useEffect(() => {
    if (!tab) return;
    let live = true;
    const ask = (): void => {
      void c.pageMentions(tab).then((r) => {
        if (live) setMentions(r);
      });
    };
    if (recheck === 0) ask();
    const timers = recheck === 0 ? [] : MENTIONS_RECHECK_MS.map((ms) => setTimeout(ask, ms));
    return () => {
      live = false;
      timers.forEach(clearTimeout);
    };
  }, [c, tab, recheck]);

  const update = useCallback(
    async (change: (s: Settings) => Settings): Promise<void> => {
      // Optimistic: the switch flips at once, and a second key press before the storage
      // round trip toggles from the new state rather than the stale one.
      setSettings((s) => (s === null ? s : change(s)));
      try {
        setSettings(await c.updateSettings(change));
      } catch {
        setSettings(await c.loadSettings().catch(() => null));
      }
    },
    [c],
  );

  return { settings, tab, mentions, hostAccess, update, setHostAccess };
}
