/**
 * Shared by the real-page and hostile-page suites: a recording proxy that refuses every request
 * leaving the machine (and logs it), launch options that route both browsers through it, a log
 * of console messages and page errors, and a page driven through the test build's card hook.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ConsoleMessage, Page } from 'puppeteer-core';
import { afterEach } from 'vitest';
import type { BrowserName, LaunchOptions } from '../../../scripts/launch.ts';
import type { LaunchedExtension } from './browsers.ts';
import { CardHook, type CardSnapshot } from './card-hook.ts';
import { waitFor } from './engine.ts';

/** One request the proxy saw: `GET http://host/path`, `CONNECT host:443`, `UPGRADE ws://...`. */
export interface ProxiedRequest {
  readonly at: number;
  readonly line: string;
  /** The host (without port): what a reviewer needs to tell who asked. */
  readonly host: string;
  /**
   * outbound: headed off the machine. browser-service: the browser's own services (sign-in,
   * updates, remote settings), pointed at this proxy's `/browser-service/` by launch switches.
   */
  readonly kind: 'outbound' | 'browser-service';
}

/** Where the browsers' own background services are sent (see proxiedLaunch). */
export const BROWSER_SERVICE_PATH = '/browser-service/';

export interface RecordingProxy {
  readonly port: number;
  readonly requests: ProxiedRequest[];
  close(): Promise<void>;
}

function hostOf(target: string): string {
  try {
    return new URL(target.includes('://') ? target : `http://${target}`).hostname;
  } catch {
    return target;
  }
}

/**
 * An HTTP proxy on 127.0.0.1 that answers every request with 403 and every CONNECT (https, wss)
 * by closing the tunnel, after writing it down. Both browsers go to the loopback test server
 * directly (they never proxy loopback), so anything this proxy sees was headed off the machine.
 */
export async function startRecordingProxy(): Promise<RecordingProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const record = (line: string, target: string): void => {
    const kind = target.startsWith('/') ? 'browser-service' : 'outbound';
    requests.push({ at: Date.now(), line, host: kind === 'outbound' ? hostOf(target) : '127.0.0.1', kind });
  };
  const server: Server = createServer((req: IncomingMessage, res) => {
    record(`${req.method ?? '?'} ${req.url ?? ''}`, req.url ?? '');
    res.writeHead(403, { 'content-type': 'text/plain', connection: 'close' }).end('refused by the test proxy');
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    record(`CONNECT ${req.url ?? ''}`, req.url ?? '');
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    record(`UPGRADE ${req.url ?? ''}`, req.url ?? '');
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    requests,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

/**
 * Launch options that send every non-loopback request of the browser through the proxy, and the
 * browser's own background services (which would otherwise ask Google or Mozilla for sign-in,
 * component updates, network time and remote settings) to the proxy's `/browser-service/` path,
 * so that they are logged apart from anything a page or the extension asks for.
 */
export function proxiedLaunch(name: BrowserName, proxyPort: number, extension: boolean): LaunchOptions {
  const service = `http://127.0.0.1:${proxyPort}${BROWSER_SERVICE_PATH}`;
  if (name === 'chromium') {
    // Chromium never proxies loopback (its implicit bypass list), so the test server is direct.
    return {
      extension,
      args: [
        `--proxy-server=http://127.0.0.1:${proxyPort}`,
        // Replaces the launcher's list (the last switch wins), so it repeats those features.
        '--disable-features=Translate,OptimizationHints,MediaRouter,NetworkTimeServiceQuerying,AutofillServerCommunication',
        `--gaia-url=${service}gaia`,
        `--apps-gallery-update-url=${service}extension-update`,
        `--component-updater=url-source=${service}component-update`,
      ],
    };
  }
  // Release builds of Firefox take another remote-settings server only with this variable set.
  process.env['MOZ_REMOTE_SETTINGS_DEVTOOLS'] = '1';
  return {
    extension,
    prefs: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.socks': '',
      'network.proxy.no_proxies_on': '',
      // Loopback (the test server) goes direct; everything else through the proxy, never around it.
      'network.proxy.allow_hijacking_localhost': false,
      'network.proxy.failover_direct': false,
      'network.trr.mode': 5,
      'network.dns.disablePrefetch': true,
      'network.prefetch-next': false,
      'network.predictor.enabled': false,
      'browser.region.update.enabled': false,
      'browser.search.update': false,
      'services.settings.server': `${service}remote-settings/v1`,
    },
  };
}

/**
 * Our highlights in the page's registry (or in the registry of the frame `frameSelector` names):
 * entity id -> texts under the ranges, in registry order, for highlights that hold any (static
 * positions, read node by node: a hostile page may have broken its own Range and createRange).
 */
export function readMarks(page: Page, frameSelector: string | null = null): Promise<Record<string, string[]>> {
  return page.evaluate((selector: string | null) => {
    const textOf = (a: AbstractRange): string => {
      if (a.startContainer === a.endContainer)
        return (a.startContainer.nodeValue ?? '').slice(a.startOffset, a.endOffset);
      let text = (a.startContainer.nodeValue ?? '').slice(a.startOffset);
      let node: Node | null = a.startContainer;
      while (node !== null) {
        if (node.firstChild !== null) node = node.firstChild;
        else {
          while (node !== null && node.nextSibling === null) node = node.parentNode;
          node = node?.nextSibling ?? null;
        }
        if (node === null) break;
        if (node === a.endContainer) return text + (node.nodeValue ?? '').slice(0, a.endOffset);
        if (node.nodeType === Node.TEXT_NODE) text += node.nodeValue ?? '';
      }
      return text;
    };
    const frame = selector === null ? null : (document.querySelector(selector) as HTMLIFrameElement | null);
    const win = (selector === null ? window : (frame?.contentWindow ?? null)) as (Window & typeof globalThis) | null;
    const out: Record<string, string[]> = {};
    win?.CSS.highlights.forEach((h, name) => {
      if (name.startsWith('context-cards-') && name !== 'context-cards-focus' && h.size > 0)
        out[name.slice('context-cards-'.length)] = [...h].map(textOf);
    });
    return out;
  }, frameSelector);
}

export interface LoggedMessage {
  readonly kind: 'console' | 'pageerror';
  readonly level: string;
  readonly text: string;
  /** The script the message came from, when the browser says. */
  readonly url: string;
}

/** Everything a page logs, and every uncaught error in it, appended to `log`. */
export function recordConsole(page: Page, log: LoggedMessage[] = []): LoggedMessage[] {
  page.on('console', (m: ConsoleMessage) => {
    const level = m.type();
    log.push({ kind: 'console', level, text: m.text(), url: m.location().url ?? '' });
  });
  page.on('pageerror', (error: unknown) => {
    const e = error as { message?: string; stack?: string };
    log.push({ kind: 'pageerror', level: 'error', text: e.message ?? String(error), url: e.stack ?? '' });
  });
  return log;
}

/** Messages that come from the extension: its console prefix, or a script at its origin. */
export function fromExtension(log: readonly LoggedMessage[], extensionOrigin: string): LoggedMessage[] {
  return log.filter(
    (m) =>
      m.text.includes('[Context Cards]') ||
      m.url.startsWith(extensionOrigin) ||
      m.url.includes('-extension://') ||
      m.text.includes('-extension://'),
  );
}

/** What a hostile fixture's watch.js recorded (test/fixtures/hostile/watch.js). */
export interface PageRecord {
  errors: string[];
  violations: string[];
  foreign: string[];
}

/**
 * A page driven through the test build's card hook (content/card-controller/test-hook.ts). It only reads
 * the page through functions the hostile fixtures leave alone (no waitForFunction: it runs
 * helpers in the page's world, which some fixtures break on purpose).
 */
export class DrivenPage {
  readonly hook: CardHook;
  constructor(
    readonly page: Page,
    readonly log: LoggedMessage[],
  ) {
    this.hook = new CardHook(page);
  }

  static async open(browser: { newPage(): Promise<Page> }, url: string): Promise<DrivenPage> {
    const page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 700 });
    const log = recordConsole(page);
    await page.goto(url, { waitUntil: 'load' });
    return new DrivenPage(page, log);
  }

  inspect(): Promise<CardSnapshot> {
    return this.hook.send('inspect', {});
  }

  step(entityId: string | null, direction: 1 | -1 = 1): Promise<boolean> {
    return this.hook.send('step', { entityId, direction });
  }

  hosts(): Promise<number> {
    return this.page.evaluate(() => document.querySelectorAll('context-cards-root').length);
  }

  /** The centre of one of our marks of an entity, in client coordinates (null if none). */
  markPoint(entityId: string, index = 0): Promise<{ x: number; y: number } | null> {
    return this.page.evaluate(
      (name: string, i: number) => {
        const h = CSS.highlights.get(name);
        const at = h ? [...h][i] : undefined;
        if (!at) return null;
        // A live Range through the selection: a hostile page may have broken its own Range and createRange.
        const selection = getSelection();
        if (selection === null) return null;
        selection.setBaseAndExtent(at.startContainer, at.startOffset, at.endContainer, at.endOffset);
        const range = selection.getRangeAt(0).cloneRange();
        selection.removeAllRanges();
        const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      },
      `context-cards-${entityId}`,
      index,
    );
  }

  /** Moves the pointer onto a mark and waits for its card. */
  async hoverOpen(entityId: string): Promise<void> {
    const point = await this.markPoint(entityId);
    if (point === null) throw new Error(`no mark of ${entityId}`);
    await this.page.mouse.move(point.x, point.y, { steps: 3 });
    await waitFor(
      () => this.inspect(),
      (s) => s.open && s.entityId === entityId,
      `the card of ${entityId}`,
    );
  }

  /** What watch.js recorded, with changes not yet delivered to its observer. */
  record(): Promise<PageRecord> {
    return this.page.evaluate(() => {
      const w = window as unknown as { hostile: PageRecord; foreignChanges(): string[] };
      w.foreignChanges();
      return { errors: [...w.hostile.errors], violations: [...w.hostile.violations], foreign: [...w.hostile.foreign] };
    });
  }

  /** Console messages and page errors that came from the extension. */
  ours(): string[] {
    return fromExtension(this.log, '-extension://').map((m) => `${m.level}: ${m.text} (${m.url})`);
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

/**
 * A suite's way to open fixtures as driven pages (`visit('/fixtures/...')`): each page is closed
 * after its test, whatever the test left behind, so tabs do not pile up across tests.
 */
export function useDrivenPages({ server, ext }: LaunchedExtension): (path: string) => Promise<DrivenPage> {
  const open: DrivenPage[] = [];
  afterEach(async () => {
    for (const page of open.splice(0)) await page.close().catch(() => undefined);
  });
  return async (path) => {
    const page = await DrivenPage.open(ext().browser, `${server().origin}${path}`);
    open.push(page);
    return page;
  };
}
