/**
 * Live changes other than the learning rate (issue 24, item 3): a run in progress takes a spec patch for L2, the
 * dropout rate or augmentation at its next step, changing only that (the learning rate stays, and so does the
 * optimiser's state), and refuses, with the reason, what it cannot take while it trains (layer sizes, batch size);
 * the run goes on either way. Tensors stay flat through every change.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer } from '../../../src/engine/train/trainer';
import { RunController, type RunEvent } from '../../../src/engine/train/run';
import { changedPaths, mergePatch, specPatch } from '../../../src/engine/train/patch';
import { tinyBinary, tinyData, useCpu } from './helpers';

beforeAll(useCpu);

type StepEvent = Extract<RunEvent, { type: 'step' }>;
const steps = (events: RunEvent[]) => events.filter((e): e is StepEvent => e.type === 'step').map((e) => e.record);

function controller(spec = tinyBinary({ training: { batchSize: 20, duration: { iterations: 20 } } })) {
  const events: RunEvent[] = [];
  const trainer = new Trainer(spec, tinyData());
  const run = new RunController(trainer, (e) => events.push(e), { sliceMs: 0 });
  return { events, trainer, run };
}

describe('spec patches', () => {
  it('hold only what changed, merge back into a copy, and name the changed paths', () => {
    const before = { optimizer: { type: 'sgd', learningRate: 0.1 }, model: { kind: 'mlp', sizes: [784, 5, 1], l2: 0 } };
    const after = { optimizer: { type: 'sgd', learningRate: 0.1 }, model: { kind: 'mlp', sizes: [784, 5, 1], l2: 0.01 } };
    expect(specPatch(before, after)).toEqual({ model: { l2: 0.01 } });
    expect(specPatch(before, before)).toEqual({});
    const merged = mergePatch(before, { model: { l2: 0.01 } });
    expect(merged).toEqual(after);
    expect(before.model.l2).toBe(0);
    expect(changedPaths(before, { ...after, model: { ...after.model, sizes: [784, 7, 1] } })).toEqual(['model.sizes.1', 'model.l2']);
    expect(changedPaths([1, 2], [1, 2, 3], 'a')).toEqual(['a']);
  });
});

describe('RunController.update: a second live control changes only itself', () => {
  it('L2 from the next step on; the learning rate and the weights so far are kept', async () => {
    const { events, trainer, run } = controller();
    for (let i = 0; i < 3; i++) await run.stepOnce();
    const baseline = tf.memory().numTensors;
    const weights = trainer.model.variables.map((v) => v.dataSync().slice());
    run.update({ model: { l2: 0.01 } }, 4);
    expect(events.filter((e) => e.type === 'updated')).toEqual([
      { type: 'updated', id: 4, step: 3, epoch: 1, patch: { model: { l2: 0.01 } }, changed: ['model.l2'] },
    ]);
    // Nothing but the L2 weight changed: not the learning rate, not the weights.
    expect(trainer.spec.model.l2).toBe(0.01);
    expect(trainer.spec.optimizer.learningRate).toBe(0.1);
    expect(trainer.learningRate).toBe(0.1);
    expect(trainer.model.variables.map((v) => Array.from(v.dataSync()))).toEqual(weights.map((w) => Array.from(w)));
    await run.stepOnce();
    const records = steps(events);
    expect(records.map((r) => [r.step, r.learningRate, r.l2Penalty !== undefined])).toEqual([
      [1, 0.1, false],
      [2, 0.1, false],
      [3, 0.1, false],
      [4, 0.1, true],
    ]);
    expect(records[3].l2Penalty).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(baseline);
    await run.stop();
    trainer.dispose();
  });

  it('the dropout rate of an MLP: a dropout layer comes after each hidden layer, and goes again at 0', async () => {
    const { events, trainer, run } = controller();
    const variables = trainer.model.variables;
    await run.stepOnce();
    expect(trainer.model.layers.map((l) => l.type)).toEqual(['dense', 'dense']);
    run.update({ model: { dropout: 0.5 } });
    expect(trainer.model.layers).toEqual([
      { type: 'dense', units: 5, activation: 'relu' },
      { type: 'dropout', rate: 0.5 },
      { type: 'dense', units: 1, activation: 'sigmoid' },
    ]);
    expect(trainer.model.params.map((p) => p !== null)).toEqual([true, false, true]);
    expect(trainer.model.inputShapes).toEqual([[784], [5], [5]]);
    expect(trainer.model.variables).toBe(variables);
    const baseline = tf.memory().numTensors;
    await run.stepOnce();
    await run.stepOnce();
    expect(tf.memory().numTensors).toBe(baseline);
    run.update({ model: { dropout: 0 } });
    expect(trainer.model.layers.map((l) => l.type)).toEqual(['dense', 'dense']);
    await run.stepOnce();
    expect(steps(events).map((r) => [r.step, r.learningRate])).toEqual([
      [1, 0.1],
      [2, 0.1],
      [3, 0.1],
      [4, 0.1],
    ]);
    expect(events.filter((e) => e.type === 'updated').map((e) => (e as { changed: string[] }).changed)).toEqual([
      ['model.dropout'],
      ['model.dropout'],
    ]);
    await run.stop();
    trainer.dispose();
  });

  it('the rate of a layer list’s dropout layer, or the layer itself before the classifier', async () => {
    const layers = [
      { type: 'dense', units: 6, activation: 'relu' },
      { type: 'dropout', rate: 0.2 },
      { type: 'dense', units: 1, activation: 'sigmoid' },
    ];
    const { trainer, run, events } = controller(
      tinyBinary({ model: { kind: 'layers', layers } as never, training: { batchSize: 20, duration: { iterations: 20 } } }),
    );
    await run.stepOnce();
    run.update({ model: { layers: [layers[0], { type: 'dropout', rate: 0.4 }, layers[2]] } });
    expect(events.at(-1)).toMatchObject({ type: 'updated', changed: ['model.layers.1.rate'] });
    expect(trainer.model.layers[1]).toEqual({ type: 'dropout', rate: 0.4 });
    run.update({ model: { layers: [layers[0], layers[2]] } });
    expect(events.at(-1)).toMatchObject({ type: 'updated', changed: ['model.layers'] });
    expect(trainer.model.layers.map((l) => l.type)).toEqual(['dense', 'dense']);
    expect(trainer.model.params.every((p) => p !== null)).toBe(true);
    await run.stepOnce();
    expect(trainer.step).toBe(2);
    await run.stop();
    trainer.dispose();
  });

  it('augmentation from the next batch on, tensors flat', async () => {
    const { events, trainer, run } = controller();
    await run.stepOnce();
    run.update({ training: { augment: { shift: 2, flip: true } } });
    expect(events.at(-1)).toMatchObject({ type: 'updated', changed: ['training.augment.shift', 'training.augment.flip'] });
    expect(trainer.spec.training.augment).toEqual({ shift: 2, flip: true });
    expect(trainer.learningRate).toBe(0.1);
    const baseline = tf.memory().numTensors;
    await run.stepOnce();
    await run.stepOnce();
    expect(tf.memory().numTensors).toBe(baseline);
    await run.stop();
    trainer.dispose();
  });
});

describe('RunController.update: what a run cannot take while it trains', () => {
  it('is refused with the reason, changes nothing, and the run goes on', async () => {
    const { events, trainer, run } = controller();
    await run.stepOnce();
    const spec = trainer.spec;
    run.update({ model: { sizes: [784, 7, 1] } }, 1);
    run.update({ training: { batchSize: 30 } }, 2);
    run.update({ model: { l2: -1 } }, 3);
    const refused = events.filter((e): e is Extract<RunEvent, { type: 'update-refused' }> => e.type === 'update-refused');
    expect(refused.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(refused[0].message).toMatch(/^this run cannot change model\.sizes\.1 while it trains/);
    expect(refused[1].message).toMatch(/^this run cannot change training\.batchSize while it trains/);
    expect(refused[2].message).toMatch(/^that change is not valid: /);
    expect(trainer.spec).toBe(spec);
    expect(events.some((e) => e.type === 'updated' || e.type === 'ended')).toBe(false);
    // A patch that mixes a live and a fixed change is refused whole.
    run.update({ model: { l2: 0.1, sizes: [784, 7, 1] } });
    expect(trainer.spec.model.l2).toBe(0);
    await run.stepOnce();
    expect(trainer.step).toBe(2);
    await run.stop();
    trainer.dispose();
  });
});
