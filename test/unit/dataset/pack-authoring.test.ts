import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatErrors, parsePackText } from '../../../src/dataset/pack.ts';
import { sha256Hex } from '../../../src/dataset/sha256.ts';
import { skeletonPack, splitSentences } from '../../../scripts/pack-skeleton.ts';

const repo = resolve(import.meta.dirname, '../../..');
const EXAMPLE = resolve(repo, 'examples/highlight-api.en.pack.json');
const EXAMPLE_TEXT = resolve(repo, 'examples/highlight-api.en.txt');

describe('the example pack (examples/)', () => {
  it('passes the validation the extension runs on import', () => {
    const result = parsePackText(readFileSync(EXAMPLE, 'utf8'));
    if (!result.ok) throw new Error(formatErrors(result.errors).join('\n'));
    expect(result.pack.dataset.entities.map((e) => e.id)).toEqual(['css-custom-highlight-api', 'w3c']);
  });

  it('carries its source text exactly as the file beside it, and says who wrote it', () => {
    const result = parsePackText(readFileSync(EXAMPLE, 'utf8'));
    if (!result.ok) throw new Error('invalid');
    expect(result.pack.sourceText).toBe(readFileSync(EXAMPLE_TEXT, 'utf8'));
    expect(result.pack.dataset.source.author).toMatch(/written for this example/);
    expect(result.pack.dataset.source.description.en).toMatch(/not a news article/);
  });
});

describe('pack init', () => {
  const text = 'A heading\n\nAlice Example leads the lab. She said: "It grows." Does it?\nYes!\n\nThe end…';

  it('lists the sentences verbatim, headings and questions included', () => {
    expect(splitSentences(text)).toEqual([
      'A heading',
      'Alice Example leads the lab.',
      'She said: "It grows."',
      'Does it?',
      'Yes!',
      'The end…',
    ]);
  });

  it('writes a skeleton whose only errors are the fields an author must fill, each with its path', () => {
    const skeleton = { ...skeletonPack({ text, fileName: 'Lab News.txt', sha256: sha256Hex(text) }) };
    expect(skeleton).toMatchObject({ id: 'lab-news', source: { file: 'Lab News.txt', text } });
    const result = parsePackText(JSON.stringify(skeleton));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = formatErrors(result.errors);
    expect(lines).toContain('title.en: must not be empty or blank');
    expect(lines).toContain('entities[0].aliases[0].text: must not be empty or blank');
    expect(lines).toContain('claims[1].entities: needs at least one entity');
    // Never the quotes: each is already verbatim from the article.
    expect(lines.some((l) => /claims\[\d+\]\.quote/.test(l))).toBe(false);
  });
});

describe('pack check (the command)', () => {
  it('prints every error with its path and exits 1; says ok and exits 0 for the example', () => {
    const tsx = resolve(repo, 'node_modules/.bin/tsx');
    const ok = spawnSync(tsx, ['scripts/pack.ts', 'check', EXAMPLE], { cwd: repo, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/ok, story pack "highlight-api-explainer": 2 entities, 4 claims, 4 notes/);
    const bad = spawnSync(tsx, ['scripts/pack.ts', 'check', resolve(repo, 'test/fixtures/packs/broken.pack.json')], {
      cwd: repo,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('claims[1].quote: this quote is not in the source text');
  }, 20_000);
});
