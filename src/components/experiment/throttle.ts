/**
 * A throttle for redraws: while requests keep coming, `fn` runs at most once per `intervalMs` — steadily,
 * not postponed until the requests stop (that would be a debounce) — and the last request is always served.
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

export interface Throttle {
  /** Asks for a run of `fn`: soon if it has not run for `intervalMs`, else at the end of the interval. */
  request(): void;
  /** Drops a pending run (e.g. on unmount). */
  cancel(): void;
}

export function createThrottle(fn: () => void, intervalMs: number, clock: Clock = realClock): Throttle {
  let last = Number.NEGATIVE_INFINITY;
  let timer: unknown = null;
  return {
    request() {
      if (timer !== null) return; // the pending run will see the latest state
      const wait = Math.max(0, last + intervalMs - clock.now());
      timer = clock.setTimeout(() => {
        timer = null;
        last = clock.now();
        fn();
      }, wait);
    },
    cancel() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}
