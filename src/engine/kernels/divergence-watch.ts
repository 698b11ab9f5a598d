/**
 * Remembers, on the device, the first step whose loss was not finite, without uploading anything per
 * step (the trainer used to upload `tf.scalar(step + 1)` every step): a device-side step counter and
 * constants created once. Read back only when the trainer checks.
 */
import * as tf from '@tensorflow/tfjs';

export class DivergenceWatch {
  /** Device count at the first non-finite loss; −1 while every loss was finite. */
  private readonly firstBad: tf.Variable;
  private readonly count: tf.Variable;
  private readonly one: tf.Scalar;
  private readonly zero: tf.Scalar;
  /** Steps observed by this watch (the device count, known here without reading it). */
  private observed = 0;

  constructor() {
    [this.firstBad, this.count, this.one, this.zero] = tf.tidy(() => [
      tf.variable(tf.scalar(-1, 'int32'), false),
      tf.variable(tf.scalar(0, 'int32'), false),
      tf.keep(tf.scalar(1, 'int32')),
      tf.keep(tf.scalar(0, 'int32')),
    ]) as [tf.Variable, tf.Variable, tf.Scalar, tf.Scalar];
  }

  /** Call inside the step's tidy, once per step, with the step's loss. */
  observe(loss: tf.Scalar): void {
    this.count.assign(tf.add(this.count, this.one));
    const bad = tf.logicalAnd(tf.less(this.firstBad, this.zero), tf.logicalNot(tf.isFinite(loss)));
    this.firstBad.assign(tf.where(bad, this.count as tf.Tensor, this.firstBad as tf.Tensor));
    this.observed += 1;
  }

  /**
   * The 1-based trainer step of the first non-finite loss, or 0 if none. `currentStep` is the trainer's
   * step now, which may have started above 0 (a run restored from a snapshot).
   */
  async firstBadStep(currentStep: number): Promise<number> {
    const at = (await this.firstBad.data())[0];
    return at > 0 ? at + (currentStep - this.observed) : 0;
  }

  dispose(): void {
    tf.dispose([this.firstBad, this.count, this.one, this.zero]);
  }
}
