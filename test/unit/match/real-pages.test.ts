import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileMatcher, type MatchEntity, type Mention } from '../../../src/match/index.ts';
import { visibleBlocks } from './visible-text.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const pagesDir = path.resolve(repoRoot, '../shared/pages');
const datasetPath = path.join(repoRoot, 'assets/dataset/meta-ai-leadership.json');
const available = existsSync(path.join(pagesDir, 'MANIFEST.tsv')) && existsSync(datasetPath);
if (!available) console.warn(`match: skipping real-page tests, ${pagesDir} or the bundled dataset is absent`);

interface Found extends Mention {
  readonly text: string;
}

/** The page engine's rule over a document: scan each block, then promote deferred mentions of strong entities. */
function mentionsOnPage(file: string): Found[] {
  const raw: unknown = JSON.parse(readFileSync(datasetPath, 'utf8'));
  const entities = (raw as { entities: MatchEntity[] }).entities;
  const matcher = compileMatcher(entities);
  const blocks = visibleBlocks(readFileSync(path.join(pagesDir, file), 'utf8'));
  const scans = blocks.map((block) => matcher.scan(block));
  const strong = new Set(scans.flatMap((scan) => scan.strong));
  return scans.flatMap((scan, k) => {
    const block = blocks[k] ?? '';
    return [...scan.confirmed, ...scan.deferred.filter((m) => strong.has(m.entityId))].map((m) => ({
      ...m,
      text: block.slice(m.start, m.end),
    }));
  });
}

function pages(): string[] {
  return readFileSync(path.join(pagesDir, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[0] ?? '')
    .filter((file) => file.endsWith('.html'));
}

function countVisible(file: string, word: string): number {
  return visibleBlocks(readFileSync(path.join(pagesDir, file), 'utf8')).reduce(
    (n, block) => n + block.split(word).length - 1,
    0,
  );
}

describe.skipIf(!available)('real pages in ../shared/pages', () => {
  const all = available ? pages() : [];
  const found = new Map(all.map((file) => [file, mentionsOnPage(file)]));

  it('reads every page in the manifest', () => {
    expect(all.length).toBeGreaterThanOrEqual(50);
  });

  it.each(all)('%s: no Wang of ours, no Llama', (file) => {
    const ids = (found.get(file) ?? []).map((m) => m.entityId);
    expect(ids).not.toContain('alexandr-wang');
    expect(ids).not.toContain('llama');
    expect(ids).not.toContain('meta-superintelligence-labs');
  });

  it.each([
    'mozilla-readability__lazy-image-2.html',
    'adbar-trafilatura__parcoabruzzo.it.58354.html',
    'adbar-trafilatura__eltiempo.com-candidatos.html',
    'adbar-trafilatura__foxyfolksy.com.buttercream.html',
    'adbar-trafilatura__vegolosi.it.climate.html',
    'adbar-trafilatura__faz.net.streaming.html',
  ])('%s: no Meta in its other senses (game boss, mountain group, goal)', (file) => {
    expect((found.get(file) ?? []).filter((m) => m.entityId === 'meta')).toEqual([]);
  });

  it('fool.com: the ticker "META" is not a mention, the company name is', () => {
    const meta = (found.get('postlight-parser__www.fool.com.html') ?? []).filter((m) => m.entityId === 'meta');
    expect(meta.map((m) => m.text)).not.toContain('META');
    expect(meta.map((m) => m.text)).toContain('Meta Platforms');
  });

  it('kulu-media: Meta the company is found in an article about it', () => {
    const meta = (found.get('adbar-trafilatura__kulu-media.com.meta-outage.html') ?? []).filter(
      (m) => m.entityId === 'meta',
    );
    expect(meta.length).toBeGreaterThanOrEqual(10);
    expect(new Set(meta.map((m) => m.text))).toEqual(new Set(['Meta']));
  });

  it.each([
    ['mozilla-readability__cnet.html', 10],
    ['adbar-trafilatura__zdnet.de.facebook.html', 3],
  ] as const)('%s: every visible Zuckerberg is found', (file, atLeast) => {
    const zuckerberg = (found.get(file) ?? []).filter((m) => m.entityId === 'mark-zuckerberg');
    expect(zuckerberg.length).toBe(countVisible(file, 'Zuckerberg'));
    expect(zuckerberg.length).toBeGreaterThanOrEqual(atLeast);
    for (const m of zuckerberg) expect(m.text).toMatch(/^(Mark\s+)?Zuckerberg$/);
  });

  it('aclu: "Mark\\nZuckerberg" broken by a newline is one mention', () => {
    const zuckerberg = (found.get('mozilla-readability__aclu.html') ?? []).filter(
      (m) => m.entityId === 'mark-zuckerberg',
    );
    expect(zuckerberg.map((m) => m.text.replace(/\s+/g, ' '))).toEqual(['Mark Zuckerberg']);
  });

  it('mentions only people and things a page actually names', () => {
    const summary = [...found].flatMap(([file, ms]) =>
      ms.map((m) => `${m.entityId}:${m.text.replace(/\s+/g, ' ')}`).map((x) => `${file.split('__')[1] ?? file} ${x}`),
    );
    // Every mention on these pages is Zuckerberg or Meta the company (see MANIFEST notes).
    for (const line of summary)
      expect(line).toMatch(/ (mark-zuckerberg:(Mark |Marc )?Zuckerberg|meta:Meta( Platforms)?)$/);
  });
});
