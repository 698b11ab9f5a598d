/**
 * When a learning-curve chart gets its first point. Curves of held-out sets (and of a training subset evaluated
 * like them) come from evaluations, at the end of each epoch or every n steps; training-batch curves from recorded
 * steps, the first at step 1. While a run has not reached that point the chart says when it will, instead of
 * "appears once you train" (a batch-2 run of 154 steps an epoch shows nothing for its first 153 steps).
 */
import type { ExperimentSpec } from '../../../engine/spec/schema';
import type { Split } from '../../charts/series';
import { stepsPerEpoch, totalSteps } from '../../../engine/spec/arithmetic';

/** The first step with a point for the chart, and the epoch it ends when evaluations come once an epoch. */
export interface FirstPoint {
  step: number;
  /** Set when the point comes at the end of this epoch (evaluations every epoch). */
  endOfEpoch: number | null;
}

/**
 * The first point of a chart drawing `splits` for a run of `spec`, or null when the run gives it none.
 * With a training subset evaluated (`record.trainEval`), 'train' names that evaluation and step records are 'batch'.
 */
export function firstPointAt(spec: ExperimentSpec, splits: readonly Split[]): FirstPoint | null {
  const stepSplit: Split = spec.record.trainEval > 0 ? 'batch' : 'train';
  if (splits.includes(stepSplit)) return { step: 1, endOfEpoch: null };
  const evaluated: Split[] = [
    ...(spec.record.trainEval > 0 ? (['train'] as const) : []),
    ...(spec.data.validation > 0 ? (['validation'] as const) : []),
    ...(spec.data.test > 0 ? (['test'] as const) : []),
  ];
  if (!evaluated.some((s) => splits.includes(s))) return null;
  const total = totalSteps(spec);
  const every = spec.record.evaluate;
  const perEpoch = stepsPerEpoch(spec);
  const step = Math.min(total, every === 'epoch' ? perEpoch : every.steps);
  return { step, endOfEpoch: every === 'epoch' && step === perEpoch ? 1 : null };
}

/**
 * What an empty chart says while its run is live and has no point yet: "The first point of the loss curve comes at
 * the end of epoch 1 (step 154)." / "… comes at iteration 100." `unit` names steps ('iteration' or 'step').
 */
export function firstPointText(point: FirstPoint, noun: string, unit: string): string {
  const at =
    point.endOfEpoch !== null
      ? `at the end of epoch ${point.endOfEpoch} (${unit} ${point.step.toLocaleString('en')})`
      : `at ${unit} ${point.step.toLocaleString('en')}`;
  return `The first point of the ${noun} curve comes ${at}.`;
}
