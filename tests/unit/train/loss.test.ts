/**
 * The trainer's cross-entropy (src/engine/train/loss.ts): label smoothing against values worked by hand, each
 * example's own loss, and, in the trainer, smoothing applied to the training loss only (binary and multiclass),
 * never to evaluations.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleCrossEntropy, meanCrossEntropy, smoothLabels } from '../../../src/engine/train/loss';
import { Trainer } from '../../../src/engine/train/trainer';
import { forward } from '../../../src/engine/model/forward';
import { assertSpec, parseSpec } from '../../../src/engine/spec/parse';
import { createRng } from '../../../src/engine/random';
import { syntheticBinary, tinyBinary, tinyData, useCpu } from './helpers';

beforeAll(useCpu);

const read = async (t: tf.Tensor) => Array.from(await t.data());

describe('label smoothing, by hand', () => {
  it('binary: y = 1 aims at 1 − ε/2, y = 0 at ε/2 (z = 2, ε = 0.2: 0.326928 and 1.926928)', async () => {
    // y' = 0.9: max(2, 0) − 2 · 0.9 + ln(1 + e^−2) = 0.2 + 0.126928; y' = 0.1: 2 − 0.2 + 0.126928.
    const z = tf.tensor2d([[2], [2]]);
    const y = tf.tensor2d([[1], [0]]);
    const smoothed = smoothLabels('binary', y, 0.2);
    const targets = await read(smoothed);
    expect(targets[0]).toBeCloseTo(0.9, 6);
    expect(targets[1]).toBeCloseTo(0.1, 6);
    expect((await read(meanCrossEntropy('binary', z, smoothed)))[0]).toBeCloseTo((0.326928 + 1.926928) / 2, 5);
    const each = await read(exampleCrossEntropy('binary', z, smoothed));
    expect(each[0]).toBeCloseTo(0.326928, 5);
    expect(each[1]).toBeCloseTo(1.926928, 5);
    tf.dispose([z, y, smoothed]);
  });

  it('multiclass: the true class aims at 1 − ε + ε/k, the others at ε/k (z = [2, 0, −1], ε = 0.3: 0.669846)', async () => {
    // y' = [0.8, 0.1, 0.1]; ln(e² + 1 + e⁻¹) = ln 8.756935 = 2.169846; Σ y'·z = 1.6 − 0.1 = 1.5.
    const z = tf.tensor2d([[2, 0, -1]]);
    const y = tf.tensor2d([[1, 0, 0]]);
    const smoothed = smoothLabels('multiclass', y, 0.3);
    const got = await read(smoothed);
    [0.8, 0.1, 0.1].forEach((v, i) => expect(got[i]).toBeCloseTo(v, 6));
    expect((await read(meanCrossEntropy('multiclass', z, smoothed)))[0]).toBeCloseTo(0.669846, 5);
    expect((await read(exampleCrossEntropy('multiclass', z, smoothed)))[0]).toBeCloseTo(0.669846, 5);
    tf.dispose([z, y, smoothed]);
  });

  it('ε = 0 (or absent) leaves the targets as they are', () => {
    const y = tf.tensor2d([[1], [0]]);
    expect(smoothLabels('binary', y, 0)).toBe(y);
    y.dispose();
  });

  it('each example’s loss is −ln p of its true class, also where float32 p rounds to 1 (z = 30: loss 30)', async () => {
    const z = tf.tensor2d([[30], [-1], [0.5]]);
    const y = tf.tensor2d([[0], [0], [1]]);
    const each = await read(exampleCrossEntropy('binary', z, y));
    expect(each[0]).toBeCloseTo(30, 4);
    expect(each[1]).toBeCloseTo(-Math.log(1 - 1 / (1 + Math.exp(1))), 6);
    expect(each[2]).toBeCloseTo(-Math.log(1 / (1 + Math.exp(-0.5))), 6);
    expect((await read(meanCrossEntropy('binary', z, y)))[0]).toBeCloseTo(each.reduce((a, b) => a + b) / 3, 4);
    tf.dispose([z, y]);
  });
});

describe('the spec option', () => {
  it('takes 0 ≤ ε < 1 and says so otherwise', () => {
    const at = (labelSmoothing: unknown) => parseSpec({ ...tinyBinary(), training: { ...tinyBinary().training, labelSmoothing } } as never);
    expect(at(0.1).ok).toBe(true);
    expect(at(0).ok).toBe(true);
    for (const bad of [1, -0.1, Number.NaN, '0.1']) {
      const r = at(bad);
      expect(r.ok, String(bad)).toBe(false);
      if (!r.ok)
        expect(r.issues[0]).toMatchObject({
          path: 'training.labelSmoothing',
          message: expect.stringMatching(/^label smoothing must be a number ≥ 0 and < 1, got /),
        });
    }
  });
});

/** The mean binary cross-entropy of logits z against targets t, in float64. */
const bce = (z: number[], t: number[]) =>
  z.reduce((s, zi, i) => s + Math.max(zi, 0) - zi * t[i] + Math.log1p(Math.exp(-Math.abs(zi))), 0) / z.length;

describe('in the trainer', () => {
  it('binary: the step loss is the cross-entropy against y·(1 − ε) + ε/2; evaluations use the true labels', async () => {
    const e = 0.2;
    const spec = (labelSmoothing?: number) => tinyBinary({ training: { batchSize: 'full', duration: { iterations: 5 }, labelSmoothing } });
    const data = tinyData();
    const smooth = new Trainer(spec(e), data);
    const plain = new Trainer(spec(), data);
    const z = await read(tf.tidy(() => forward(smooth.model, tf.tensor2d(data.train.x, [60, 784]), { training: false }).logits));
    const y = Array.from(data.train.labels);
    expect(await smooth.evaluate()).toEqual(await plain.evaluate());
    const a = (await smooth.trainStep(true))!;
    const b = (await plain.trainStep(true))!;
    expect(a.loss).toBeCloseTo(
      bce(
        z,
        y.map((v) => v * (1 - e) + e / 2),
      ),
      5,
    );
    expect(b.loss).toBeCloseTo(bce(z, y), 5);
    expect(a.loss).not.toBeCloseTo(b.loss, 3);
    smooth.dispose();
    plain.dispose();
  });

  it('multiclass: the step loss is the cross-entropy against y·(1 − ε) + ε/k, k = 3 classes', async () => {
    const e = 0.3;
    const n = 30;
    const rng = createRng(5, 'multi');
    const x = Float32Array.from({ length: n * 784 }, () => rng.next());
    const labels = Uint8Array.from({ length: n }, (_, i) => i % 3);
    const spec = assertSpec({
      seed: 2,
      data: { dataset: 'fashion-mnist', classes: [0, 1, 2], train: n },
      model: { kind: 'mlp', sizes: [784, 4, 3], outputActivation: 'softmax' },
      optimizer: { type: 'sgd', learningRate: 0.1 },
      training: { batchSize: 'full', duration: { iterations: 2 }, labelSmoothing: e },
    });
    const trainer = new Trainer(spec, { train: { x, labels, n, y: labels } });
    const z = await read(tf.tidy(() => forward(trainer.model, tf.tensor2d(x, [n, 784]), { training: false }).logits));
    let expected = 0;
    for (let i = 0; i < n; i++) {
      const row = z.slice(i * 3, i * 3 + 3);
      const lse = Math.log(row.reduce((s, v) => s + Math.exp(v), 0));
      const target = [0, 1, 2].map((c) => (c === labels[i] ? 1 - e : 0) + e / 3);
      expected += lse - row.reduce((s, v, c) => s + target[c] * v, 0);
    }
    const step = (await trainer.trainStep(true))!;
    expect(step.loss).toBeCloseTo(expected / n, 5);
    trainer.dispose();
  });

  it('records each example’s loss with the probabilities; their mean is the evaluation’s loss', async () => {
    const spec = tinyBinary({
      data: { dataset: 'fashion-mnist', task: { kind: 'binary', positive: [8] }, train: 60, test: 30 },
      record: { probabilities: true },
    });
    const trainer = new Trainer(spec, { train: syntheticBinary(60), test: syntheticBinary(30, 99) });
    for (let i = 0; i < 10; i++) await trainer.trainStep(false);
    const test = (await trainer.evaluate()).test!;
    expect(test.losses).toHaveLength(30);
    const mean = test.losses!.reduce((s, v) => s + v, 0) / 30;
    expect(mean).toBeCloseTo(test.loss, 5);
    test.losses!.forEach((l, i) => {
      const p = test.probabilities![i];
      expect(l).toBeCloseTo(-Math.log(test.labels![i] === 1 ? p : 1 - p), 4);
    });
    const before = tf.memory().numTensors;
    await trainer.evaluate();
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });
});
