import { describe, expect, it } from 'vitest';
import { createThrottle, type Clock } from '../../../src/components/experiment/throttle';

/** A hand-driven clock: timers fire only when `advance` passes them. */
function manualClock() {
  let t = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 0;
  const clock: Clock = {
    now: () => t,
    setTimeout: (fn, ms) => {
      timers.push({ at: t + ms, fn, id: ++next });
      return next;
    },
    clearTimeout: (id) => {
      timers = timers.filter((x) => x.id !== id);
    },
  };
  const advance = (ms: number) => {
    const end = t + ms;
    for (;;) {
      const due = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((x) => x !== due);
      t = due.at;
      due.fn();
    }
    t = end;
  };
  return { clock, advance };
}

describe('createThrottle', () => {
  it('runs at once after a quiet spell, then at most once per interval while requests keep coming', () => {
    const { clock, advance } = manualClock();
    const runs: number[] = [];
    const th = createThrottle(() => runs.push(clock.now()), 100, clock);
    th.request();
    advance(0);
    expect(runs).toEqual([0]);
    for (let i = 0; i < 20; i++) {
      th.request();
      advance(25);
    }
    // 500 ms of requests every 25 ms: runs at 100, 200, 300, 400, 500.
    expect(runs).toEqual([0, 100, 200, 300, 400, 500]);
  });

  it('serves the last request even when it comes just after a run', () => {
    const { clock, advance } = manualClock();
    let calls = 0;
    const th = createThrottle(() => calls++, 100, clock);
    th.request();
    advance(1);
    th.request();
    advance(50);
    expect(calls).toBe(1);
    advance(60);
    expect(calls).toBe(2);
  });

  it('cancel drops the pending run', () => {
    const { clock, advance } = manualClock();
    let calls = 0;
    const th = createThrottle(() => calls++, 100, clock);
    th.request();
    th.cancel();
    advance(500);
    expect(calls).toBe(0);
  });
});
