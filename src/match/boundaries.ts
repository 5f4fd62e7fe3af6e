/**
 * Where a name may start and end, by script. Latin-script names need a non-letter on either side
 * (see text-scan.ts); a CJK, Kana or Hangul neighbour counts as a boundary, so "Metaの",
 * "LeCun은" and "获得者Yann LeCun。" are names. Names written in those scripts follow their own
 * rules: Han runs have no word breaks at all, a Katakana name must not continue a Katakana word
 * (メタ is not in メタバース), and a Hangul name must not continue a Hangul word and may be
 * followed only by particles (메타는, 르쿤의 but not 메타버스).
 */
import * as chars from './chars.ts';
import * as scanText from './text-scan.ts';

const { CJK, HANGUL, KATAKANA, charClass, scriptOf } = chars;
const { isEndBoundary, nextSignificant, prevSignificant } = scanText;

/**
 * Korean particles and endings that attach to a name, longest first. A Hangul name followed by
 * Hangul counts only when the Hangul that follows is a run of these.
 */
const KOREAN_PARTICLES: readonly string[] = [
  '에게서',
  '이라는',
  '이라고',
  '에서',
  '에게',
  '께서',
  '한테',
  '으로',
  '까지',
  '부터',
  '보다',
  '처럼',
  '이나',
  '이랑',
  '이며',
  '라는',
  '라고',
  '와의',
  '과의',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '의',
  '와',
  '과',
  '도',
  '에',
  '께',
  '로',
  '만',
  '나',
  '랑',
  '며',
  '씨',
  '측',
  '사',
];

/** How many particles may follow one another ("메타에서는"). */
const MAX_PARTICLES = 3;

function startsWith(text: string, at: number, word: string): boolean {
  return text.startsWith(word, at);
}

/** True when the Hangul from `pos` is a run of particles followed by something that is not Hangul. */
function particlesOnly(text: string, pos: number): boolean {
  let i = pos;
  for (let n = 0; n < MAX_PARTICLES; n++) {
    const particle = KOREAN_PARTICLES.find((p) => startsWith(text, i, p));
    if (particle === undefined) return false;
    i = nextSignificant(text, i + particle.length);
    if (i >= text.length || scriptOf(text.charCodeAt(i)) !== HANGUL) return true;
  }
  return false;
}

/** The script of the unit before `pos` (ignorables skipped), or 0. */
function scriptBefore(text: string, pos: number): number {
  const i = prevSignificant(text, pos);
  return i < 0 ? 0 : scriptOf(text.charCodeAt(i));
}

/** True when a name whose first unit is the CJK unit at `pos` may start there. */
export function cjkStartAllowed(text: string, pos: number, code: number): boolean {
  const script = scriptOf(code);
  if (script === KATAKANA || script === HANGUL) return scriptBefore(text, pos) !== script;
  return true;
}

/**
 * True when a name may end at `end`, `last` being the code unit it ends with: the Latin rule
 * (a non-letter or a possessive next) or the rule of the name's last script.
 */
export function nameEndAllowed(text: string, end: number, last: number): boolean {
  if (charClass(last) !== CJK) return isEndBoundary(text, end);
  const script = scriptOf(last);
  if (script !== KATAKANA && script !== HANGUL) return true;
  const next = nextSignificant(text, end);
  if (next >= text.length || scriptOf(text.charCodeAt(next)) !== script) return true;
  return script === HANGUL && particlesOnly(text, next);
}

/** True when a term whose first unit is `first` may start at `pos` (a word or a CJK name start). */
export function nameStartAllowed(text: string, pos: number, first: number): boolean {
  const cls = charClass(first);
  if (cls === CJK) return cjkStartAllowed(text, pos, first);
  const before = prevSignificant(text, pos);
  return before < 0 || charClass(text.charCodeAt(before)) !== chars.WORD;
}
