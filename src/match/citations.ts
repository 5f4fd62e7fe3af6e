/**
 * Author citations by surname are never a mention of the person: "Wang et al. (2023)", "Wang and
 * colleagues", "Wang und Kollegen", "Zhang, Wang and Li (2023)", "(Wang, 2023)", a reference-list
 * entry "LeCun, Y., Bengio, Y." or "Wang JB, Wang HJ". Most readers of such text meet a namesake,
 * and even when it is the person, the card would describe a role the sentence is not about.
 * A full name is different: "developed by Yann LeCun and his colleagues" names the man himself,
 * so the rule applies to bare surnames only.
 * The markers are data (the dataset's citationMarkers); the shapes around them are this rule.
 */
import * as chars from './chars.ts';

// Module-local copies: imported bindings may compile to getter calls (see matcher.ts).
const { CJK, charClass, fold, foldKey, isSpace, isUpper } = chars;

/** Units that may follow a name in a citation besides a marker's first letter: ", Zhang", "(2023)", "[4]", "& Li", "and", "und", "et", "e", "y". */
const CITATION_LEADS = ',([&auey';

/** How many further names a citation's author list may hold before its marker or year. */
const MAX_LIST_NAMES = 8;
/** How far after the name the citation may end. */
const MAX_LOOKAHEAD = 160;

const YEAR_IN_PARENS = /^\s*[([]\s*(?:1[89]|20)\d\d[a-z]?\s*[)\],;]/;
const YEAR_IN_LIST = /^\s*,\s*(?:1[89]|20)\d\d[a-z]?\s*[)\];]/;
// "LeCun, Y." / "Wang, A. B." and Vancouver style "Wang JB," / "LeCun Y."
const REFERENCE_INITIALS = /^(?:,\s*\p{Lu}\.(?:\s?-?\p{Lu}\.)*|\s\p{Lu}{1,2}(?:[,.;]|$))/u;
// A list separator and the next author: ", Zhang", " and Li", " & Hinton", ", and Le Cun"
const NEXT_NAME =
  /^(?:\s*,\s*(?:(?:and|und|et|e|y|&)\s+)?|\s+(?:and|und|et|e|y|&)\s+|\s*&\s*)(?:\p{Lu}\.\s*)*(?:(?:van|von|de|der|le|la|di|da)\s+)?\p{Lu}[\p{L}\p{M}'’-]*/u;
// An initial before the surname with nothing name-like before it: "Y. LeCun", "A. B. Wang"
const INITIALS_BEFORE = /(?:^|[^\p{L}\p{M}.\s]\s*|\s(?:and|&|und|et)\s+)(?:\p{Lu}\.\s*)+$/u;

/** Compiled markers: Latin-script ones match as words after a space, CJK ones right after a Latin name. */
export class CitationRule {
  private readonly latin: RegExp | null;
  private readonly cjk: readonly string[];
  /** Folded units a citation can continue with after the name (or a capital, for initials). */
  private readonly leads = new Set<number>();

  constructor(markers: readonly string[]) {
    const latin: string[] = [];
    const cjk: string[] = [];
    for (const raw of markers) {
      const marker = raw.trim();
      if (marker.length === 0) continue;
      if (charClass(marker.charCodeAt(0)) === CJK) cjk.push(marker);
      else
        latin.push(
          foldKey(marker)
            .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
            .replace(/ /g, '\\s+'),
        );
    }
    for (const ch of CITATION_LEADS) this.leads.add(ch.charCodeAt(0));
    for (const marker of [...markers.map((m) => m.trim()), ...cjk])
      if (marker.length > 0) this.leads.add(fold(marker.charCodeAt(0)));
    latin.sort((a, b) => b.length - a.length);
    this.latin = latin.length === 0 ? null : new RegExp(`^\\s*,?\\s+(?:${latin.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
    this.cjk = cjk;
  }

  /** True when the bare surname at [start, end) of `text` is part of an author citation. */
  isCitation(text: string, start: number, end: number): boolean {
    // Most names go on with a word no citation starts with ("Wang said"): one look decides.
    let next = end;
    while (next < text.length && isSpace(text.charCodeAt(next))) next++;
    if (next >= text.length) return false;
    const lead = text.charCodeAt(next);
    if (!this.leads.has(fold(lead)) && !isUpper(lead)) return false;
    let rest = text.slice(end, end + MAX_LOOKAHEAD);
    const latinName = charClass(text.charCodeAt(end - 1)) !== CJK;
    if (latinName && REFERENCE_INITIALS.test(rest)) return true;
    for (let n = 0; n <= MAX_LIST_NAMES; n++) {
      if (this.latin?.test(rest)) return true;
      if (latinName && this.cjk.some((marker) => rest.trimStart().startsWith(marker))) return true;
      if (YEAR_IN_PARENS.test(rest) || YEAR_IN_LIST.test(rest)) return true;
      const next = NEXT_NAME.exec(rest);
      if (next === null) break;
      rest = rest.slice(next[0].length);
    }
    // "Y. LeCun, L. Bottou, Y. Bengio": initials before the name and a list after it.
    if (!/^\s*(?:,|and\s|&)/.test(text.slice(end, end + 8))) return false;
    return INITIALS_BEFORE.test(text.slice(Math.max(0, start - 40), start));
  }
}
