import { describe, expect, it } from 'vitest';
import { frameCost } from '../../../bench/lib/firefox.ts';

/** Frames every 16 ms from `from` until `to`, skipping those inside `holes` ([start, end) pairs). */
function frames(from: number, to: number, holes: readonly [number, number][] = []): number[] {
  const out: number[] = [];
  for (let t = from; t < to; t += 16) if (!holes.some(([a, b]) => t >= a && t < b)) out.push(t);
  return out;
}

describe('frameCost (the Firefox benchmark window)', () => {
  it('counts only the frames and idle periods inside the window', () => {
    const data = { frames: frames(0, 2000), idle: [100, 10, 1500, 10, 2500, 40] };
    const cost = frameCost(data, 1000, 2000);
    expect(cost.windowMs).toBe(1000);
    expect(cost.frames).toBe(frames(0, 2000).filter((t) => t >= 1000).length);
    // One idle period of 10 ms inside: (1000 - 10) / frames.
    expect(cost.busyMsPerFrame).toBeCloseTo(990 / cost.frames, 6);
    expect(cost.longGaps).toBe(0);
  });

  it('finds the longest gap between frames, the window edges included', () => {
    const data = { frames: frames(0, 1000, [[400, 520]]), idle: [] };
    const cost = frameCost(data, 0, 1000);
    expect(cost.longestGapMs).toBe(144); // 384 -> 528
    expect(cost.longGaps).toBe(1);
    // No frame at all: the whole window is one gap.
    expect(frameCost({ frames: [], idle: [] }, 0, 300)).toMatchObject({ frames: 0, longestGapMs: 300, longGaps: 1 });
  });

  it('does not count idle time past the window end', () => {
    const data = { frames: frames(0, 100), idle: [90, 50] };
    const cost = frameCost(data, 0, 100);
    expect(cost.busyMsPerFrame).toBeCloseTo((100 - 10) / cost.frames, 6);
  });
});
