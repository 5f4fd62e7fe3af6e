/**
 * Fuzz (fast-check) at the boundaries where other code hands us data: whatever sits in storage
 * under our settings key, whatever arrives as a message in the background or the content script,
 * from whatever sender. Nothing throws; settings come out valid; a message is answered, refused
 * with a RefusedError, or left for other listeners; and only this extension's senders reach a
 * handler.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { backgroundHandlers, type HandlerDeps } from '../../../src/background/handlers.ts';
import { BACKGROUND, CONTENT } from '../../../src/shared/messages.ts';
import { extensionRouter, RefusedError, type Router, type Sender } from '../../../src/shared/protocol.ts';
import { SETTINGS_KEY, loadSettings, watchSettings, type ChangeListener } from '../../../src/shared/settings-store.ts';
import { DEFAULT_SETTINGS, parseSettings } from '../../../src/shared/settings.ts';

const ID = 'context-cards-test';
const ORIGIN = `chrome-extension://${ID}/`;
const TYPES = [
  'page/report',
  'history/entity',
  'history/all',
  'history/clear',
  'source/open',
  'badge/get',
  'page/mentions',
  'page/goto',
  'other',
];
let inputs = 0;

afterAll(() => {
  console.log(`input fuzz: ${inputs} inputs`);
});

/** Values shaped like ours often enough to get past the first checks. */
const envelopeArb = fc.oneof(
  fc.anything({ withNullPrototype: true, withObjectString: true }),
  fc.record({
    app: fc.constantFrom('context-cards/1', 'context-cards/2', ''),
    type: fc.constantFrom(...TYPES),
    payload: fc.anything(),
  }),
  fc.record({
    app: fc.constant('context-cards/1'),
    type: fc.constantFrom(...TYPES),
    payload: fc.record(
      {
        counts: fc.array(
          fc.record({
            entityId: fc.oneof(fc.constantFrom('meta', 'llama'), fc.string()),
            count: fc.oneof(fc.integer(), fc.double()),
          }),
          { maxLength: 3 },
        ),
        total: fc.oneof(fc.integer(), fc.double(), fc.string()),
        url: fc.oneof(fc.webUrl(), fc.string()),
        title: fc.string(),
        tabId: fc.oneof(fc.integer(), fc.string()),
        entityId: fc.oneof(fc.constantFrom('meta', null), fc.string()),
        direction: fc.oneof(fc.constantFrom(1, -1), fc.integer()),
        claimId: fc.oneof(fc.constant(null), fc.string()),
        excludeUrl: fc.string(),
        limit: fc.oneof(fc.nat({ max: 60 }), fc.double()),
      },
      { requiredKeys: [] },
    ),
  }),
  // Requests the background answers from one of our pages: without them the answered outcome
  // depends on random payloads passing validation, which 600 runs missed once.
  fc.constantFrom(
    { app: 'context-cards/1', type: 'history/all', payload: {} },
    { app: 'context-cards/1', type: 'badge/get', payload: { tabId: 3 } },
    { app: 'context-cards/1', type: 'history/entity', payload: { entityId: 'meta', excludeUrl: '', limit: 5 } },
    { app: 'context-cards/1', type: 'page/mentions', payload: {} },
    { app: 'context-cards/1', type: 'page/goto', payload: { entityId: null, direction: 1 } },
  ),
);

const senderArb: fc.Arbitrary<Sender> = fc.record(
  {
    id: fc.constantFrom(ID, 'other-extension', ''),
    url: fc.oneof(
      fc.constant(`${ORIGIN}popup/index.html`),
      fc.webUrl(),
      fc.constant(`chrome-extension://other/${ID}/`),
    ),
    frameId: fc.constantFrom(0, 1, 7),
    tab: fc.record(
      { id: fc.oneof(fc.nat(), fc.constant(-1)), url: fc.webUrl(), incognito: fc.boolean() },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

describe('settings from storage', () => {
  it('any stored value gives valid settings, with defaults for what is missing, and is stable once repaired', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true }),
          fc.record(
            {
              version: fc.anything(),
              enabled: fc.anything(),
              disabledSites: fc.anything(),
              hoverDelayMs: fc.anything(),
              history: fc.anything(),
            },
            { requiredKeys: [] },
          ),
        ),
        async (value) => {
          inputs++;
          let written: unknown = undefined;
          const settings = await loadSettings(
            { get: async (key) => ({ [key]: value }), set: async (items) => void (written = items[SETTINGS_KEY]) },
            true,
          );
          expect(Object.keys(settings).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
          // What is written back reads as exactly these settings, with nothing left to repair.
          const stored = written ?? value;
          const again = parseSettings(stored);
          expect(again.settings).toEqual(settings);
          if (written !== undefined) expect(again.warnings).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
    warn.mockRestore();
  });

  it('storage that throws or answers nonsense gives the defaults', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.boolean(), async (answer, throws) => {
        inputs++;
        const settings = await loadSettings({
          get: async () => {
            if (throws) throw answer;
            return answer as Record<string, unknown>;
          },
          set: async () => undefined,
        });
        expect(parseSettings(settings).warnings).toEqual([]);
      }),
      { numRuns: 200 },
    );
    warn.mockRestore();
  });

  it('any change event gives the listener valid settings or nothing, and never throws', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let listener: ChangeListener | null = null;
    const seen: unknown[] = [];
    watchSettings(
      { addListener: (cb) => void (listener = cb), removeListener: () => undefined },
      (s) => seen.push(s),
      new AbortController().signal,
    );
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom('local', 'sync', 'session', ''), (changes, area) => {
        inputs++;
        const before = seen.length;
        expect(() => listener?.(changes as Record<string, { newValue?: unknown }>, area)).not.toThrow();
        for (const s of seen.slice(before)) expect(parseSettings(s).warnings).toEqual([]);
      }),
      { numRuns: 300 },
    );
    warn.mockRestore();
  });
});

describe('messages', () => {
  function deps(): HandlerDeps & { calls: string[] } {
    const calls: string[] = [];
    const note =
      <T>(name: string, value: T) =>
      async (): Promise<T> => {
        calls.push(name);
        return value;
      };
    return {
      calls,
      extensionOrigin: ORIGIN,
      toolbar: { report: note('report', undefined), text: note('text', '') },
      history: {
        record: note('record', undefined),
        forEntity: note('forEntity', { total: 0, pages: [] }),
        all: note('all', []),
        clear: note('clear', true),
      },
      packs: {
        list: note('packs/list', []),
        importPack: note('packs/import', { status: 'invalid' as const, errors: [] }),
        setEnabled: note('packs/enable', true),
        remove: note('packs/remove', true),
        text: note('packs/get', null),
        stories: note('library/stories', []),
      },
      settings: note('settings', DEFAULT_SETTINGS),
      historyError: note('historyError', null),
      openTab: note('openTab', undefined),
    };
  }

  const self = { extensionId: ID, extensionOrigin: ORIGIN };

  /** The content script's router with handlers that note their calls, as boot.ts serves it. */
  function contentRouter(calls: string[]): Router<Sender> {
    return extensionRouter(
      CONTENT,
      {
        'page/mentions': () => {
          calls.push('mentions');
          return { counts: [], total: 0, url: 'https://a.example/', title: '', host: 'a.example', active: true };
        },
        'page/goto': () => {
          calls.push('goto');
          return { ok: true };
        },
      },
      self,
    );
  }

  it.each(['background', 'content script'])(
    'the %s answers, refuses with a RefusedError, or leaves a message alone; strangers reach no handler',
    async (receiver) => {
      const outcomes = { answered: 0, refused: 0, ignored: 0 };
      await fc.assert(
        fc.asyncProperty(envelopeArb, senderArb, async (message, sender) => {
          inputs++;
          const d = deps();
          const route =
            receiver === 'background'
              ? extensionRouter(BACKGROUND, backgroundHandlers(d), self)
              : contentRouter(d.calls);
          let answer: Promise<unknown> | undefined;
          expect(() => (answer = route(message, sender))).not.toThrow();
          if (answer === undefined) {
            outcomes.ignored++;
            return;
          }
          const settled = await answer.then(
            () => 'answered',
            (e: unknown) => e,
          );
          if (settled !== 'answered') expect(settled).toBeInstanceOf(RefusedError);
          outcomes[settled === 'answered' ? 'answered' : 'refused']++;
          if (sender.id !== ID) {
            expect(settled).toBeInstanceOf(RefusedError);
            expect(d.calls).toEqual([]);
          }
        }),
        {
          numRuns: 600,
          // Besides the random runs: a well-formed request from our popup, so that the answered
          // outcome never rests on chance (the content script answers only two message types).
          examples: [
            [
              { app: 'context-cards/1', type: 'page/mentions', payload: {} },
              { id: ID, url: `${ORIGIN}popup/index.html` },
            ],
          ],
        },
      );
      console.log(`${receiver} message outcomes: ${JSON.stringify(outcomes)}`);
      // The inputs reach every outcome, handlers included.
      expect(outcomes.answered).toBeGreaterThan(0);
      expect(outcomes.refused).toBeGreaterThan(0);
      expect(outcomes.ignored).toBeGreaterThan(0);
    },
  );
});
