import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOVER_DELAY_MS,
  DEFAULT_SETTINGS,
  MAX_HOVER_DELAY_MS,
  MAX_LISTED_ITEMS,
  SETTINGS_VERSION,
  isActiveOn,
  normaliseHost,
  parseSettings,
  withEntity,
  withSite,
  type Settings,
} from '../../../src/shared/settings.ts';

function expectValid(s: Settings): void {
  expect(s.version).toBe(SETTINGS_VERSION);
  expect(typeof s.enabled).toBe('boolean');
  expect(['auto', 'en', 'de']).toContain(s.language);
  expect(['underline', 'background', 'none']).toContain(s.markStyle);
  expect(Number.isInteger(s.hoverDelayMs)).toBe(true);
  expect(s.hoverDelayMs).toBeGreaterThanOrEqual(0);
  expect(s.hoverDelayMs).toBeLessThanOrEqual(MAX_HOVER_DELAY_MS);
  expect(s.disabledSites.every((h) => typeof h === 'string' && normaliseHost(h) === h)).toBe(true);
  expect(s.hiddenEntities.every((e) => /^[a-z0-9][a-z0-9-]*$/.test(e))).toBe(true);
  expect(s.disabledSites.length).toBeLessThanOrEqual(MAX_LISTED_ITEMS);
  expect(typeof s.firstMentionOnly).toBe('boolean');
  expect(typeof s.history).toBe('boolean');
}

describe('parseSettings', () => {
  it('gives defaults for nothing stored, without asking to write back', () => {
    for (const raw of [undefined, null]) {
      const r = parseSettings(raw);
      expect(r.settings).toEqual(DEFAULT_SETTINGS);
      expect(r.changed).toBe(false);
      expect(r.warnings).toEqual([]);
    }
  });

  it('keeps a valid current value as it is', () => {
    const stored = {
      ...DEFAULT_SETTINGS,
      enabled: false,
      disabledSites: ['example.org'],
      language: 'de',
      markStyle: 'background',
      hoverDelayMs: 800,
      hiddenEntities: ['meta'],
      firstMentionOnly: true,
      history: false,
    };
    const r = parseSettings(stored);
    expect(r.settings).toEqual(stored);
    expect(r.changed).toBe(false);
    expect(r.warnings).toEqual([]);
  });

  it('migrates version 1 ({ enabled } without a version) and asks to write back', () => {
    const r = parseSettings({ enabled: false });
    expect(r.settings).toEqual({ ...DEFAULT_SETTINGS, enabled: false });
    expect(r.changed).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it('migrates version 1 with an explicit version field', () => {
    const r = parseSettings({ version: 1, enabled: true });
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(r.changed).toBe(true);
  });

  it('reads a future version field by field and does not write it back', () => {
    const r = parseSettings({ version: 7, enabled: false, somethingNew: { deep: true }, markStyle: 'background' });
    expect(r.settings.enabled).toBe(false);
    expect(r.settings.markStyle).toBe('background');
    expect(r.settings.version).toBe(SETTINGS_VERSION);
    expect(r.changed).toBe(false);
  });

  it('warns about a version that is not a number and repairs it', () => {
    const r = parseSettings({ version: '2', enabled: true });
    expect(r.changed).toBe(true);
    expect(r.warnings.join()).toMatch(/unknown version/);
  });

  it.each([
    ['a string', 'on'],
    ['a number', 42],
    ['a list', [true]],
    ['a boolean', true],
    ['a function', () => true],
  ])('replaces %s with defaults and a warning', (_label, raw) => {
    const r = parseSettings(raw);
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(r.changed).toBe(true);
    expect(r.warnings.length).toBeGreaterThan(0);
  });

  it('replaces each wrong field by its default and keeps the good ones', () => {
    const r = parseSettings({
      version: 2,
      enabled: 'yes',
      disabledSites: 'example.org',
      language: 'fr',
      markStyle: 7,
      hoverDelayMs: 'fast',
      hiddenEntities: { meta: true },
      firstMentionOnly: 1,
      history: false,
    });
    expect(r.settings).toEqual({ ...DEFAULT_SETTINGS, history: false });
    expect(r.warnings.length).toBe(7);
    expect(r.changed).toBe(true);
  });

  it('clamps and rounds the hover delay; rejects NaN and Infinity', () => {
    expect(parseSettings({ version: 2, hoverDelayMs: -5 }).settings.hoverDelayMs).toBe(0);
    expect(parseSettings({ version: 2, hoverDelayMs: 1e9 }).settings.hoverDelayMs).toBe(MAX_HOVER_DELAY_MS);
    expect(parseSettings({ version: 2, hoverDelayMs: 250.6 }).settings.hoverDelayMs).toBe(251);
    expect(parseSettings({ version: 2, hoverDelayMs: Number.NaN }).settings.hoverDelayMs).toBe(DEFAULT_HOVER_DELAY_MS);
    expect(parseSettings({ version: 2, hoverDelayMs: Infinity }).settings.hoverDelayMs).toBe(DEFAULT_HOVER_DELAY_MS);
  });

  it('normalises hosts, drops invalid ones and duplicates', () => {
    const r = parseSettings({
      version: 2,
      disabledSites: [' Example.ORG ', 'example.org', 'not a host', 3, null, '[::1]', 'a/b'],
    });
    expect(r.settings.disabledSites).toEqual(['example.org', '[::1]']);
    expect(r.warnings.join()).toMatch(/dropped 4 invalid entries/);
  });

  it('bounds huge lists without reading past the bound', () => {
    const huge = Array.from({ length: MAX_LISTED_ITEMS + 500 }, (_, i) => `site${i}.example`);
    const r = parseSettings({ version: 2, disabledSites: huge });
    expect(r.settings.disabledSites).toHaveLength(MAX_LISTED_ITEMS);
    expect(r.warnings.join()).toMatch(/kept the first/);
    // A sparse list claiming a billion entries must not allocate them.
    const sparse: string[] = [];
    sparse.length = 1_000_000_000;
    sparse[0] = 'example.org';
    const started = performance.now();
    expect(parseSettings({ version: 2, disabledSites: sparse }).settings.disabledSites).toEqual(['example.org']);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('survives a proxy whose traps throw, field by field', () => {
    const hostile = new Proxy(
      { version: 2, enabled: false },
      {
        getOwnPropertyDescriptor(target, key) {
          if (key === 'markStyle') throw new Error('boom');
          return Reflect.getOwnPropertyDescriptor(target, key);
        },
        get(target, key) {
          if (key === 'language') throw new Error('boom');
          return Reflect.get(target, key);
        },
        has: () => true,
      },
    );
    const r = parseSettings(hostile);
    expect(r.settings.enabled).toBe(false);
    expect(r.settings.markStyle).toBe(DEFAULT_SETTINGS.markStyle);
    expect(r.changed).toBe(true);
    expect(r.warnings.join()).toMatch(/markStyle: unreadable/);
  });

  it('survives a revoked proxy and throwing getters on lists', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(parseSettings(proxy).settings).toEqual(DEFAULT_SETTINGS);
    const list = new Proxy(['a.example'], {
      get(target, key) {
        if (key === '0') throw new Error('boom');
        return Reflect.get(target, key);
      },
    });
    const r = parseSettings({ version: 2, disabledSites: list, history: false });
    expect(r.settings.disabledSites).toEqual([]);
    expect(r.settings.history).toBe(false);
  });

  it('survives BigInt, symbols and cycles in fields', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const r = parseSettings({
      version: 2,
      language: 10n,
      markStyle: Symbol('x'),
      hoverDelayMs: cyclic,
      enabled: cyclic,
    });
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(r.warnings.length).toBe(4);
  });

  it('ignores inherited properties (prototype pollution)', () => {
    const proto = { enabled: false, history: false };
    const r = parseSettings(Object.assign(Object.create(proto) as object, { version: 2 }));
    expect(r.settings.enabled).toBe(true);
    expect(r.settings.history).toBe(true);
  });

  it('keeps warnings short even for thousands of problems', () => {
    const r = parseSettings({
      version: '?',
      enabled: 1,
      language: 1,
      markStyle: 1,
      hoverDelayMs: 'x',
      firstMentionOnly: 1,
      history: 1,
      disabledSites: 1,
      hiddenEntities: 1,
    });
    expect(r.warnings.length).toBeLessThanOrEqual(21);
  });

  it('returns frozen settings', () => {
    const s = parseSettings({ version: 2, disabledSites: ['example.org'] }).settings;
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.disabledSites)).toBe(true);
  });

  it('never throws and always returns valid settings (property)', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withDate: true,
          withNullPrototype: true,
        }),
        (raw) => {
          expectValid(parseSettings(raw).settings);
        },
      ),
      { numRuns: 300 },
    );
    const field = fc.record(
      {
        version: fc.oneof(fc.constant(1), fc.constant(2), fc.anything()),
        enabled: fc.anything(),
        disabledSites: fc.array(fc.oneof(fc.domain(), fc.string())),
        language: fc.oneof(fc.constantFrom('auto', 'en', 'de'), fc.string()),
        markStyle: fc.oneof(fc.constantFrom('underline', 'background', 'none'), fc.anything()),
        hoverDelayMs: fc.oneof(fc.double(), fc.integer()),
        hiddenEntities: fc.array(fc.string()),
        history: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(field, (raw) => {
        const r = parseSettings(raw);
        expectValid(r.settings);
        // Idempotent: what we would write back reads back unchanged.
        expect(parseSettings(r.settings)).toEqual({ settings: r.settings, warnings: [], changed: false });
      }),
      { numRuns: 300 },
    );
    // Generous: the machine may be busy with browsers; the property itself takes ~1 s.
  }, 30_000);
});

describe('site and entity switches', () => {
  it('switches a host off and on, case-insensitively', () => {
    const off = withSite(DEFAULT_SETTINGS, 'News.Example.org', false);
    expect(off.disabledSites).toEqual(['news.example.org']);
    expect(isActiveOn(off, 'news.example.org')).toBe(false);
    expect(isActiveOn(off, 'other.example.org')).toBe(true);
    const on = withSite(off, 'news.example.org', true);
    expect(on.disabledSites).toEqual([]);
    expect(isActiveOn(on, 'news.example.org')).toBe(true);
  });

  it('does not add a host twice and ignores what is not a host', () => {
    const twice = withSite(withSite(DEFAULT_SETTINGS, 'a.example', false), 'a.example', false);
    expect(twice.disabledSites).toEqual(['a.example']);
    expect(withSite(DEFAULT_SETTINGS, 'javascript:alert(1)', false)).toBe(DEFAULT_SETTINGS);
  });

  it('the master switch wins over sites; pages without a host follow it', () => {
    const off = { ...DEFAULT_SETTINGS, enabled: false };
    expect(isActiveOn(off, 'example.org')).toBe(false);
    expect(isActiveOn(DEFAULT_SETTINGS, '')).toBe(true);
    expect(isActiveOn(off, '')).toBe(false);
  });

  it('hides and shows entities', () => {
    const hidden = withEntity(DEFAULT_SETTINGS, 'meta', false);
    expect(hidden.hiddenEntities).toEqual(['meta']);
    expect(withEntity(hidden, 'meta', true).hiddenEntities).toEqual([]);
    expect(withEntity(DEFAULT_SETTINGS, 'Not An Id', false)).toBe(DEFAULT_SETTINGS);
  });
});
