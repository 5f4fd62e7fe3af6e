/**
 * What imported story packs cost a page when the content script starts: reading the published
 * stories and building the runtime from them (merging by entity id, compiling the matcher), with
 * 0, 1 and 10 packs, measured side by side on one page in Chromium. Two kinds of pack: the example
 * pack (examples/, two entities) and packs the size of the bundled dataset (nine entities, 38
 * claims, 29 notes), each with its own ids and names so that nothing merges away.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { BUNDLED_DATASET } from '../../src/dataset/bundled.ts';
import type { Dataset } from '../../src/dataset/index.ts';
import { parsePackText } from '../../src/dataset/pack.ts';
import { storyStart } from '../../src/dataset/story-start.ts';
import type { PublishedLibrary } from '../../src/shared/library-store.ts';
import { openPage, type Scripts } from './measure.ts';
import { median } from './stats.ts';

const repo = resolve(import.meta.dirname, '../..');

export interface PackStartFigure {
  readonly kind: 'example' | 'bundled-size';
  readonly packs: number;
  readonly entities: number;
  /** Medians over the repetitions, in ms. */
  readonly readMs: number;
  readonly buildMs: number;
  readonly totalMs: number;
  /** totalMs minus the same figure with no pack imported. */
  readonly extraMs: number;
}

function examplePack(): Dataset {
  const parsed = parsePackText(readFileSync(resolve(repo, 'examples/highlight-api.en.pack.json'), 'utf8'));
  if (!parsed.ok) throw new Error('examples/highlight-api.en.pack.json is invalid: run npm run pack -- check');
  return parsed.pack.dataset;
}

/** The dataset as the n-th of many distinct packs: every id and every name made its own. */
function variant(dataset: Dataset, n: number): Dataset {
  const id = (x: string): string => `${x}-p${n}`;
  const json = JSON.stringify(dataset);
  const copy = JSON.parse(json) as Dataset;
  copy.id = id(copy.id);
  for (const e of copy.entities) {
    e.id = id(e.id);
    e.aliases = e.aliases.map((a) => ({ ...a, text: `${a.text} ${n}` }));
    if (e.contextEntities) e.contextEntities = e.contextEntities.map(id);
    if (e.pageEntities) e.pageEntities = e.pageEntities.map(id);
  }
  for (const c of copy.claims) {
    c.id = id(c.id);
    c.entities = c.entities.map(id);
  }
  for (const note of copy.notes) {
    note.id = id(note.id);
    note.claim = id(note.claim);
  }
  for (const d of copy.developments) {
    d.id = id(d.id);
    d.entities = d.entities.map(id);
  }
  return copy;
}

function published(base: Dataset, packs: number): PublishedLibrary {
  return {
    revision: 1,
    bundled: true,
    // As the background publishes them: each pack's start part only (no claims, notes, developments).
    packs: Array.from({ length: packs }, (_, i) => ({ dataset: storyStart(variant(base, i + 1)), importedAt: i + 1 })),
  };
}

interface Run {
  readonly readMs: number;
  readonly buildMs: number;
  readonly entities: number;
}

export async function measurePackStart(
  browser: Browser,
  url: string,
  scripts: Scripts,
  reps: number,
): Promise<PackStartFigure[]> {
  const { page, world } = await openPage(browser, url, scripts);
  try {
    const kinds = [
      ['example', examplePack()],
      ['bundled-size', BUNDLED_DATASET],
    ] as const;
    const figures: PackStartFigure[] = [];
    for (const [kind, base] of kinds) {
      const counts = [0, 1, 10];
      // Warm up the code paths once, then measure the counts interleaved, so that drift in the
      // machine's load touches each count alike.
      await world.run(`__ccBench.packStart(${JSON.stringify(published(base, 1))}, 3)`);
      const samples = new Map<number, Run[]>(counts.map((c) => [c, []]));
      for (let r = 0; r < reps; r += 1) {
        for (const packs of counts) {
          const runs = await world.run<Run[]>(`__ccBench.packStart(${JSON.stringify(published(base, packs))}, 1)`);
          samples.get(packs)?.push(...runs);
        }
      }
      let baseline = 0;
      for (const packs of counts) {
        const runs = samples.get(packs) ?? [];
        const readMs = median(runs.map((s) => s.readMs)) ?? 0;
        const buildMs = median(runs.map((s) => s.buildMs)) ?? 0;
        const totalMs = median(runs.map((s) => s.readMs + s.buildMs)) ?? 0;
        if (packs === 0) baseline = totalMs;
        figures.push({
          kind,
          packs,
          entities: runs[0]?.entities ?? 0,
          readMs,
          buildMs,
          totalMs,
          extraMs: totalMs - baseline,
        });
      }
    }
    return figures;
  } finally {
    await page.close();
  }
}

export function packStartLines(figures: readonly PackStartFigure[]): string[] {
  const f = (ms: number): string => ms.toFixed(2).padStart(7);
  return [
    'Start-up with story packs (median ms per page: read the published stories, merge and compile the matcher)',
    '  packs                     entities     read    build    total   vs. none',
    ...figures.map(
      (x) =>
        `  ${`${x.packs} ${x.kind}`.padEnd(24)}  ${String(x.entities).padStart(8)}  ${f(x.readMs)}  ${f(x.buildMs)}  ${f(x.totalMs)}  ${x.packs === 0 ? '       -' : `${x.extraMs >= 0 ? '+' : ''}${x.extraMs.toFixed(2)}`.padStart(8)}`,
    ),
  ];
}
