/**
 * Early stopping on the validation loss, as Keras' `EarlyStopping(monitor="val_loss", patience=p,
 * restore_best_weights=…)`: an evaluation improves when its validation loss is strictly lower than the best
 * so far; after `patience` evaluations in a row without improvement, training stops. With `restoreBest`,
 * the best evaluation's weights are kept on the device (a copy per improvement, no readback) and put back
 * at the end of the run — when it stops early, and, as Keras 3 does, when it completes without stopping.
 * A reader's Stop keeps the current weights. After a lost GPU device the rebuilt run starts tracking afresh.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelParams } from '../model/params';
import type { EarlyStoppingSpec } from '../spec/schema';
import type { EvalRecord } from './evaluate';

export interface BestEvaluation {
  step: number;
  epoch: number;
  /** Its validation loss. */
  loss: number;
}

/** "epoch 6" at whole epochs, else "step 450". */
export function when(at: { step: number; epoch: number }): string {
  return Number.isInteger(at.epoch) ? `epoch ${at.epoch}` : `step ${at.step}`;
}

export class EarlyStopping {
  private bestSoFar: BestEvaluation | null = null;
  private weights: tf.Tensor[] | null = null;
  /** Evaluations since the best one. */
  private waited = 0;
  private last: { step: number; epoch: number } | null = null;

  constructor(
    readonly config: EarlyStoppingSpec,
    private readonly model: ModelParams,
  ) {}

  get best(): BestEvaluation | null {
    return this.bestSoFar;
  }

  /** Takes one evaluation into account; true when training should stop now. */
  observe(record: EvalRecord): boolean {
    const loss = record.validation?.loss;
    this.last = { step: record.step, epoch: record.epoch };
    if (loss !== undefined && Number.isFinite(loss) && (this.bestSoFar === null || loss < this.bestSoFar.loss)) {
      this.bestSoFar = { step: record.step, epoch: record.epoch, loss };
      this.waited = 0;
      if (this.config.restoreBest) this.keepWeights();
      return false;
    }
    this.waited += 1;
    return this.waited >= this.config.patience;
  }

  /** True when restoring would change the weights: restoreBest is on and the best is not the last evaluation. */
  get canRestore(): boolean {
    return this.weights !== null && this.bestSoFar !== null && this.last !== null && this.bestSoFar.step !== this.last.step;
  }

  /** Puts the best weights back into the model's variables. */
  restore(): void {
    if (!this.weights) throw new Error('no best weights were kept');
    const kept = this.weights;
    this.model.variables.forEach((v, i) => v.assign(kept[i]));
  }

  /** "stopped early at epoch 9: validation loss has not improved for 3 evaluations since epoch 6 (0.3012)". */
  stopMessage(at: { step: number; epoch: number }, restored: boolean): string {
    const best = this.bestSoFar;
    const n = this.config.patience;
    const since = best ? ` since ${when(best)} (${best.loss.toFixed(4)})` : '';
    const tail = restored && best ? `; restored the weights of ${when(best)}` : '';
    return `stopped early at ${when(at)}: validation loss has not improved for ${n} evaluation${n === 1 ? '' : 's'}${since}${tail}`;
  }

  /** Frees the kept weights. Idempotent. */
  dispose(): void {
    if (this.weights) tf.dispose(this.weights);
    this.weights = null;
  }

  private keepWeights(): void {
    const copies = this.model.variables.map((v) => tf.clone(v));
    this.dispose();
    this.weights = copies;
  }
}
