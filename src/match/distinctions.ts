/**
 * "Alexandr Wang (not to be confused with Alexander Wang, the fashion designer)": a text that
 * warns against a mix-up names someone else right after the warning. An ambiguous form of one of
 * our people that follows such a marker, right after an unambiguous name of the same person, is
 * that someone else. An unambiguous name after the marker stays ours ("Alexander Wang (not to be
 * confused with Alexandr Wang of Scale AI)" does name Meta's AI chief).
 * The markers are data (the dataset's distinctionMarkers); this rule is where they may stand.
 */
import * as chars from './chars.ts';

// Module-local copies: imported bindings may compile to getter calls (see matcher.ts).
const { SEP, charClass, fold } = chars;

/** How far back from the name the marker may end: quotes, a bracket or a comma between them. */
const MAX_LEAD = 4;
/** How far the warning may stand from the name it distinguishes from ("X, à ne pas confondre avec"). */
export const MAX_DISTANCE = 80;

/** Units that may stand between a marker and the name: spaces, quotes, brackets, a colon. */
function isLead(code: number): boolean {
  return (charClass(code) & SEP) !== 0 || '"\'«»“”„‘’‚‹›「」『』:('.includes(String.fromCharCode(code));
}

/** Folds a marker the way text is compared: lower case, every run of spaces one space. */
function foldMarker(marker: string): string {
  let out = '';
  for (const ch of marker.trim()) out += /\s/.test(ch) ? ' ' : String.fromCharCode(fold(ch.charCodeAt(0)));
  return out.replace(/ +/g, ' ');
}

export class DistinctionRule {
  private readonly markers: readonly string[];

  constructor(markers: readonly string[]) {
    this.markers = markers.map(foldMarker).filter((m) => m.length > 0);
  }

  /** Whether any marker is known: without one the rule never looks at text. */
  get active(): boolean {
    return this.markers.length > 0;
  }

  /** True when a marker ends just before `start` (a few quotes, spaces or a bracket between), after `from`. */
  follows(text: string, from: number, start: number): boolean {
    let end = start;
    for (let n = 0; end > from && n < MAX_LEAD && isLead(text.charCodeAt(end - 1)); n++) end--;
    for (const marker of this.markers) {
      let i = end;
      let k = marker.length;
      while (k > 0 && i > from) {
        const want = marker.charCodeAt(k - 1);
        const code = text.charCodeAt(i - 1);
        if (want === 32) {
          if ((charClass(code) & SEP) === 0) break;
          while (i > from && (charClass(text.charCodeAt(i - 1)) & SEP) !== 0) i--;
          k--;
          continue;
        }
        if (fold(code) !== want) break;
        i--;
        k--;
      }
      // The marker must start a word: "confondre" is not inside a longer word.
      if (k === 0 && (i <= from || charClass(text.charCodeAt(i - 1)) !== chars.WORD)) return true;
    }
    return false;
  }
}
