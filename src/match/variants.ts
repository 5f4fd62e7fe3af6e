/**
 * Chinese names are written in traditional or simplified characters, and pages mix them
 * ("馬克·扎克伯格": a traditional 馬 beside a simplified 扎). The dataset lists which characters
 * are interchangeable (`characterVariants`); every alias key is expanded to each way of writing
 * it, so the trie matches any mix at no cost while scanning.
 */

/** Beyond this many spellings of one key, further ones are not added (a guard on a broken pack). */
const MAX_SPELLINGS = 64;

/** Maps each character of a variant group to the whole group. */
export function variantGroups(groups: readonly string[]): ReadonlyMap<string, readonly string[]> {
  const map = new Map<string, string[]>();
  for (const group of groups) {
    const chars = [...new Set(Array.from(group))].filter((ch) => ch.trim().length > 0);
    if (chars.length < 2) continue;
    for (const ch of chars) map.set(ch, chars);
  }
  return map;
}

function hasVariant(key: string, groups: ReadonlyMap<string, readonly string[]>): boolean {
  for (const ch of key) if (groups.has(ch)) return true;
  return false;
}

/** Every other spelling of `key` with its characters swapped for their variants (the key itself excluded). */
export function otherSpellings(key: string, groups: ReadonlyMap<string, readonly string[]>): string[] {
  if (groups.size === 0) return [];
  // Most keys hold no variant character: nothing to expand, nothing to allocate.
  if (!hasVariant(key, groups)) return [];
  const chars = Array.from(key);
  let spellings = [''];
  for (const ch of chars) {
    const options = groups.get(ch) ?? [ch];
    const next: string[] = [];
    for (const prefix of spellings) {
      for (const option of options) {
        if (next.length >= MAX_SPELLINGS) break;
        next.push(prefix + option);
      }
    }
    spellings = next;
  }
  return spellings.filter((spelling) => spelling !== key);
}
