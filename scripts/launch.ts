/**
 * Launches an installed Chromium-based browser (Chromium, Chrome, Edge) or Firefox with the built
 * extension, through puppeteer-core (used by `npm start`, the e2e tests and the benchmark); which
 * binary is find-browser.ts's choice, Debian's /usr/bin/chromium and /usr/bin/firefox-esr first.
 * A missing browser is a failure with install instructions, never a silent skip.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ENV_VARIABLES, findBrowser, type BrowserName } from './find-browser.ts';

export type { BrowserName } from './find-browser.ts';

const repo = resolve(import.meta.dirname, '..');

const PACKAGES: Readonly<Record<BrowserName, string>> = { chromium: 'chromium', firefox: 'firefox-esr' };

/** Firefox extension id (manifest) and the internal UUID we pin so extension URLs are known. */
export const GECKO_ID = 'context-cards@context-cards.invalid';
const FIREFOX_UUID = '5c0a7e1e-7d43-4c1f-9f39-0c0c0ca4d500';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];

export interface ExtensionBrowser {
  readonly name: BrowserName;
  readonly browser: Browser;
  /** chrome-extension://<id>/ or moz-extension://<uuid>/ */
  readonly extensionOrigin: string;
  /** Opens an extension page (e.g. "popup/index.html") in a new tab. */
  openExtensionPage(path: string, serverOrigin: string): Promise<Page>;
  close(): Promise<void>;
}

/** Where this engine's browser is, as find-browser.ts finds it on this machine. */
export function locateBrowser(name: BrowserName): ReturnType<typeof findBrowser> {
  return findBrowser(name, { platform: process.platform, env: process.env, home: homedir(), exists: existsSync });
}

/** The path of an installed browser of this engine; a readable error when there is none. */
export function requireBinary(name: BrowserName): string {
  const found = locateBrowser(name);
  if (found.path !== null) return found.path;
  const what = name === 'chromium' ? 'Chromium, Chrome or Edge' : 'Firefox';
  const cause =
    'badVariable' in found && found.badVariable !== undefined
      ? `${found.badVariable} names ${found.tried[0] ?? ''}, which does not exist.`
      : `No ${what} found (looked in ${found.tried.length} places: ${found.tried.slice(0, 3).join(', ')}, ...).`;
  throw new Error(
    `${cause} Install one (Debian: sudo apt-get update && sudo apt-get install -y ${PACKAGES[name]}) ` +
      `or set ${ENV_VARIABLES[name].join(' or ')} to its executable. The e2e tests never skip a browser.`,
  );
}

/** The built extension for a browser: dist-e2e exposes extension pages for Firefox navigation. */
export function extensionDir(name: BrowserName, build: 'dist' | 'dist-e2e' = 'dist-e2e'): string {
  const dir = resolve(repo, build, name === 'chromium' ? 'chrome' : 'firefox');
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`No build at ${dir}: run "npm run build" first.`);
  return dir;
}

export interface LaunchOptions {
  headless?: boolean;
  build?: 'dist' | 'dist-e2e';
  /** false: the same browser without the extension (a baseline to compare pages against). */
  extension?: boolean;
  /** More command-line switches (Chromium), e.g. a proxy. */
  args?: readonly string[];
  /** More preferences (Firefox), e.g. a proxy. */
  prefs?: Readonly<Record<string, unknown>>;
  /**
   * A profile directory to use and keep (close() leaves it), so that a second launch finds what
   * the first one stored; the caller removes it. Without it each launch gets a fresh profile.
   */
  profileDir?: string;
}

/** Launches a browser with the extension installed (unless `extension: false`). */
export async function launch(name: BrowserName, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const executablePath = requireBinary(name);
  const withExtension = options.extension ?? true;
  const dir = withExtension ? extensionDir(name, options.build) : '';
  const profile = options.profileDir ?? (await mkdtemp(join(tmpdir(), `cc-${name}-`)));
  const headless = options.headless ?? true;
  let browser: Browser;
  let extensionOrigin: string;
  if (name === 'chromium') {
    browser = await puppeteer.launch({
      executablePath,
      headless,
      enableExtensions: true,
      pipe: true,
      userDataDir: profile,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    });
    const id = withExtension ? await browser.installExtension(dir) : 'none';
    extensionOrigin = `chrome-extension://${id}/`;
  } else {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless,
      userDataDir: profile,
      extraPrefsFirefox: {
        'xpinstall.signatures.required': false,
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
        'extensions.experiments.enabled': true,
        // Keep the browser off the network: no updates, telemetry or captive-portal probes.
        'app.update.enabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'toolkit.telemetry.enabled': false,
        'browser.safebrowsing.malware.enabled': false,
        'browser.safebrowsing.phishing.enabled': false,
        'extensions.update.enabled': false,
        // A kept profile is launched again: the temporary add-on, removed at shutdown, keeps its
        // storage and its address for the next launch (as an installed add-on would).
        ...(options.profileDir === undefined
          ? {}
          : {
              'extensions.webextensions.keepStorageOnUninstall': true,
              'extensions.webextensions.keepUuidOnUninstall': true,
            }),
        ...options.prefs,
      },
    });
    if (withExtension) await browser.installExtension(dir);
    extensionOrigin = `moz-extension://${FIREFOX_UUID}/`;
  }
  return {
    name,
    browser,
    extensionOrigin,
    async openExtensionPage(path: string, serverOrigin: string): Promise<Page> {
      const page = await browser.newPage();
      const target = extensionOrigin + path;
      if (name === 'chromium') {
        await page.goto(target);
      } else {
        // Firefox refuses automation navigation to moz-extension://, but a web page may go
        // there (the pages are web-accessible in the test build). page.url() is not updated
        // after that navigation, so we ask the document itself.
        // The navigation starts after the call has returned: a document torn down while the
        // protocol still builds a call's result makes Firefox fail that call ("right-hand side
        // of 'in' should be an object, got null"). The same can hit a poll during the switch,
        // so polls tolerate errors until the new document is complete.
        await page.goto(`${serverOrigin}/fixtures/blank.html`);
        await page.evaluate((u: string) => {
          setTimeout(() => {
            location.href = u;
          }, 0);
        }, target);
        const deadline = Date.now() + 15_000;
        for (;;) {
          const at = await page
            .evaluate(() => ({ href: location.href, ready: document.readyState }))
            .catch(() => ({ href: '', ready: '' }));
          if (at.href.startsWith(extensionOrigin) && at.ready === 'complete') break;
          if (Date.now() > deadline) throw new Error(`Firefox did not reach ${target} (at ${at.href}, ${at.ready})`);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      return page;
    },
    async close(): Promise<void> {
      await browser.close().catch(() => undefined);
      if (options.profileDir === undefined) await rm(profile, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
