/** Augmentation on the device (src/engine/train/augment.ts) against a plain JavaScript reference, and in the trainer. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { augmentBatch, Augmenter, drawAugmentation, type AugmentDraw } from '../../../src/engine/train/augment';
import { Trainer } from '../../../src/engine/train/trainer';
import { createRng } from '../../../src/engine/random';
import { syntheticBinary, tinyBinary, tinyData, useCpu } from './helpers';

beforeAll(useCpu);

/** The definition, pixel by pixel: output (i, j) = input (i − dy, s(j)), s(j) = j − dx, mirrored 27 − s(j); else 0. */
function reference(x: Float32Array, n: number, d: AugmentDraw): Float32Array {
  const out = new Float32Array(n * 784);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < 28; i++) {
      for (let j = 0; j < 28; j++) {
        const r = i - d.dy[b];
        const t = j - d.dx[b];
        const c = d.flip[b] ? 27 - t : t;
        if (r >= 0 && r < 28 && c >= 0 && c < 28) out[b * 784 + i * 28 + j] = x[b * 784 + r * 28 + c];
      }
    }
  }
  return out;
}

const images = (n: number) => syntheticBinary(n, 5).x;

describe('augmentBatch', () => {
  it('matches the pixel-by-pixel definition exactly, for flat and image inputs', async () => {
    const n = 40;
    const x = images(n);
    const draw = drawAugmentation(createRng(1, 'test'), n, { shift: 4, flip: true });
    // The draw covers every shift and both flips.
    expect(new Set(draw.dy).size).toBe(9);
    expect(new Set(draw.flip)).toEqual(new Set([0, 1]));
    const want = reference(x, n, draw);
    for (const shape of [
      [n, 784],
      [n, 28, 28, 1],
    ]) {
      const out = tf.tidy(() => augmentBatch(tf.tensor(x, shape), draw));
      expect(out.shape).toEqual(shape);
      expect(Array.from(await out.data())).toEqual(Array.from(want));
      out.dispose();
    }
  });

  it('shifts down by one row (top row zero) and mirrors a marked pixel', async () => {
    const x = new Float32Array(784);
    x[0 * 28 + 3] = 1; // row 0, column 3
    const one = (dy: number, dx: number, flip: number) =>
      tf
        .tidy(() =>
          augmentBatch(tf.tensor2d(x, [1, 784]), { dy: Float32Array.of(dy), dx: Float32Array.of(dx), flip: Float32Array.of(flip) }),
        )
        .data();
    const at = (a: ArrayLike<number>) => Array.from(a).flatMap((v, k) => (v ? [[Math.floor(k / 28), k % 28]] : []));
    expect(at(await one(1, 0, 0))).toEqual([[1, 3]]);
    expect(at(await one(0, 2, 0))).toEqual([[0, 5]]);
    expect(at(await one(0, 0, 1))).toEqual([[0, 24]]);
    expect(at(await one(-1, 0, 0))).toEqual([]); // shifted out of the image
  });

  it('the same seed gives the same augmented batches, another seed others', async () => {
    const x = images(8);
    const run = async (seed: number) => {
      const aug = new Augmenter({ shift: 2, flip: true }, seed);
      const out: number[][] = [];
      for (let k = 0; k < 3; k++) {
        const t = tf.tidy(() => aug.apply(tf.tensor2d(x, [8, 784])));
        out.push(Array.from(await t.data()));
        t.dispose();
      }
      return out;
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(await run(8)).not.toEqual(a);
    expect(a[1]).not.toEqual(a[0]); // each batch draws anew
  });
});

describe('augmentation in the trainer', () => {
  const spec = (augment: { shift?: number; flip?: boolean }, input: 'flat' | 'image' = 'flat') =>
    tinyBinary({
      data: { dataset: 'fashion-mnist', task: { kind: 'binary', positive: [8] }, train: 60, test: 30, input },
      training: { batchSize: 20, duration: { iterations: 50 }, augment },
      ...(input === 'image'
        ? {
            model: {
              kind: 'layers',
              layers: [{ type: 'conv2d', filters: 2, kernel: 3 }, { type: 'flatten' }, { type: 'dense', units: 1, activation: 'sigmoid' }],
            },
          }
        : {}),
    });

  async function losses(s: ReturnType<typeof spec>, steps = 4) {
    const trainer = new Trainer(s, tinyData());
    const out: number[] = [];
    for (let i = 0; i < steps; i++) out.push((await trainer.trainStep(true))!.loss);
    const evaluation = await trainer.evaluate();
    trainer.dispose();
    return { out, evaluation };
  }

  it('is reproducible, changes training, never touches evaluation, and keeps the tensor count flat', async () => {
    for (const input of ['flat', 'image'] as const) {
      const plain = await losses(spec({}, input));
      const a = await losses(spec({ shift: 3, flip: true }, input));
      const b = await losses(spec({ shift: 3, flip: true }, input));
      expect(b.out).toEqual(a.out);
      expect(a.out[0]).not.toBe(plain.out[0]);
      // Before any step the weights are equal, so the first evaluation must be too: evaluation is never augmented.
      const baseline = tf.memory().numTensors;
      const t1 = new Trainer(spec({ shift: 3, flip: true }, input), tinyData());
      const t2 = new Trainer(spec({}, input), tinyData());
      expect(await t1.evaluate()).toEqual(await t2.evaluate());
      await t1.trainStep(true);
      const after = tf.memory().numTensors;
      for (let i = 0; i < 4; i++) await t1.trainStep(i % 2 === 0);
      expect(tf.memory().numTensors).toBe(after);
      t1.dispose();
      t2.dispose();
      expect(tf.memory().numTensors).toBe(baseline);
    }
  });
});
