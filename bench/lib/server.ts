/**
 * The benchmark's server on 127.0.0.1: real pages from ../shared/pages and pages generated in
 * memory. Every page gets a policy that stops the page's own scripts and anything leaving
 * localhost, so the DOM we measure is the same on every run (our code is injected through the
 * DevTools protocol, which the page's policy does not govern).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

export const PAGE_POLICY =
  "default-src 'self'; script-src 'none'; object-src 'none'; frame-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

export interface BenchServer {
  readonly origin: string;
  /** Serves `html` at `/gen/<name>`; returns the URL. */
  add(name: string, html: string): string;
  /** URL of a file in the real pages folder. */
  page(file: string): string;
  close(): Promise<void>;
}

export async function startBenchServer(
  pagesDir: string,
  options: { policy?: string | null } = {},
): Promise<BenchServer> {
  const generated = new Map<string, Buffer>();
  const policy = options.policy === undefined ? PAGE_POLICY : options.policy;
  const headers = (type: string): Record<string, string> => ({
    'content-type': type,
    'cache-control': 'no-store',
    ...(policy ? { 'content-security-policy': policy } : {}),
  });
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      if (path.startsWith('/gen/')) {
        const body = generated.get(path.slice(5));
        if (!body) return void res.writeHead(404).end('not found');
        res.writeHead(200, headers('text/html; charset=utf-8'));
        return void res.end(body);
      }
      if (path.startsWith('/pages/')) {
        const file = normalize(join(pagesDir, path.slice(7)));
        if (!file.startsWith(pagesDir) || !file.endsWith('.html')) return void res.writeHead(404).end('not found');
        try {
          if (!(await stat(file)).isFile()) throw new Error('not a file');
        } catch {
          return void res.writeHead(404).end('not found');
        }
        res.writeHead(200, headers('text/html; charset=utf-8'));
        return void createReadStream(file).pipe(res);
      }
      res.writeHead(404).end('not found');
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    add(name, html) {
      generated.set(name, Buffer.from(html, 'utf8'));
      return `${origin}/gen/${name}`;
    },
    page: (file) => `${origin}/pages/${encodeURIComponent(file)}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
