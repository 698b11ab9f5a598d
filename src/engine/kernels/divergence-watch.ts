/**
 * Remembers, on the device, the first step whose loss was not finite, without uploading anything per
 * step (the trainer used to upload `tf.scalar(step + 1)` every step): a device-side step counter and
 * constants created once; on WebGPU one small fused dispatch per step. Read back only when the trainer checks.
 * On the CPU backend (engine kernels on) the loss is already in memory: it is checked in JavaScript (no kernels).
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
  /** CPU backend: checked on the host; the observed count of the first non-finite loss, 0 while none. */
  private readonly host: boolean;
  private hostFirstBad = 0;

  constructor() {
    const backend = tf.getBackend();
    this.host = backend === 'cpu' && engineKernelsEnabled();
    const fused = backend === 'webgpu' && engineKernelsEnabled();
    const ops = !fused && !this.host;
    this.fused = fused ? tf.tidy(() => tf.variable(tf.tensor1d([0, -1], 'int32'), false)) : null;
    this.count = ops ? tf.tidy(() => tf.variable(tf.scalar(0, 'int32'), false)) : null;
    this.firstBad = ops ? tf.tidy(() => tf.variable(tf.scalar(-1, 'int32'), false)) : null;
    this.one = ops ? tf.keep(tf.scalar(1, 'int32')) : null;
    this.zero = ops ? tf.keep(tf.scalar(0, 'int32')) : null;
  }

  /** Call inside the step's tidy, once per step, with the step's loss. */
  observe(loss: tf.Scalar): void {
    this.observed += 1;
    if (this.host) {
      if (this.hostFirstBad === 0 && !Number.isFinite(loss.dataSync()[0])) this.hostFirstBad = this.observed;
      return;
    }
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
    const at = this.host ? this.hostFirstBad : this.fused ? (await this.fused.data())[1] : (await this.firstBad!.data())[0];
    return at > 0 ? at + (currentStep - this.observed) : 0;
  }

  dispose(): void {
    for (const t of [this.fused, this.count, this.firstBad, this.one, this.zero]) t?.dispose();
  }
}
