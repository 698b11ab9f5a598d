/**
 * The pooling chapter's networks: output sizes and parameter counts of every variant (pool 1/2/3, average,
 * stride-2 convolutions, dense only) from the engine's summary match tf.layers' own countParams and output
 * shapes, and the chapter's hand arithmetic (the layerMaths view) agrees with both.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertSpec } from '../../../src/engine/spec/parse';
import type { LayerSpec } from '../../../src/engine/spec/schema';
import { summarize } from '../../../src/engine/spec/summarize';
import { pooledSpec, stacks } from '../../../src/demos/pooling';
import { workLayers } from '../../../src/components/experiment/views/defs/layerMaths';

const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);

function keras(layers: LayerSpec[]): tf.Sequential {
  const model = tf.sequential();
  layers.forEach((l, i) => {
    const first = i === 0 ? { inputShape: [28, 28, 1] } : {};
    if (l.type === 'conv2d')
      model.add(
        tf.layers.conv2d({
          ...first,
          filters: l.filters,
          kernelSize: pair(l.kernel),
          strides: pair(l.stride),
          padding: l.padding,
          activation: l.activation,
        }),
      );
    else if (l.type === 'maxPooling2d')
      model.add(tf.layers.maxPooling2d({ ...first, poolSize: pair(l.pool), strides: pair(l.stride ?? l.pool), padding: l.padding }));
    else if (l.type === 'averagePooling2d')
      model.add(tf.layers.averagePooling2d({ ...first, poolSize: pair(l.pool), strides: pair(l.stride ?? l.pool), padding: l.padding }));
    else if (l.type === 'flatten') model.add(tf.layers.flatten(first));
    else if (l.type === 'dense') model.add(tf.layers.dense({ ...first, units: l.units, activation: l.activation }));
  });
  return model;
}

const cases: [keyof typeof stacks, number, number[]][] = [
  // [stack, total parameters, numbers out of each layer before Flatten]
  ['course', 113_386, [21_632, 5_408, 3_872, 800]],
  ['noPool', 2_370_282, [21_632, 18_432]],
  ['max3', 27_370, [21_632, 2_048, 1_152, 128]],
  ['avg2', 113_386, [21_632, 5_408, 3_872, 800]],
  ['stride2', 158_442, [5_408, 1_152]],
  ['dense', 101_770, []],
];

describe('the pooling chapter’s variants', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  it.each(cases)('%s: %i parameters, the same as tf.layers, layer by layer', (name, total, numbers) => {
    const spec = assertSpec(pooledSpec(`t-${name.toLowerCase()}`, stacks[name]));
    const summary = summarize(spec);
    const before = tf.memory().numTensors;
    const model = keras(stacks[name]);
    try {
      expect(summary.totalParams).toBe(total);
      expect(model.countParams()).toBe(total);
      summary.layers.forEach((layer, i) => {
        expect([null, ...layer.outputShape], layer.name).toEqual(model.layers[i].outputShape);
        expect(layer.params, layer.name).toBe(model.layers[i].countParams());
      });
      const flat = summary.layers.findIndex((l) => l.type === 'flatten');
      expect(summary.layers.slice(0, flat).map((l) => l.outputShape.reduce((a, b) => a * b, 1))).toEqual(numbers);
      // The hand arithmetic of the layerMaths view: the same shapes and counts.
      const worked = workLayers(
        stacks[name],
        [28, 28, 1],
        summary.layers.map((l) => l.name),
      );
      expect(worked.map((w) => w.shape)).toEqual(summary.layers.map((l) => l.outputShape));
      expect(worked.map((w) => w.count)).toEqual(summary.layers.map((l) => l.params));
    } finally {
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the Dense layer after Flatten holds most parameters: about 90 % with pools, over 99 % without', () => {
    const share = (name: keyof typeof stacks) => {
      const s = summarize(assertSpec(pooledSpec('t', stacks[name])));
      return s.layers.find((l) => l.type === 'dense')!.params / s.totalParams;
    };
    expect(share('course')).toBeCloseTo(102_528 / 113_386, 10);
    expect(share('course')).toBeGreaterThan(0.9);
    expect(share('noPool')).toBeGreaterThan(0.99);
  });

  it('works out the course network’s sizes with the formula, floor included (pool 2: ⌊(11 − 2)/2⌋ + 1 = 5)', () => {
    const w = workLayers(
      stacks.course,
      [28, 28, 1],
      ['conv2d_1', 'max_pooling2d_1', 'conv2d_2', 'max_pooling2d_2', 'flatten_1', 'dense_1', 'dense_2'],
    );
    expect(w.map((l) => l.size)).toEqual([
      '(28 − 3 + 2·0)/1 + 1 = 26',
      '(26 − 2 + 2·0)/2 + 1 = 13',
      '(13 − 3 + 2·0)/1 + 1 = 11',
      '(11 − 2 + 2·0)/2 + 1 = 5.5 → 5',
      '5·5·32 = 800',
      '128 units',
      '10 units',
    ]);
    expect(w.map((l) => l.params)).toEqual([
      '3·3·1·32 + 32 = 320',
      'none: it only compares or averages',
      '3·3·32·32 + 32 = 9,248',
      'none: it only compares or averages',
      'none',
      '800·128 + 128 = 102,528',
      '128·10 + 10 = 1,290',
    ]);
  });
});
