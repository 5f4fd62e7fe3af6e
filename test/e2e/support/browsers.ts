/**
 * The browsers every e2e suite runs in, and the launch each suite shares: one test server and
 * one browser with the built extension (dist-e2e) for all the tests of a `describe` block.
 */
import { afterAll, beforeAll } from 'vitest';
import { launch, type BrowserName, type ExtensionBrowser, type LaunchOptions } from '../../../scripts/launch.ts';
import { startServer, type FixtureServer } from '../../../scripts/static-server.ts';

/** Both, always: a missing browser fails the run (launch.ts), it is never skipped. */
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

export interface LaunchedExtension {
  /** The fixture server; throws when read before the suite's beforeAll ran. */
  server(): FixtureServer;
  /** The browser with the extension; throws when read before the suite's beforeAll ran. */
  ext(): ExtensionBrowser;
}

/**
 * Starts the server and launches `name` with the extension before the suite's tests, and closes
 * both after them. Call it inside `describe`, before the suite's own hooks: vitest runs beforeAll
 * hooks in order and afterAll hooks in reverse, so a suite's own hooks see both running.
 */
export function useExtension(name: BrowserName, options: LaunchOptions = {}): LaunchedExtension {
  let server: FixtureServer | undefined;
  let ext: ExtensionBrowser | undefined;
  beforeAll(async () => {
    server = await startServer();
    ext = await launch(name, options);
  });
  afterAll(async () => {
    // Either may be missing when the launch failed; close what is there.
    await ext?.close();
    await server?.close();
  });
  return {
    server: () => server ?? fail('the test server is not running yet'),
    ext: () => ext ?? fail('the browser is not launched yet'),
  };
}

function fail(message: string): never {
  throw new Error(message);
}
