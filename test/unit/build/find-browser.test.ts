import { describe, expect, it } from 'vitest';
import { candidates, findBrowser, type Environment } from '../../../scripts/find-browser.ts';

function machine(platform: NodeJS.Platform, installed: readonly string[], env: Environment['env'] = {}): Environment {
  return { platform, env, home: '/Users/me', exists: (p) => installed.includes(p) };
}

describe('finding a browser', () => {
  it("prefers Debian's binaries on Linux, then other Chromium builds, Chrome and Edge", () => {
    expect(findBrowser('chromium', machine('linux', ['/usr/bin/chromium', '/usr/bin/google-chrome'])).path).toBe(
      '/usr/bin/chromium',
    );
    expect(findBrowser('chromium', machine('linux', ['/usr/bin/google-chrome-stable'])).path).toBe(
      '/usr/bin/google-chrome-stable',
    );
    expect(findBrowser('chromium', machine('linux', ['/opt/microsoft/msedge/msedge'])).path).toBe(
      '/opt/microsoft/msedge/msedge',
    );
    expect(findBrowser('firefox', machine('linux', ['/usr/bin/firefox', '/usr/bin/firefox-esr'])).path).toBe(
      '/usr/bin/firefox-esr',
    );
    expect(findBrowser('firefox', machine('linux', ['/snap/bin/firefox'])).path).toBe('/snap/bin/firefox');
  });

  it('looks in /Applications and ~/Applications on macOS', () => {
    expect(
      findBrowser('chromium', machine('darwin', ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'])).path,
    ).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(
      findBrowser('firefox', machine('darwin', ['/Users/me/Applications/Firefox.app/Contents/MacOS/firefox'])).path,
    ).toBe('/Users/me/Applications/Firefox.app/Contents/MacOS/firefox');
  });

  it('looks under Program Files and the local app data on Windows', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' };
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findBrowser('chromium', machine('win32', [edge], env)).path).toBe(edge);
    const firefox = 'C:\\Program Files\\Mozilla Firefox\\firefox.exe';
    expect(findBrowser('firefox', machine('win32', [firefox], env)).path).toBe(firefox);
    expect(candidates('chromium', machine('win32', [], env)).every((p) => p.startsWith('C:\\'))).toBe(true);
  });

  it('finds a browser on the PATH', () => {
    const env = { PATH: '/nix/bin:/home/me/bin' };
    expect(findBrowser('chromium', machine('linux', ['/home/me/bin/google-chrome'], env)).path).toBe(
      '/home/me/bin/google-chrome',
    );
  });

  it('takes the environment variables first, and names one that points nowhere', () => {
    const everything = ['/usr/bin/chromium', '/usr/bin/firefox-esr', '/opt/chrome/chrome', '/opt/ff/firefox'];
    expect(findBrowser('chromium', machine('linux', everything, { CHROME_PATH: '/opt/chrome/chrome' })).path).toBe(
      '/opt/chrome/chrome',
    );
    expect(findBrowser('firefox', machine('linux', everything, { FIREFOX_PATH: '/opt/ff/firefox' })).path).toBe(
      '/opt/ff/firefox',
    );
    expect(findBrowser('chromium', machine('linux', everything, { CHROMIUM_PATH: '/nope' }))).toEqual({
      path: null,
      tried: ['/nope'],
      badVariable: 'CHROMIUM_PATH',
    });
  });

  it('says where it looked when nothing is installed', () => {
    const none = findBrowser('firefox', machine('linux', []));
    expect(none.path).toBeNull();
    expect(none.tried).toContain('/usr/bin/firefox-esr');
  });
});
