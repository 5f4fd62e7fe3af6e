/**
 * The matching rules one by one, with the bundled dataset: script-aware boundaries, versions,
 * character variants, citations, namesakes and coreference, language tags, addresses and slugs,
 * shouted acronyms. Each case is the shape of a trap found in real text (test/fixtures/wild); the
 * corpus test measures the rules together, these say which rule holds what.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSpace } from '../../../src/match/chars.ts';
import { CitationRule } from '../../../src/match/citations.ts';
import { PageMemory } from '../../../src/match/coreference.ts';
import { blockLanguage, guessLanguage } from '../../../src/match/language.ts';
import { compileMatcher, newPageMemory, type MatchEntity, type MatchRules } from '../../../src/match/index.ts';
import { isPinyinName } from '../../../src/match/pinyin.ts';
import { inAddress, isSlug } from '../../../src/match/urls.ts';
import { otherSpellings, variantGroups } from '../../../src/match/variants.ts';
import { versionEnd } from '../../../src/match/versions.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const dataset = JSON.parse(readFileSync(path.join(repoRoot, 'assets/dataset/meta-ai-leadership.json'), 'utf8')) as {
  entities: MatchEntity[];
  matching: MatchRules;
};
const matcher = compileMatcher(dataset.entities, dataset.matching);

/** [entity id, marked text] for one block of `lang` (null: not declared). */
function marks(text: string, lang: string | null = null): [string, string][] {
  return matcher.find(text, lang).map((m) => [m.entityId, text.slice(m.start, m.end)]);
}

/** Marks for blocks of one page, in order, sharing the page's memory; deferred ones need page evidence. */
function pageMarks(blocks: readonly string[], lang: string | null = null): [string, string][][] {
  const page = newPageMemory();
  const scans = blocks.map((text) => matcher.scan(text, { lang: () => lang, page }));
  const evidence = new Set(scans.flatMap((s) => s.strong));
  return scans.map((s, b) =>
    [...s.confirmed, ...s.deferred.filter((m) => evidence.has(m.entityId))]
      .sort((x, y) => x.start - y.start)
      .map((m) => [m.entityId, (blocks[b] ?? '').slice(m.start, m.end)]),
  );
}

describe('script-aware boundaries', () => {
  it('takes names glued to CJK text, and Korean names followed by particles only', () => {
    expect(marks('获得者Yann LeCun。')).toEqual([['yann-lecun', 'Yann LeCun']]);
    expect(marks('르쿤은 메타를 떠났다')).toEqual([
      ['yann-lecun', '르쿤'],
      ['meta', '메타'],
    ]);
    expect(marks('메타버스 플랫폼을 만든 르쿤')).toEqual([['yann-lecun', '르쿤']]);
  });

  it('does not find a Katakana or Hangul name inside a longer word of the same script', () => {
    expect(marks('ザッカーバーグ氏はメタバースに投資した')).toEqual([['mark-zuckerberg', 'ザッカーバーグ']]);
    expect(marks('드라마 같은 이야기, 저커버그')).toEqual([['mark-zuckerberg', '저커버그']]);
  });

  it('lets a name leave out its space between Hangul or Katakana units, not between Han units', () => {
    expect(marks('마크저커버그는 메타초지능연구소를 세웠다')).toEqual([
      ['mark-zuckerberg', '마크저커버그'],
      ['meta-superintelligence-labs', '메타초지능연구소'],
    ]);
    expect(marks('マークザッカーバーグ氏')).toEqual([['mark-zuckerberg', 'マークザッカーバーグ']]);
    // 亚历山大王 is "King Alexander": no Alexandr Wang there.
    expect(marks('亚历山大王的远征')).toEqual([]);
  });
});

describe('versions of a product name', () => {
  it('joins a version number that follows a versioned name', () => {
    expect(versionEnd('Llama 4.x is near', 7, true)).toBe(9);
    expect(versionEnd('Llama 3.5 or', 7, true)).toBe(9);
    expect(versionEnd('Llama 4. Then', 7, true)).toBe(7);
    expect(versionEnd('Llama 5 arrives', 5, false)).toBe(7);
    expect(versionEnd('라마3는', 2, false)).toBe(3);
    // No version: a parameter count, or a year.
    expect(versionEnd('Llama 70B', 5, false)).toBe(5);
    expect(versionEnd('Llama 2025', 5, false)).toBe(5);
  });

  it('marks the whole versioned name, in Latin, Hangul and Katakana', () => {
    expect(marks('Meta prepara Llama 4.x y Llama 3.5', 'es')).toEqual([
      ['meta', 'Meta'],
      ['llama', 'Llama 4.x'],
      ['llama', 'Llama 3.5'],
    ]);
    expect(marks('메타의 라마 3.1과 라마3')).toEqual([
      ['meta', '메타'],
      ['llama', '라마 3.1'],
      ['llama', '라마3'],
    ]);
    expect(marks('ザッカーバーグ氏のメタ、ラマ4を公開')).toEqual([
      ['mark-zuckerberg', 'ザッカーバーグ'],
      ['meta', 'メタ'],
      ['llama', 'ラマ4'],
    ]);
  });

  it('leaves the Dalai Lama, dramas and the Spanish verb alone', () => {
    expect(marks('달라이 라마와 메타의 라마 3')).toEqual([
      ['meta', '메타'],
      ['llama', '라마 3'],
    ]);
    expect(marks('ダライ・ラマとザッカーバーグ氏のラマ4')).toEqual([
      ['mark-zuckerberg', 'ザッカーバーグ'],
      ['llama', 'ラマ4'],
    ]);
    expect(marks('韓国ドラマとパノラマ写真')).toEqual([]);
    expect(marks('Llama la atención que Meta publique Llama 4', 'es')).toEqual([
      ['meta', 'Meta'],
      ['llama', 'Llama 4'],
    ]);
  });

  it('takes a version glued to a Latin name, but no parameter count, year or lower-case identifier', () => {
    expect(
      marks('Der Konzern Meta hat Llama4 und LLaMA3.1 veröffentlicht, nicht Llama70B oder Llama2025.', 'de'),
    ).toEqual([
      ['meta', 'Meta'],
      ['llama', 'Llama4'],
      ['llama', 'LLaMA3.1'],
    ]);
    expect(marks('‘라마4’(Llama4)를 공개했다')).toEqual([
      ['llama', '라마4'],
      ['llama', 'Llama4'],
    ]);
    expect(marks('ollama pull llama3 runs the Llama model from Meta')).toEqual([
      ['llama', 'Llama'],
      ['meta', 'Meta'],
    ]);
  });

  it('ends a look-alike phrase at its last word: the Spanish verb "Llama a" is not in "Llama as"', () => {
    expect(marks('Meta models: the name LLaMA as an abbreviation for Large Language Model Meta AI.')).toEqual([
      ['meta', 'Meta'],
      ['llama', 'LLaMA'],
      ['meta', 'Meta'],
    ]);
    expect(marks('Llama a los usuarios y Llama al equipo de Meta a probar Llama 4.', 'es')).toEqual([
      ['meta', 'Meta'],
      ['llama', 'Llama 4'],
    ]);
    // A longer last word still takes a plural or genitive "s".
    expect(marks('Two Meta-Analyses of Meta Descriptions')).toEqual([]);
  });
});

describe('traditional and simplified characters', () => {
  it('spells a key every way its variant characters allow', () => {
    const groups = variantGroups(['馬马', '紮扎']);
    expect(otherSpellings('马克 扎克伯格', groups).sort()).toEqual(
      ['馬克 扎克伯格', '馬克 紮克伯格', '马克 紮克伯格'].sort(),
    );
    expect(otherSpellings('meta', groups)).toEqual([]);
  });

  it('finds a name written in either set or in a mix of both', () => {
    expect(marks('CEO馬克·扎克伯格與楊立昆')).toEqual([
      ['mark-zuckerberg', '馬克·扎克伯格'],
      ['yann-lecun', '楊立昆'],
    ]);
    expect(marks('紮克伯格和亞歷山大·王')).toEqual([
      ['mark-zuckerberg', '紮克伯格'],
      ['alexandr-wang', '亞歷山大·王'],
    ]);
  });
});

describe('author citations', () => {
  const citations = new CitationRule(dataset.matching.citationMarkers ?? []);
  const cited = (text: string, name: string): boolean => {
    const start = text.indexOf(name);
    return citations.isCitation(text, start, start + name.length);
  };

  it('knows citations by surname in several shapes', () => {
    expect(cited('Wang et al. (2023) proposed', 'Wang')).toBe(true);
    expect(cited('as Wang and colleagues show', 'Wang')).toBe(true);
    expect(cited('wie Wang und Kollegen zeigen', 'Wang')).toBe(true);
    expect(cited('Zhang, Wang and Li (2023) extend', 'Wang')).toBe(true);
    expect(cited('LeCun, Y., Bengio, Y., & Hinton, G. (2015)', 'LeCun')).toBe(true);
    expect(cited('Y. LeCun, L. Bottou, Y. Bengio', 'LeCun')).toBe(true);
    expect(cited('Wang等人提出', 'Wang')).toBe(true);
    expect(cited('Wang said on Monday', 'Wang')).toBe(false);
  });

  it('applies to bare surnames only: a full name with its colleagues is the person', () => {
    expect(marks('LeNet was developed by Yann LeCun and his colleagues in 1989.')).toEqual([
      ['yann-lecun', 'Yann LeCun'],
    ]);
    expect(marks('Convolutional networks go back to LeCun et al. (1998).')).toEqual([]);
  });
});

describe('names the review found missing', () => {
  it("knows Zuckerberg's nickname in both word orders and Meta's former legal name", () => {
    expect(marks('Bei Meta nennen Mitarbeiter Zuckerberg Saurons Auge.', 'de')).toEqual([
      ['meta', 'Meta'],
      ['mark-zuckerberg', 'Zuckerberg'],
      ['eye-of-sauron', 'Saurons Auge'],
    ]);
    expect(marks("At Meta, staff call Zuckerberg's attention Sauron's Eye.", 'en')).toEqual([
      ['meta', 'Meta'],
      ['mark-zuckerberg', 'Zuckerberg'],
      ['eye-of-sauron', "Sauron's Eye"],
    ]);
    expect(marks('Facebook, Inc. changed its name in 2021.')).toEqual([['meta', 'Facebook, Inc.']]);
    // Bare "Facebook" is the product, not the company.
    expect(marks('I deleted Facebook from my phone.')).toEqual([]);
  });
});

describe('ordinary phrases that look like names', () => {
  it('leaves "Fair enough" and "Ruck-Zuck" alone even where the page names Meta or says nothing of its language', () => {
    expect(marks('Fair enough: Mark Zuckerberg and Meta lost this round.')).toEqual([
      ['mark-zuckerberg', 'Mark Zuckerberg'],
      ['meta', 'Meta'],
    ]);
    expect(marks('Fair question: will Meta open-source Llama?')).toEqual([
      ['meta', 'Meta'],
      ['llama', 'Llama'],
    ]);
    expect(marks('Ruck-Zuck hat Meta auf Instagram reagiert.')).toEqual([['meta', 'Meta']]);
    // FAIR itself, written as a word, is still FAIR.
    expect(marks('Fair est dirigé par Yann Le Cun chez Meta.', 'fr')).toEqual([
      ['fair', 'Fair'],
      ['yann-lecun', 'Yann Le Cun'],
      ['meta', 'Meta'],
    ]);
  });
});

describe('context that is evidence', () => {
  it('never takes the name itself as its own context', () => {
    expect(marks('Microsoft has formed a Superintelligence Lab under Mustafa Suleyman.')).toEqual([]);
    expect(marks('Zuckerberg hired Wang to run the new Superintelligence Lab.')).toEqual([
      ['mark-zuckerberg', 'Zuckerberg'],
      ['alexandr-wang', 'Wang'],
      ['meta-superintelligence-labs', 'Superintelligence Lab'],
    ]);
  });

  it('takes the company "Scale AI" as evidence for Wang, not the word "scale"', () => {
    expect(marks('Scaling laws: Wang found that AI models improve with data. Scale is all you need.')).toEqual([]);
    expect(marks('Wang, who co-founded Scale AI, now works on superintelligence.')).toEqual([
      ['alexandr-wang', 'Wang'],
      ['scale-ai', 'Scale AI'],
    ]);
  });
});

describe('namesakes and coreference', () => {
  it('keeps a bare surname with whoever the page talks about most', () => {
    const memory = new PageMemory();
    memory.note('zuckerberg', '~randi zuckerberg');
    memory.note('zuckerberg', '~randi zuckerberg');
    memory.note('zuckerberg', 'mark-zuckerberg');
    expect(memory.resolve('zuckerberg')).toBe('~randi zuckerberg');
    expect(memory.resolve('wang')).toBeNull();
  });

  it('leaves Randi Zuckerberg and her bare surname alone on a page about her', () => {
    expect(
      pageMarks([
        'Randi Zuckerberg, a former Facebook executive, wrote a book for children.',
        'Zuckerberg says parents should set limits; her brother Mark Zuckerberg runs Meta.',
        'Zuckerberg also hosts a radio show.',
      ]),
    ).toEqual([
      [],
      [
        ['mark-zuckerberg', 'Mark Zuckerberg'],
        ['meta', 'Meta'],
      ],
      [],
    ]);
  });

  it('tells Wang Xiaochuan and Vera Wang from Alexandr Wang, and Alexander Wang the designer from the misspelling', () => {
    expect(marks('Baichuan founder Wang Xiaochuan said Wang would raise funds.')).toEqual([]);
    expect(marks('Vera Wang showed a new collection.')).toEqual([]);
    // Only a Chinese surname (one pinyin syllable) takes a pinyin neighbour for a given name.
    expect(marks('(so nennt Zuckerberg Fake News und Hasspostings)', 'de')).toEqual([
      ['mark-zuckerberg', 'Zuckerberg'],
    ]);
    expect(marks('Alexander Wang showed his spring collection in New York.')).toEqual([]);
    expect(marks('At Meta, Alexander Wang leads the superintelligence push.')).toEqual([
      ['meta', 'Meta'],
      ['alexandr-wang', 'Alexander Wang'],
    ]);
  });

  it('takes the name after a warning against a mix-up for someone else, only when it is the ambiguous one', () => {
    expect(
      marks(
        'Alexandr Wang (à ne pas confondre avec Alexander Wang le créateur de mode) a co-fondé Scale AI avant Meta.',
        'fr',
      ),
    ).toEqual([
      ['alexandr-wang', 'Alexandr Wang'],
      ['scale-ai', 'Scale AI'],
      ['meta', 'Meta'],
    ]);
    expect(marks('Alexander Wang (not to be confused with Alexandr Wang of Scale AI) showed a collection.')).toEqual([
      ['alexandr-wang', 'Alexandr Wang'],
      ['scale-ai', 'Scale AI'],
    ]);
    expect(marks('Alexandr Wang, nicht zu verwechseln mit „Alex Wang“, leitet bei Meta das Labor.', 'de')).toEqual([
      ['alexandr-wang', 'Alexandr Wang'],
      ['meta', 'Meta'],
    ]);
    // Without the warning both forms are the one person; between two of our people it changes nothing.
    expect(marks('Alexandr Wang and Alexander Wang at Meta')).toEqual([
      ['alexandr-wang', 'Alexandr Wang'],
      ['alexandr-wang', 'Alexander Wang'],
      ['meta', 'Meta'],
    ]);
    expect(marks('Yann LeCun, not to be confused with Alexandr Wang at Meta')).toEqual([
      ['yann-lecun', 'Yann LeCun'],
      ['alexandr-wang', 'Alexandr Wang'],
      ['meta', 'Meta'],
    ]);
  });
});

describe('language tags and the language guess', () => {
  it('guesses the language of a block from its script or its common words', () => {
    expect(guessLanguage('메타는 새 모델을 공개했다')).toBe('ko');
    expect(guessLanguage('ザッカーバーグ氏は述べた')).toBe('ja');
    expect(guessLanguage('扎克伯格表示')).toBe('zh');
    expect(guessLanguage('Das war ruck, zuck erledigt und die Sache ist nicht mehr offen.')).toBe('de');
    expect(blockLanguage('Zuck', 'en-GB')).toBe('en');
    expect(blockLanguage('Zuck', null)).toBeNull();
  });

  it('counts Zuck in the languages that use the nickname, never in German', () => {
    expect(marks('E cosa fa Zuck? Spende miliardi per Meta e per Scale AI.', 'it')).toEqual([
      ['mark-zuckerberg', 'Zuck'],
      ['meta', 'Meta'],
      ['scale-ai', 'Scale AI'],
    ]);
    expect(marks('Das ging Ruck-Zuck, sagte der Meta-Chef Mark Zuckerberg.', 'de')).toEqual([
      ['meta', 'Meta'],
      ['mark-zuckerberg', 'Mark Zuckerberg'],
    ]);
  });

  it('takes lower-case meta for Meta only in Chinese, Japanese and Korean text', () => {
    expect(marks('meta公司首席AI科學家楊立昆')).toEqual([
      ['meta', 'meta'],
      ['yann-lecun', '楊立昆'],
    ]);
    expect(marks('la meta del viaje de Zuckerberg', 'es')).toEqual([['mark-zuckerberg', 'Zuckerberg']]);
  });
});

describe('addresses, slugs, look-alike phrases and shouting', () => {
  it('finds no name inside an address or a slug', () => {
    const url = 'https://ai.meta.com/people/yann-lecun/';
    expect(inAddress(url, url.indexOf('meta'), url.indexOf('meta') + 4)).toBe(true);
    expect(isSlug(url, url.indexOf('yann'), url.indexOf('yann') + 10, true)).toBe(true);
    expect(marks(`Yann LeCun: ${url}`)).toEqual([['yann-lecun', 'Yann LeCun']]);
  });

  it('reads spaces as JavaScript does, for every UTF-16 unit (without a regular expression)', () => {
    const disagree: number[] = [];
    for (let code = 0; code < 0x10000; code++)
      if (isSpace(code) !== /\s/.test(String.fromCharCode(code))) disagree.push(code);
    expect(disagree).toEqual([]);
  });

  it('reads a lower-case "platforms" after Meta as a common noun, not the company name', () => {
    expect(marks('The AI on Meta platforms is powered by Llama models; Meta Platforms, Inc. reported.')).toEqual([
      ['meta', 'Meta'],
      ['llama', 'Llama'],
      ['meta', 'Meta Platforms'],
    ]);
  });

  it('leaves meta tags, FAIR data and mean sea level alone', () => {
    expect(marks('Add META KEYWORDS and a Meta Description to every page.')).toEqual([]);
    expect(marks('Our data follow the FAIR principles.')).toEqual([]);
    expect(marks('The station stands 40 m above MSL (mean sea level).')).toEqual([]);
  });

  it('does not take a shouted word for an acronym, but keeps it in a headline about the lab', () => {
    expect(marks('IT IS ONLY FAIR TO SAY SO')).toEqual([]);
    expect(marks('Meta folds FAIR into MSL, the superintelligence lab led by Alexandr Wang')).toEqual([
      ['meta', 'Meta'],
      ['fair', 'FAIR'],
      ['meta-superintelligence-labs', 'MSL'],
      ['alexandr-wang', 'Alexandr Wang'],
    ]);
  });

  it('knows spellings of names the press uses', () => {
    expect(marks('Yann Le Cun, Lecun and ScaleAI; the Superintelligence Lab at Meta')).toEqual([
      ['yann-lecun', 'Yann Le Cun'],
      ['yann-lecun', 'Lecun'],
      ['scale-ai', 'ScaleAI'],
      ['meta-superintelligence-labs', 'Superintelligence Lab'],
      ['meta', 'Meta'],
    ]);
    expect(marks('Die Strategie von Zukerberg und Zuckerburg; 查克柏格在AI人才爭奪戰中')).toEqual([
      ['mark-zuckerberg', 'Zukerberg'],
      ['mark-zuckerberg', 'Zuckerburg'],
      ['mark-zuckerberg', '查克柏格'],
    ]);
    expect(isPinyinName('Xiaochuan')).toBe(true);
    expect(isPinyinName('Alexandr')).toBe(false);
  });
});
