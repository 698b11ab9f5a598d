/**
 * The training arithmetic every part of the book derives from a spec: examples per step, steps per epoch, steps
 * in all. One definition, used by the engine, the Keras export, the resource checks and the charts. Pure: no zod,
 * no tfjs, so UI code can use it on first paint.
 */
import type { ExperimentSpec } from './schema';

type Sizes = { data: Pick<ExperimentSpec['data'], 'train'>; training: Pick<ExperimentSpec['training'], 'batchSize'> };

/** Number of training examples per gradient step ('full' is the whole training set; never more than it). */
export function batchSizeOf(spec: Sizes): number {
  const b = spec.training.batchSize;
  return b === 'full' ? spec.data.train : Math.min(b, spec.data.train);
}

/** Gradient steps in one pass over the training set (the last batch may be smaller). */
export function stepsPerEpoch(spec: Sizes): number {
  return Math.ceil(spec.data.train / batchSizeOf(spec));
}

/** Total gradient steps the experiment will run. */
export function totalSteps(spec: Sizes & { training: Pick<ExperimentSpec['training'], 'duration'> }): number {
  const d = spec.training.duration;
  return 'iterations' in d ? d.iterations : d.epochs * stepsPerEpoch(spec);
}
