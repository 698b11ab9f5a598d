import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer } from '../../../src/engine/train/trainer';
import { RunController, type RunEvent } from '../../../src/engine/train/run';
import { tinyBinary, tinyData, useCpu } from './helpers';

beforeAll(useCpu);

async function losses(seed: number, steps = 20): Promise<number[]> {
  const trainer = new Trainer(tinyBinary({ seed }), tinyData());
  const out: number[] = [];
  for (let i = 0; i < steps; i++) out.push((await trainer.trainStep(true))!.loss);
  trainer.dispose();
  return out;
}

describe('Trainer', () => {
  it('gives an identical loss sequence for the same seed, and a different one for another seed', async () => {
    const a = await losses(3);
    const b = await losses(3);
    const c = await losses(4);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    // It learns: the last losses are below the first.
    expect(a[19]).toBeLessThan(a[0]);
  });

  it('seed 0 is an ordinary, reproducible seed', async () => {
    expect(await losses(0, 5)).toEqual(await losses(0, 5));
  });

  const everything = () =>
    tinyBinary({
      model: { kind: 'mlp', sizes: [784, 5, 1], dropout: 0.2, l2: 0.001 },
      training: { batchSize: 20, duration: { iterations: 50 }, augment: { shift: 2, flip: true } },
      record: { every: 5, evaluate: { steps: 10 }, instruments: true, probabilities: true, trainEval: 20 },
    });
  it.each([
    [
      'instruments and probabilities',
      () => tinyBinary({ record: { every: 5, evaluate: { steps: 10 }, instruments: true, probabilities: true } }),
    ],
    ['dropout, L2, augmentation and a training subset too', everything],
  ])('keeps the tensor count flat across 50 steps and returns to baseline after dispose: %s', async (_name, spec) => {
    const baseline = tf.memory().numTensors;
    const trainer = new Trainer(spec(), tinyData());
    await trainer.trainStep(true);
    await trainer.evaluate();
    const afterFirst = tf.memory().numTensors;
    for (let i = 0; i < 49; i++) {
      await trainer.trainStep(i % 5 === 0);
      if (i % 10 === 0) await trainer.evaluate();
    }
    await trainer.activationsFor('test', 3);
    expect(tf.memory().numTensors).toBe(afterFirst);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('evaluates with per-example probabilities and probes every layer of one example', async () => {
    const trainer = new Trainer(
      tinyBinary({ record: { every: 1, evaluate: 'epoch', instruments: false, probabilities: true } }),
      tinyData(),
    );
    await trainer.trainStep(false);
    const ev = await trainer.evaluate();
    expect(ev.validation).toBeUndefined();
    expect(ev.test!.n).toBe(30);
    expect(ev.test!.outputs).toBe(1);
    expect(ev.test!.probabilities).toBeInstanceOf(Float32Array);
    expect(ev.test!.probabilities).toHaveLength(30);
    expect(Array.from(ev.test!.probabilities!).every((p) => p > 0 && p < 1)).toBe(true);
    expect(ev.test!.labels).toBeInstanceOf(Uint8Array);
    expect(Array.from(ev.test!.labels!).filter((l) => l === 1)).toHaveLength(10);
    const layers = await trainer.activationsFor('test', 3);
    expect(layers.map((l) => [l.layer, l.shape, l.values.length])).toEqual([
      [0, [5], 5],
      [1, [1], 1],
    ]);
    await expect(trainer.activationsFor('test', 30)).rejects.toThrow('example 30 is out of range (0–29)');
    await expect(trainer.activationsFor('validation', 0)).rejects.toThrow('this experiment has no validation set');
    trainer.dispose();
  });

  it('reports instruments per parameter and per layer', async () => {
    const trainer = new Trainer(
      tinyBinary({ record: { every: 1, evaluate: 'epoch', instruments: true, probabilities: false } }),
      tinyData(),
    );
    // The output layer's saturation worked out independently, example by example, from the weights the step starts from.
    const outputs: number[] = [];
    for (let i = 0; i < 20; i++) outputs.push((await trainer.activationsFor('train', i)).at(-1)!.values[0]);
    const saturated = outputs.filter((a) => Math.abs(a - 0.5) > 0.49).length / outputs.length;
    const r = (await trainer.trainStep(true))!;
    trainer.dispose();
    expect(r.instruments!.params.map((p) => p.name)).toEqual(['W1', 'b1', 'W2', 'b2']);
    for (const p of r.instruments!.params) {
      expect(p.gradNorm).toBeGreaterThan(0);
      expect(p.updateRatio).toBeGreaterThan(0);
    }
    const [hidden, output] = r.instruments!.layers;
    expect(hidden).toMatchObject({ layer: 0, activation: 'relu', units: 5 });
    expect(hidden.dead).toHaveLength(5);
    expect(hidden.histogram.counts.reduce((a, b) => a + b, 0)).toBe(20 * 5);
    expect(output.activation).toBe('sigmoid');
    expect(output.saturatedFraction).toBeCloseTo(saturated, 6);
  });

  it('stops with a reason when the loss diverges', async () => {
    const spec = tinyBinary({
      optimizer: { type: 'sgd', learningRate: 1000 },
      model: { kind: 'mlp', sizes: [784, 5, 1], hiddenActivation: 'linear', initializer: 'glorotUniform' },
    });
    const events: RunEvent[] = [];
    const trainer = new Trainer(spec, tinyData());
    const run = new RunController(trainer, (e) => events.push(e));
    await run.start();
    trainer.dispose();
    const ended = events.find((e) => e.type === 'ended');
    expect(ended).toMatchObject({ type: 'ended', reason: 'diverged' });
    expect((ended as { message: string }).message).toMatch(/^diverged at step \d+: (loss|weights) became NaN or infinite$/);
    expect((ended as { step: number }).step).toBeLessThan(50);
  });
});

describe('RunController', () => {
  it('pauses, steps, resumes, changes the learning rate mid-run and completes', async () => {
    const events: RunEvent[] = [];
    const trainer = new Trainer(
      tinyBinary({ record: { every: 10, evaluate: { steps: 25 }, instruments: false, probabilities: false } }),
      tinyData(),
    );
    let firstStep!: () => void;
    const firstStepSeen = new Promise<void>((resolve) => (firstStep = resolve));
    const run = new RunController(
      trainer,
      (e) => {
        events.push(e);
        if (e.type === 'step') firstStep();
      },
      { sliceMs: 0 },
    );
    const done = run.start();
    // Pause once the run has reported a step (an event, not a guess at how long a step takes).
    await firstStepSeen;
    await run.pause();
    const pausedAt = trainer.step;
    expect(run.state).toBe('paused');
    expect(pausedAt).toBeGreaterThan(0);
    expect(pausedAt).toBeLessThan(50);
    await run.stepOnce();
    expect(trainer.step).toBe(pausedAt + 1);
    const stepped = events.filter((e) => e.type === 'step').at(-1);
    expect(stepped).toMatchObject({ record: { step: pausedAt + 1 } });
    run.update({ optimizer: { learningRate: 0.02 } });
    await done;
    await run.resume();
    expect(trainer.step).toBe(50);
    const last = events.filter((e) => e.type === 'step').at(-1) as Extract<RunEvent, { type: 'step' }>;
    expect(last.record).toMatchObject({ step: 50, learningRate: 0.02 });
    expect(events.at(-1)).toMatchObject({ type: 'ended', reason: 'completed' });
    expect(events.filter((e) => e.type === 'eval').map((e) => (e as Extract<RunEvent, { type: 'eval' }>).record.step)).toEqual([25, 50]);
    trainer.dispose();
  });

  it('stop ends the run for good', async () => {
    const events: RunEvent[] = [];
    const trainer = new Trainer(tinyBinary(), tinyData());
    const run = new RunController(trainer, (e) => events.push(e), { sliceMs: 0 });
    void run.start();
    await run.stop();
    expect(run.state).toBe('ended');
    expect(events.at(-1)).toMatchObject({ type: 'ended', reason: 'stopped' });
    await run.start();
    expect(trainer.step).toBeLessThan(50);
    trainer.dispose();
  });
});

describe('RunController progress', () => {
  it('reports the step it paused at, even one between recorded steps', async () => {
    const events: RunEvent[] = [];
    const trainer = new Trainer(
      tinyBinary({ record: { every: 10, evaluate: { steps: 25 }, instruments: false, probabilities: false } }),
      tinyData(),
    );
    const run = new RunController(trainer, (e) => events.push(e), { sliceMs: 0 });
    const done = run.start();
    // Past the first recorded step (1) and before the next (10): a pause between two records.
    while (trainer.step < 4) await new Promise((resolve) => setTimeout(resolve, 0));
    await run.pause();
    await done;
    const pausedAt = trainer.step;
    expect(pausedAt % 10).not.toBe(0);
    const last = events.filter((e) => e.type === 'progress').at(-1) as Extract<RunEvent, { type: 'progress' }>;
    expect(last.progress.step).toBe(pausedAt);
    trainer.dispose();
  });
});
