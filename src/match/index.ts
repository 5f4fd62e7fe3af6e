export { compileMatcher } from './matcher.ts';
export type { Matcher, BlockScan, MatcherOptions } from './matcher.ts';
export { CONTEXT_WINDOW } from './context.ts';
export { joinSegments, locateOffset } from './segments.ts';
export type { JoinedText, SegmentOffset } from './segments.ts';
export * from './types.ts';
