/**
 * Pure (no tfjs) model summary: each layer's output shape and parameter count, as Keras'
 * `model.summary()` prints them. Also the single place that expands the MLP shorthand into layers.
 */
import type { DataSpec, LayerSpec, ModelSpec, TaskSpec } from './schema';
import { defOf } from '../layers/registry';

export type Shape = number[];

export interface LayerSummary {
  /** Keras-style name, e.g. "dense_1". */
  name: string;
  type: LayerSpec['type'];
  outputShape: Shape;
  params: number;
  /** Of `params`, those training never updates by gradient (BatchNorm's moving mean and variance); absent when 0. */
  nonTrainable?: number;
  /** Only for layers with an activation. */
  activation?: string;
  /** Weights loaded from a pretrained file (`model.pretrained`); `frozen` when they are not trained. */
  pretrained?: 'frozen' | 'trainable';
}

export interface ModelSummary {
  inputShape: Shape;
  layers: LayerSummary[];
  totalParams: number;
  /** Parameters the optimiser updates: totalParams − frozenParams − nonTrainableParams (summarize always sets it). */
  trainableParams?: number;
  /** Statistics the forward pass keeps (BatchNorm's moving averages), outside frozen layers (summarize always sets it). */
  nonTrainableParams?: number;
  /** Parameters of frozen pretrained layers, never updated; 0 without `model.pretrained` (summarize always sets it). */
  frozenParams?: number;
}

/** Raised for a model that cannot be built; `layer` is the index of the offending layer. */
export class ModelShapeError extends Error {
  constructor(
    message: string,
    readonly layer: number,
  ) {
    super(message);
    this.name = 'ModelShapeError';
  }
}

/** Input shape the data pipeline produces for this spec (batch dimension omitted). */
export function inputShapeOf(data: Pick<DataSpec, 'input'>): Shape {
  return data.input === 'image' ? [28, 28, 1] : [784];
}

/**
 * Units the output layer needs: 1 (sigmoid) for binary tasks; for multiclass (softmax) one per class,
 * 10 unless `classes` lists fewer.
 */
export function outputUnitsFor(data: { task: TaskSpec; classes?: number[] }): number {
  return data.task.kind === 'binary' ? 1 : (data.classes?.length ?? 10);
}

/**
 * The model as an explicit layer list; the MLP shorthand [784, 7, 1] becomes dense(7) → dense(1), with a
 * dropout layer after every hidden layer when `dropout` > 0 (parameter names W1, b1… are unaffected).
 */
export function expandLayers(model: ModelSpec): LayerSpec[] {
  if (model.kind === 'layers') return model.layers;
  const { sizes, hiddenActivation, outputActivation, dropout } = model;
  return sizes.slice(1).flatMap((units, i): LayerSpec[] => {
    if (i === sizes.length - 2) return [{ type: 'dense', units, activation: outputActivation }];
    const dense: LayerSpec = { type: 'dense', units, activation: hiddenActivation };
    return dropout > 0 ? [dense, { type: 'dropout', rate: dropout }] : [dense];
  });
}

/** Output shape and parameter count of one layer, or a ModelShapeError explaining why it cannot apply. */
function summarizeLayer(layer: LayerSpec, input: Shape, index: number): { shape: Shape; params: number; nonTrainable?: number } {
  const fail = (why: string): never => {
    throw new ModelShapeError(`layer ${index + 1} (${layer.type}): ${why}`, index);
  };
  const def = defOf(layer);
  if (def.image && input.length !== 3)
    fail(`needs an image input (height × width × channels), got a vector of ${input[0]}; set the data input to "image"`);
  return def.output(layer, input, fail);
}

/** Per-layer output shapes and parameter counts. Throws ModelShapeError for a model that cannot be built. */
export function summarize(spec: { data: Pick<DataSpec, 'input'>; model: ModelSpec }): ModelSummary {
  const inputShape = inputShapeOf(spec.data);
  if (spec.model.kind === 'mlp' && spec.model.sizes[0] !== inputShape[0]) {
    throw new ModelShapeError(
      `layer sizes start with the input size, which is ${inputShape[0]} for 28×28 images; got [${spec.model.sizes.join(', ')}]`,
      0,
    );
  }
  const counters = new Map<string, number>();
  const pretrained = spec.model.pretrained;
  let shape = inputShape;
  const layers = expandLayers(spec.model).map((layer, i) => {
    const { shape: out, params, nonTrainable } = summarizeLayer(layer, shape, i);
    shape = out;
    const n = (counters.get(layer.type) ?? 0) + 1;
    counters.set(layer.type, n);
    const name = `${layer.type.replace(/([A-Z])/g, '_$1').toLowerCase()}_${n}`;
    const activation = 'activation' in layer ? layer.activation : undefined;
    const loaded =
      pretrained && i < pretrained.layers && params > 0
        ? { pretrained: pretrained.freeze ? ('frozen' as const) : ('trainable' as const) }
        : {};
    return {
      name,
      type: layer.type,
      outputShape: out,
      params,
      ...(nonTrainable ? { nonTrainable } : {}),
      ...(activation ? { activation } : {}),
      ...loaded,
    };
  });
  const totalParams = layers.reduce((sum, l) => sum + l.params, 0);
  const frozenParams = layers.reduce((sum, l) => sum + (l.pretrained === 'frozen' ? l.params : 0), 0);
  const nonTrainableParams = layers.reduce((sum, l) => sum + (l.pretrained === 'frozen' ? 0 : (l.nonTrainable ?? 0)), 0);
  return {
    inputShape,
    layers,
    totalParams,
    trainableParams: totalParams - frozenParams - nonTrainableParams,
    frozenParams,
    nonTrainableParams,
  };
}
