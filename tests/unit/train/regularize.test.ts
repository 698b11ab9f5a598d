/** L2 weight decay, MLP dropout and the training-evaluation subset in the trainer. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { l2Penalty } from '../../../src/engine/train/regularize';
import { Trainer } from '../../../src/engine/train/trainer';
import { createParams, disposeParams, snapshotParams } from '../../../src/engine/model/params';
import { assertSpec } from '../../../src/engine/spec/parse';
import { syntheticBinary, tinyBinary, tinyData, useCpu } from './helpers';

beforeAll(useCpu);

const sumSquares = (a: Float32Array) => a.reduce((t, v) => t + v * v, 0);

describe('L2 weight decay', () => {
  const l2 = 0.01;

  it('adds l2 · Σ w² over every kernel (not biases) to the step cost and reports it', async () => {
    const plain = new Trainer(tinyBinary(), tinyData());
    const decayed = new Trainer(tinyBinary({ model: { kind: 'mlp', sizes: [784, 5, 1], l2 } }), tinyData());
    const [w1, , w2] = await snapshotParams(decayed.model);
    const expected = l2 * (sumSquares(w1) + sumSquares(w2));
    const a = (await plain.trainStep(true))!;
    const b = (await decayed.trainStep(true))!;
    expect(a.l2Penalty).toBeUndefined();
    expect(b.l2Penalty).toBeCloseTo(expected, 6);
    expect(b.loss - a.loss).toBeCloseTo(expected, 5);
    expect(b.accuracy).toBe(a.accuracy);
    // The gradient includes 2 · l2 · W: one SGD step (lr 0.1) moves W by an extra −0.1 · 2 · l2 · W.
    const pa = await snapshotParams(plain.model);
    const pb = await snapshotParams(decayed.model);
    const extra = pb[0].map((v, k) => v - pa[0][k]);
    const predicted = w1.map((v) => -0.1 * 2 * l2 * v);
    const worst = extra.reduce((m, v, k) => Math.max(m, Math.abs(v - predicted[k])), 0);
    expect(worst).toBeLessThan(1e-6);
    expect(pb[1]).toEqual(pa[1]); // biases: no decay
    plain.dispose();
    decayed.dispose();
  });

  it('evaluations report the cross-entropy alone', async () => {
    const plain = new Trainer(tinyBinary(), tinyData());
    const decayed = new Trainer(tinyBinary({ model: { kind: 'mlp', sizes: [784, 5, 1], l2: 0.5 } }), tinyData());
    expect(await decayed.evaluate()).toEqual(await plain.evaluate());
    plain.dispose();
    decayed.dispose();
  });

  it('penalises conv kernels too', async () => {
    const spec = assertSpec({
      data: { dataset: 'fashion-mnist', train: 10, input: 'image' },
      model: {
        kind: 'layers',
        l2,
        layers: [{ type: 'conv2d', filters: 2, kernel: 3 }, { type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }],
      },
      optimizer: { type: 'sgd', learningRate: 0.1 },
      training: { batchSize: 10, duration: { epochs: 1 } },
    });
    const model = createParams(spec);
    const [conv, convBias, dense] = await snapshotParams(model);
    expect(convBias.every((v) => v === 0)).toBe(true);
    const penalty = tf.tidy(() => l2Penalty(model, l2)!);
    expect((await penalty.data())[0]).toBeCloseTo(l2 * (sumSquares(conv) + sumSquares(dense)), 6);
    penalty.dispose();
    expect(l2Penalty(model, 0)).toBeNull();
    disposeParams(model);
  });
});

describe('the training-evaluation subset', () => {
  const spec = (trainEval: number) =>
    tinyBinary({
      model: { kind: 'mlp', sizes: [784, 8, 1], dropout: 0.5 },
      training: { batchSize: 20, duration: { iterations: 50 }, augment: { shift: 2, flip: true } },
      record: { trainEval, probabilities: true },
    });

  it('is a fixed seeded subset, evaluated in inference mode exactly like validation', async () => {
    const first = new Trainer(spec(25), tinyData());
    const indices = first.trainEvalIndices;
    expect(indices).toHaveLength(25);
    expect(new Set(indices).size).toBe(25);
    expect(Array.from(indices)).toEqual(Array.from(indices).sort((a, b) => a - b));
    const second = new Trainer(spec(25), tinyData());
    expect(Array.from(second.trainEvalIndices)).toEqual(Array.from(indices));
    first.dispose();
    second.dispose();

    // Validation made of the very same examples: with dropout and augmentation on, the numbers must agree.
    const data = tinyData();
    const pick = (i: number) => data.train.x.subarray(i * 784, (i + 1) * 784);
    const x = new Float32Array(25 * 784);
    indices.forEach((i, k) => x.set(pick(i), k * 784));
    const validation = {
      x,
      labels: Float32Array.from(indices, (i) => data.train.labels[i]),
      n: 25,
      y: Uint8Array.from(indices, (i) => data.train.y[i]),
    };
    const baseline = tf.memory().numTensors;
    const trainer = new Trainer(spec(25), { ...data, validation });
    for (let i = 0; i < 5; i++) await trainer.trainStep(false);
    const ev = await trainer.evaluate();
    const after = tf.memory().numTensors;
    expect(ev.train).toEqual(ev.validation);
    expect(ev.train!.n).toBe(25);
    expect(ev.train!.labels).toEqual(Uint8Array.from(indices, (i) => data.train.labels[i]));
    for (let i = 0; i < 5; i++) await trainer.trainStep(i === 0);
    await trainer.evaluate();
    expect(tf.memory().numTensors).toBe(after);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('is absent when trainEval is 0', async () => {
    const trainer = new Trainer(spec(0), tinyData());
    expect((await trainer.evaluate()).train).toBeUndefined();
    trainer.dispose();
  });
});

describe('MLP dropout', () => {
  it('changes training (seeded) but not evaluation', async () => {
    const run = async (dropout: number) => {
      const trainer = new Trainer(tinyBinary({ model: { kind: 'mlp', sizes: [784, 8, 1], dropout } }), { train: syntheticBinary(60) });
      const ev = await trainer.evaluate();
      const losses: number[] = [];
      for (let i = 0; i < 3; i++) losses.push((await trainer.trainStep(true))!.loss);
      trainer.dispose();
      return { ev, losses };
    };
    const none = await run(0);
    const half = await run(0.5);
    expect(half.ev).toEqual(none.ev);
    expect(half.losses[0]).not.toBe(none.losses[0]);
    expect((await run(0.5)).losses).toEqual(half.losses);
  });
});
