/**
 * Chinese names in Latin script: a Chinese surname (one pinyin syllable: "Wang", not "Zuckerberg")
 * next to a capitalised word made of pinyin syllables is someone's full name ("Wang Xiaochuan",
 * "Wang Yi", "Xiaolong Wang", "Jianyi Wang"). Many other
 * short given names happen to spell pinyin too (Ben, Dean, Randi), and those are other people as
 * well. Titles and verbs in headlines (CEO, Chef, Says, Leads) do not, so a name stays ours there.
 */

const SYLLABLES =
  'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng ' +
  'cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu ' +
  'cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ' +
  'ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan ' +
  'guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian ' +
  'jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan ' +
  'kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun ' +
  'luo lv lve ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei ' +
  'nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nun nuo nv nve o ou pa pai pan pang pao pei pen peng ' +
  'pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ' +
  'ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei ' +
  'shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao ' +
  'te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang ' +
  'xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan ' +
  'zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang ' +
  'zhui zhun zhuo zi zong zou zu zuan zui zun zuo';

const SYLLABLE_SET: ReadonlySet<string> = new Set(SYLLABLES.split(' '));
/** The longest syllable (zhuang, shuang, chuang). */
const MAX_SYLLABLE = 6;
const MAX_SYLLABLES = 4;

function splits(word: string, from: number, left: number): boolean {
  if (from === word.length) return true;
  if (left === 0) return false;
  for (let len = Math.min(MAX_SYLLABLE, word.length - from); len >= 1; len--) {
    if (SYLLABLE_SET.has(word.slice(from, from + len)) && splits(word, from + len, left - 1)) return true;
  }
  return false;
}

/** True for a word that is one pinyin syllable in any case ("wang", "Li"): what a Chinese surname is. */
export function isPinyinSyllable(word: string): boolean {
  return SYLLABLE_SET.has(word.toLowerCase());
}

/** True for a capitalised ASCII word (then lower case) that is one to four pinyin syllables: "Xiaochuan", "Yi". */
export function isPinyinName(word: string): boolean {
  if (word.length < 2 || word.length > 14 || !/^[A-Z][a-z]+$/.test(word)) return false;
  return splits(word.toLowerCase(), 0, MAX_SYLLABLES);
}
