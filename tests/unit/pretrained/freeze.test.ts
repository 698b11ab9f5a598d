import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPretrained } from '../../../src/engine/model/pretrained';
import { createNodeModelSource } from '../../../src/engine/model/pretrained-node';
import { createParams, disposeParams } from '../../../src/engine/model/params';
import { l2Penalty } from '../../../src/engine/train/regularize';
import { assertSpec } from '../../../src/engine/spec/parse';
import { Trainer, type TrainingData } from '../../../src/engine/train/trainer';
import { tinyData, useCpu } from '../train/helpers';
import { fileValues, transferSpec, writeModelFile } from './helpers';

beforeAll(useCpu);

async function setup(extra?: Parameters<typeof transferSpec>[1]) {
  const { dir, sha256 } = writeModelFile();
  const spec = assertSpec(transferSpec(sha256, extra));
  const pretrained = await loadPretrained(createNodeModelSource(dir), spec);
  const data: TrainingData = { ...tinyData(), pretrained };
  return { spec, data };
}

const values = async (v: tf.Variable) => Float32Array.from(await v.data());

describe('frozen pretrained layers', () => {
  it('start from the file, get no gradient and no update while the head trains', async () => {
    const { spec, data } = await setup();
    const trainer = new Trainer(spec, data);
    const [W1, b1, W2, b2] = trainer.model.variables;
    expect([W1.trainable, b1.trainable, W2.trainable, b2.trainable]).toEqual([false, false, true, true]);
    expect(await values(W1)).toEqual(fileValues()[0]);
    const headBefore = await values(W2);
    const first = (await trainer.trainStep(true))!.loss;
    let last = first;
    for (let i = 1; i < 30; i++) last = (await trainer.trainStep(true))!.loss;
    // Bit for bit: the optimiser never touched them.
    expect(await values(W1)).toEqual(fileValues()[0]);
    expect(await values(b1)).toEqual(fileValues()[1]);
    expect(await values(W2)).not.toEqual(headBefore);
    expect(last).toBeLessThan(first);
    trainer.dispose();
  });

  it('train like any other layer with freeze: false', async () => {
    const { spec, data } = await setup({ freeze: false });
    const trainer = new Trainer(spec, data);
    for (let i = 0; i < 5; i++) await trainer.trainStep(false);
    expect(trainer.model.variables[0].trainable).toBe(true);
    expect(await values(trainer.model.variables[0])).not.toEqual(fileValues()[0]);
    trainer.dispose();
  });

  it('the head starts as it would without pretrained weights (same seed)', async () => {
    const { spec, data } = await setup();
    const scratch = assertSpec({
      ...transferSpec(spec.model.pretrained!.sha256),
      model: { kind: 'layers', layers: spec.model.kind === 'layers' ? spec.model.layers : [] },
    });
    const a = createParams(spec, data.pretrained);
    const b = createParams(scratch);
    expect(await values(a.variables[2])).toEqual(await values(b.variables[2]));
    expect(await values(a.variables[0])).not.toEqual(await values(b.variables[0]));
    disposeParams(a);
    disposeParams(b);
    expect(() => createParams(spec)).toThrow('this experiment needs the pretrained model tiny-extractor, which was not loaded');
  });

  it('L2 penalises only the trained kernels', async () => {
    const { spec, data } = await setup({ l2: 0.5 });
    const model = createParams(spec, data.pretrained);
    const penalty = tf.tidy(() => l2Penalty(model, 0.5)!.dataSync()[0]);
    const head = tf.tidy(() => tf.sum(tf.square(model.variables[2])).dataSync()[0] * 0.5);
    expect(penalty).toBeCloseTo(head, 6);
    disposeParams(model);
  });

  it('instruments report a zero gradient for frozen weights', async () => {
    const { spec, data } = await setup();
    const trainer = new Trainer({ ...spec, record: { ...spec.record, instruments: true } }, data);
    const rec = (await trainer.trainStep(true))!;
    expect(rec.instruments!.params.map((p) => [p.name, p.gradNorm === 0])).toEqual([
      ['W1', true],
      ['b1', true],
      ['W2', false],
      ['b2', false],
    ]);
    expect(rec.instruments!.params[0].updateRatio).toBe(0);
    trainer.dispose();
  });

  it('keeps the tensor count flat while training and back to baseline after dispose', async () => {
    const { spec, data } = await setup();
    const baseline = tf.memory().numTensors;
    const trainer = new Trainer({ ...spec, record: { ...spec.record, instruments: true, probabilities: true } }, data);
    await trainer.trainStep(true);
    await trainer.evaluate();
    const afterFirst = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      await trainer.trainStep(i % 3 === 0);
      if (i % 5 === 0) await trainer.evaluate();
    }
    expect(tf.memory().numTensors).toBe(afterFirst);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
