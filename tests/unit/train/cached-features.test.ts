/**
 * Transfer learning on cached features (issue 23 §2, train/cached-features.ts): a run whose first layers are frozen
 * trains its head on their outputs computed once per set. Every spec here is trained twice from the same seed, with
 * the cache switched off (the whole model every step) and on, and every recorded number is compared: each step's
 * loss and accuracy, each evaluation's loss, accuracy, probabilities and per-example losses, and the final weights.
 * Tolerance: 1e-6 absolute on losses and probabilities, 1e-6 on weights (the same float operations in the same
 * order: in practice they agree bit for bit on the CPU backend), accuracies exactly.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXTRACTOR_SHA256 } from '../../../src/demos/loss-accuracy';
import { useEngineCpuKernels } from '../../../src/engine/kernels/cpu/register';
import { featureCacheEnabled, setFeatureCache } from '../../../src/engine/kernels/settings';
import { loadPretrained } from '../../../src/engine/model/pretrained';
import { createNodeModelSource } from '../../../src/engine/model/pretrained-node';
import { createParams, disposeParams, restoreParams, snapshotParams } from '../../../src/engine/model/params';
import { assertSpec } from '../../../src/engine/spec/parse';
import type { ExperimentSpec, ExperimentSpecInput, LayerSpec } from '../../../src/engine/spec/schema';
import { toKeras } from '../../../src/engine/spec/keras';
import { twoBlockCnn } from '../../../src/engine/spec/stacks';
import { cachedPrefixLength } from '../../../src/engine/train/cached-features';
import { RunController, type RunEvent } from '../../../src/engine/train/run';
import { Trainer, type EvalRecord, type StepRecord, type TrainingData } from '../../../src/engine/train/trainer';
import type { SpecPatch } from '../../../src/engine/train/patch';
import { syntheticBinary, useCpu } from './helpers';

beforeAll(async () => {
  await useCpu();
  // As a reader's CPU fallback and the bench run it.
  useEngineCpuKernels(true);
});
afterEach(() => setFeatureCache(true));

const extractor = twoBlockCnn([8, 16], 32, 1).slice(0, 5) as LayerSpec[];

/** The loss-transfer demo's spec (frozen pretrained extractor, new head, batch 2) at a test's size. */
function transferLike(
  patch: { model?: Partial<ExperimentSpecInput['model']> & { layers?: unknown[] } } & Partial<Omit<ExperimentSpecInput, 'model'>> = {},
): ExperimentSpec {
  const { model, ...rest } = patch;
  return assertSpec({
    seed: 1,
    data: {
      dataset: 'fashion-mnist',
      classes: [0, 6],
      task: { kind: 'binary', positive: [6] },
      train: 24,
      validation: 8,
      test: 8,
      input: 'image',
    },
    optimizer: { type: 'adam', learningRate: 0.003 },
    training: { batchSize: 2, duration: { epochs: 2 } },
    record: { every: 3, evaluate: 'epoch', instruments: false, probabilities: true, trainEval: 24 },
    ...rest,
    model: {
      kind: 'layers',
      layers: twoBlockCnn([8, 16], 32, 1),
      pretrained: { name: 'fashion-8-extractor', sha256: EXTRACTOR_SHA256, layers: 5, freeze: true },
      ...model,
    } as ExperimentSpecInput['model'],
  } as ExperimentSpecInput);
}

/** Synthetic images (the extractor does not care what they show): binary labels, or ten classes. */
function dataFor(spec: ExperimentSpec): Omit<TrainingData, 'pretrained'> {
  const multi = spec.data.task.kind === 'multiclass';
  const set = (n: number, seed: number) => {
    const d = syntheticBinary(n, seed);
    return multi
      ? { ...d, labels: Uint8Array.from({ length: n }, (_, i) => i % 10), y: Uint8Array.from({ length: n }, (_, i) => i % 10) }
      : d;
  };
  return { train: set(spec.data.train, 7), validation: set(spec.data.validation ?? 0, 8), test: set(spec.data.test ?? 0, 9) };
}

interface Outcome {
  steps: StepRecord[];
  evals: EvalRecord[];
  ended: string;
  /** `trainer.cachedLayers` after each step. */
  cached: number[];
  weights: Float32Array[];
}

/**
 * Trains `spec` to its end through a RunController (as the worker does: steps recorded at step 1 and every
 * `record.every`, evaluations, early stopping), applying `updates` after the given steps.
 */
async function train(spec: ExperimentSpec, cache: boolean, updates: Record<number, SpecPatch> = {}): Promise<Outcome> {
  setFeatureCache(cache);
  const pretrained = await loadPretrained(createNodeModelSource(), spec);
  const trainer = new Trainer(spec, { ...dataFor(spec), pretrained });
  const steps: StepRecord[] = [];
  const evals: EvalRecord[] = [];
  const cached: number[] = [];
  let ended = '';
  let refused = '';
  const controller: RunController = new RunController(
    trainer,
    (e: RunEvent) => {
      if (e.type === 'step') steps.push(e.record);
      if (e.type === 'eval') evals.push(e.record);
      if (e.type === 'ended') ended = `${e.reason}: ${e.message}`;
      if (e.type === 'update-refused') refused = e.message;
    },
    {
      // Yields after every step: where the live changes go in.
      sliceMs: 0,
      yieldToLoop: async () => {
        cached.push(trainer.cachedLayers);
        const patch = updates[trainer.step];
        if (patch) controller.update(patch);
      },
    },
  );
  try {
    await controller.start();
    expect(refused).toBe('');
    return { steps, evals, ended, cached, weights: await snapshotParams(trainer.model) };
  } finally {
    controller.dispose();
    trainer.dispose();
  }
}

function close(a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined, tol: number, what: string) {
  expect(a === undefined, what).toBe(b === undefined);
  if (!a || !b) return;
  expect(a.length, what).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i]), `${what}[${i}]: ${a[i]} vs ${b[i]}`).toBeLessThanOrEqual(tol);
}

/** Every number in a record, in order (NaN for null: both sides must agree on where). */
function numbers(v: unknown): number[] {
  if (v == null) return [];
  if (typeof v === 'number') return [v];
  if (ArrayBuffer.isView(v)) return Array.from(v as Float32Array);
  if (Array.isArray(v)) return v.flatMap(numbers);
  if (typeof v === 'object')
    return Object.keys(v)
      .sort()
      .flatMap((k) => numbers((v as Record<string, unknown>)[k]));
  return [];
}

function expectSameRun(off: Outcome, on: Outcome) {
  expect(on.ended).toBe(off.ended);
  expect(on.steps.map((s) => [s.step, s.accuracy, s.learningRate])).toEqual(off.steps.map((s) => [s.step, s.accuracy, s.learningRate]));
  close(
    on.steps.map((s) => s.loss),
    off.steps.map((s) => s.loss),
    1e-6,
    'step losses',
  );
  close(
    on.steps.map((s) => s.l2Penalty ?? 0),
    off.steps.map((s) => s.l2Penalty ?? 0),
    1e-6,
    'L2 penalties',
  );
  // Instruments (recorded steps run the whole model on the pixels, cached or not): every number they hold.
  on.steps.forEach((st, i) => close(numbers(st.instruments), numbers(off.steps[i].instruments), 1e-6, `instruments at step ${st.step}`));
  expect(on.steps.map((st) => st.firstZeroGradStep)).toEqual(off.steps.map((st) => st.firstZeroGradStep));
  expect(on.evals.map((e) => [e.step, e.restored, e.best])).toEqual(off.evals.map((e) => [e.step, e.restored, e.best]));
  on.evals.forEach((e, i) => {
    for (const name of ['train', 'validation', 'test'] as const) {
      const a = e[name];
      const b = off.evals[i][name];
      expect(a === undefined).toBe(b === undefined);
      if (!a || !b) continue;
      expect(a.accuracy, `${name} accuracy at step ${e.step}`).toBe(b.accuracy);
      close([a.loss], [b.loss], 1e-6, `${name} loss at step ${e.step}`);
      close(a.probabilities, b.probabilities, 1e-6, `${name} probabilities at step ${e.step}`);
      close(a.losses, b.losses, 1e-6, `${name} losses at step ${e.step}`);
    }
  });
  on.weights.forEach((w, i) => close(w, off.weights[i], 1e-6, `weights ${i}`));
}

/** Trains `spec` without and with the cache and compares the runs; the cached one ran `cut` layers on features. */
async function compare(spec: ExperimentSpec, updates?: Record<number, SpecPatch>, cut = 5) {
  const off = await train(spec, false, updates);
  const on = await train(spec, true, updates);
  expect(off.steps.length).toBeGreaterThan(0);
  expect(off.cached.every((c) => c === 0)).toBe(true);
  expect(Math.max(...on.cached)).toBe(cut);
  expectSameRun(off, on);
  return { off, on };
}

describe('training the head on cached features gives the same run as the whole model', () => {
  it('loss-transfer at a small size: batch 2, recorded at step 1 and every 3, evaluations with probabilities', async () => {
    const { on } = await compare(transferLike());
    expect(on.evals).toHaveLength(2);
    expect(on.steps.map((s) => s.step)).toEqual([1, 3, 6, 9, 12, 15, 18, 21, 24]);
    // Every step after the first built the features (the first did, before its batch): 24 steps in all.
    expect(on.cached).toEqual(Array(24).fill(5));
  });

  it('with L2, label smoothing and a dropout layer in the head; and full batch', async () => {
    await compare(
      transferLike({
        model: {
          layers: [
            ...extractor,
            { type: 'dense', units: 32, activation: 'relu' },
            { type: 'dropout', rate: 0.3 },
            { type: 'dense', units: 1, activation: 'sigmoid' },
          ],
          l2: 0.001,
        },
        training: { batchSize: 2, duration: { epochs: 1 }, labelSmoothing: 0.1 },
      }),
    );
    await compare(transferLike({ training: { batchSize: 'full', duration: { iterations: 4 } } }));
  });

  it('ten classes (softmax head), steps recorded every 5', async () => {
    await compare(
      transferLike({
        data: { dataset: 'fashion-mnist', train: 20, validation: 10, test: 0, input: 'image' },
        model: { layers: twoBlockCnn([8, 16], 32, 10) },
        training: { batchSize: 4, duration: { epochs: 2 } },
        record: { every: 5, evaluate: 'epoch', instruments: false, probabilities: true, trainEval: 10 },
      }),
    );
  });

  it('with augmentation: the features of each augmented batch, computed per step', async () => {
    await compare(transferLike({ training: { batchSize: 3, duration: { epochs: 1 }, augment: { shift: 2, flip: true } } }));
  });

  it('with instruments on recorded steps (those run the whole model) and a cut extractor (pretrained: 3 layers)', async () => {
    const { on } = await compare(
      transferLike({
        record: { every: 3, evaluate: { steps: 5 }, instruments: true, probabilities: false, trainEval: 0 },
        training: { batchSize: 2, duration: { iterations: 12 } },
      }),
    );
    expect(on.steps.filter((s) => s.instruments).length).toBeGreaterThan(2);
    await compare(
      transferLike({
        model: { pretrained: { name: 'fashion-8-extractor', sha256: EXTRACTOR_SHA256, layers: 3, freeze: true } },
        training: { batchSize: 2, duration: { iterations: 12 } },
      }),
    );
  });

  it('with early stopping that restores the best weights (the cache is rebuilt after the restore)', async () => {
    const { on } = await compare(
      transferLike({
        optimizer: { type: 'adam', learningRate: 0.05 },
        training: { batchSize: 2, duration: { epochs: 6 }, earlyStopping: { patience: 2, restoreBest: true } },
        record: { every: 4, evaluate: { steps: 3 }, instruments: false, probabilities: false, trainEval: 24 },
      }),
    );
    expect(on.evals.some((e) => e.restored)).toBe(true);
  });

  it('with live changes (SGD): the learning rate, augmentation, and a dropout layer added inside the extractor and removed', async () => {
    const layers = twoBlockCnn([8, 16], 32, 1);
    await compare(
      transferLike({ optimizer: { type: 'sgd', learningRate: 0.05 }, training: { batchSize: 2, duration: { iterations: 16 } } }),
      {
        3: { optimizer: { learningRate: 0.01 } },
        5: { training: { augment: { shift: 1, flip: false } } },
        7: { training: { augment: { shift: 0, flip: false } } },
        9: { model: { layers: [layers[0], layers[1], { type: 'dropout', rate: 0.5 }, ...layers.slice(2)] } },
        12: { model: { layers } },
      },
    ).then(({ on }) => {
      // Steps 10–12 ran the first two layers on cached features (the dropout layer ends what can be cached).
      expect(on.cached).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 5, 2, 2, 2, 5, 5, 5, 5]);
    });
  });

  it('fine-tuned (freeze: false) has nothing to cache and trains exactly as before', async () => {
    const spec = transferLike({
      model: { pretrained: { name: 'fashion-8-extractor', sha256: EXTRACTOR_SHA256, layers: 5, freeze: false } },
      training: { batchSize: 2, duration: { iterations: 6 } },
    });
    const model = createParams(spec, await loadPretrained(createNodeModelSource(), spec));
    expect(cachedPrefixLength(model, 100)).toBe(0);
    disposeParams(model);
    await compare(spec, {}, 0);
  });
});

describe('what is cached', () => {
  async function modelOf(spec: ExperimentSpec) {
    return createParams(spec, await loadPretrained(createNodeModelSource(), spec));
  }

  it('the frozen layers and the weightless ones after them, stopping at a dropout layer, within the budget', async () => {
    const model = await modelOf(transferLike());
    expect(cachedPrefixLength(model, 514)).toBe(5);
    // 400 floats an example after the extractor (5·5·16), fewer than after any earlier layer: nothing fits below that.
    expect(cachedPrefixLength(model, 1000, 1000 * 400 * 4)).toBe(5);
    expect(cachedPrefixLength(model, 1000, 1000 * 400 * 4 - 1)).toBe(0);
    disposeParams(model);
    const three = await modelOf(
      transferLike({ model: { pretrained: { name: 'fashion-8-extractor', sha256: EXTRACTOR_SHA256, layers: 3, freeze: true } } }),
    );
    // conv, pool, conv frozen; the pool and flatten after them hold no weights: cached too.
    expect(cachedPrefixLength(three, 514)).toBe(5);
    three.layers = [three.layers[0], three.layers[1], { type: 'dropout', rate: 0.5 }, ...three.layers.slice(2)];
    three.params = [three.params[0], three.params[1], null, ...three.params.slice(2)];
    three.inputShapes = [...three.inputShapes.slice(0, 3), ...three.inputShapes.slice(2)];
    expect(cachedPrefixLength(three, 514)).toBe(2);
    disposeParams(three);
  });

  it('keeps the tensor count flat across steps and evaluations, and back to baseline after dispose', async () => {
    expect(featureCacheEnabled()).toBe(true);
    const spec = transferLike({ training: { batchSize: 2, duration: { epochs: 3 } } });
    const pretrained = await loadPretrained(createNodeModelSource(), spec);
    const baseline = tf.memory().numTensors;
    const trainer = new Trainer(spec, { ...dataFor(spec), pretrained });
    await trainer.trainStep(true);
    await trainer.evaluate();
    const afterFirst = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      await trainer.trainStep(i % 3 === 0);
      if (i % 5 === 0) await trainer.evaluate();
    }
    expect(tf.memory().numTensors).toBe(afterFirst);
    // A restored snapshot (as after a lost GPU, or a saved run) assigns every variable: the features are rebuilt.
    restoreParams(trainer.model, await snapshotParams(trainer.model));
    await trainer.trainStep(true);
    await trainer.evaluate();
    expect(tf.memory().numTensors).toBe(afterFirst);
    // Switched off mid-run: the features are freed.
    setFeatureCache(false);
    await trainer.trainStep(true);
    expect(tf.memory().numTensors).toBeLessThan(afterFirst);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('follows a change of the frozen weights (features computed from the weights as they are now)', async () => {
    const spec = transferLike({ training: { batchSize: 2, duration: { iterations: 6 } } });
    const pretrained = await loadPretrained(createNodeModelSource(), spec);
    const run = async (cache: boolean) => {
      setFeatureCache(cache);
      const trainer = new Trainer(spec, { ...dataFor(spec), pretrained });
      await trainer.trainStep(true);
      await trainer.evaluate();
      // Not something a run does (they are frozen), but a restore could: halve the first kernel.
      tf.tidy(() => trainer.model.variables[0].assign(tf.mul(trainer.model.variables[0], 0.5)));
      const step = (await trainer.trainStep(true))!;
      const evaluation = await trainer.evaluate();
      trainer.dispose();
      return [step.loss, evaluation.validation!.loss, evaluation.test!.loss];
    };
    const off = await run(false);
    close(await run(true), off, 1e-6, 'after the change');
  });
});

describe('the Keras export', () => {
  it('says that Keras users train the head on the extracted features too, for a frozen extractor only', () => {
    const lines = toKeras(transferLike()).split('\n');
    expect(lines).toContain(
      '# rest on them, as Keras users do ("feature extraction": features = base.predict(x), then fit the head on the',
    );
    expect(lines.indexOf('# features). This script runs the whole model at every step: the same weights, only more slowly.')).toBeLessThan(
      lines.findIndex((l) => l.startsWith('model.compile(')),
    );
    const finetune = toKeras(
      transferLike({ model: { pretrained: { name: 'fashion-8-extractor', sha256: EXTRACTOR_SHA256, layers: 5, freeze: false } } }),
    );
    expect(finetune).not.toContain('feature extraction');
  });
});
