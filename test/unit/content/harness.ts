/**
 * Test harness for the page engine under happy-dom, which has no CSS Custom Highlight API: a
 * minimal registry and Highlight (a Set of ranges, as the real one is set-like). happy-dom has no
 * StaticRange either: importing this module installs a minimal one (four positions, not updated).
 */
import { afterEach, beforeEach } from 'vitest';
import {
  compileMatcher,
  type BlockScan,
  type Matcher,
  type MatchAlias,
  type MatchEntity,
} from '../../../src/match/index.ts';
import { PageEngine, type EngineSettings } from '../../../src/content/engine/engine.ts';
import { textAt } from '../../../src/content/mention-range.ts';

/** StaticRange as the DOM defines it: positions given once, never updated by the document. */
export class FakeStaticRange implements StaticRange {
  readonly startContainer: Node;
  readonly startOffset: number;
  readonly endContainer: Node;
  readonly endOffset: number;
  constructor(init: StaticRangeInit) {
    this.startContainer = init.startContainer;
    this.startOffset = init.startOffset;
    this.endContainer = init.endContainer;
    this.endOffset = init.endOffset;
  }
  get collapsed(): boolean {
    return this.startContainer === this.endContainer && this.startOffset === this.endOffset;
  }
}

/** Installs FakeStaticRange where the environment has no StaticRange (happy-dom). */
export function installStaticRange(): void {
  for (const target of [globalThis, typeof window === 'undefined' ? null : window])
    if (target !== null && typeof (target as { StaticRange?: unknown }).StaticRange !== 'function')
      Object.defineProperty(target, 'StaticRange', { value: FakeStaticRange, configurable: true, writable: true });
}
installStaticRange();

export class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
}

/** Installs a fake `CSS.highlights` (`registry`) and `Highlight` on the window. */
export function installFakeHighlights(registry = new Map<string, FakeHighlight>()): Map<string, FakeHighlight> {
  // happy-dom's window.CSS is a getter returning a fresh object: replace the property.
  Object.defineProperty(window, 'CSS', { value: { highlights: registry }, configurable: true, writable: true });
  Object.defineProperty(window, 'Highlight', { value: FakeHighlight, configurable: true, writable: true });
  return registry;
}

/** The engines started by the current test (see useEnginePage). */
const started = new Set<AbortController>();

/**
 * The page of an engine test file; call once at its top. Before each test: the fake highlight
 * registry (the one returned, emptied and installed again) and an empty body. After each test:
 * every engine the test started is stopped.
 */
export function useEnginePage(): Map<string, FakeHighlight> {
  const registry = new Map<string, FakeHighlight>();
  beforeEach(() => {
    installFakeHighlights(registry).clear();
    document.body.replaceChildren();
  });
  afterEach(() => {
    for (const controller of started) controller.abort();
    started.clear();
  });
  return registry;
}

function alias(text: string, rule: 'any' | 'exact', needsContext = false): MatchAlias {
  return { text, case: rule, needsContext, lang: null };
}

export const ENTITIES: readonly MatchEntity[] = [
  {
    id: 'mark-zuckerberg',
    aliases: [alias('Mark Zuckerberg', 'any'), alias('Zuckerberg', 'exact')],
    excludes: ['Randi Zuckerberg'],
    context: [],
  },
  {
    id: 'alexandr-wang',
    aliases: [alias('Alexandr Wang', 'any'), alias('Wang', 'exact', true)],
    excludes: ['Vera Wang'],
    context: ['Scale AI'],
  },
  { id: 'scale-ai', aliases: [alias('Scale AI', 'exact')], excludes: [], context: [] },
];

/** A matcher that records every string it was asked to scan. */
export function recordingMatcher(entities: readonly MatchEntity[] = ENTITIES): { matcher: Matcher; scanned: string[] } {
  const inner = compileMatcher(entities);
  const scanned: string[] = [];
  const matcher: Matcher = {
    scan(text: string): BlockScan {
      scanned.push(text);
      return inner.scan(text);
    },
    find: (text) => inner.find(text),
  };
  return { matcher, scanned };
}

export const DEFAULTS: EngineSettings = { markStyle: 'underline', hiddenEntities: [], firstMentionOnly: false };

export interface Harness {
  readonly engine: PageEngine;
  readonly scanned: string[];
  readonly controller: AbortController;
  /** Waits for the mutation observer and the engine to finish. */
  settle(): Promise<void>;
}

export async function startEngine(
  settings: Partial<EngineSettings> = {},
  options: { maxMarks?: number; failOn?: string } = {},
): Promise<Harness> {
  const recording = recordingMatcher();
  const { scanned } = recording;
  const { failOn, ...engineOptions } = options;
  const matcher: Matcher =
    failOn === undefined
      ? recording.matcher
      : {
          scan(text) {
            if (text.includes(failOn)) throw new Error('matcher failure for the test');
            return recording.matcher.scan(text);
          },
          find: (text) => recording.matcher.find(text),
        };
  const controller = new AbortController();
  started.add(controller);
  const engine = new PageEngine({
    doc: document,
    matcher,
    entityIds: ENTITIES.map((e) => e.id),
    settings: { ...DEFAULTS, ...settings },
    signal: controller.signal,
    ...engineOptions,
  });
  if (!engine.start()) throw new Error('engine did not start');
  const settle = async (): Promise<void> => {
    // Mutation records arrive in a microtask; the engine flushes them on the next frame.
    await new Promise((r) => setTimeout(r, 0));
    await engine.whenIdle();
  };
  await settle();
  return { engine, scanned, controller, settle };
}

/** The text under each range of an entity's highlight. */
export function marked(registry: Map<string, FakeHighlight>, entityId: string): string[] {
  const h = registry.get(`context-cards-${entityId}`);
  return h ? [...h].map((r) => textAt(r)) : [];
}
