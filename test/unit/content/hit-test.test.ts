// @vitest-environment happy-dom
/**
 * Which mark lies under a point, the way a tap (or the mouse) asks the engine: through
 * `CSS.highlights.highlightsFromPoint` where the browser has it, else through the caret position
 * under the point and the engine's own marks of that block; inside open shadow roots too. happy-dom
 * has no layout: the boxes of ranges and both browser APIs are stand-ins whose calls are recorded.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startEngine, useEnginePage, type FakeHighlight } from './harness.ts';

const registry = useEnginePage();

/** Where each name "is": ranges over that text report this box. */
const BOXES: Readonly<Record<string, DOMRect>> = {
  'Mark Zuckerberg': new DOMRect(0, 0, 120, 20),
  'Scale AI': new DOMRect(200, 0, 60, 20),
};

type CaretPosition = (
  x: number,
  y: number,
  o?: { shadowRoots?: ShadowRoot[] },
) => { offsetNode: Node; offset: number } | null;

beforeEach(() => {
  vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(function (this: Range) {
    const box = BOXES[this.toString()];
    return (box ? [box] : []) as unknown as DOMRectList;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  Reflect.deleteProperty(registry, 'highlightsFromPoint');
  Reflect.deleteProperty(document, 'caretPositionFromPoint');
  Reflect.deleteProperty(document, 'caretRangeFromPoint');
});

function page(): { text: Text; shadowText: Text; root: ShadowRoot } {
  const p = document.createElement('p');
  p.textContent = 'Mark Zuckerberg spoke.';
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  const inner = document.createElement('p');
  inner.textContent = 'Scale AI labels data.';
  root.append(inner);
  document.body.append(p, host);
  return { text: p.firstChild as Text, shadowText: inner.firstChild as Text, root };
}

/** The range the engine shows for an entity (from the fake registry). */
function shownRange(entityId: string): AbstractRange {
  const h = registry.get(`context-cards-${entityId}`) as FakeHighlight | undefined;
  const range = h ? [...h][0] : undefined;
  if (!(range instanceof StaticRange)) throw new Error(`no shown mark for ${entityId}`);
  return range;
}

describe('with highlightsFromPoint', () => {
  it('takes the mark the browser reports under the point, passing our shadow roots', async () => {
    const { root } = page();
    const { engine } = await startEngine();
    const calls: (ShadowRoot[] | undefined)[] = [];
    Object.assign(registry, {
      highlightsFromPoint: (_x: number, _y: number, o?: { shadowRoots?: ShadowRoot[] }) => {
        calls.push(o?.shadowRoots);
        return [{ highlight: registry.get('context-cards-scale-ai'), ranges: [shownRange('scale-ai')] }];
      },
    });
    expect(engine.mentionAt(230, 10)?.entityId).toBe('scale-ai');
    expect(calls[0]).toContain(root);
  });

  it('understands the early form that returned the highlights alone', async () => {
    page();
    const { engine } = await startEngine();
    Object.assign(registry, { highlightsFromPoint: () => [registry.get('context-cards-mark-zuckerberg')] });
    expect(engine.mentionAt(50, 10)?.entityId).toBe('mark-zuckerberg');
  });

  it('asks the caret as well when the browser reports nothing (a shadow root it did not look into)', async () => {
    const { shadowText } = page();
    const { engine } = await startEngine();
    Object.assign(registry, { highlightsFromPoint: () => [] });
    const caret: CaretPosition = () => ({ offsetNode: shadowText, offset: 2 });
    Object.assign(document, { caretPositionFromPoint: caret });
    expect(engine.mentionAt(230, 10)?.entityId).toBe('scale-ai');
  });
});

describe('without highlightsFromPoint (Firefox 140-149, older Chromium)', () => {
  it('takes the caret position under the point and finds the mark among the block’s own marks', async () => {
    const { text, root } = page();
    const { engine } = await startEngine();
    const seen: (ShadowRoot[] | undefined)[] = [];
    const caret: CaretPosition = (_x, _y, o) => {
      seen.push(o?.shadowRoots);
      return { offsetNode: text, offset: 4 };
    };
    Object.assign(document, { caretPositionFromPoint: caret });
    expect(engine.mentionAt(50, 10)?.entityId).toBe('mark-zuckerberg');
    expect(seen[0]).toContain(root);
  });

  it('inside a shadow root', async () => {
    const { shadowText } = page();
    const { engine } = await startEngine();
    const caret: CaretPosition = () => ({ offsetNode: shadowText, offset: 1 });
    Object.assign(document, { caretPositionFromPoint: caret });
    expect(engine.mentionAt(230, 10)?.entityId).toBe('scale-ai');
  });

  it('falls back to caretRangeFromPoint', async () => {
    const { text } = page();
    const { engine } = await startEngine();
    Object.assign(document, {
      caretRangeFromPoint: () => {
        const r = document.createRange();
        r.setStart(text, 3);
        return r;
      },
    });
    expect(engine.mentionAt(50, 10)?.entityId).toBe('mark-zuckerberg');
  });

  it('a caret snapped to the nearest text does not count: the point must be inside the mark’s box', async () => {
    const { text } = page();
    const { engine } = await startEngine();
    const caret: CaretPosition = () => ({ offsetNode: text, offset: 4 });
    Object.assign(document, { caretPositionFromPoint: caret });
    // Below the line, and beside it: the caret would still snap into the name.
    expect(engine.mentionAt(50, 60)).toBeNull();
    expect(engine.mentionAt(150, 10)).toBeNull();
  });

  it('a failing browser API gives no mark rather than an error in the page', async () => {
    page();
    const { engine } = await startEngine();
    Object.assign(document, {
      caretPositionFromPoint: () => {
        throw new Error('broken');
      },
    });
    vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    expect(engine.mentionAt(50, 10)).toBeNull();
  });
});
