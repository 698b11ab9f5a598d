/**
 * The best epoch of a run: the evaluation with the lowest validation loss, the one early stopping keeps. "Lowest"
 * means strictly lower than every earlier one, so the first of equal values wins, as in Keras'
 * `EarlyStopping(monitor="val_loss", restore_best_weights=True)` (and the engine's early stopping,
 * `src/engine/train/early-stopping.ts`); values that are not finite (a diverged or missing loss) never win.
 * Source: Prechelt, "Early Stopping — But When?", in Neural Networks: Tricks of the Trade (1998).
 *
 * Pure TypeScript: no Plot, no tfjs, no DOM.
 */

/** The item with the lowest finite `value` (the first of equals); undefined when none has a finite value. */
export function lowestBy<T>(items: Iterable<T>, value: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestValue = Infinity;
  let found = false;
  for (const item of items) {
    const v = value(item);
    if (!Number.isFinite(v)) continue;
    if (!found || v < bestValue) {
      best = item;
      bestValue = v;
      found = true;
    }
  }
  return best;
}

/** A loss measurement; points with a `metric` other than the one asked for are ignored. */
export interface LossPoint {
  epoch: number;
  step?: number;
  value: number;
  metric?: string;
}

/**
 * The point with the lowest finite value (the first on a tie) among `points` of `metric` (points without a
 * metric count as that metric); null when there is none.
 */
export function bestEpoch<P extends LossPoint>(points: readonly P[], metric = 'validation cost'): P | null {
  return (
    lowestBy(
      points.filter((p) => p.metric === undefined || p.metric === metric),
      (p) => p.value,
    ) ?? null
  );
}
