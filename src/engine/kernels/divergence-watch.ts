/**
 * Remembers, on the device, the first step whose loss was not finite, without uploading anything per
 * step (the trainer used to upload `tf.scalar(step + 1)` every step): a device-side step counter and
 * constants created once; on WebGPU one small fused dispatch per step. Read back only when the trainer checks.
 */
import * as tf from '@tensorflow/tfjs';
import { engineKernelsEnabled } from './settings';
import { observeLossOnGpu } from './webgpu/divergence';

export class DivergenceWatch {
  /** WebGPU with the engine's kernels: [count, firstBad] in one int32 tensor, updated by one dispatch. */
  private readonly fused: tf.Variable | null;
  /** Elsewhere (tfjs ops: add, less, isFinite, logicalNot, logicalAnd, where): */
  private readonly count: tf.Variable | null;
  /** Device count at the first non-finite loss; −1 while every loss was finite. */
  private readonly firstBad: tf.Variable | null;
  private readonly one: tf.Scalar | null;
  private readonly zero: tf.Scalar | null;
  /** Steps observed by this watch (the device count, known here without reading it). */
  private observed = 0;

  constructor() {
    const fused = tf.getBackend() === 'webgpu' && engineKernelsEnabled();
    this.fused = fused ? tf.tidy(() => tf.variable(tf.tensor1d([0, -1], 'int32'), false)) : null;
    this.count = fused ? null : tf.tidy(() => tf.variable(tf.scalar(0, 'int32'), false));
    this.firstBad = fused ? null : tf.tidy(() => tf.variable(tf.scalar(-1, 'int32'), false));
    this.one = fused ? null : tf.keep(tf.scalar(1, 'int32'));
    this.zero = fused ? null : tf.keep(tf.scalar(0, 'int32'));
  }

  /** Call inside the step's tidy, once per step, with the step's loss. */
  observe(loss: tf.Scalar): void {
    this.observed += 1;
    if (this.fused) {
      observeLossOnGpu(this.fused, loss);
      return;
    }
    this.count!.assign(tf.add(this.count!, this.one!));
    const bad = tf.logicalAnd(tf.less(this.firstBad!, this.zero!), tf.logicalNot(tf.isFinite(loss)));
    this.firstBad!.assign(tf.where(bad, this.count! as tf.Tensor, this.firstBad! as tf.Tensor));
  }

  /**
   * The 1-based trainer step of the first non-finite loss, or 0 if none. `currentStep` is the trainer's
   * step now, which may have started above 0 (a run restored from a snapshot).
   */
  async firstBadStep(currentStep: number): Promise<number> {
    const at = this.fused ? (await this.fused.data())[1] : (await this.firstBad!.data())[0];
    return at > 0 ? at + (currentStep - this.observed) : 0;
  }

  dispose(): void {
    for (const t of [this.fused, this.count, this.firstBad, this.one, this.zero]) t?.dispose();
  }
}
