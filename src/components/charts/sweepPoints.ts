/** The data of a sweep over one setting: one point per run (no Plot here, so tables can use it without loading Plot). */

/** One run of the sweep. */
export interface SweepPoint {
  /** The swept setting's value in this run (a learning rate, a batch size…). */
  value: number;
  /** Cost at the end of training; ignored when diverged or not finite. */
  finalCost: number;
  label?: string;
  diverged?: boolean;
}

/** Whether a sweep point counts as diverged: flagged so, or its final cost is not a finite number. */
export function isDiverged(p: SweepPoint): boolean {
  return !!p.diverged || !Number.isFinite(p.finalCost) || !Number.isFinite(p.value);
}
