/**
 * Checks the pure summary (spec/summarize.ts) against tfjs' own layers API: the same model built with
 * tf.layers must have the same parameter count and per-layer output shapes.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertSpec } from '../../../src/engine/spec/parse';
import type { ExperimentSpec, ExperimentSpecInput, LayerSpec } from '../../../src/engine/spec/schema';
import { expandLayers, inputShapeOf, summarize } from '../../../src/engine/spec/summarize';
import { courseCnn, denseOnly, lrPuzzle } from '../spec/fixtures';

const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);

function toLayer(layer: LayerSpec, inputShape?: number[]): tf.layers.Layer {
  const first = inputShape ? { inputShape } : {};
  switch (layer.type) {
    case 'conv2d':
      return tf.layers.conv2d({
        ...first,
        filters: layer.filters,
        kernelSize: pair(layer.kernel),
        strides: pair(layer.stride),
        padding: layer.padding,
        activation: layer.activation,
      });
    case 'maxPooling2d':
    case 'averagePooling2d': {
      const args = { ...first, poolSize: pair(layer.pool), strides: pair(layer.stride ?? layer.pool), padding: layer.padding };
      return layer.type === 'maxPooling2d' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args);
    }
    case 'flatten':
      return tf.layers.flatten(first);
    case 'dense':
      return tf.layers.dense({ ...first, units: layer.units, activation: layer.activation });
    case 'dropout':
      return tf.layers.dropout({ ...first, rate: layer.rate });
    case 'batchNormalization':
      return tf.layers.batchNormalization({ ...first, axis: -1, momentum: layer.momentum, epsilon: 0.001 });
    case 'globalAveragePooling2d':
      return tf.layers.globalAveragePooling2d({ ...first });
  }
}

/** The spec's model as a tf.layers Sequential model (the MLP shorthand expanded to dense layers). */
function toLayersModel(spec: ExperimentSpec): tf.Sequential {
  const model = tf.sequential();
  expandLayers(spec.model).forEach((layer, i) => model.add(toLayer(layer, i === 0 ? inputShapeOf(spec.data) : undefined)));
  return model;
}

const oddConv: ExperimentSpecInput = {
  ...denseOnly,
  data: { dataset: 'mnist', train: 100, input: 'image' },
  model: {
    kind: 'layers',
    layers: [
      { type: 'conv2d', filters: 4, kernel: [5, 3], stride: 2, padding: 'same' },
      { type: 'averagePooling2d', pool: 3, stride: 1 },
      { type: 'maxPooling2d', pool: [2, 3], padding: 'same' },
      { type: 'flatten' },
      { type: 'dropout', rate: 0.5 },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  },
};

/** Conv → BatchNorm → pool → conv → BatchNorm → global average pool → dense → BatchNorm → dense. */
const normalised: ExperimentSpecInput = {
  ...denseOnly,
  data: { dataset: 'fashion-mnist', train: 100, input: 'image' },
  model: {
    kind: 'layers',
    layers: [
      { type: 'conv2d', filters: 8, kernel: 3 },
      { type: 'batchNormalization' },
      { type: 'maxPooling2d', pool: 2 },
      { type: 'conv2d', filters: 16, kernel: 3, padding: 'same' },
      { type: 'batchNormalization', momentum: 0.9 },
      { type: 'globalAveragePooling2d' },
      { type: 'dense', units: 12, activation: 'relu' },
      { type: 'batchNormalization' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  },
};

const cases: [string, ExperimentSpecInput, number | null][] = [
  ['course CNN with pools', courseCnn(true), 113_386],
  ['course CNN without pools', courseCnn(false), 2_370_282],
  ['Flatten → Dense(128) → Dense(10)', denseOnly, 101_770],
  ['MLP [784, 7, 1]', lrPuzzle, 5_503],
  ['strides, same padding, average pooling, dropout', oddConv, null],
  // 80 + 32 + 1,168 + 64 + 204 + 48 + 130: BatchNorm holds 4 × channels (γ, β, moving mean and variance).
  ['batch normalisation and global average pooling', normalised, 1_726],
  [
    'MLP [784, 100, 20, 7, 5, 1] with dropout 0.2',
    { ...lrPuzzle, model: { kind: 'mlp', sizes: [784, 100, 20, 7, 5, 1], dropout: 0.2 } },
    80_713,
  ],
  [
    '3-class MLP on listed classes',
    {
      ...denseOnly,
      data: { dataset: 'fashion-mnist', classes: [2, 4, 6], train: 300, input: 'image' },
      model: { kind: 'layers', layers: [{ type: 'flatten' }, { type: 'dense', units: 3, activation: 'softmax' }] },
    },
    2_355,
  ],
];

describe('summarize matches tf.layers', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  it.each(cases)('%s', (_name, input, expected) => {
    const spec = assertSpec(input);
    const summary = summarize(spec);
    const tensorsBefore = tf.memory().numTensors;
    const model = toLayersModel(spec);
    try {
      if (expected !== null) expect(summary.totalParams).toBe(expected);
      expect(summary.totalParams).toBe(model.countParams());
      expect(model.layers).toHaveLength(summary.layers.length);
      summary.layers.forEach((layer, i) => {
        expect([null, ...layer.outputShape], `${layer.name} output shape`).toEqual(model.layers[i].outputShape);
        expect(layer.params, `${layer.name} params`).toBe(model.layers[i].countParams());
      });
    } finally {
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
