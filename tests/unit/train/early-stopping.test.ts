/**
 * Early stopping on the validation loss (src/engine/train/early-stopping.ts) and in the run controller: stops
 * after `patience` evaluations without improvement, restores the best weights, and the evaluation after
 * restoring equals the best one exactly (CPU).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EarlyStopping } from '../../../src/engine/train/early-stopping';
import type { EvalRecord } from '../../../src/engine/train/evaluate';
import { RunController, type RunEvent } from '../../../src/engine/train/run';
import { Trainer, type TrainingData } from '../../../src/engine/train/trainer';
import { createParams, disposeParams, snapshotParams } from '../../../src/engine/model/params';
import { syntheticBinary, tinyBinary, useCpu } from './helpers';

beforeAll(useCpu);

/** Validation = the training images with every label inverted: the better the fit, the worse the validation loss. */
function overfitting(): TrainingData {
  const train = syntheticBinary(60);
  return { train, validation: { ...train, labels: train.labels.map((l) => 1 - l) }, test: syntheticBinary(30, 99) };
}

const spec = (earlyStopping: { patience: number; restoreBest?: boolean }, epochs = 12) =>
  tinyBinary({
    data: { dataset: 'fashion-mnist', task: { kind: 'binary', positive: [8] }, train: 60, validation: 60, test: 30 },
    training: { batchSize: 20, duration: { epochs }, earlyStopping },
    record: { trainEval: 20, probabilities: true },
  });

async function run(s: ReturnType<typeof spec>) {
  const baseline = tf.memory().numTensors;
  const events: RunEvent[] = [];
  const trainer = new Trainer(s, overfitting());
  const counts: number[] = [];
  const controller = new RunController(
    trainer,
    (e) => {
      events.push(e);
      if (e.type === 'eval') counts.push(tf.memory().numTensors);
    },
    { sliceMs: 0 },
  );
  await controller.start();
  const evals = events.flatMap((e) => (e.type === 'eval' ? [e.record] : []));
  const ended = events.find((e): e is Extract<RunEvent, { type: 'ended' }> => e.type === 'ended')!;
  const total = trainer.total;
  const step = trainer.step;
  trainer.dispose();
  return { evals, ended, total, step, counts, leaked: tf.memory().numTensors - baseline };
}

const lowest = (evals: EvalRecord[]) => evals.reduce((b, e) => (e.validation!.loss < b.validation!.loss ? e : b));

describe('EarlyStopping.observe', () => {
  it('counts evaluations without a strictly lower validation loss, as Keras does', () => {
    const model = createParams(spec({ patience: 2 }));
    const es = new EarlyStopping({ patience: 2, restoreBest: true }, model);
    const ev = (step: number, loss: number): EvalRecord => ({ step, epoch: step, validation: { loss, accuracy: 0, n: 1, outputs: 1 } });
    expect(es.observe(ev(1, 0.5))).toBe(false);
    expect(es.observe(ev(2, 0.5))).toBe(false); // equal is not better
    expect(es.observe(ev(3, 0.4))).toBe(false); // better: the count restarts
    expect(es.observe(ev(4, Number.NaN))).toBe(false);
    expect(es.observe(ev(5, 0.45))).toBe(true);
    expect(es.best).toEqual({ step: 3, epoch: 3, loss: 0.4 });
    expect(es.canRestore).toBe(true);
    expect(es.stopMessage({ step: 5, epoch: 5 }, true)).toBe(
      'stopped early at epoch 5: validation loss has not improved for 2 evaluations since epoch 3 (0.4000); restored the weights of epoch 3',
    );
    expect(es.stopMessage({ step: 5, epoch: 5.5 }, false)).toBe(
      'stopped early at step 5: validation loss has not improved for 2 evaluations since epoch 3 (0.4000)',
    );
    es.dispose();
    disposeParams(model);
  });

  it('keeps a copy of the best weights that training does not change, and puts it back', async () => {
    const trainer = new Trainer(spec({ patience: 1 }), overfitting());
    const es = new EarlyStopping({ patience: 1, restoreBest: true }, trainer.model);
    const before = await snapshotParams(trainer.model);
    es.observe(await trainer.evaluate());
    for (let i = 0; i < 3; i++) await trainer.trainStep(false);
    expect(await snapshotParams(trainer.model)).not.toEqual(before);
    es.restore();
    expect(await snapshotParams(trainer.model)).toEqual(before);
    es.dispose();
    trainer.dispose();
  });
});

describe('early stopping in the run controller', () => {
  it('stops after `patience` evaluations without improvement, restores the best weights and re-evaluates them exactly', async () => {
    const r = await run(spec({ patience: 2 }));
    expect(r.step).toBeLessThan(r.total);
    const restored = r.evals.at(-1)!;
    const before = r.evals.slice(0, -1);
    const best = lowest(before);
    expect(before.at(-1)!.epoch).toBe(best.epoch + 2);
    expect(restored).toMatchObject({ restored: true, best: { step: best.step, epoch: best.epoch }, step: r.step });
    // The evaluation after restoring is the best one, to the last bit, on every evaluated set.
    expect(restored.validation).toEqual(best.validation);
    expect(restored.train).toEqual(best.train);
    expect(restored.test).toEqual(best.test);
    expect(restored.validation!.loss).toBeLessThan(before.at(-1)!.validation!.loss);
    expect(r.ended).toMatchObject({ type: 'ended', reason: 'early-stopped', step: r.step });
    expect(r.ended.message).toBe(
      `stopped early at epoch ${before.at(-1)!.epoch}: validation loss has not improved for 2 evaluations since epoch ${best.epoch} (${best.validation!.loss.toFixed(4)}); restored the weights of epoch ${best.epoch}`,
    );
    // Tensors: flat across evaluations, nothing left after dispose.
    expect(new Set(r.counts.slice(1)).size).toBe(1);
    expect(r.leaked).toBe(0);
  });

  it('without restoreBest it stops but keeps the last weights', async () => {
    const r = await run(spec({ patience: 2, restoreBest: false }));
    expect(r.evals.some((e) => e.restored)).toBe(false);
    expect(r.ended.reason).toBe('early-stopped');
    expect(r.ended.message).toMatch(
      /^stopped early at epoch \d+: validation loss has not improved for 2 evaluations since epoch \d+ \(\d\.\d{4}\)$/,
    );
    expect(r.leaked).toBe(0);
  });

  it('a run that completes still ends with the best weights, as Keras 3 restores at the end of training', async () => {
    const r = await run(spec({ patience: 100 }, 4));
    expect(r.step).toBe(r.total);
    const restored = r.evals.at(-1)!;
    const best = lowest(r.evals.slice(0, -1));
    expect(restored.restored).toBe(true);
    expect(restored.validation).toEqual(best.validation);
    expect(r.ended.reason).toBe('completed');
    expect(r.ended.message).toBe(
      `finished ${r.total} steps; restored the weights of epoch ${best.epoch} (validation loss ${best.validation!.loss.toFixed(4)})`,
    );
    expect(r.leaked).toBe(0);
  });
});
