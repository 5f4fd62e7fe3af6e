import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migrate, type Migration } from '../../../src/dataset/migrations.ts';
import { formatErrors, PACK_LIMITS, packToJson, parsePackText, utf8Length } from '../../../src/dataset/pack.ts';
import { sha256Hex } from '../../../src/dataset/sha256.ts';
import { MINI_SOURCE } from './minimal-dataset.ts';
import { at, miniPackObject, miniPackText } from './mini-pack.ts';

describe('parsePackText', () => {
  it('accepts a pack whose quotes are in its source text, and gives the text back', () => {
    const result = parsePackText(miniPackText());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.pack.sourceText).toBe(MINI_SOURCE);
      expect(result.pack.dataset.id).toBe('mini');
      expect('text' in result.pack.dataset.source).toBe(false);
    }
  });

  it('says which quote is not in the source text, with its path', () => {
    const result = parsePackText(miniPackText((d) => void (d.claims[0] = { ...at(d.claims), quote: 'Bob leitet.' })));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(formatErrors(result.errors)).toContain('claims[0].quote: this quote is not in the source text');
  });

  it('refuses a pack without its source text', () => {
    const data = miniPackObject() as { source: Record<string, unknown> };
    delete data.source['text'];
    const result = parsePackText(JSON.stringify(data));
    expect(result).toEqual({
      ok: false,
      errors: [{ path: 'source.text', message: expect.stringContaining('full text') }],
    });
  });

  it('refuses a hash that is not the source text', () => {
    const result = parsePackText(
      miniPackText(undefined, `${MINI_SOURCE} Mehr.`).replace(sha256Hex(`${MINI_SOURCE} Mehr.`), 'b'.repeat(64)),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.path).toBe('source.sha256');
  });

  it('refuses duplicate ids, unknown references and non-http note URLs, each with its path', () => {
    const result = parsePackText(
      miniPackText((d) => {
        d.claims.push({ ...at(d.claims), entities: ['nobody'] });
        d.notes[0] = { ...at(d.notes), sources: [{ ...at(at(d.notes).sources), url: 'javascript:alert(1)' }] };
      }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const lines = formatErrors(result.errors).join('\n');
      expect(lines).toContain('notes[0].sources[0].url');
    }
    const dup = parsePackText(miniPackText((d) => void d.claims.push({ ...at(d.claims), entities: ['nobody'] })));
    expect(dup.ok).toBe(false);
    if (!dup.ok) {
      expect(formatErrors(dup.errors)).toEqual(
        expect.arrayContaining([
          'claims[1].id: duplicate id "c01-alice-leads"',
          'claims[1].entities[0]: unknown entity "nobody"',
        ]),
      );
    }
  });

  it('refuses a pack with no entity, or an entity no claim is about', () => {
    const none = parsePackText(
      miniPackText((d) => {
        d.entities = [];
        d.claims = [];
        d.notes = [];
      }),
    );
    expect(none).toMatchObject({ ok: false, errors: [{ path: 'entities' }] });
    const idle = parsePackText(miniPackText((d) => void d.entities.push({ ...at(d.entities), id: 'bob-idle' })));
    expect(idle.ok).toBe(false);
    if (!idle.ok)
      expect(formatErrors(idle.errors)).toEqual([
        expect.stringMatching(/^entities\[1\]: no claim is about "bob-idle"/),
      ]);
  });

  it('refuses a file over the size limit before reading it', () => {
    const big = `{"x":"${'a'.repeat(PACK_LIMITS.maxBytes)}"}`;
    expect(parsePackText(big)).toEqual({ ok: false, errors: [{ path: '$', message: 'the file is larger than 5 MB' }] });
  });

  it('counts the limit in UTF-8 bytes', () => {
    expect(utf8Length('aä€😀')).toBe(1 + 2 + 3 + 4);
    expect(utf8Length('aä€😀')).toBe(new TextEncoder().encode('aä€😀').length);
  });

  it('explains text that is not JSON', () => {
    const result = parsePackText('{ not json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.message).toMatch(/^this file is not valid JSON/);
  });

  it('round-trips through packToJson', () => {
    const first = parsePackText(miniPackText());
    if (!first.ok) throw new Error('mini pack invalid');
    const again = parsePackText(packToJson(first.pack));
    expect(again).toEqual(first);
  });

  it('exports no longer than the file it read, however that file was written', () => {
    const compact = miniPackText();
    const files = [
      compact,
      `${JSON.stringify(JSON.parse(compact), null, 2)}\n`,
      // Escapes an author may write where a character would do.
      compact.replace(/ä/g, '\\u00e4').replace(/ /g, '\\u0020'),
    ];
    for (const file of files) {
      const parsed = parsePackText(file);
      if (!parsed.ok) throw new Error(`the file is a valid pack: ${JSON.stringify(parsed.errors)}`);
      const exported = packToJson(parsed.pack);
      expect(utf8Length(exported)).toBeLessThanOrEqual(utf8Length(file));
      expect(parsePackText(exported)).toEqual(parsed);
    }
  });

  it('never throws on arbitrary JSON or text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        const result = parsePackText(text);
        expect(result.ok).toBe(false);
        if (!result.ok) for (const e of result.errors) expect(e.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('schema versions', () => {
  it('refuses version 1 with the reason, and a newer version with what to do', () => {
    const v1 = parsePackText(miniPackText((d) => void ((d as { schemaVersion: number }).schemaVersion = 1)));
    expect(v1.ok).toBe(false);
    if (!v1.ok) expect(v1.errors[0]).toEqual({ path: 'schemaVersion', message: expect.stringContaining('no dates') });
    const v9 = parsePackText(miniPackText((d) => void ((d as { schemaVersion: number }).schemaVersion = 9)));
    expect(v9.ok).toBe(false);
    if (!v9.ok) expect(v9.errors[0]?.message).toMatch(/newer Context Cards.*update the extension/);
  });

  it('runs a chain of steps in order and stops at a refusal', () => {
    const seen: number[] = [];
    const step =
      (from: number): Migration =>
      (data) => {
        seen.push(from);
        return { ok: true, data: { ...data, schemaVersion: from + 1 } };
      };
    expect(migrate({ schemaVersion: 1 }, { 1: step(1) })).toEqual({ ok: true, data: { schemaVersion: 2 } });
    expect(seen).toEqual([1]);
    expect(migrate({ schemaVersion: 1 }, { 1: () => ({ ok: false, message: 'no' }) })).toEqual({
      ok: false,
      message: 'no',
    });
    expect(migrate({ schemaVersion: 1 }, { 1: (d) => ({ ok: true, data: d }) })).toMatchObject({ ok: false });
    expect(migrate({ schemaVersion: 'x' })).toMatchObject({ ok: false });
  });
});
