/**
 * The bench's workloads, runnable in Node and in a browser: the engine's Trainer and stock tfjs
 * `model.fit` on the same data, spec and backend. Returns raw timings and GPU counts; no printing here.
 */
import * as tf from '@tensorflow/tfjs';
import { assertSpec } from '../../src/engine/spec/parse';
import type { ExperimentSpec, ExperimentSpecInput } from '../../src/engine/spec/schema';
import { Trainer, type TrainingData } from '../../src/engine/train/trainer';
import { learnerSpec } from '../../src/demos/learning-rate';
import { diffCounts, type GpuCounts } from './gpu-counters';

export interface Workload {
  id: string;
  label: string;
  spec: ExperimentSpec;
  /** Timed steps, after `warmup` untimed ones. */
  steps: number;
  warmup: number;
}

/** The course CNN (C1_W3) at a given batch size; `train` images so that an epoch holds `steps` batches. */
export function cnnWorkload(batch: number, steps: number, warmup: number): Workload {
  const input: ExperimentSpecInput = {
    id: `cnn-b${batch}`,
    seed: 1,
    data: { dataset: 'fashion-mnist', train: batch * (steps + warmup), input: 'image' },
    model: {
      kind: 'layers',
      layers: [
        { type: 'conv2d', filters: 32, kernel: 3, activation: 'relu' },
        { type: 'maxPooling2d', pool: 2 },
        { type: 'conv2d', filters: 32, kernel: 3, activation: 'relu' },
        { type: 'maxPooling2d', pool: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 128, activation: 'relu' },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
    },
    optimizer: { type: 'adam', learningRate: 0.001 },
    training: { batchSize: batch, duration: { epochs: 1 } },
    record: { every: 50, evaluate: 'epoch', instruments: false, probabilities: false },
  };
  return { id: `cnn-b${batch}`, label: `course CNN, batch ${batch}, Adam`, spec: assertSpec(input), steps, warmup };
}

/** The learning-rate chapter's default run: [784, 7, 1], 209 images full batch, record every 10, instruments on. */
export function learnerWorkload(steps: number, warmup: number): Workload {
  const spec = assertSpec({ ...learnerSpec, training: { batchSize: 'full', duration: { iterations: steps + warmup } } });
  return { id: 'mlp-784-7-1', label: '[784, 7, 1] full batch (209), SGD, record every 10 + instruments', spec, steps, warmup };
}

export interface RunResult {
  ms: number;
  steps: number;
  samples: number;
  /** GPU work per timed step (WebGPU only). */
  perStep?: GpuCounts;
  numTensorsAfterWarmup: number;
  numTensorsAfter: number;
  numBytesAfterWarmup: number;
  numBytesAfter: number;
  finalLoss: number;
}

export type CountsNow = () => GpuCounts | null;

const memory = () => tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number; numBytesInGPUAllocated?: number };
const gpuBytes = () => memory().numBytesInGPUAllocated ?? memory().numBytes;

/** The engine's Trainer, recording as its spec asks (like RunController). */
export async function runEngine(w: Workload, data: TrainingData, counts: CountsNow): Promise<RunResult> {
  const trainer = new Trainer(w.spec, data);
  const every = w.spec.record.every;
  let loss = NaN;
  const stepOnce = async () => {
    const next = trainer.step + 1;
    const r = await trainer.trainStep(next === 1 || next % every === 0);
    if (r) loss = r.loss;
  };
  for (let i = 0; i < w.warmup; i++) await stepOnce();
  await trainer.checkFinite();
  const t0Tensors = tf.memory().numTensors;
  const t0Bytes = gpuBytes();
  const c0 = counts();
  const start = performance.now();
  for (let i = 0; i < w.steps; i++) await stepOnce();
  // GPU work per step is counted before the final check (≈ 20 dispatches once, not part of a step: the run
  // controller checks at record steps only, which the steps above count when they record).
  const c1 = counts();
  await trainer.checkFinite(); // waits for the GPU: the timed work is done
  const ms = performance.now() - start;
  const result: RunResult = {
    ms,
    steps: w.steps,
    samples: w.steps * trainer.batchSize,
    perStep: c0 && c1 ? diffCounts(c1, c0, w.steps) : undefined,
    numTensorsAfterWarmup: t0Tensors,
    numTensorsAfter: tf.memory().numTensors,
    numBytesAfterWarmup: t0Bytes,
    numBytesAfter: gpuBytes(),
    finalLoss: loss,
  };
  trainer.dispose();
  return result;
}

function stockModel(spec: ExperimentSpec, inputShape: number[]): tf.Sequential {
  const model = tf.sequential();
  const layers =
    spec.model.kind === 'mlp'
      ? spec.model.sizes.slice(1).map((units, i, all) => ({
          type: 'dense' as const,
          units,
          activation:
            i === all.length - 1
              ? spec.model.kind === 'mlp' && spec.model.outputActivation
              : spec.model.kind === 'mlp' && spec.model.hiddenActivation,
        }))
      : spec.model.layers;
  layers.forEach((l, i) => {
    const first = i === 0 ? { inputShape } : {};
    if (l.type === 'dense') model.add(tf.layers.dense({ units: l.units, activation: l.activation as never, ...first }));
    else if (l.type === 'conv2d')
      model.add(tf.layers.conv2d({ filters: l.filters, kernelSize: l.kernel as number, activation: l.activation as never, ...first }));
    else if (l.type === 'maxPooling2d') model.add(tf.layers.maxPooling2d({ poolSize: l.pool as number, ...first }));
    else if (l.type === 'flatten') model.add(tf.layers.flatten(first));
    else throw new Error(`bench: no stock layer for ${l.type}`);
  });
  const o = spec.optimizer;
  const optimizer = o.type === 'adam' ? tf.train.adam(o.learningRate, 0.9, 0.999, 1e-7) : tf.train.sgd(o.learningRate);
  const loss = spec.data.task.kind === 'binary' ? 'binaryCrossentropy' : 'categoricalCrossentropy';
  model.compile({ optimizer, loss, metrics: ['accuracy'] });
  return model;
}

/** Stock `model.fit` on the same examples: `steps` batches after `warmup` ones; optionally with onBatchEnd. */
export async function runFit(w: Workload, data: TrainingData, counts: CountsNow, withCallback: boolean): Promise<RunResult> {
  const spec = w.spec;
  const image = spec.data.input === 'image';
  const shape = image ? [28, 28, 1] : [784];
  const n = data.train.n;
  const batch = Math.min(n, spec.training.batchSize === 'full' ? n : spec.training.batchSize);
  const x = tf.tensor(data.train.x, [n, ...shape]);
  const y =
    spec.data.task.kind === 'binary'
      ? tf.tensor2d(Float32Array.from(data.train.labels), [n, 1])
      : tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(data.train.labels), 'int32'), 10).toFloat());
  const model = stockModel(spec, shape);
  let loss = NaN;
  const callbacks = withCallback
    ? {
        onBatchEnd: async (_b: number, logs?: tf.Logs) => {
          loss = logs?.loss ?? loss;
        },
      }
    : undefined;
  // fit over whole epochs: full batch = one step per epoch; minibatch = `steps` batches in one epoch.
  const fit = (steps: number) => {
    if (batch === n) return model.fit(x, y, { batchSize: batch, epochs: steps, shuffle: false, verbose: 0, callbacks });
    const xs = tf.slice(x, 0, steps * batch);
    const ys = tf.slice(y, 0, steps * batch);
    return model.fit(xs, ys, { batchSize: batch, epochs: 1, shuffle: true, verbose: 0, callbacks }).finally(() => tf.dispose([xs, ys]));
  };
  const h0 = await fit(w.warmup);
  loss = Number(h0.history.loss.at(-1));
  const t0Tensors = tf.memory().numTensors;
  const t0Bytes = gpuBytes();
  const c0 = counts();
  const start = performance.now();
  const h = await fit(w.steps);
  await model.getWeights()[0].data();
  const ms = performance.now() - start;
  const c1 = counts();
  if (!withCallback) loss = Number(h.history.loss.at(-1));
  const result: RunResult = {
    ms,
    steps: w.steps,
    samples: w.steps * batch,
    perStep: c0 && c1 ? diffCounts(c1, c0, w.steps) : undefined,
    numTensorsAfterWarmup: t0Tensors,
    numTensorsAfter: tf.memory().numTensors,
    numBytesAfterWarmup: t0Bytes,
    numBytesAfter: gpuBytes(),
    finalLoss: loss,
  };
  model.dispose();
  tf.dispose([x, y]);
  return result;
}

/** Kernels run by one unrecorded engine step (after a warm-up step), by name: where the dispatches go. */
export async function kernelHistogram(w: Workload, data: TrainingData): Promise<Record<string, number>> {
  const trainer = new Trainer(w.spec, data);
  await trainer.trainStep(true);
  await trainer.trainStep(false);
  const info = await tf.profile(async () => {
    await trainer.trainStep(false);
  });
  trainer.dispose();
  const counts: Record<string, number> = {};
  for (const k of info.kernels) counts[k.name] = (counts[k.name] ?? 0) + 1;
  return counts;
}
