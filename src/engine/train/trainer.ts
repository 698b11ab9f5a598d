/**
 * One experiment's training state: variables, optimizer, data on the device, and a custom loop step
 * (variableGrads + applyGradients inside tf.tidy). Knows nothing about workers or UI: `run.ts` drives it.
 */
import * as tf from '@tensorflow/tfjs';
import { createParams, disposeParams, type ModelParams } from '../model/params';
import { expandLayers } from '../spec/summarize';
import type { PretrainedWeights } from '../model/pretrained';
import { forward, outputProbabilities } from '../model/forward';
import { createRng, permutation, type Rng } from '../random';
import { batchSizeOf, stepsPerEpoch, totalSteps } from '../spec/parse';
import type { ExperimentSpec } from '../spec/schema';
import { inputShapeOf, outputUnitsFor } from '../spec/summarize';
import type { LayerSpec } from '../spec/schema';
import type { Split } from '../data/split';
import {
  activationTensors,
  layerTensors,
  paramTensors,
  readInstruments,
  type InstrumentRecord,
  type InstrumentTensors,
} from './instruments';
import { createOptimizer, setLearningRate } from './optimizer';
import { evaluateSet, trainEvalIndices, type EvalRecord, type EvalSet } from './evaluate';
import { Augmenter, isAugmenting } from './augment';
import { l2Penalty, withPenalty } from './regularize';
import { DivergenceWatch } from '../kernels/divergence-watch';
import { ZeroGradTracker } from './zero-grad';
import { exampleCrossEntropy, meanCrossEntropy, smoothLabels } from './loss';
import { liveSpec } from './live';
import type { SpecPatch } from './patch';
import { FeatureCache } from './cached-features';
import { featureCacheEnabled } from '../kernels/settings';

export type { EvalRecord, SetMetrics } from './evaluate';

/** Examples as the trainer needs them: pixels in [0, 1] (n × 784) and one label per example. */
export interface SplitData {
  x: Float32Array;
  /** Task labels: 0/1 for binary tasks, 0..k−1 for multiclass (the class id when every class is used). */
  labels: Float32Array | Uint8Array;
  n: number;
  /** Original class id (0–9) of each example (to show which class an example is, whatever the task). */
  y: Uint8Array;
}

export interface TrainingData {
  train: SplitData;
  validation?: SplitData;
  test?: SplitData;
  /** Loaded with the data for `model.pretrained`: weights of the model's first layers (model/pretrained.ts). */
  pretrained?: PretrainedWeights;
}

export interface StepRecord {
  /** Completed gradient steps (1-based). */
  step: number;
  /** Completed passes over the training set, fractional. */
  epoch: number;
  /**
   * Cost on this step's batch, before the update: the objective the gradient minimises, so with L2 weight
   * decay it includes the penalty (as Keras' reported `loss` does), with label smoothing it is the cross-entropy
   * against the smoothed targets; evaluations never include either.
   */
  loss: number;
  /** With `model.l2` > 0: the L2 penalty l2 · Σ w² included in `loss`. */
  l2Penalty?: number;
  /** Accuracy on this step's batch (augmented if augmentation is on), in inference mode, before the update. */
  accuracy: number;
  learningRate: number;
  instruments?: InstrumentRecord;
  /**
   * With instruments: the first step (counting from 1, like `step`) whose gradient of the first layer's
   * weights was exactly zero in every entry — tracked on the device at every step, not only recorded ones —
   * or null while there has been none. The course's 0-based loop calls that step iteration `step − 1`.
   */
  firstZeroGradStep?: number | null;
  /**
   * With instruments: for each ReLU layer of at most 256 units, each unit's largest pre-activation z over this
   * step's batch, with the weights the gradient sees (before the update); the unit is dead on the batch when it is
   * ≤ 0. The same numbers as `instruments.layers[…].maxPreActivation`, kept beside them because a page keeps
   * `instruments` for the latest step only, and this for every recorded step.
   */
  maxPreActivation?: { layer: number; max: number[] }[];
}

/** Thrown (and reported) when the loss or the weights stop being finite numbers. */
export class DivergedError extends Error {
  constructor(
    readonly step: number,
    what: string,
  ) {
    super(`diverged at step ${step}: ${what}`);
    this.name = 'DivergedError';
  }
}

/** Thrown by Trainer.update for a change a run cannot take while it trains; the run goes on unchanged. */
export class LiveUpdateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LiveUpdateError';
  }
}

/**
 * Gives the model `layers`, which differ from its own only in dropout layers (rates, or a dropout layer added or
 * removed): the weighted layers keep their variables; a dropout layer has none and keeps its input's shape.
 */
function relayer(model: ModelParams, layers: LayerSpec[]): void {
  if (JSON.stringify(layers) === JSON.stringify(model.layers)) return;
  const weighted = model.layers.flatMap((layer, i) =>
    layer.type === 'dropout' ? [] : [{ params: model.params[i], input: model.inputShapes[i] }],
  );
  const params: ModelParams['params'] = [];
  const inputShapes: ModelParams['inputShapes'] = [];
  let k = 0;
  for (const layer of layers) {
    // A dropout layer sits before a weighted or shape-keeping layer whose input is its own.
    const next = weighted[k] ?? weighted[weighted.length - 1];
    params.push(layer.type === 'dropout' ? null : next.params);
    inputShapes.push(next.input);
    if (layer.type !== 'dropout') k += 1;
  }
  model.layers = layers;
  model.params = params;
  model.inputShapes = inputShapes;
}

export class Trainer {
  readonly model: ModelParams;
  readonly total: number;
  readonly batchSize: number;
  private readonly perEpoch: number;
  private readonly optimizer: tf.Optimizer;
  private readonly x: tf.Tensor;
  private readonly y: tf.Tensor;
  /** What the training loss aims at: `y`, or `y` smoothed by `training.labelSmoothing` (evaluations use `y`). */
  private readonly target: tf.Tensor;
  private readonly evalSets: EvalSet[] = [];
  private readonly shuffleRng: Rng;
  private readonly dropoutRng: Rng;
  private augmenter: Augmenter | null;
  /** Positions in the training set of the fixed subset evaluated like validation (`record.trainEval`). */
  readonly trainEvalIndices: Int32Array;
  /** First step whose loss was not finite (kept on device: no readback or upload per step). */
  private readonly divergence = new DivergenceWatch();
  /** With instruments: the first step whose first-layer weight gradient was exactly zero. */
  private readonly zeroGrad: ZeroGradTracker | null;
  private order: tf.Tensor1D | null = null;
  /** Outputs of the frozen first layers for every set (cached-features.ts), built on first use. */
  private features: FeatureCache | null = null;
  /** The layers of a model found to have nothing to cache (so the next steps do not look again). */
  private uncacheable: LayerSpec[] | null = null;
  private disposed = false;
  /** True once `dispose` has freed the model, optimiser and data. */
  get isDisposed(): boolean {
    return this.disposed;
  }
  step = 0;
  learningRate: number;

  /** The spec it trains on now: the run's spec with the live changes made so far (`update`). */
  get spec(): ExperimentSpec {
    return this.current;
  }

  constructor(
    private current: ExperimentSpec,
    data: TrainingData,
  ) {
    const spec = current;
    this.model = createParams(spec, data.pretrained);
    this.total = totalSteps(spec);
    this.batchSize = batchSizeOf(spec);
    this.perEpoch = stepsPerEpoch(spec);
    this.learningRate = spec.optimizer.learningRate;
    this.optimizer = createOptimizer(spec.optimizer);
    this.shuffleRng = createRng(spec.seed, 'shuffle');
    this.dropoutRng = createRng(spec.seed, 'dropout');
    this.augmenter = isAugmenting(spec.training.augment) ? new Augmenter(spec.training.augment, spec.seed) : null;
    const shape = inputShapeOf(spec.data);
    const toX = (d: SplitData) => tf.tensor(d.x, [d.n, ...shape]);
    const toY = (d: SplitData) =>
      spec.data.task.kind === 'binary'
        ? tf.tensor2d(Float32Array.from(d.labels), [d.n, 1])
        : tf.oneHot(tf.tensor1d(Int32Array.from(d.labels), 'int32'), outputUnitsFor(spec.data)).toFloat();
    this.x = toX(data.train);
    this.y = tf.tidy(() => toY(data.train));
    this.target = smoothLabels(spec.data.task.kind, this.y, spec.training.labelSmoothing ?? 0);
    this.trainEvalIndices = trainEvalIndices(spec.seed, data.train.n, spec.record.trainEval);
    if (this.trainEvalIndices.length > 0) {
      const at = this.trainEvalIndices;
      const [x, y] = tf.tidy(() => [tf.gather(this.x, at), tf.gather(this.y, at)]);
      this.evalSets.push({ name: 'train', x, y, labels: Uint8Array.from(at, (i) => data.train.labels[i]) });
    }
    for (const name of ['validation', 'test'] as const) {
      const d = data[name];
      if (d && d.n > 0) this.evalSets.push({ name, x: toX(d), y: tf.tidy(() => toY(d)), labels: Uint8Array.from(d.labels) });
    }
    this.zeroGrad = spec.record.instruments ? new ZeroGradTracker() : null;
  }

  get epoch(): number {
    return this.step / this.perEpoch;
  }

  get done(): boolean {
    return this.step >= this.total;
  }

  /** Loss from logits (numerically stable: sigmoid/softmax cross-entropy on logits). */
  private loss(logits: tf.Tensor, y: tf.Tensor): tf.Scalar {
    return meanCrossEntropy(this.spec.data.task.kind, logits, y);
  }

  private accuracy(logits: tf.Tensor, y: tf.Tensor): tf.Scalar {
    const correct =
      this.spec.data.task.kind === 'binary'
        ? tf.equal(tf.greater(logits, 0), tf.greater(y, 0.5))
        : tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1));
    return tf.mean(tf.cast(correct, 'float32'));
  }

  /** Indices of this step's batch (a fresh seeded permutation each epoch); null for full batch. */
  private batchIndices(): tf.Tensor1D | null {
    if (this.batchSize >= this.spec.data.train) return null;
    const within = this.step % this.perEpoch;
    if (within === 0 || !this.order) {
      this.order?.dispose();
      // Created inside the step's tidy but lives for the whole epoch.
      this.order = tf.keep(tf.tensor1d(permutation(this.spec.data.train, this.shuffleRng), 'int32'));
    }
    const start = within * this.batchSize;
    return tf.slice(this.order, start, Math.min(this.batchSize, this.spec.data.train - start));
  }

  /** How many first layers the last step or evaluation ran on cached features (0: none, the whole model ran). */
  get cachedLayers(): number {
    return this.features?.cut ?? 0;
  }

  /**
   * The cached outputs of the model's frozen first layers, built (or rebuilt, after a change to those layers or
   * their weights) on first use; null when there are none to cache or the cache is switched off. Call outside tf.tidy.
   */
  private cachedFeatures(): FeatureCache | null {
    if (this.features?.fits(this.model) && featureCacheEnabled()) return this.features;
    this.features?.dispose();
    this.features = null;
    if (!featureCacheEnabled() || this.uncacheable === this.model.layers) return null;
    const sets = this.evalSets.map((s) => ({ name: s.name, x: s.x, fromTrain: s.name === 'train' ? this.trainEvalIndices : undefined }));
    this.features = FeatureCache.build(this.model, this.x, sets);
    if (!this.features) this.uncacheable = this.model.layers;
    return this.features;
  }

  /**
   * One gradient step. When `record` is true, also reads back loss/accuracy (and instruments if the spec
   * asks for them); otherwise nothing leaves the device. Throws DivergedError on a non-finite loss or weights.
   */
  async trainStep(record: boolean): Promise<StepRecord | null> {
    if (this.disposed) throw new Error('trainer was disposed');
    const instrument = record && this.spec.record.instruments;
    const l2 = this.spec.model.l2;
    // Instrumented steps see every layer's activations: they run the whole model on the pixels.
    const features = instrument ? null : this.cachedFeatures();
    const net = features ? features.head : this.model;
    let out!: {
      value: tf.Scalar;
      acc: tf.Scalar | null;
      penalty: tf.Scalar | null;
      layers: InstrumentTensors['layers'];
      params: ReturnType<typeof paramTensors> | null;
    };
    tf.tidy(() => {
      const idx = this.batchIndices();
      let xb: tf.Tensor;
      if (features && !this.augmenter) xb = idx ? tf.gather(features.train, idx) : features.train;
      else {
        const picked = idx ? tf.gather(this.x, idx) : this.x;
        const augmented = this.augmenter ? this.augmenter.apply(picked) : picked;
        // An augmented batch is new each step: its features are computed once for both passes below.
        xb = features ? features.prefix(this.model, augmented) : augmented;
      }
      const yb = idx ? tf.gather(this.y, idx) : this.y;
      const tb = this.target === this.y ? yb : idx ? tf.gather(this.target, idx) : this.target;
      let acc: tf.Scalar | null = null;
      let layers: InstrumentTensors['layers'] = [];
      if (record) {
        // Before the update, with the same weights the gradient sees.
        const probe = forward(net, xb, { training: false, keepActivations: instrument, keepPreActivations: instrument });
        acc = this.accuracy(probe.logits, yb);
        if (instrument) layers = activationTensors(this.model, probe.activations, probe.preActivations);
      }
      const before = instrument ? this.model.variables.map((v) => tf.clone(v)) : [];
      // The penalty on the weights the gradient sees (before the update), to report it.
      const penalty = record ? l2Penalty(this.model, l2) : null;
      const { value, grads } = tf.variableGrads(
        () => withPenalty(this.loss(forward(net, xb, { training: true, rng: this.dropoutRng }).logits, tb), this.model, l2),
        this.model.variables,
      );
      this.optimizer.applyGradients(grads);
      this.divergence.observe(value);
      // A frozen (pretrained) first layer has no gradient: it counts as exactly zero.
      if (this.zeroGrad) this.zeroGrad.observe(grads[this.model.variables[0].name] ?? tf.zerosLike(this.model.variables[0]));
      const params = instrument
        ? paramTensors(
            this.model.variables.map((v) => grads[v.name] ?? tf.zerosLike(v)),
            before,
            this.model.variables,
          )
        : null;
      out = { value, acc, penalty, layers, params };
      // Returned tensors survive the tidy; everything else from this step is freed.
      return [value, acc, penalty, ...layers.flatMap(layerTensors), ...(params ? Object.values(params) : [])].filter(
        (t): t is tf.Tensor => t != null,
      );
    });
    this.step += 1;
    if (!record) {
      out.value.dispose();
      return null;
    }
    try {
      const [loss, accuracy, zeroAt, penalty] = await Promise.all([
        out.value.data(),
        out.acc!.data(),
        this.zeroGrad?.firstZeroStep(this.step),
        out.penalty?.data(),
      ]);
      const instruments = out.params ? await readInstruments(this.model, { ...out.params, layers: out.layers }) : undefined;
      await this.checkFinite(instruments);
      const record: StepRecord = {
        step: this.step,
        epoch: this.epoch,
        loss: loss[0],
        accuracy: accuracy[0],
        learningRate: this.learningRate,
        instruments,
      };
      if (zeroAt !== undefined) record.firstZeroGradStep = zeroAt;
      const maxPre = instruments?.layers.flatMap((l) => (l.maxPreActivation ? [{ layer: l.layer, max: l.maxPreActivation }] : []));
      if (maxPre?.length) record.maxPreActivation = maxPre;
      if (penalty) record.l2Penalty = penalty[0];
      return record;
    } finally {
      out.value.dispose();
      out.acc?.dispose();
      out.penalty?.dispose();
      // readInstruments frees these; if a read failed first (the trainer was disposed mid-step), free them here.
      tf.dispose([...(out.params ? Object.values(out.params) : []), ...out.layers.flatMap(layerTensors)]);
    }
  }

  /** Raises DivergedError if any loss so far, or any weight now, is NaN or ±Infinity. */
  async checkFinite(instruments?: InstrumentRecord): Promise<void> {
    const firstBad = await this.divergence.firstBadStep(this.step);
    if (firstBad > 0) throw new DivergedError(firstBad, 'loss became NaN or infinite');
    const norms = instruments?.params.map((p) => p.weightNorm);
    let weightsOk: boolean;
    if (norms) weightsOk = norms.every(Number.isFinite);
    else {
      const allFinite = tf.tidy(() => tf.all(tf.stack(this.model.variables.map((v) => tf.all(tf.isFinite(v))))));
      weightsOk = (await allFinite.data())[0] === 1;
      allFinite.dispose();
    }
    if (!weightsOk) throw new DivergedError(this.step, 'weights became NaN or infinite');
  }

  /**
   * Loss and accuracy (cross-entropy alone against the true labels: no L2 penalty, no label smoothing) on the
   * training subset, validation and test sets, in inference mode, with per-example probabilities and losses if
   * the spec asks.
   */
  async evaluate(): Promise<EvalRecord> {
    const record: EvalRecord = { step: this.step, epoch: this.epoch };
    const features = this.cachedFeatures();
    for (const set of this.evalSets) {
      const cached = features?.sets.get(set.name);
      const net = cached ? features!.head : this.model;
      record[set.name] = await evaluateSet(
        cached ? { ...set, x: cached } : set,
        this.spec.record.probabilities,
        (x) => forward(net, x, { training: false }).logits,
        {
          loss: (l, y) => this.loss(l, y),
          losses: (l, y) => exampleCrossEntropy(this.spec.data.task.kind, l, y),
          accuracy: (l, y) => this.accuracy(l, y),
          probabilities: (l) => outputProbabilities(this.model, l),
        },
      );
    }
    return record;
  }

  /** Every layer's output for one example (feature maps for convolutions). */
  async activationsFor(split: Split, index: number): Promise<{ layer: number; shape: number[]; values: Float32Array }[]> {
    const source = split === 'train' ? this.x : this.evalSets.find((s) => s.name === split)?.x;
    if (!source) throw new Error(`this experiment has no ${split} set`);
    if (!Number.isInteger(index) || index < 0 || index >= source.shape[0])
      throw new Error(`example ${index} is out of range (0–${source.shape[0] - 1})`);
    const acts = tf.tidy(() => forward(this.model, tf.slice(source, index, 1), { training: false, keepActivations: true }).activations);
    try {
      return await Promise.all(
        acts.map(async (a, layer) => ({ layer, shape: a.shape.slice(1), values: (await a.data()) as Float32Array })),
      );
    } finally {
      acts.forEach((a) => a.dispose());
    }
  }

  setLearningRate(lr: number): void {
    this.learningRate = lr;
    setLearningRate(this.optimizer, lr);
  }

  /**
   * Merges `patch` into the spec from the next step on: the learning rate (optimiser state kept), L2, dropout
   * rates (a dropout layer may come or go: it has no weights) and augmentation. Returns the spec paths it changed
   * (none for a patch that changes nothing); throws LiveUpdateError, changing nothing, for what a run cannot take
   * while it trains (layer sizes, data, batch size…).
   */
  update(patch: SpecPatch): string[] {
    if (this.disposed) throw new LiveUpdateError('the run has been freed');
    const live = liveSpec(this.current, patch);
    if (!live.ok) throw new LiveUpdateError(live.message);
    const next = live.spec;
    if (live.changed.length === 0) return [];
    if (next.optimizer.learningRate !== this.learningRate) this.setLearningRate(next.optimizer.learningRate);
    if (JSON.stringify(next.training.augment) !== JSON.stringify(this.current.training.augment)) {
      // A fresh stream for the new setting (same seed: a rerun with the same change draws the same batches).
      this.augmenter = isAugmenting(next.training.augment) ? new Augmenter(next.training.augment, next.seed) : null;
    }
    relayer(this.model, expandLayers(next.model));
    this.current = next;
    return live.changed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeParams(this.model);
    this.optimizer.dispose();
    this.order?.dispose();
    this.features?.dispose();
    this.divergence.dispose();
    this.zeroGrad?.dispose();
    tf.dispose([this.x, this.y, ...(this.target === this.y ? [] : [this.target]), ...this.evalSets.flatMap((s) => [s.x, s.y])]);
  }
}
