/**
 * Finds the first step whose gradient of the first layer's weights was exactly zero in every entry, at
 * every step (not only recorded ones), without a per-step upload or readback: on a GPU backend a device-side
 * [steps so far, first zero step or −1] updated by tfjs ops; on the CPU backend (engine kernels on), where
 * the gradient is already in memory, a JavaScript scan (no kernels).
 */
import * as tf from '@tensorflow/tfjs';
import { engineKernelsEnabled } from '../kernels/settings';

export class ZeroGradTracker {
  private readonly device: { state: tf.Variable; one: tf.Tensor } | null;
  /** Host mode: steps observed, and the observed count of the first zero gradient (0 while none). */
  private observed = 0;
  private hostFirst = 0;

  constructor() {
    const host = tf.getBackend() === 'cpu' && engineKernelsEnabled();
    this.device = host
      ? null
      : tf.tidy(() => ({ state: tf.variable(tf.tensor1d([0, -1], 'int32'), false), one: tf.keep(tf.scalar(1, 'int32')) }));
  }

  /** Counts the step and, the first time `grad` is exactly zero in every entry, remembers it. Inside the step's tidy. */
  observe(grad: tf.Tensor): void {
    if (!this.device) {
      this.observed += 1;
      if (this.hostFirst === 0 && allZero(grad.dataSync() as Float32Array)) this.hostFirst = this.observed;
      return;
    }
    const { state, one } = this.device;
    const count = tf.add(tf.slice(state, 0, 1), one);
    const first = tf.slice(state, 1, 1);
    const fires = tf.logicalAnd(tf.less(first, 0), tf.equal(tf.max(tf.abs(grad)), 0));
    state.assign(tf.concat([count, tf.where(fires, count, first)]));
  }

  /**
   * The 1-based trainer step of the first zero gradient, or null. `currentStep` is the trainer's step now,
   * which may have started above 0 (a run restored from a snapshot).
   */
  async firstZeroStep(currentStep: number): Promise<number | null> {
    if (!this.device) return this.hostFirst > 0 ? this.hostFirst + (currentStep - this.observed) : null;
    const [count, first] = await this.device.state.data();
    return first > 0 ? first + (currentStep - count) : null;
  }

  dispose(): void {
    if (this.device) tf.dispose([this.device.state, this.device.one]);
  }
}

function allZero(values: Float32Array): boolean {
  // NaN !== 0, so a NaN entry is not zero (as max(|g|) == 0 is false for NaN).
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) return false;
  return true;
}
