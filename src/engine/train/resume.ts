/**
 * A run continued from saved weights (a run kept between visits, resumed): the trainer takes the saved variables
 * and step count, and the batch order it had reached — the same seed draws the same per-epoch shuffles, so the
 * permutations of the epochs already begun are drawn again and the current one kept. What is not carried over:
 * the optimiser's state (momentum, RMSprop's and Adam's moving averages start again from zero; plain SGD has
 * none, so an SGD run continues exactly), and the dropout and augmentation draws, which start a fresh stream.
 */
import * as tf from '@tensorflow/tfjs';
import { restoreParams, valuesFitting, type WeightsSnapshot } from '../model/params';
import { permutation, type Rng } from '../random';
import { stepsPerEpoch } from '../spec/parse';
import type { Trainer } from './trainer';

/** The trainer's batch-order state (private to it; read and set only here, before its first step). */
interface BatchOrder {
  shuffleRng: Rng;
  order: tf.Tensor1D | null;
}

/** Puts `saved` into a fresh `trainer` (no step taken yet); throws if the weights do not fit its model. */
export function resumeTrainer(trainer: Trainer, saved: WeightsSnapshot): void {
  if (trainer.step !== 0) throw new Error('a run resumes from saved weights before its first step only');
  const values = valuesFitting(trainer.model, saved);
  if (!Number.isInteger(saved.step) || saved.step < 0 || saved.step > trainer.total)
    throw new Error(`the saved step ${saved.step} is outside this run (0–${trainer.total})`);
  restoreParams(trainer.model, values);
  trainer.step = saved.step;
  const n = trainer.spec.data.train;
  if (trainer.batchSize >= n || saved.step === 0) return;
  const state = trainer as unknown as BatchOrder;
  if (!state.shuffleRng || !('order' in state)) throw new Error('the trainer no longer keeps its batch order where resume expects it');
  let last: Int32Array | null = null;
  for (let e = 0; e < Math.ceil(saved.step / stepsPerEpoch(trainer.spec)); e++) last = permutation(n, state.shuffleRng);
  state.order?.dispose();
  state.order = last ? tf.keep(tf.tensor1d(last, 'int32')) : null;
}
