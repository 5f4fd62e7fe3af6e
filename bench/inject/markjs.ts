/**
 * mark.js 8.11.1, the highlighter people reach for, with the same aliases: across elements,
 * whole words only ("exactly"), names as phrases. Its other options stay at their defaults
 * (case-insensitive, diacritics-tolerant). It wraps each match in <mark>, so it changes the page:
 * the runner gives it a fresh load every time. The runner injects mark.js itself into this world.
 */
import { ALIASES } from './aliases.ts';

interface MarkOptions {
  readonly acrossElements: boolean;
  readonly accuracy: 'exactly';
  readonly separateWordSearch: boolean;
  readonly done: (marks: number) => void;
}
type MarkConstructor = new (context: Element) => { mark(keywords: readonly string[], options: MarkOptions): void };

export function markJs(root: Element): Promise<{ ms: number; marks: number }> {
  const Mark = (globalThis as unknown as { Mark?: MarkConstructor }).Mark;
  if (!Mark) throw new Error('mark.js is not loaded in this world');
  const keywords = [...new Set(ALIASES.map((a) => a.text))];
  return new Promise((resolve) => {
    const t0 = performance.now();
    new Mark(root).mark(keywords, {
      acrossElements: true,
      accuracy: 'exactly',
      separateWordSearch: false,
      done: (marks) => resolve({ ms: performance.now() - t0, marks }),
    });
  });
}
