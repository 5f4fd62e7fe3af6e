export { compileMatcher, newPageMemory } from './matcher.ts';
export type { Matcher, BlockScan, ScanContext } from './matcher.ts';
export type { PageMemory } from './coreference.ts';
export { CONTEXT_WINDOW } from './context.ts';
export { joinSegments, locateOffset } from './segments.ts';
export type { JoinedText, SegmentOffset } from './segments.ts';
export * from './types.ts';
