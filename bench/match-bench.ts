/**
 * Matcher throughput on ~10 MB of mixed-language text with realistic mention density.
 * Compares the matcher (bundled dataset and 10,000 generated aliases) with a floor (one linear
 * pass that matches nothing), a naive one-regex-per-alias loop, and the alternative design
 * (one combined regular expression, boundaries checked in code). Measures; asserts nothing.
 *
 * Run: npm run bench:match   (tsx bench/match-bench.ts)
 *      tsx bench/match-bench.ts --quick   skips the combined regex over the large pack, which alone
 *      costs about half a minute of CPU and says nothing about the matcher when tuning it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  compileMatcher,
  newPageMemory,
  type MatchAlias,
  type MatchEntity,
  type MatchRules,
} from '../src/match/index.ts';
import { compilePrefilterMatcher } from './lib/prefilter-matcher.ts';

const TARGET_BYTES = 10 * 1024 * 1024;
/** Paragraph-sized blocks, as the page engine scans them. */
const BLOCK_CHARS = 600;
/** About one name per 1.5 kB: a news page about the topic, denser than a typical page. */
const MENTION_EVERY_CHARS = 1500;
const ROUNDS = 5;
const QUICK = process.argv.includes('--quick');

let seed = 0x2f6b1d;
function random(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 0x100000000;
}
function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

const WORDS: Readonly<Record<string, readonly string[]>> = {
  en: 'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all would their we him has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three'.split(
    ' ',
  ),
  de: 'der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei Jahr Unternehmen Zucker Gesellschaft Entwicklung Bundesregierung Straße größer Übersicht Mädchen'.split(
    ' ',
  ),
  fr: 'le de un à être et en avoir que pour dans ce il qui ne sur se pas plus pouvoir par je avec tout faire son mettre autre on mais nous comme ou si leur y dire elle devant avant deux même prendre aussi celui donner bien où fois vous encore nouveau aller cela entre premier été société modèle réseau'.split(
    ' ',
  ),
  it: 'il di che e la per un in è non una sono si con da del ma come anche più al lo ha le dei se nel ci della questo ai gli alla meta era essere fatto tutto quando molto lavoro anni città modello società'.split(
    ' ',
  ),
  es: 'de la que el en y a los se del las un por con no una su para es al lo como más pero sus le ya o fue este ha sí porque esta son entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante llama metas llamas empresa modelo'.split(
    ' ',
  ),
};

const MENTIONS = [
  'Mark Zuckerberg',
  'Zuckerberg',
  'Zuckerbergs',
  'Zuckerberg’s',
  'Alexandr Wang',
  'Wang',
  'Meta',
  'Meta-Chef',
  'Meta Superintelligence Labs',
  'Scale AI',
  'Yann LeCun',
  'LeCun',
  'Llama 3',
  'Llama',
  'FAIR',
  'MSL',
  'Vera Wang',
  'Zucker\u00ADberg',
  'Mark\u00A0Zuckerberg',
  'ZUCKERBERG',
];

function sentence(lang: string): string {
  const words = WORDS[lang] ?? WORDS.en ?? [];
  const n = 8 + Math.floor(random() * 14);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(pick(words));
  const first = out[0] ?? '';
  out[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return `${out.join(' ')}${pick(['.', '.', '.', ',', '!', '?'])}`;
}

function buildBlocks(): string[] {
  const blocks: string[] = [];
  let total = 0;
  let sinceMention = 0;
  const langs = ['en', 'en', 'de', 'de', 'fr', 'it', 'es'];
  while (total < TARGET_BYTES) {
    const lang = pick(langs);
    let block = '';
    while (block.length < BLOCK_CHARS) {
      let s = sentence(lang);
      if (sinceMention > MENTION_EVERY_CHARS) {
        const words = s.split(' ');
        words.splice(1 + Math.floor(random() * (words.length - 1)), 0, pick(MENTIONS));
        s = words.join(' ');
        sinceMention = 0;
      }
      block += `${s} `;
      sinceMention += s.length + 1;
    }
    // Flat strings, as text node data are: a string built by += is a rope, slow to index.
    blocks.push(JSON.parse(JSON.stringify(block)) as string);
    total += Buffer.byteLength(block, 'utf8');
  }
  return blocks;
}

function loadBundled(): { entities: MatchEntity[]; rules: MatchRules } {
  const file = path.resolve(import.meta.dirname, '../assets/dataset/meta-ai-leadership.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { entities: MatchEntity[]; matching?: MatchRules };
  return { entities: data.entities, rules: data.matching ?? {} };
}

const SYLLABLES =
  'ba be bi bo bu da de di do ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo wa we zo zu ch sch ck'.split(
    ' ',
  );
function generatedEntities(aliasCount: number): MatchEntity[] {
  const entities: MatchEntity[] = [];
  const name = (parts: number): string => {
    let s = '';
    for (let i = 0; i < parts; i++) s += pick(SYLLABLES);
    return s.charAt(0).toUpperCase() + s.slice(1);
  };
  for (let i = 0; entities.length * 2 < aliasCount; i++) {
    const first = name(2);
    const last = name(2 + (i % 3));
    const aliases: MatchAlias[] = [
      { text: `${first} ${last}`, case: 'any', needsContext: false, lang: null },
      { text: last, case: 'exact', needsContext: true, lang: null },
    ];
    entities.push({ id: `generated-${i}`, aliases, excludes: [`${name(2)} ${last}`], context: [name(3), 'Konzern'] });
  }
  return entities;
}

function time(label: string, bytes: number, run: () => number, rounds = ROUNDS): number {
  run(); // warm-up: JIT and lazily filled tables
  const times: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    sink += run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)] ?? 0;
  const mbps = bytes / (1024 * 1024) / (ms / 1000);
  console.log(
    `${label.padEnd(46)} ${ms.toFixed(1).padStart(8)} ms  ${mbps.toFixed(2).padStart(8)} MB/s   (${sink / rounds} results)`,
  );
  return mbps;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const aliasPattern = (text: string): string =>
  text
    .trim()
    .split(/[\s\-\u2010-\u2014]+/u)
    .map(escape)
    .join('[\\s\\-\\u2010-\\u2014]+');

/** The alternative design: all aliases in one regular expression, boundaries checked in code. */
function combinedRegexScan(entities: readonly MatchEntity[]): (block: string) => number {
  const alternatives = entities.flatMap((e) => e.aliases.map((a) => aliasPattern(a.text)));
  alternatives.sort((a, b) => b.length - a.length);
  const regex = new RegExp(alternatives.join('|'), 'gi');
  const word = /[\p{L}\p{N}_]/u;
  return (block) => {
    let n = 0;
    regex.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = regex.exec(block)) !== null) {
      const before = block.charAt(m.index - 1);
      const after = block.charAt(m.index + m[0].length);
      if ((before === '' || !word.test(before)) && (after === '' || !word.test(after))) n++;
    }
    return n;
  };
}

function main(): void {
  console.log('building text...');
  const blocks = buildBlocks();
  const bytes = blocks.reduce((n, b) => n + Buffer.byteLength(b, 'utf8'), 0);
  const chars = blocks.reduce((n, b) => n + b.length, 0);
  console.log(
    `${blocks.length} blocks, ${(bytes / 1024 / 1024).toFixed(1)} MB UTF-8, ${(chars / 1e6).toFixed(1)} M UTF-16 units\n`,
  );

  const { entities: bundled, rules } = loadBundled();
  const bundledAliases = bundled.reduce((n, e) => n + e.aliases.length, 0);
  const big = [...bundled, ...generatedEntities(10_000)];
  const bigAliases = big.reduce((n, e) => n + e.aliases.length, 0);

  let t0 = performance.now();
  const matcher = compileMatcher(bundled, rules);
  const compileBundled = performance.now() - t0;
  t0 = performance.now();
  const bigMatcher = compileMatcher(big, rules);
  const compileBig = performance.now() - t0;
  console.log(
    `compile: bundled (${bundledAliases} aliases) ${compileBundled.toFixed(1)} ms; large pack (${bigAliases} aliases) ${compileBig.toFixed(1)} ms\n`,
  );

  const classTable = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) classTable[c] = /[\p{L}\p{N}]/u.test(String.fromCharCode(c)) ? 1 : 0;
  const floorJs = time('floor: one JS pass over every unit (no match)', bytes, () => {
    let starts = 0;
    for (const b of blocks) {
      let prev = 0;
      for (let i = 0; i < b.length; i++) {
        const w = classTable[b.charCodeAt(i)] ?? 0;
        if (w > prev) starts++;
        prev = w;
      }
    }
    return starts > 0 ? 0 : 1;
  });
  // Two private-use units that the generated text never holds.
  const nothing = /\uE000\uE001/g;
  const floorRegex = time('floor: one native regex pass (no match)', bytes, () => {
    let n = 0;
    for (const b of blocks) {
      nothing.lastIndex = 0;
      while (nothing.exec(b) !== null) n++;
    }
    return n;
  });

  const ours = time(`matcher, bundled dataset (${bundledAliases} aliases)`, bytes, () => {
    let n = 0;
    const strong = new Set<string>();
    const deferred: string[] = [];
    // As the page engine scans: each block with its page's memory and a language it may ask for.
    const context = { page: newPageMemory(), lang: () => null };
    for (const b of blocks) {
      const scan = matcher.scan(b, context);
      n += scan.confirmed.length;
      for (const id of scan.strong) strong.add(id);
      for (const m of scan.deferred) deferred.push(m.entityId);
    }
    return n + deferred.filter((id) => strong.has(id)).length;
  });
  const loopMatcher = compilePrefilterMatcher(bundled, rules);
  const loop = time('matcher, prefilter scanner, bundled', bytes, () =>
    blocks.reduce((n, b) => n + loopMatcher.scan(b).confirmed.length, 0),
  );
  const loopBigMatcher = compilePrefilterMatcher(big, rules);
  const loopBig = time('matcher, prefilter scanner, large pack', bytes, () =>
    blocks.reduce((n, b) => n + loopBigMatcher.scan(b).confirmed.length, 0),
  );
  const oursBig = time(`matcher, large pack (${bigAliases} aliases)`, bytes, () => {
    let n = 0;
    for (const b of blocks) n += bigMatcher.scan(b).confirmed.length;
    return n;
  });

  const naiveRegexes = bundled.flatMap((e) =>
    e.aliases.map(
      (a) =>
        new RegExp(`(?<![\\p{L}\\p{N}_])${aliasPattern(a.text)}(?![\\p{L}\\p{N}_])`, a.case === 'any' ? 'giu' : 'gu'),
    ),
  );
  const naive = time(`naive: one regex per alias (${naiveRegexes.length})`, bytes, () => {
    let n = 0;
    for (const b of blocks) {
      for (const r of naiveRegexes) {
        r.lastIndex = 0;
        while (r.exec(b) !== null) n++;
      }
    }
    return n;
  });

  const combined = combinedRegexScan(bundled);
  const combinedSpeed = time('alternative: one combined regex, bundled', bytes, () =>
    blocks.reduce((n, b) => n + combined(b), 0),
  );
  let combinedBigSpeed = Number.NaN;
  if (!QUICK) {
    const combinedBig = combinedRegexScan(big);
    // 10,000 alternatives make the backtracking engine try each at every position: 100 kB and one round show it.
    const sample = blocks.slice(0, Math.ceil(blocks.length / 100));
    const sampleBytes = sample.reduce((n, b) => n + Buffer.byteLength(b, 'utf8'), 0);
    combinedBigSpeed = time(
      'alternative: one combined regex, large (100 kB)',
      sampleBytes,
      () => sample.reduce((n, b) => n + combinedBig(b), 0),
      1,
    );
  }

  console.log('\nratios');
  console.log(`  floor (JS pass) / matcher            ${(floorJs / ours).toFixed(2)}x slower than the floor`);
  console.log(`  floor (native regex) / matcher       ${(floorRegex / ours).toFixed(2)}x`);
  console.log(`  matcher / naive                      ${(ours / naive).toFixed(1)}x faster than naive`);
  console.log(
    `  bundled / large pack                 ${(ours / oursBig).toFixed(2)}x (large pack cost relative to bundled)`,
  );
  console.log(
    `  loop / prefilter scanner (bundled)   ${(ours / loop).toFixed(2)}x; large pack ${(oursBig / loopBig).toFixed(2)}x`,
  );
  console.log(`  matcher / combined regex (bundled)   ${(ours / combinedSpeed).toFixed(2)}x`);
  if (!QUICK) console.log(`  matcher / combined regex (large)     ${(oursBig / combinedBigSpeed).toFixed(2)}x`);
}

main();
