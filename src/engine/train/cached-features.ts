/**
 * Transfer learning on cached features (issue 23 §2): a frozen pretrained extractor's outputs do not change while
 * the head trains, so the trainer computes them once per set — the training set and each evaluation set, in
 * inference mode — keeps them on the device, and runs only the layers after the extractor at each step. Keras
 * users call this "feature extraction" (`features = base.predict(x)`, then fit the head on them).
 *
 * What may be cached is the longest run of first layers that
 * - have no trainable variable (frozen pretrained layers, and the weightless layers between and after them), and
 * - behave the same in training and in inference and draw no randomness (convolution, dense, pooling, flatten):
 *   a dropout layer (which a live change may add) or a BatchNorm layer ends the run, since in training mode they
 *   would give other outputs (a mask, batch statistics) than the cached ones;
 * cut back, if need be, to the longest such run that holds at least one frozen layer with weights and whose outputs
 * for every example fit in `FEATURE_BUDGET_BYTES`. With none, nothing is cached and the trainer runs the whole model.
 *
 * Only the training steps and evaluations use the cache. Instrumented steps, feature maps, probes, shift tests and
 * linear probes run the whole model on the pixels (trainer.model), as before. The cache is keyed on the frozen
 * variables' data: any assign to them (a restored snapshot, early stopping's best weights) and any change of the
 * layers before the cut (a dropout layer added by a live change) rebuild it before its next use.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelParams } from '../model/params';
import { biasAdd, biasRelu } from '../kernels/bias-relu';
import { defOf } from '../layers/registry';
import type { LayerSpec } from '../spec/schema';

/** Layer types whose output is the same in training and inference, with no randomness. */
const DETERMINISTIC = new Set<string>(['conv2d', 'dense', 'maxPooling2d', 'averagePooling2d', 'flatten', 'globalAveragePooling2d']);

/** Most bytes the cached features of one run may take on the device (float32, every set together). */
export const FEATURE_BUDGET_BYTES = 64 * 2 ** 20;

/** Examples run through the frozen layers at once while the cache is built. */
const CHUNK = 256;

const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * How many first layers of `model` can be cached for `rows` examples in all (0: none). Never the whole model: at
 * least the last layer runs at every step.
 */
export function cachedPrefixLength(model: ModelParams, rows: number, budgetBytes = FEATURE_BUDGET_BYTES): number {
  let end = 0;
  const last = model.layers.length - 1;
  while (end < last && DETERMINISTIC.has(model.layers[end].type) && Object.values(model.params[end] ?? {}).every((v) => !v.trainable))
    end += 1;
  for (let cut = end; cut > 0; cut--) {
    const frozenWeights = model.params.slice(0, cut).some((p) => p != null && Object.keys(p).length > 0);
    if (frozenWeights && rows * sizeOf(model.inputShapes[cut]) * 4 <= budgetBytes) return cut;
  }
  return 0;
}

/** The layers from `cut` on, as a model of their own: what runs at each step on the cached features. */
function headOf(model: ModelParams, cut: number): ModelParams {
  const params = model.params.slice(cut);
  const mine = new Set(params.flatMap((p) => Object.values(p ?? {})));
  const variables = model.variables.filter((v) => mine.has(v));
  return {
    layers: model.layers.slice(cut),
    inputShapes: model.inputShapes.slice(cut),
    params,
    variables,
    names: model.names.filter((_, i) => mine.has(model.variables[i])),
  };
}

/** The first `cut` layers on `x`, in inference mode (which for these layers is the training pass too). */
function runPrefix(model: ModelParams, cut: number, x: tf.Tensor): tf.Tensor {
  let h = x;
  for (let i = 0; i < cut; i++) {
    const layer = model.layers[i];
    h = defOf(layer).forward(layer, h, {
      tf,
      biasAdd,
      biasRelu,
      weights: model.params[i] ?? {},
      training: false,
      updateStatistics: false,
      isLast: false,
    });
  }
  return h;
}

/** The prefix's outputs for every example of `x`, kept (in chunks, so intermediate maps of a big set fit). */
function featuresOf(model: ModelParams, cut: number, x: tf.Tensor): tf.Tensor {
  const n = x.shape[0];
  return tf.tidy(() => {
    const parts: tf.Tensor[] = [];
    for (let start = 0; start < n; start += CHUNK) parts.push(runPrefix(model, cut, tf.slice(x, start, Math.min(CHUNK, n - start))));
    return parts.length === 1 ? parts[0] : tf.concat(parts, 0);
  });
}

const prefixKey = (layers: LayerSpec[], cut: number) => JSON.stringify(layers.slice(0, cut));

export class FeatureCache {
  /** The layers after the cut, sharing the model's variables. */
  head: ModelParams;
  private layers: LayerSpec[];
  private readonly key: string;
  /** The cut's variables and the data each held when the features were computed. */
  private readonly frozen: { v: tf.Variable; data: unknown }[];
  private disposed = false;

  private constructor(
    private readonly rows: number,
    readonly cut: number,
    model: ModelParams,
    /** Features of the whole training set, in its order. */
    readonly train: tf.Tensor,
    /** Features of each evaluation set, by name. */
    readonly sets: ReadonlyMap<string, tf.Tensor>,
  ) {
    this.layers = model.layers;
    this.head = headOf(model, cut);
    this.key = prefixKey(model.layers, cut);
    this.frozen = model.params
      .slice(0, cut)
      .flatMap((p) => Object.values(p ?? {}))
      .map((v) => ({ v, data: v.dataId }));
  }

  /**
   * Computes the features of `train` and of each evaluation set (a set named in `fromTrain` is the training set's
   * rows at those positions: its features are gathered, not computed again). Null when nothing can be cached.
   */
  static build(model: ModelParams, train: tf.Tensor, sets: { name: string; x: tf.Tensor; fromTrain?: Int32Array }[]): FeatureCache | null {
    const rows = train.shape[0] + sets.reduce((n, s) => n + (s.fromTrain ? 0 : s.x.shape[0]), 0);
    const cut = cachedPrefixLength(model, rows);
    if (cut === 0) return null;
    const trainFeatures = featuresOf(model, cut, train);
    const byName = new Map<string, tf.Tensor>();
    for (const s of sets) byName.set(s.name, s.fromTrain ? tf.gather(trainFeatures, s.fromTrain) : featuresOf(model, cut, s.x));
    return new FeatureCache(rows, cut, model, trainFeatures, byName);
  }

  /**
   * Whether the features still hold for `model` as it is now: the frozen variables hold the same data, and the layers
   * up to the cut are the same (a live change elsewhere gets a new head, the features kept).
   */
  fits(model: ModelParams): boolean {
    if (this.disposed || !this.frozen.every((f) => f.v.dataId === f.data && !f.v.isDisposed)) return false;
    if (model.layers === this.layers) return true;
    if (cachedPrefixLength(model, this.rows) !== this.cut || prefixKey(model.layers, this.cut) !== this.key) return false;
    this.layers = model.layers;
    this.head = headOf(model, this.cut);
    return true;
  }

  /** The prefix's outputs for a batch of pixels (an augmented batch, which no cache can hold). Call inside tf.tidy. */
  prefix(model: ModelParams, x: tf.Tensor): tf.Tensor {
    return runPrefix(model, this.cut, x);
  }

  /** Frees the features. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([this.train, ...this.sets.values()]);
  }
}
