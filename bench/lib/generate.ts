/**
 * Pages the benchmark writes itself: synthetic news pages of a given amount of visible text,
 * the article page, and the infinite-scroll page. Deterministic (seeded), so every run and every
 * machine measures the same DOM.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');

/** One name per ~1.5 kB of text: a news page about the topic, denser than a typical page. */
export const MENTION_EVERY_BYTES = 1500;
/** Paragraph length in characters, about a news paragraph. */
const PARAGRAPH_CHARS = 560;
/** Share of ordinary words wrapped in an inline element (links, emphasis, spans). */
const INLINE_WORD_SHARE = 0.06;

export interface GeneratedPage {
  readonly html: string;
  /** UTF-8 bytes of the visible text written (what a scanner reads). */
  readonly textBytes: number;
  /** Names written into the text (including look-alikes such as "Vera Wang" that must not count). */
  readonly names: number;
}

class Random {
  private seed: number;
  constructor(seed: number) {
    this.seed = seed >>> 0;
  }
  next(): number {
    this.seed = (this.seed * 1664525 + 1013904223) >>> 0;
    return this.seed / 0x100000000;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('empty list');
    return item;
  }
}

const WORDS: Readonly<Record<string, readonly string[]>> = {
  en: 'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all would their we him has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three company model billion talent research lab chief'.split(
    ' ',
  ),
  de: 'der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei Jahr Unternehmen Zucker Gesellschaft Entwicklung Bundesregierung Straße größer Übersicht Mädchen Künstliche Intelligenz Milliarden Forscher'.split(
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
const LANGS = ['en', 'en', 'en', 'de', 'de', 'fr', 'it', 'es'];

/**
 * Names as pages write them: plain, possessive, with &nbsp; or &shy;, and split across inline
 * elements (link on the surname, emphasis on one word, a span in the middle of a word).
 * `text` is what the reader sees; `html` what the page holds.
 */
const NAMES: readonly { readonly html: string; readonly text: string }[] = [
  { html: 'Mark Zuckerberg', text: 'Mark Zuckerberg' },
  { html: 'Mark <a href="#zuckerberg">Zuckerberg</a>', text: 'Mark Zuckerberg' },
  { html: '<a href="#zuckerberg">Mark\nZuckerberg</a>', text: 'Mark\nZuckerberg' },
  { html: 'Zuckerberg', text: 'Zuckerberg' },
  { html: 'Zuckerberg’s', text: 'Zuckerberg’s' },
  { html: 'Zucker&shy;berg', text: 'Zucker\u00ADberg' },
  { html: 'Mark&nbsp;Zuckerberg', text: 'Mark\u00A0Zuckerberg' },
  { html: '<a href="#wang">Alexandr</a> <b>Wang</b>', text: 'Alexandr Wang' },
  { html: 'Alexandr Wang', text: 'Alexandr Wang' },
  { html: 'Wang', text: 'Wang' },
  { html: 'Vera Wang', text: 'Vera Wang' },
  { html: 'Yann Le<span class="k">Cun</span>', text: 'Yann LeCun' },
  { html: 'LeCun', text: 'LeCun' },
  { html: 'Meta <em>Superintelligence</em> Labs', text: 'Meta Superintelligence Labs' },
  { html: 'Scale&nbsp;AI', text: 'Scale\u00A0AI' },
  { html: 'Meta', text: 'Meta' },
  { html: '<strong>Meta</strong>-Chef', text: 'Meta-Chef' },
  { html: 'Llama 3', text: 'Llama 3' },
  { html: 'LLaMA', text: 'LLaMA' },
  { html: 'FAIR', text: 'FAIR' },
];

const INLINE = [
  (w: string, r: Random) => `<a href="#p${Math.floor(r.next() * 1e5)}">${w}</a>`,
  (w: string) => `<em>${w}</em>`,
  (w: string) => `<strong>${w}</strong>`,
  (w: string) => `<span class="hl">${w}</span>`,
];

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Writes paragraphs of mixed-language text with names at the configured density. */
class TextWriter {
  private sinceName = 0;
  names = 0;
  textBytes = 0;
  constructor(
    private readonly random: Random,
    /** Bytes of text between two names. */
    private readonly mentionEvery = MENTION_EVERY_BYTES,
  ) {}

  /** One paragraph's inner HTML. */
  paragraph(): string {
    const r = this.random;
    const lang = r.pick(LANGS);
    const words = WORDS[lang] ?? [];
    let html = '';
    let chars = 0;
    while (chars < PARAGRAPH_CHARS) {
      const n = 8 + Math.floor(r.next() * 14);
      const nameAt = this.sinceName > this.mentionEvery ? 1 + Math.floor(r.next() * (n - 1)) : -1;
      const htmlTokens: string[] = [];
      const textTokens: string[] = [];
      for (let i = 0; i < n; i++) {
        if (i === nameAt) {
          const name = r.pick(NAMES);
          htmlTokens.push(name.html);
          textTokens.push(name.text);
          this.names++;
          this.sinceName = 0;
        }
        let word = r.pick(words);
        if (i === 0) word = word.charAt(0).toUpperCase() + word.slice(1);
        const punct = i === n - 1 ? r.pick(['.', '.', '.', ',', '!', '?']) : '';
        htmlTokens.push((r.next() < INLINE_WORD_SHARE ? r.pick(INLINE)(word, r) : word) + punct);
        textTokens.push(word + punct);
      }
      const sentence = htmlTokens.join(' ');
      const text = textTokens.join(' ');
      html += (html ? ' ' : '') + sentence;
      const add = (chars ? 1 : 0) + text.length;
      chars += add;
      const bytes = utf8(text) + (chars === add ? 0 : 1);
      this.textBytes += bytes;
      this.sinceName += bytes;
    }
    return html;
  }

  /** A short heading-like line. */
  line(words: number): string {
    const r = this.random;
    const list = WORDS.en ?? [];
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(r.pick(list));
    const s = out.join(' ');
    const text = s.charAt(0).toUpperCase() + s.slice(1);
    this.textBytes += utf8(text);
    this.sinceName += text.length;
    return text;
  }
}

function shell(title: string, body: string, lang = 'en', extraCss = ''): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>
body { font: 17px/1.55 Georgia, serif; margin: 0; color: #222; }
header, footer { background: #f3f3f3; padding: 8px 16px; }
nav ul { display: flex; flex-wrap: wrap; gap: 12px; list-style: none; margin: 0; padding: 0; }
main { display: flex; gap: 32px; max-width: 1100px; margin: 0 auto; }
article { flex: 3; } aside { flex: 1; font-size: 14px; }
.hl { background: #fff4c0; }
${extraCss}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function navigation(w: TextWriter): string {
  let items = '';
  for (let i = 0; i < 12; i++) items += `<li><a href="#s${i}">${w.line(1)}</a></li>`;
  return `<header><nav><ul>${items}</ul></nav></header>`;
}

/** A synthetic news page with at least `targetBytes` of visible text, a name every `mentionEvery` bytes. */
export function syntheticPage(targetBytes: number, seed = 0x5eed, mentionEvery = MENTION_EVERY_BYTES): GeneratedPage {
  const w = new TextWriter(new Random(seed), mentionEvery);
  const parts: string[] = [navigation(w), '<main><article>', `<h1>${w.line(8)}</h1>`];
  let section = 0;
  while (w.textBytes < targetBytes) {
    parts.push(`<section id="s${section}"><h2>${w.line(6)}</h2>`);
    const paragraphs = 6 + (section % 5);
    for (let p = 0; p < paragraphs; p++) parts.push(`<p>${w.paragraph()}</p>`);
    if (section % 3 === 0) {
      parts.push('<ul>');
      for (let i = 0; i < 4; i++) parts.push(`<li>${w.line(10)}</li>`);
      parts.push('</ul>');
    }
    if (section % 4 === 1) parts.push(`<blockquote><p>${w.paragraph()}</p></blockquote>`);
    if (section % 7 === 2)
      parts.push(
        `<figure><img alt="Mark Zuckerberg on stage" width="1" height="1"><figcaption>${w.line(9)}</figcaption></figure>`,
      );
    parts.push('</section>');
    section++;
  }
  parts.push('</article><aside>');
  for (let i = 0; i < 20; i++) parts.push(`<div class="teaser"><a href="#t${i}">${w.line(7)}</a></div>`);
  parts.push(`</aside></main><footer><p>${w.line(12)}</p></footer>`);
  const mb = (targetBytes / (1024 * 1024)).toFixed(0);
  return { html: shell(`Synthetic ${mb} MB page`, parts.join('\n')), textBytes: w.textBytes, names: w.names };
}

/** The infinite-scroll page: a modest page plus a template of `batch` paragraphs that the harness appends. */
export function feedPage(batch: number, seed = 0xfeed): GeneratedPage & { readonly batchTextBytes: number } {
  const base = syntheticPage(200 * 1024, seed);
  const w = new TextWriter(new Random(seed + 1));
  const items: string[] = [];
  for (let i = 0; i < batch; i++) items.push(`<p class="item">${w.paragraph()}</p>`);
  const template = `<div id="cc-bench-feed"></div><template id="cc-bench-feed-items">${items.join('')}</template>`;
  // A plain column (no flex container around the feed), as infinite-scroll timelines are: an
  // append then lays out the new items only, and the page's own cost per batch stays flat.
  const html = base.html
    .replace('</article>', `${template}</article>`)
    .replace('</style>', 'main { display: block; }\n</style>');
  return { html, textBytes: base.textBytes, names: base.names, batchTextBytes: w.textBytes };
}

/** The article page: the bundled article, a paragraph per line (short lines without a full stop are headings). */
export function articlePage(): GeneratedPage {
  const source = readFileSync(resolve(repo, 'assets/source/article.de.txt'), 'utf8');
  const lines = source
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = lines.map((line, i) => {
    if (i === 0) return `<p class="lead">${esc(line)}</p>`;
    return line.length < 90 && !/[.!?“"]$/.test(line) ? `<h2>${esc(line)}</h2>` : `<p>${esc(line)}</p>`;
  });
  const html = shell(
    'Der Artikel',
    `<main><article><h1>Meta, Zuckerberg und Wang</h1>\n${body.join('\n')}\n</article></main>`,
    'de',
  );
  return { html, textBytes: utf8(lines.join('\n')), names: 0 };
}
