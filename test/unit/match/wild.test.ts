// @vitest-environment happy-dom
/**
 * Precision and recall on text written by others (test/fixtures/wild): every passage becomes a
 * page, the real page engine marks it with the bundled dataset, and the marks are compared with
 * the labels. Prints the table per entity and per language, and fails below the aims.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileMatcher, type MatchEntity, type MatchRules } from '../../../src/match/index.ts';
import {
  AIMS,
  HELD_OUT_ROUNDS,
  LANGUAGES,
  formatTable,
  loadCorpus,
  precision,
  recall,
  score,
  type FoundMark,
  type PreparedPassage,
} from '../../fixtures/wild/corpus.ts';
import { markPassage } from './wild-page.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const dataset = JSON.parse(readFileSync(path.join(repoRoot, 'assets/dataset/meta-ai-leadership.json'), 'utf8')) as {
  entities: MatchEntity[];
  matching?: MatchRules;
};
const corpus = loadCorpus();

describe('the corpus of text written by others', () => {
  it('holds at least 30 passages in eight languages, each with its source', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    for (const lang of LANGUAGES) expect(corpus.filter((p) => p.lang === lang).length).toBeGreaterThanOrEqual(4);
    expect(new Set(corpus.map((p) => p.id)).size).toBe(corpus.length);
    for (const passage of corpus) {
      const source = passage.source;
      if ('repo' in source) expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
      else if ('url' in source) expect(source.url).toMatch(/^https?:\/\//);
      else expect(passage.origin).toBe('written');
      expect(passage.prepared.length).toBeGreaterThan(0);
    }
    // Written traps stand in only where no stored text had the trap; they stay few.
    expect(corpus.filter((p) => p.origin === 'written').length).toBeLessThanOrEqual(6);
  });

  it('labels spans of the text, with surfaces that are the text there', () => {
    let labels = 0;
    for (const passage of corpus)
      for (const block of passage.prepared) {
        expect(block.text).not.toMatch(/\[\[|\]\]|\{\{|\}\}/);
        for (const label of [...block.labels, ...block.eitherWay]) {
          expect(block.text.slice(label.start, label.end)).toBe(label.surface);
          labels++;
        }
      }
    expect(labels).toBeGreaterThan(500);
  });
});

describe('marking the corpus through the page engine', () => {
  it('meets the aims: precision and recall overall, recall per language', { timeout: 120_000 }, async () => {
    const matcher = compileMatcher(dataset.entities, dataset.matching ?? {});
    const ids = dataset.entities.map((e) => e.id);
    const results: { passage: PreparedPassage; marks: FoundMark[] }[] = [];
    for (const passage of corpus) results.push({ passage, marks: await markPassage(passage, matcher, ids) });
    const scored = score(results);
    console.log(formatTable(scored, `Corpus: ${corpus.length} passages, bundled dataset`));
    const heldOut = results.filter(({ passage }) => passage.heldOut !== undefined);
    console.log(formatTable(score(heldOut), `Of these, the ${heldOut.length} passages first held out`));
    for (const round of HELD_OUT_ROUNDS) {
      const inRound = results.filter(({ passage }) => passage.heldOut === round);
      const scoredRound = score(inRound);
      console.log(formatTable(scoredRound, `Held-out round ${round} alone: ${inRound.length} passages`));
      if (scoredRound.errors.length > 0)
        console.log(`Round ${round} misses and false marks:\n${scoredRound.errors.join('\n')}`);
    }
    if (scored.errors.length > 0) console.log(`Misses and false marks:\n${scored.errors.join('\n')}`);
    expect(precision(scored.overall), 'overall precision').toBeGreaterThanOrEqual(AIMS.precision);
    expect(recall(scored.overall), 'overall recall').toBeGreaterThanOrEqual(AIMS.recall);
    for (const lang of LANGUAGES) {
      const row = scored.byLanguage.get(lang) ?? { found: 0, missed: 0, false: 0 };
      expect(row.found, `${lang}: labelled mentions found`).toBeGreaterThan(0);
      expect(recall(row), `${lang} recall`).toBeGreaterThanOrEqual(AIMS.languageRecall);
    }
  });
});
