/**
 * Data augmentation of training batches on the device: random shifts (vacated pixels become 0) and
 * horizontal flips of 28×28 images, for flat (n × 784) and image (n × 28 × 28 × 1) inputs alike.
 * The random choices come from the engine's seeded generator (same seed ⇒ same augmented batches); the
 * pixels never leave the device. Evaluation data is never augmented.
 *
 * How: each image X (28 × 28) becomes R · X · C, with R and C 0/1 selection matrices built on the device
 * from the per-example choices: R picks the source row of each output row (shift up/down), C the source
 * column of each output column (shift sideways, then mirror). Every output pixel is one input pixel or 0,
 * so the result is exact.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random';
import { createRng } from '../random';
import type { AugmentSpec } from '../spec/schema';

const SIDE = 28;

/** The random choices for one batch: per example a row shift, a column shift and whether to mirror. */
export interface AugmentDraw {
  /** Rows moved down (negative: up), −shift..shift. */
  dy: Float32Array;
  /** Columns moved right (negative: left), −shift..shift. */
  dx: Float32Array;
  /** 1 to mirror left–right, else 0. */
  flip: Float32Array;
}

export function isAugmenting(spec: AugmentSpec): boolean {
  return spec.shift > 0 || spec.flip;
}

/** Draws the choices for `n` examples. */
export function drawAugmentation(rng: Rng, n: number, spec: AugmentSpec): AugmentDraw {
  const dy = new Float32Array(n);
  const dx = new Float32Array(n);
  const flip = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (spec.shift > 0) {
      dy[i] = rng.int(2 * spec.shift + 1) - spec.shift;
      dx[i] = rng.int(2 * spec.shift + 1) - spec.shift;
    }
    if (spec.flip) flip[i] = rng.next() < 0.5 ? 1 : 0;
  }
  return { dy, dx, flip };
}

/**
 * Output pixel (i, j) of example b is input pixel (i − dy[b], s(j)) with s(j) = j − dx[b], mirrored to
 * 27 − s(j) when flip[b] = 1; 0 where that falls outside the image. Same shape as `x`. Call inside tf.tidy.
 */
export function augmentBatch(x: tf.Tensor, draw: AugmentDraw): tf.Tensor {
  const n = x.shape[0];
  const images = tf.reshape(x, [n, SIDE, SIDE]);
  const along1 = tf.reshape(tf.range(0, SIDE), [1, SIDE, 1]);
  const along2 = tf.reshape(tf.range(0, SIDE), [1, 1, SIDE]);
  const dy = tf.tensor3d(draw.dy, [n, 1, 1]);
  const dx = tf.tensor3d(draw.dx, [n, 1, 1]);
  const flip = tf.tensor3d(draw.flip, [n, 1, 1]);
  // rows[b, i, r] = 1 where r = i − dy[b].
  const rows = tf.cast(tf.equal(along2, tf.sub(along1, dy)), 'float32');
  // cols[b, c, j] = 1 where c = s(j): t = j − dx, mirrored t + flip · (27 − 2t).
  const t = tf.sub(along2, dx);
  const source = tf.add(t, tf.mul(flip, tf.sub(SIDE - 1, tf.mul(2, t))));
  const cols = tf.cast(tf.equal(along1, source), 'float32');
  return tf.reshape(tf.matMul(tf.matMul(rows, images as tf.Tensor3D), cols), x.shape);
}

/** Augments each training batch of one run; its own seeded stream, so other randomness is unaffected. */
export class Augmenter {
  private readonly rng: Rng;

  constructor(
    private readonly spec: AugmentSpec,
    seed: number,
  ) {
    this.rng = createRng(seed, 'augment');
  }

  /** The augmented batch (call inside tf.tidy). */
  apply(x: tf.Tensor): tf.Tensor {
    return augmentBatch(x, drawAugmentation(this.rng, x.shape[0], this.spec));
  }
}
