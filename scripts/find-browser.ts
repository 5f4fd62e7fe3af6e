/**
 * Finds an installed browser of each engine: an environment variable first (CHROMIUM_PATH or
 * CHROME_PATH; FIREFOX_PATH), then the usual install locations on Linux, macOS and Windows, then
 * the PATH. Debian's /usr/bin/chromium and /usr/bin/firefox-esr come first on Linux, so the tests
 * use them where they are installed. Pure apart from the `exists` check it is given.
 */
import { delimiter, join } from 'node:path';

/** The two engines the extension supports: Chromium (Chromium, Chrome, Edge) and Firefox. */
export type BrowserName = 'chromium' | 'firefox';

export const ENV_VARIABLES: Readonly<Record<BrowserName, readonly string[]>> = {
  chromium: ['CHROMIUM_PATH', 'CHROME_PATH'],
  firefox: ['FIREFOX_PATH'],
};

export interface Environment {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  readonly exists: (path: string) => boolean;
}

function linuxPaths(name: BrowserName): string[] {
  return name === 'chromium'
    ? [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/snap/bin/chromium',
        '/usr/bin/google-chrome',
        '/usr/bin/google-chrome-stable',
        '/opt/google/chrome/chrome',
        '/usr/bin/microsoft-edge',
        '/usr/bin/microsoft-edge-stable',
        '/opt/microsoft/msedge/msedge',
      ]
    : ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/snap/bin/firefox', '/opt/firefox/firefox'];
}

function macPaths(name: BrowserName, home: string): string[] {
  const apps =
    name === 'chromium'
      ? [
          'Chromium.app/Contents/MacOS/Chromium',
          'Google Chrome.app/Contents/MacOS/Google Chrome',
          'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
        ]
      : [
          'Firefox.app/Contents/MacOS/firefox',
          'Firefox Developer Edition.app/Contents/MacOS/firefox',
          'Firefox Nightly.app/Contents/MacOS/firefox',
        ];
  return [...apps.map((app) => `/Applications/${app}`), ...apps.map((app) => `${home}/Applications/${app}`)];
}

function windowsPaths(name: BrowserName, env: Environment['env']): string[] {
  const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter(
    (root): root is string => root !== undefined && root !== '',
  );
  const apps =
    name === 'chromium'
      ? [
          'Chromium\\Application\\chrome.exe',
          'Google\\Chrome\\Application\\chrome.exe',
          'Microsoft\\Edge\\Application\\msedge.exe',
        ]
      : ['Mozilla Firefox\\firefox.exe', 'Firefox Developer Edition\\firefox.exe', 'Firefox Nightly\\firefox.exe'];
  return roots.flatMap((root) => apps.map((app) => `${root}\\${app}`));
}

/** Program names to look for on the PATH (Linux and macOS; Windows browsers are not on it). */
const COMMANDS: Readonly<Record<BrowserName, readonly string[]>> = {
  chromium: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'],
  firefox: ['firefox-esr', 'firefox'],
};

/** Every place looked at, in order: environment variables, install locations, the PATH. */
export function candidates(name: BrowserName, e: Environment): string[] {
  const fromEnv = ENV_VARIABLES[name].map((v) => e.env[v]).filter((p): p is string => p !== undefined && p !== '');
  const installed =
    e.platform === 'win32'
      ? windowsPaths(name, e.env)
      : e.platform === 'darwin'
        ? macPaths(name, e.home)
        : linuxPaths(name);
  const onPath =
    e.platform === 'win32'
      ? []
      : (e.env['PATH'] ?? '')
          .split(delimiter)
          .filter((dir) => dir !== '')
          .flatMap((dir) => COMMANDS[name].map((cmd) => join(dir, cmd)));
  return [...new Set([...fromEnv, ...installed, ...onPath])];
}

/**
 * The browser to use, or null with the places tried. A variable that is set but names no file
 * is an error of its own: the user asked for that browser.
 */
export function findBrowser(
  name: BrowserName,
  e: Environment,
): { path: string; tried: readonly string[] } | { path: null; tried: readonly string[]; badVariable?: string } {
  for (const variable of ENV_VARIABLES[name]) {
    const value = e.env[variable];
    if (value !== undefined && value !== '' && !e.exists(value))
      return { path: null, tried: [value], badVariable: variable };
  }
  const tried = candidates(name, e);
  const path = tried.find((p) => e.exists(p)) ?? null;
  return { path, tried };
}
