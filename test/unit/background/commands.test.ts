import { describe, expect, it, vi } from 'vitest';
import { runCommand, toggledSite, type CommandDeps } from '../../../src/background/commands.ts';
import { DEFAULT_SETTINGS, isActiveOn, withSite, type Settings } from '../../../src/shared/settings.ts';

function deps(tab: { id?: number; url?: string } | undefined, start: Settings = DEFAULT_SETTINGS) {
  let settings = start;
  const d = {
    activeTab: vi.fn(async () => tab),
    updateSettings: vi.fn(async (change: (s: Settings) => Settings) => (settings = change(settings))),
    goto: vi.fn(async () => ({ ok: true })),
  } satisfies CommandDeps;
  return { d, settings: () => settings };
}

describe('commands', () => {
  it('toggle-site switches the active tab host off and on again', async () => {
    const { d, settings } = deps({ id: 1, url: 'https://News.example/a' });
    await runCommand('toggle-site', d);
    expect(settings().disabledSites).toEqual(['news.example']);
    await runCommand('toggle-site', d);
    expect(settings().disabledSites).toEqual([]);
  });

  it('toggling a site while the master switch is off turns both on', () => {
    const next = toggledSite({ ...withSite(DEFAULT_SETTINGS, 'a.example', false), enabled: false }, 'a.example');
    expect(next.enabled).toBe(true);
    expect(isActiveOn(next, 'a.example')).toBe(true);
  });

  it('does nothing for tabs without a host or without a tab', async () => {
    const a = deps({ id: 1, url: 'chrome://settings' });
    await runCommand('toggle-site', a.d);
    const b = deps({ id: 1 });
    await runCommand('toggle-site', b.d);
    const c = deps(undefined);
    await runCommand('next-mention', c.d);
    expect(a.d.updateSettings).toHaveBeenCalledTimes(0);
    expect(b.d.updateSettings).toHaveBeenCalledTimes(0);
    expect(c.d.goto).not.toHaveBeenCalled();
  });

  it('next and previous mention go to the active tab in the right direction', async () => {
    const { d } = deps({ id: 4, url: 'https://a.example/' });
    await runCommand('next-mention', d);
    await runCommand('previous-mention', d);
    expect(d.goto.mock.calls).toEqual([
      [4, 1],
      [4, -1],
    ]);
  });

  it('a tab without a content script is not an error', async () => {
    const { d } = deps({ id: 4, url: 'https://a.example/' });
    d.goto.mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'));
    await expect(runCommand('next-mention', d)).resolves.toBeUndefined();
  });

  it('unknown commands do nothing', async () => {
    const { d } = deps({ id: 4, url: 'https://a.example/' });
    await runCommand('_execute_action', d);
    expect(d.goto).not.toHaveBeenCalled();
    expect(d.updateSettings).not.toHaveBeenCalled();
  });
});
