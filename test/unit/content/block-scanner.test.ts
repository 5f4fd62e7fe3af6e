// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { BlockScanner } from '../../../src/content/engine/block-scanner.ts';
import { MAX_RUN_CHARS } from '../../../src/content/engine/constants.ts';
import { textAt } from '../../../src/content/mention-range.ts';
import { recordingMatcher } from './harness.ts';

beforeEach(() => document.body.replaceChildren());

describe('BlockScanner', () => {
  it('cuts a huge text node at whitespace, so no matcher call sees more than MAX_RUN_CHARS', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(200);
    const parts: string[] = [];
    for (let i = 0; i < 30; i++) parts.push(filler, `Mark Zuckerberg ${i} `);
    const text = parts.join('');
    expect(text.length).toBeGreaterThan(MAX_RUN_CHARS * 4);
    const pre = document.createElement('pre');
    pre.textContent = text;
    document.body.append(pre);
    const { matcher, scanned } = recordingMatcher();
    const scanner = new BlockScanner(matcher);
    scanner.begin(pre);
    expect(scanner.step(Number.POSITIVE_INFINITY)).toBe(true);
    expect(scanned.length).toBeGreaterThan(3);
    expect(Math.max(...scanned.map((s) => s.length))).toBeLessThanOrEqual(MAX_RUN_CHARS);
    expect(scanned.join('')).toBe(text);
    // Cut at whitespace: every name survives, with offsets into the one text node.
    expect(scanner.mentions.filter((m) => textAt(m.at) === 'Mark Zuckerberg')).toHaveLength(30);
    const last = scanner.mentions[scanner.mentions.length - 1]?.at;
    expect(last?.startContainer).toBe(pre.firstChild);
    expect(last?.startOffset).toBe(text.lastIndexOf('Mark Zuckerberg'));
  });

  it('pauses at a deadline and resumes with the same result', () => {
    const div = document.createElement('div');
    for (let i = 0; i < 300; i++) {
      const span = document.createElement('span');
      span.textContent = i % 50 === 0 ? 'Alexandr Wang ' : 'word ';
      div.append(span);
    }
    document.body.append(div);
    const { matcher } = recordingMatcher();
    const scanner = new BlockScanner(matcher);
    scanner.begin(div);
    let steps = 1;
    // A deadline in the past: each step reads one clock-check's worth of nodes.
    while (!scanner.step(0)) steps++;
    expect(steps).toBeGreaterThan(3);
    expect(scanner.lastKey).toBe(div);
    expect(scanner.mentions.map((m) => textAt(m.at))).toEqual(Array(6).fill('Alexandr Wang'));
    expect(scanner.strong.has('alexandr-wang')).toBe(true);
  });

  it('reports nested blocks, shadow roots and frames instead of reading them', () => {
    const outer = document.createElement('div');
    const inner = document.createElement('section');
    inner.textContent = 'Zuckerberg';
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    // <frame> rather than <iframe>: happy-dom would try to load an iframe; the rule is the same.
    const frame = document.createElement('frame');
    outer.append('Scale ', inner, 'AI', host, frame);
    document.body.append(outer);
    const { matcher, scanned } = recordingMatcher();
    const scanner = new BlockScanner(matcher);
    scanner.begin(outer);
    scanner.step(Number.POSITIVE_INFINITY);
    expect(scanned).toEqual(['Scale ', 'AI']);
    expect(scanner.childBlocks).toEqual([inner, host]);
    expect(scanner.frames).toEqual([frame]);
    // The walk that finds a block reads its shadow root (once), so reading the block needn't.
    expect(scanner.shadowRoots).toEqual([root]);
    scanner.begin(host, document, true, false);
    scanner.step(Number.POSITIVE_INFINITY);
    expect(scanner.shadowRoots).toEqual([]);
    scanner.begin(host);
    scanner.step(Number.POSITIVE_INFINITY);
    expect(scanner.shadowRoots).toEqual([root]);
  });

  it('lists custom elements read as inline text (no shadow root yet), and no other inline element', () => {
    const p = document.createElement('p');
    const bare = document.createElement('x-name');
    bare.textContent = 'Mark';
    const link = document.createElement('a');
    link.textContent = ' Zuckerberg';
    p.append(bare, link);
    document.body.append(p);
    const { matcher, scanned } = recordingMatcher();
    const scanner = new BlockScanner(matcher);
    scanner.begin(p);
    scanner.step(Number.POSITIVE_INFINITY);
    expect(scanned).toEqual(['Mark Zuckerberg']);
    expect(scanner.bareHosts).toEqual([bare]);
    scanner.begin(link);
    scanner.step(Number.POSITIVE_INFINITY);
    expect(scanner.bareHosts).toEqual([]);
  });
});
