/**
 * The engine records each ReLU unit's largest pre-activation z = w·x + b over the batch at every recorded step
 * (`StepRecord.maxPreActivation`, with instruments): the numbers behind the learning-rate chapter's figure of units
 * dying. Checked against z computed here from the weights the step saw, against the dead-unit flags, for tensor
 * leaks, and on the learner's puzzle: the last unit's z crosses 0 at the very step ‖dW1‖ becomes exactly 0.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer } from '../../../src/engine/train/trainer';
import { tinyBinary, tinyData, useCpu } from './helpers';
import { runAtLr1 } from './lr-puzzle-helpers';

beforeAll(useCpu);

const instrumented = (patch = {}) =>
  tinyBinary({
    model: { kind: 'mlp', sizes: [784, 5, 3, 1], hiddenActivation: 'relu', initializer: 'glorotUniform' },
    training: { batchSize: 'full', duration: { iterations: 20 } },
    record: { every: 1, evaluate: { steps: 20 }, instruments: true, probabilities: false },
    ...patch,
  });

describe('largest pre-activation per ReLU unit', () => {
  it('is max over the batch of x·W + b with the weights the step saw, for every ReLU layer, and ≤ 0 exactly where a unit is dead', async () => {
    const data = tinyData();
    const trainer = new Trainer(instrumented(), data);
    for (let s = 0; s < 6; s++) {
      // The weights before the step: the gradient (and the record) sees these.
      const [w1, b1, w2, b2] = trainer.model.variables.map((v) => v.arraySync());
      const expected = tf.tidy(() => {
        const x = tf.tensor2d(data.train.x, [data.train.n, 784]);
        const z1 = tf.add(tf.matMul(x, tf.tensor(w1 as number[][])), tf.tensor(b1 as number[]));
        const z2 = tf.add(tf.matMul(tf.relu(z1), tf.tensor(w2 as number[][])), tf.tensor(b2 as number[]));
        return [tf.max(z1, 0).arraySync() as number[], tf.max(z2, 0).arraySync() as number[]];
      });
      const r = (await trainer.trainStep(true))!;
      expect(r.maxPreActivation?.map((l) => l.layer)).toEqual([0, 1]);
      r.maxPreActivation!.forEach((l, k) => {
        expect(l.max).toHaveLength(expected[k].length);
        l.max.forEach((v, u) => expect(v).toBeCloseTo(expected[k][u], 5));
        const stats = r.instruments!.layers.find((x) => x.layer === l.layer)!;
        expect(stats.maxPreActivation).toEqual(l.max);
        expect(stats.dead).toEqual(l.max.map((v) => v <= 0));
      });
    }
    trainer.dispose();
  });

  it('is recorded on instrumented steps only, and keeps the tensor count flat and back to baseline after dispose', async () => {
    const plain = new Trainer(
      instrumented({ record: { every: 1, evaluate: { steps: 20 }, instruments: false, probabilities: false } }),
      tinyData(),
    );
    expect((await plain.trainStep(true))!.maxPreActivation).toBeUndefined();
    plain.dispose();
    const baseline = tf.memory().numTensors;
    const trainer = new Trainer(instrumented(), tinyData());
    expect((await trainer.trainStep(true))!.maxPreActivation).toHaveLength(2);
    const afterFirst = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) {
      const r = await trainer.trainStep(i % 2 === 0);
      if (i % 2 === 0) expect(r!.maxPreActivation!.map((l) => l.max.length)).toEqual([5, 3]);
      else expect(r).toBeNull();
    }
    expect(tf.memory().numTensors).toBe(afterFirst);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('the learner’s puzzle at LR 1 (seed 9): units die one by one, and the last one’s z falls to ≤ 0 at the step ‖dW1‖ becomes exactly 0', async () => {
    const records = await runAtLr1(9, 1, 60);
    const maxes = records.map((r) => r.maxPreActivation![0].max);
    expect(maxes[0]).toHaveLength(7);
    // At the start every unit fires for some image (z > 0 somewhere).
    expect(maxes[0].every((z) => z > 0)).toBe(true);
    const allDead = records.findIndex((r) => r.maxPreActivation![0].max.every((z) => z <= 0));
    expect(allDead, 'every unit dead within 60 steps').toBeGreaterThan(0);
    const zeroStep = records.at(-1)!.firstZeroGradStep;
    expect(records[allDead].step).toBe(zeroStep);
    // Once dead, nothing reaches W1 or b1: every unit's largest z stays exactly where it was.
    for (const r of records.slice(allDead)) expect(r.maxPreActivation![0].max).toEqual(maxes[allDead]);
    // Not all at once: at least one unit was dead before the last one died.
    expect(maxes[allDead - 1].some((z) => z <= 0)).toBe(true);
  });
});
