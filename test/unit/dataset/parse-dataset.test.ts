import { describe, expect, it } from 'vitest';
import { parseDataset, parseDatasetJson, type ParseResult } from '../../../src/dataset/index.ts';
import { MINI_SOURCE, minimalDataset } from './minimal-dataset.ts';

type Path = readonly (string | number)[];

/** Sets (or, with `remove`, deletes) the value at `path` in plain test data. */
function edit(data: unknown, path: Path, value?: unknown, remove = false): unknown {
  let node = data as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove) Reflect.deleteProperty(node, last);
  else node[last] = value;
  return data;
}

function errorsOf(result: ParseResult): { path: string; message: string }[] {
  if (result.ok) throw new Error('expected the input to be rejected');
  return result.errors;
}

describe('parseDataset on valid input', () => {
  it('accepts the minimal dataset and checks its quotes against the source', () => {
    const result = parseDataset(minimalDataset(), { sourceText: MINI_SOURCE });
    expect(result.ok).toBe(true);
  });

  it('returns a copy that later changes to the input cannot reach', () => {
    const input = minimalDataset();
    const result = parseDataset(input);
    if (!result.ok) throw new Error('expected ok');
    const [entity] = input.entities;
    if (entity === undefined) throw new Error('fixture has an entity');
    entity.name = 'Changed';
    expect(result.dataset.entities[0]?.name).toBe('Alice Example');
  });

  it('accepts a "not-found" note without sources', () => {
    const data = edit(edit(minimalDataset(), ['notes', 0, 'verdict'], 'not-found'), ['notes', 0, 'sources'], []);
    expect(parseDataset(data).ok).toBe(true);
  });

  it('keeps HTML and script in strings as inert text', () => {
    const payload = '<img src=x onerror="globalThis.__xss = 1"><script>globalThis.__xss = 2</script>';
    const data = edit(minimalDataset(), ['claims', 0, 'text', 'en'], payload);
    const result = parseDataset(data);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.dataset.claims[0]?.text.en).toBe(payload);
    expect((globalThis as Record<string, unknown>)['__xss']).toBeUndefined();
  });
});

describe('parseDataset on bad input', () => {
  it.each([
    [['claims', 0, 'quote'], 'claims[0].quote'],
    [['entities', 0, 'aliases', 0, 'needsContext'], 'entities[0].aliases[0].needsContext'],
    [['source', 'writtenAround'], 'source.writtenAround'],
    [['notes'], 'notes'],
  ] as const)('reports the missing field %j at %s', (path, expected) => {
    const errors = errorsOf(parseDataset(edit(minimalDataset(), path, undefined, true)));
    expect(errors).toContainEqual({ path: expected, message: 'missing required field' });
  });

  it.each([
    [['entities', 0, 'aliases', 0, 'case'], 'sometimes', 'entities[0].aliases[0].case'],
    [['entities', 0, 'kind'], 'planet', 'entities[0].kind'],
    [['claims', 0, 'entities'], 'alice-example', 'claims[0].entities'],
    [['claims', 0, 'text'], 'just a string', 'claims[0].text'],
    [['notes', 0, 'sources', 0, 'date'], 2025, 'notes[0].sources[0].date'],
    [['source', 'sha256'], 'not-a-hash', 'source.sha256'],
    [['entities', 0, 'id'], 'Alice Example', 'entities[0].id'],
    [['claims', 0, 'text', 'de'], '   ', 'claims[0].text.de'],
  ] as const)('reports a wrong value at %j with its path', (path, value, expected) => {
    const errors = errorsOf(parseDataset(edit(minimalDataset(), path, value)));
    expect(errors.map((error) => error.path)).toContain(expected);
    for (const error of errors) expect(error.message.length).toBeGreaterThan(5);
  });

  it('rejects link targets other than http(s)', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'https://a.example/" onmouseover="x']) {
      const errors = errorsOf(parseDataset(edit(minimalDataset(), ['notes', 0, 'sources', 0, 'url'], url)));
      expect(errors.map((error) => error.path)).toEqual(['notes[0].sources[0].url']);
    }
  });

  it('reports unknown fields instead of silently keeping or dropping them', () => {
    const errors = errorsOf(parseDataset(edit(minimalDataset(), ['claims', 0, 'sumary'], 'typo')));
    expect(errors).toEqual([{ path: 'claims[0].sumary', message: 'unknown field' }]);
  });

  it.each([1, 3, 0, '2', null])('refuses schemaVersion %j with one clear error', (version) => {
    const errors = errorsOf(parseDataset(edit(minimalDataset(), ['schemaVersion'], version)));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      path: 'schemaVersion',
      message: expect.stringMatching(/unsupported schemaVersion/),
    });
  });

  it('tells why an older version 1 pack is refused: it has no dates, and none are invented', () => {
    const errors = errorsOf(parseDataset(edit(minimalDataset(), ['schemaVersion'], 1)));
    expect(errors[0]?.message).toMatch(/has no dates \(asOf on roles, summaries and notes/);
    expect(errors[0]?.message).toMatch(/will not invent them; add them and set schemaVersion to 2/);
  });

  it.each(['entities', 'claims', 'notes'] as const)('reports duplicate ids among %s', (collection) => {
    const data = minimalDataset();
    const list = data[collection] as unknown[];
    list.push(structuredClone(list[0]));
    const errors = errorsOf(parseDataset(data));
    expect(errors).toContainEqual({ path: `${collection}[1].id`, message: expect.stringMatching(/duplicate id/) });
  });

  it('reports a quote that does not occur in its source, but only when the source is given', () => {
    const data = edit(minimalDataset(), ['claims', 0, 'quote'], 'Alice Example leitet das Institut.');
    expect(errorsOf(parseDataset(data, { sourceText: MINI_SOURCE }))).toEqual([
      { path: 'claims[0].quote', message: 'this quote is not in the source text' },
    ]);
    expect(parseDataset(data).ok).toBe(true);
  });

  it('tolerates different whitespace in a quote', () => {
    const spaced = edit(minimalDataset(), ['claims', 0, 'quote'], 'Alice   Example\nleitet das Labor.');
    expect(parseDataset(spaced, { sourceText: MINI_SOURCE }).ok).toBe(true);
  });

  it('reports dangling references between claims, entities and notes', () => {
    const data = edit(edit(minimalDataset(), ['claims', 0, 'entities'], ['bob']), ['notes', 0, 'claim'], 'c99-nothing');
    const errors = errorsOf(parseDataset(data));
    expect(errors).toContainEqual({ path: 'claims[0].entities[0]', message: 'unknown entity "bob"' });
    expect(errors).toContainEqual({ path: 'notes[0].claim', message: 'unknown claim "c99-nothing"' });
  });

  it('requires sources for every verdict except "not-found"', () => {
    const errors = errorsOf(parseDataset(edit(minimalDataset(), ['notes', 0, 'sources'], [])));
    expect(errors).toEqual([{ path: 'notes[0].sources', message: expect.stringMatching(/needs at least one source/) }]);
  });

  it.each([null, undefined, 42, 'text', [], true])('reports %j at the root instead of throwing', (input) => {
    expect(errorsOf(parseDataset(input))[0]?.path).toMatch(/^\$|schemaVersion$/);
  });
});

describe('parseDataset on dates', () => {
  it.each([
    [['entities', 0, 'role', 'asOf'], 'entities[0].role.asOf'],
    [['entities', 0, 'summary', 'asOf'], 'entities[0].summary.asOf'],
    [['notes', 0, 'asOf'], 'notes[0].asOf'],
  ] as const)('rejects a pack without the date %j and says what the date is for', (path, expected) => {
    const errors = errorsOf(parseDataset(edit(minimalDataset(), path, undefined, true)));
    expect(errors).toEqual([
      { path: expected, message: expect.stringMatching(/^missing required field: the date this text holds for/) },
    ]);
  });

  it('rejects a pack without notesChecked or developments, saying what they are', () => {
    const noChecked = errorsOf(parseDataset(edit(minimalDataset(), ['notesChecked'], undefined, true)));
    expect(noChecked).toEqual([
      { path: 'notesChecked', message: expect.stringMatching(/date up to which other reporting was searched/) },
    ]);
    const noDevelopments = errorsOf(parseDataset(edit(minimalDataset(), ['developments'], undefined, true)));
    expect(noDevelopments[0]?.message).toMatch(/what happened after the article/);
  });

  it.each([
    ['2025', 'a year alone'],
    ['2025-13', 'no 13th month'],
    ['2025-02-30', 'no 30 February'],
    ['Dec 2025', 'words'],
    ['2025-12-1', 'a one-digit day'],
  ])('rejects the asOf %j (%s)', (asOf) => {
    const errors = errorsOf(parseDataset(edit(minimalDataset(), ['notes', 0, 'asOf'], asOf)));
    expect(errors.map((e) => e.path)).toEqual(['notes[0].asOf']);
  });

  it('accepts a source dated by year, month or day, and refuses a free-text date', () => {
    for (const value of ['2022', '2022-04', '2022-04-06']) {
      const data = edit(minimalDataset(), ['notes', 0, 'sources', 0, 'date'], { value, kind: 'published' });
      expect(parseDataset(data).ok, value).toBe(true);
    }
    const free = edit(minimalDataset(), ['notes', 0, 'sources', 0, 'date'], { value: '29/10/2025', kind: 'published' });
    expect(errorsOf(parseDataset(free)).map((e) => e.path)).toEqual(['notes[0].sources[0].date.value']);
    const kind = edit(minimalDataset(), ['notes', 0, 'sources', 0, 'date'], { value: '2025', kind: 'guessed' });
    expect(errorsOf(parseDataset(kind)).map((e) => e.path)).toEqual(['notes[0].sources[0].date.kind']);
  });

  it('rejects dates after notesChecked: nothing can hold for a date that was never checked', () => {
    const data = edit(
      edit(minimalDataset(), ['notes', 0, 'asOf'], '2026-04'),
      ['entities', 0, 'role', 'asOf'],
      '2027-01',
    );
    expect(errorsOf(parseDataset(data))).toEqual([
      { path: 'entities[0].role.asOf', message: '"2027-01" is after notesChecked "2026-03"' },
      { path: 'notes[0].asOf', message: '"2026-04" is after notesChecked "2026-03"' },
    ]);
    // The same month at a finer grain is inside it, not after it.
    expect(parseDataset(edit(minimalDataset(), ['notes', 0, 'asOf'], '2026-03-31')).ok).toBe(true);
  });

  it('rejects a note dated before a page it cites, but not before a page that was only updated later', () => {
    const cited = (kind: string) =>
      edit(minimalDataset(), ['notes', 0, 'sources', 0, 'date'], { value: '2025-11-20', kind });
    expect(errorsOf(parseDataset(cited('published')))).toEqual([
      { path: 'notes[0].asOf', message: '"2025-06" is before its source dated "2025-11-20" (sources[0])' },
    ]);
    expect(errorsOf(parseDataset(cited('per-url')))[0]?.path).toBe('notes[0].asOf');
    expect(parseDataset(cited('updated')).ok).toBe(true);
  });

  it('checks developments: known entities, a source, after the article and not after notesChecked', () => {
    const development = {
      id: 'd01-later',
      entities: ['alice-example'],
      date: '2026-01-14',
      text: { en: 'Alice left.', de: 'Alice ging.' },
      sources: [{ publisher: 'Example News', relays: null, date: null, url: 'https://example.org/c' }],
    };
    expect(parseDataset(edit(minimalDataset(), ['developments'], [development])).ok).toBe(true);
    // Fresh copies: the parser refuses shared references.
    const bad = [
      { ...structuredClone(development), entities: ['bob'] },
      { ...structuredClone(development), id: 'd02-early', date: '2025-11' },
      { ...structuredClone(development), id: 'd03-late', date: '2026-04-01' },
      { ...structuredClone(development), id: 'd04-unsourced', sources: [] },
    ];
    expect(errorsOf(parseDataset(edit(minimalDataset(), ['developments'], bad)))).toEqual([
      { path: 'developments[3].sources', message: 'needs at least one source' },
    ]);
    expect(errorsOf(parseDataset(edit(minimalDataset(), ['developments'], structuredClone(bad.slice(0, 3)))))).toEqual([
      { path: 'developments[0].entities[0]', message: 'unknown entity "bob"' },
      { path: 'developments[1].date', message: '"2025-11" is before the article (written around "2025-12")' },
      { path: 'developments[2].date', message: '"2026-04-01" is after notesChecked "2026-03"' },
    ]);
  });

  it('checks that each insertion follows text that is in its quote', () => {
    const ok = edit(
      minimalDataset(),
      ['claims', 0, 'insertions'],
      [
        { after: '', text: 'Dr.' },
        { after: 'leitet', text: 'seit 2020' },
      ],
    );
    expect(parseDataset(ok, { sourceText: MINI_SOURCE }).ok).toBe(true);
    const stray = edit(minimalDataset(), ['claims', 0, 'insertions'], [{ after: 'gründete', text: 'x' }]);
    expect(errorsOf(parseDataset(stray))).toEqual([
      { path: 'claims[0].insertions[0].after', message: 'does not occur in the quote' },
    ]);
  });
});

describe('parseDataset on hostile input', () => {
  it.each(['__proto__', 'constructor', 'prototype'])(
    'rejects a "%s" key at any depth without polluting prototypes',
    (key) => {
      const json = JSON.stringify(minimalDataset()).replace('"role":', `"${key}":{"polluted":true},"role":`);
      const root = `{"${key}":{"polluted":true},${json.slice(1)}`;
      for (const text of [json, root]) {
        const errors = errorsOf(parseDatasetJson(text));
        expect(errors.some((error) => error.path.endsWith(key) && /forbidden/.test(error.message))).toBe(true);
      }
      expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    },
  );

  it('refuses getters without calling them, and survives getters and proxies that throw', () => {
    let called = false;
    const data = minimalDataset() as unknown as Record<string, unknown>;
    Object.defineProperty(data, 'id', {
      enumerable: true,
      get() {
        called = true;
        throw new Error('boom');
      },
    });
    expect(errorsOf(parseDataset(data))).toContainEqual({ path: 'id', message: 'accessor properties are not data' });
    expect(called).toBe(false);

    const trap = () => {
      throw new Error('trap');
    };
    const hostile = new Proxy({}, { ownKeys: trap, get: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap });
    expect(errorsOf(parseDataset(hostile)).length).toBeGreaterThan(0);
    expect(errorsOf(parseDataset(edit(minimalDataset(), ['entities', 0], hostile)))[0]?.path).toBe('entities[0]');

    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(errorsOf(parseDataset(proxy)).length).toBeGreaterThan(0);
  });

  it('reports cycles and non-JSON values', () => {
    const data = minimalDataset() as unknown as Record<string, unknown>;
    edit(data, ['claims', 0, 'text', 'self'], data);
    expect(errorsOf(parseDataset(data))).toContainEqual({
      path: 'claims[0].text.self',
      message: expect.stringMatching(/cycle/),
    });
    for (const value of [() => 1, Symbol('s'), 10n, Number.NaN, Infinity]) {
      expect(errorsOf(parseDataset(edit(minimalDataset(), ['id'], value)))[0]?.path).toBe('id');
    }
  });

  it('stops promptly on a 20 MB document, whether one huge string, many items or raw JSON text', () => {
    const huge = 'x'.repeat(20 * 1024 * 1024);
    const oneString = edit(minimalDataset(), ['claims', 0, 'quote'], huge);
    const [claim] = minimalDataset().claims;
    const many = Array.from({ length: 80_000 }, (_, i) => ({ ...structuredClone(claim), id: `c${i}` }));
    expect(JSON.stringify(many).length).toBeGreaterThan(20 * 1024 * 1024);
    const manyItems = edit(minimalDataset(), ['claims'], many);
    const text = JSON.stringify(oneString);

    const started = performance.now();
    expect(errorsOf(parseDataset(oneString))[0]?.path).toBe('claims[0].quote');
    expect(errorsOf(parseDataset(manyItems))[0]?.message).toMatch(/longer than|more than/);
    expect(errorsOf(parseDatasetJson(text))[0]?.message).toMatch(/larger than/);
    // Generous: the point is "no hang", not a benchmark.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('stops on 10,000 levels of nesting, built in memory or parsed from JSON', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10_000; i += 1) deep = i % 2 === 0 ? [deep] : { next: deep };
    const errors = errorsOf(parseDataset(edit(minimalDataset(), ['entities', 0, 'excludes'], deep)));
    expect(errors).toContainEqual({
      path: expect.stringMatching(/^entities\[0\]\.excludes/),
      message: expect.stringMatching(/nested deeper/),
    });

    const json = `{"schemaVersion":1,"id":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    expect(errorsOf(parseDatasetJson(json))[0]?.message).toMatch(/nested deeper/);
  });

  it('caps the number of errors it reports', () => {
    const data = minimalDataset();
    data.claims = Array.from({ length: 500 }, () => ({}) as (typeof data.claims)[number]);
    const errors = errorsOf(parseDataset(data));
    expect(errors.length).toBeLessThanOrEqual(51);
    expect(errors[errors.length - 1]?.message).toMatch(/more errors/);
  });

  it('quotes odd keys in paths so they cannot forge one', () => {
    const errors = errorsOf(parseDataset(edit(minimalDataset(), ['source', 'a].b[0'], 1)));
    expect(errors).toEqual([{ path: 'source["a].b[0"]', message: 'unknown field' }]);
  });

  it('reports malformed JSON text as an error', () => {
    expect(errorsOf(parseDatasetJson('{"schemaVersion": 1,'))[0]?.message).toMatch(/not valid JSON/);
  });
});
