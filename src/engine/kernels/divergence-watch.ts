/**
 * Remembers, on the device, the first step whose loss was not finite, without uploading anything per
 * step (the trainer used to upload `tf.scalar(step + 1)` every step): a device-side step counter and
 * constants created once; on WebGPU one small dispatch per step. Read back only when the trainer checks.
 */
import * as tf from '@tensorflow/tfjs';
import { engineKernelsEnabled } from './settings';
import { observeLossOnGpu } from './webgpu/divergence';

export class DivergenceWatch {
  /** [steps observed on the device, device count at the first non-finite loss or −1], int32. */
  private readonly state: tf.Variable;
  private readonly one: tf.Tensor1D;
  private readonly zero: tf.Scalar;
  /** Steps observed by this watch (the device count, known here without reading it). */
  private observed = 0;

  constructor() {
    [this.state, this.one, this.zero] = tf.tidy(() => [
      tf.variable(tf.tensor1d([0, -1], 'int32'), false),
      tf.keep(tf.tensor1d([1, 0], 'int32')),
      tf.keep(tf.scalar(0, 'int32')),
    ]) as [tf.Variable, tf.Tensor1D, tf.Scalar];
  }

  /** Call inside the step's tidy, once per step, with the step's loss. */
  observe(loss: tf.Scalar): void {
    this.observed += 1;
    if (tf.getBackend() === 'webgpu' && engineKernelsEnabled()) {
      observeLossOnGpu(this.state, loss);
      return;
    }
    const next = tf.add(this.state, this.one);
    const [count, firstBad] = tf.split(next, 2) as [tf.Tensor1D, tf.Tensor1D];
    const bad = tf.logicalAnd(tf.less(firstBad, this.zero), tf.logicalNot(tf.isFinite(loss)));
    this.state.assign(tf.concat([count, tf.where(bad, count, firstBad)]));
  }

  /**
   * The 1-based trainer step of the first non-finite loss, or 0 if none. `currentStep` is the trainer's
   * step now, which may have started above 0 (a run restored from a snapshot).
   */
  async firstBadStep(currentStep: number): Promise<number> {
    const at = (await this.state.data())[1];
    return at > 0 ? at + (currentStep - this.observed) : 0;
  }

  dispose(): void {
    tf.dispose([this.state, this.one, this.zero]);
  }
}
