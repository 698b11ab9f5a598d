/** The data of a learning-rate sweep: one point per run (no Plot here, so tables can use it without loading Plot). */

/** One run of the sweep. */
export interface SweepPoint {
  learningRate: number;
  /** Cost at the end of training; ignored when diverged or not finite. */
  finalCost: number;
  label?: string;
  diverged?: boolean;
}

/** Whether a sweep point counts as diverged: flagged so, or its final cost is not a finite number. */
export function isDiverged(p: SweepPoint): boolean {
  return !!p.diverged || !Number.isFinite(p.finalCost) || p.learningRate <= 0;
}
