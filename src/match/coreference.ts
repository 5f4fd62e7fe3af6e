/**
 * Who a bare surname refers to. Each page remembers the people it introduced with a full name,
 * one tally per surname: our entity ("Mark Zuckerberg") or someone else ("Randi Zuckerberg",
 * "Wang Xiaochuan"). A bare "Zuckerberg" then refers to the most talked-about of them so far,
 * counting every mention resolved to each, the most recent one winning a tie. On a page about
 * Randi Zuckerberg that names her brother once, her bare surname stays hers; on a page about
 * Mark Zuckerberg that names his sister once, his stays his. With no full name yet, the bare
 * surname is judged like any other alias.
 */

interface Tally {
  count: number;
  last: number;
}

/** What one page (document) has said so far. Created by the matcher; opaque to callers. */
export class PageMemory {
  private readonly groups = new Map<string, Map<string, Tally>>();
  private clock = 0;

  /** Records a mention of `referent` under the surname `group`. */
  note(group: string, referent: string): void {
    let tallies = this.groups.get(group);
    if (tallies === undefined) {
      tallies = new Map();
      this.groups.set(group, tallies);
    }
    const tally = tallies.get(referent) ?? { count: 0, last: 0 };
    tally.count++;
    tally.last = ++this.clock;
    tallies.set(referent, tally);
  }

  /** The referent a bare surname of `group` points to, or null when the page introduced nobody. */
  resolve(group: string): string | null {
    const tallies = this.groups.get(group);
    if (tallies === undefined) return null;
    let best: string | null = null;
    let bestTally: Tally | null = null;
    for (const [referent, tally] of tallies) {
      if (
        bestTally === null ||
        tally.count > bestTally.count ||
        (tally.count === bestTally.count && tally.last > bestTally.last)
      ) {
        best = referent;
        bestTally = tally;
      }
    }
    return best;
  }
}
