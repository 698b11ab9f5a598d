/**
 * Times in the status line: durations in words a reader can read at a glance ("4 min 7 s", "1 h 5 min"), and
 * the remaining time of a run, shown only once its pace is known. Pure: the status line passes the clock in.
 */

/** A duration: "850 ms", "8.2 s", "4 min 7 s", "1 h 5 min"; each unit rounded before it carries (never "4 min 60 s"). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  const minutes = Math.round(ms / 60000);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A point of a run's progress: steps done and time spent running (pauses excluded). */
export interface Clocked {
  step: number;
  elapsedMs: number;
}

/** How much pace an estimate needs: this much running time and this many steps after the first report. */
export const STABLE = { ms: 3000, steps: 5 };

/**
 * Time left to `total` steps at the pace since `first` (the run's first report, whose time holds the warm-up:
 * loading shaders, the first allocation), or null while that pace rests on too little time or too few steps.
 */
export function remainingMs(first: Clocked, last: Clocked, total: number, need = STABLE): number | null {
  const ms = last.elapsedMs - first.elapsedMs;
  const steps = last.step - first.step;
  if (ms < need.ms || steps < need.steps) return null;
  return (Math.max(0, total - last.step) * ms) / steps;
}

/** What the status line knows about a run's clock: its first and latest report, and when they came. */
export interface RunClock {
  first: Clocked | null;
  last: Clocked | null;
  /** Page time (ms) when `last` arrived. */
  lastAt: number;
  /** Page time when the run last started or resumed running. */
  runningSince: number | null;
}

/**
 * Elapsed and remaining time at page time `now`. While the run is running, both move with the clock between
 * reports (a slow step does not freeze them); the estimate is dropped once it would say less than a second.
 */
export function liveTimes(
  clock: RunClock,
  total: number,
  running: boolean,
  now: number,
): { elapsedMs: number; remainingMs: number | null } {
  // Time running since the latest report, or since a resume that came after it (pauses do not count).
  const from = Math.max(clock.last ? clock.lastAt : -Infinity, clock.runningSince ?? -Infinity);
  const since = running && Number.isFinite(from) ? Math.max(0, now - from) : 0;
  const elapsedMs = (clock.last?.elapsedMs ?? 0) + since;
  const estimate = clock.first && clock.last ? remainingMs(clock.first, clock.last, total) : null;
  const left = estimate === null ? null : estimate - since;
  return { elapsedMs, remainingMs: left !== null && left >= 1000 ? left : null };
}

/** An estimate, no more precise than it is: "~12 s", "~4 min 7 s", "~1 h 5 min" (callers add the "~"). */
export function formatEstimate(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds} s` : formatDuration(seconds * 1000);
}
