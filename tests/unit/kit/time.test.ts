/** The status line's times: durations carry into minutes and hours; no estimate before the pace is known. */
import { describe, expect, it } from 'vitest';
import { formatDuration, formatEstimate, liveTimes, remainingMs, type RunClock } from '../../../src/components/experiment/time';

describe('formatDuration', () => {
  it('rounds each unit before it carries: never "60 s" or "60 min"', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(999.6)).toBe('1.0 s');
    expect(formatDuration(8_240)).toBe('8.2 s');
    expect(formatDuration(59_960)).toBe('1 min 0 s');
    expect(formatDuration(4 * 60_000 + 59_700)).toBe('5 min 0 s');
    expect(formatDuration(4 * 60_000 + 7_000)).toBe('4 min 7 s');
  });

  it('formats hours', () => {
    expect(formatDuration(179 * 60_000 + 22_000)).toBe('2 h 59 min');
    expect(formatDuration(3_599_700)).toBe('1 h 0 min');
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 5 min');
  });

  it('says nothing it cannot know', () => {
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(-5)).toBe('—');
  });

  it('rounds an estimate to whole seconds', () => {
    expect(formatEstimate(8_240)).toBe('8 s');
    expect(formatEstimate(59_600)).toBe('1 min 0 s');
    expect(formatEstimate(400)).toBe('1 s');
  });
});

describe('remainingMs', () => {
  const first = { step: 1, elapsedMs: 2_000 };
  it('is null until the pace rests on a few seconds and a few steps after the first report', () => {
    expect(remainingMs(first, { step: 40, elapsedMs: 4_900 }, 100)).toBeNull();
    expect(remainingMs(first, { step: 4, elapsedMs: 9_000 }, 100)).toBeNull();
    // 3 s for 30 steps after the warm-up: 100 ms a step, 70 steps to go.
    expect(remainingMs(first, { step: 31, elapsedMs: 5_000 }, 101)).toBeCloseTo(7_000);
  });

  it('leaves the first step (the warm-up) out of the pace', () => {
    // A first step of 60 s, then 10 ms a step: 1,000 steps left take 10 s, not hours.
    const slowStart = { step: 1, elapsedMs: 60_000 };
    expect(remainingMs(slowStart, { step: 501, elapsedMs: 65_000 }, 1_501)).toBeCloseTo(10_000);
  });
});

describe('liveTimes', () => {
  const clock: RunClock = { first: { step: 1, elapsedMs: 500 }, last: { step: 51, elapsedMs: 5_500 }, lastAt: 10_000, runningSince: 9_000 };
  it('moves elapsed and remaining time with the clock between reports while running', () => {
    expect(liveTimes(clock, 151, true, 10_000)).toEqual({ elapsedMs: 5_500, remainingMs: 10_000 });
    // A slow step: no report for 4 s, yet the clock moves.
    expect(liveTimes(clock, 151, true, 14_000)).toEqual({ elapsedMs: 9_500, remainingMs: 6_000 });
  });

  it('drops an estimate that has run out, and stands still while paused', () => {
    expect(liveTimes(clock, 151, true, 19_500).remainingMs).toBeNull();
    expect(liveTimes(clock, 151, false, 50_000)).toEqual({ elapsedMs: 5_500, remainingMs: 10_000 });
  });

  it('counts from a resume, not from the last report before the pause', () => {
    expect(liveTimes({ ...clock, runningSince: 30_000 }, 151, true, 31_000).elapsedMs).toBe(6_500);
  });

  it('counts from the start before the first report', () => {
    expect(liveTimes({ first: null, last: null, lastAt: 0, runningSince: 1_000 }, 0, true, 4_000)).toEqual({
      elapsedMs: 3_000,
      remainingMs: null,
    });
  });
});
