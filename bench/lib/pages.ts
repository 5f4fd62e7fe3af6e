/**
 * The pages the benchmark measures: the large real pages of ../shared/pages, the article page,
 * and generated pages of 1, 5 and 20 MB of text.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { articlePage, syntheticPage } from './generate.ts';
import { BENCH_TRACE_CATEGORIES } from './trace.ts';

export const PAGES_DIR = resolve(import.meta.dirname, '../../../shared/pages');

export interface BenchPage {
  readonly id: string;
  readonly label: string;
  readonly kind: 'real' | 'generated';
  /** A file in PAGES_DIR, or generated HTML. */
  readonly file?: string;
  readonly html?: () => string;
  /** A real page of half a megabyte of HTML or more (reported; the mark.js aim goes by text size, report.ts). */
  readonly large: boolean;
  /** Floor, ours and naive: repetitions on one load. */
  readonly reps: RepsPlan;
  /** mark.js: most and fewest repetitions, a per-repetition timeout and a time cap for the page (it is slow). */
  readonly markJs: MarkJsPlan;
  /** How the page's first scan is traced for its longest task. */
  readonly trace: TracePlan;
  /** Firefox (bench/lib/firefox.ts): fresh loads with the extension, and as many without. */
  readonly firefoxReps: number;
}

const MB = 1024 * 1024;

export interface RepsPlan {
  readonly reps: number;
  /** Repetitions done even past the cap. */
  readonly minReps: number;
  /** Stop adding repetitions once this much time went to the page. */
  readonly capMs: number;
  /** A first scan kept apart (the cold one a reader gets) and warm-up runs of floor and naive. */
  readonly warmup: boolean;
}

/** At least 5 repetitions (the rule) on every page but the 5 and 20 MB ones. */
export const REPS_DEFAULT: RepsPlan = { reps: 5, minReps: 5, capMs: 0, warmup: true };
/** The 5 MB page: a scan takes several seconds; three repetitions, the first of them cold. */
const REPS_BIG: RepsPlan = { reps: 3, minReps: 3, capMs: 0, warmup: false };
/**
 * The 20 MB page: one scan of each takes a minute or more (mostly the browser repainting the page
 * as marks arrive), so one repetition, and no warm-up: the whole benchmark has to stay within
 * ten minutes. Its figures are single runs; the JSON says so (detail.reps).
 */
const REPS_HUGE: RepsPlan = { reps: 1, minReps: 1, capMs: 0, warmup: false };

/**
 * One scan per page is traced (bench/lib/trace.ts) for the longest main-thread task, with these
 * categories. A trace over `maxBytes` is dropped, with its size as the reason (printed, and kept
 * in the JSON).
 */
export interface TracePlan {
  readonly categories: readonly string[];
  readonly maxBytes: number;
}

/** With these categories even the 20 MB page's scan, the longest, gives a trace of ~6 MB: every page is traced. */
const TRACE_DEFAULT: TracePlan = { categories: BENCH_TRACE_CATEGORIES, maxBytes: 200 * MB };

export interface MarkJsPlan {
  readonly reps: number;
  /** Repetitions done even past the cap. */
  readonly minReps: number;
  readonly timeoutMs: number;
  /** Stop adding repetitions once this much time went to mark.js on the page. */
  readonly capMs: number;
}

/**
 * mark.js takes seconds per run and needs a fresh load each time: up to 5 runs per page, at
 * least 2, and no more once ~20 s went to it, so the whole benchmark stays within ten minutes.
 */
const MARKJS_DEFAULT: MarkJsPlan = { reps: 5, minReps: 2, timeoutMs: 45_000, capMs: 20_000 };
/** On the generated pages one run that may not finish: its time is then a lower bound. */
const MARKJS_ONE_TRY: MarkJsPlan = { reps: 1, minReps: 1, timeoutMs: 30_000, capMs: 30_000 };
/** On 5 and 20 MB it cannot finish (it is quadratic: 1 MB takes ~20 s): one short try, a lower bound. */
const MARKJS_HOPELESS: MarkJsPlan = { reps: 1, minReps: 1, timeoutMs: 15_000, capMs: 15_000 };

/**
 * Firefox: 3 fresh loads with us and 3 without on most pages (a load with us takes 1-3 s, the
 * window included), 2 on the 5 MB page and 1 on the 20 MB page (one load there takes ~20 s).
 */
const FIREFOX_REPS = 3;

export const REAL_PAGES: readonly BenchPage[] = [
  { id: 'reddit', label: 'reddit (1.9 MB HTML)', file: 'postlight-parser__www.reddit.com.html' },
  { id: 'nymag', label: 'nymag (1.6 MB HTML)', file: 'adbar-trafilatura__nymag.com.polarization.html' },
  { id: 'cnn', label: 'CNN (1.5 MB HTML)', file: 'scrapinghub-article-extraction-benchmark__ef4e67b66d63.html' },
  { id: 'wikipedia', label: 'Wikipedia (1.0 MB HTML)', file: 'mozilla-readability__wikipedia-2.html' },
  { id: 'dailymail', label: 'Daily Mail (0.6 MB HTML)', file: 'adbar-trafilatura__dailymail.co.uk.food.html' },
].map((p) => ({
  ...p,
  kind: 'real' as const,
  large: true,
  reps: REPS_DEFAULT,
  markJs: MARKJS_DEFAULT,
  trace: TRACE_DEFAULT,
  firefoxReps: FIREFOX_REPS,
}));

export const GENERATED_PAGES: readonly BenchPage[] = [
  {
    id: 'article',
    label: 'the article (5 kB text)',
    kind: 'generated',
    html: () => articlePage().html,
    large: false,
    reps: REPS_DEFAULT,
    markJs: MARKJS_DEFAULT,
    trace: TRACE_DEFAULT,
    firefoxReps: FIREFOX_REPS,
  },
  {
    id: 'gen-1mb',
    label: 'generated, 1 MB text',
    kind: 'generated',
    html: () => syntheticPage(1 * MB, 0x1001).html,
    large: false,
    reps: REPS_DEFAULT,
    markJs: { ...MARKJS_ONE_TRY, timeoutMs: 45_000 },
    trace: TRACE_DEFAULT,
    firefoxReps: FIREFOX_REPS,
  },
  {
    id: 'gen-5mb',
    label: 'generated, 5 MB text',
    kind: 'generated',
    html: () => syntheticPage(5 * MB, 0x5005).html,
    large: false,
    reps: REPS_BIG,
    markJs: MARKJS_HOPELESS,
    trace: TRACE_DEFAULT,
    firefoxReps: 2,
  },
  {
    id: 'gen-20mb',
    label: 'generated, 20 MB text',
    kind: 'generated',
    html: () => syntheticPage(20 * MB, 0x2002).html,
    large: false,
    reps: REPS_HUGE,
    markJs: MARKJS_HOPELESS,
    trace: TRACE_DEFAULT,
    firefoxReps: 1,
  },
];

/** The pages to measure; real ones only when ../shared/pages is there (else a message says so). */
export function benchPages(): { pages: BenchPage[]; missing: string[] } {
  const missing: string[] = [];
  const real = REAL_PAGES.filter((p) => {
    const ok = p.file !== undefined && existsSync(resolve(PAGES_DIR, p.file));
    if (!ok) missing.push(p.file ?? p.id);
    return ok;
  });
  return { pages: [...real, ...GENERATED_PAGES], missing };
}
