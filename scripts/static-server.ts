/**
 * A static server on 127.0.0.1 for e2e fixtures. Pages under `/csp/<policy-name>/...` are served
 * with that Content-Security-Policy header, so one fixture can be loaded under several policies.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');

/** Folders served, by URL prefix. */
const mounts: Readonly<Record<string, string>> = {
  '/fixtures/': resolve(repo, 'test/fixtures'),
  '/demo/': resolve(repo, 'assets/demo'),
  '/pages/': resolve(repo, '../shared/pages'),
};

/** Named policies a test can ask for by path. */
export const POLICIES: Readonly<Record<string, string>> = {
  none: "default-src 'none'",
  'trusted-types':
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; require-trusted-types-for 'script'; trusted-types page",
  'no-scripts': "script-src 'none'; object-src 'none'",
  // Nothing but the page's own nonce'd scripts; no string may reach a script sink, and no Trusted
  // Types policy may be made: what the hostile-page tests load strict fixtures under.
  'strict-tt':
    "default-src 'none'; script-src 'nonce-hostile'; require-trusted-types-for 'script'; trusted-types 'none'",
};

const types: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface FixtureServer {
  readonly origin: string;
  /** Another origin on the same server (for cross-origin frames). */
  readonly otherOrigin: string;
  /** Every path requested, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Starts the server on a free port. */
export async function startServer(): Promise<FixtureServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push(url.pathname + url.search);
      let path = decodeURIComponent(url.pathname);
      let policy: string | undefined;
      const csp = /^\/csp\/([a-z-]+)(\/.*)$/.exec(path);
      if (csp?.[1] && csp[2]) {
        policy = POLICIES[csp[1]];
        path = csp[2];
      }
      const mount = Object.keys(mounts).find((m) => path.startsWith(m));
      const base = mount ? mounts[mount] : undefined;
      if (!mount || !base) {
        res.writeHead(404).end('not found');
        return;
      }
      const file = normalize(join(base, path.slice(mount.length)));
      if (!file.startsWith(base)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      try {
        const info = await stat(file);
        if (!info.isFile()) throw new Error('not a file');
      } catch {
        res.writeHead(404).end('not found');
        return;
      }
      const headers: Record<string, string> = {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      };
      if (policy) headers['content-security-policy'] = policy;
      res.writeHead(200, headers);
      createReadStream(file).pipe(res);
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    otherOrigin: `http://localhost:${port}`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
