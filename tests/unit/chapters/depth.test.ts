/**
 * The parameter counts the chapter "Accuracy went up when I removed layers?" states: the demos' own specs
 * through summarize() (what the parameter table shows) against tf.layers' countParams(), and the course's
 * models at their real input sizes (300×300×3 horses-vs-humans CNN, 12288-input MLPs), built with tf.layers.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertSpec } from '../../../src/engine/spec/parse';
import type { LayerSpec } from '../../../src/engine/spec/schema';
import { expandLayers, inputShapeOf, summarize } from '../../../src/engine/spec/summarize';
import { cnnLayers, cnnSpec, gapSpec, MLP_PRESETS, mlpSpec } from '../../../src/demos/depth';

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
      return tf.layers.maxPooling2d({
        ...first,
        poolSize: pair(layer.pool),
        strides: pair(layer.stride ?? layer.pool),
        padding: layer.padding,
      });
    case 'flatten':
      return tf.layers.flatten(first);
    case 'dense':
      return tf.layers.dense({ ...first, units: layer.units, activation: layer.activation });
    default:
      throw new Error(`not used in this chapter: ${layer.type}`);
  }
}

/** Builds `layers` with tf.layers on `inputShape` and returns countParams(). */
function tfCount(layers: LayerSpec[], inputShape: number[]): number {
  const model = tf.sequential();
  layers.forEach((l, i) => model.add(toLayer(l, i === 0 ? inputShape : undefined)));
  const n = model.countParams();
  model.dispose();
  return n;
}

const cnnWith = (blocks: number) => assertSpec({ ...cnnSpec, model: { kind: 'layers', layers: cnnLayers(blocks) } });
const mlpWith = (sizes: number[]) => assertSpec({ ...mlpSpec, model: { kind: 'mlp', sizes } });
const dense = (units: number, activation: 'relu' | 'sigmoid' = 'relu'): LayerSpec => ({ type: 'dense', units, activation });

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('depth chapter: parameters rise as conv+pool blocks are removed', () => {
  // The counts the chapter's table states, five blocks down to one.
  const stated = { 5: 2_729, 4: 3_681, 3: 9_241, 2: 25_553, 1: 50_345 };

  it.each(Object.entries(stated))('%s blocks: summarize() = tf.layers = the stated count', (blocks, count) => {
    const spec = cnnWith(Number(blocks));
    expect(summarize(spec).totalParams).toBe(count);
    expect(tfCount(expandLayers(spec.model), inputShapeOf(spec.data))).toBe(count);
  });

  it('each removal makes Flatten longer and the total larger; the demo and the gap demo start where stated', () => {
    const flat = [5, 4, 3, 2, 1].map((b) => summarize(cnnWith(b)).layers.find((l) => l.type === 'flatten')!.outputShape[0]);
    expect(flat).toEqual([8, 32, 128, 392, 784]);
    expect(summarize(assertSpec(cnnSpec)).totalParams).toBe(stated[5]);
    expect(summarize(assertSpec(gapSpec)).totalParams).toBe(stated[2]);
  });

  it("the course's horses-vs-humans CNN (300×300×3): 1,704,097 → 8,450,145 → 40,165,409 as blocks 5 and 4 go", () => {
    const filters = [16, 32, 64, 64, 64];
    const model = (blocks: number): LayerSpec[] => [
      ...filters.slice(0, blocks).flatMap((f): LayerSpec[] => [
        { type: 'conv2d', filters: f, kernel: 3, stride: 1, padding: 'valid', activation: 'relu' },
        { type: 'maxPooling2d', pool: 2, padding: 'valid' },
      ]),
      { type: 'flatten' },
      dense(512),
      dense(1, 'sigmoid'),
    ];
    expect([5, 4].map((b) => tfCount(model(b), [300, 300, 3]))).toEqual([1_704_097, 8_450_145]);
    // Three blocks (40 million weights: too big to build here): 35×35×64 numbers reach Dense(512).
    const convs = 448 + 4_640 + 18_496;
    expect(convs + (35 * 35 * 64 + 1) * 512 + 513).toBe(40_165_409);
  });
});

describe('depth chapter: MLP sizes in the course notation', () => {
  it('the three lists on 784 inputs: summarize() = tf.layers = the stated counts', () => {
    const counts = Object.values(MLP_PRESETS).map((sizes) => {
      const spec = mlpWith(sizes);
      const n = summarize(spec).totalParams;
      expect(tfCount(expandLayers(spec.model), [784])).toBe(n);
      return n;
    });
    expect(counts).toEqual([92_966, 80_713, 15_893]);
  });

  it('the same lists on the course’s 12288 inputs', () => {
    const count = (sizes: number[]) =>
      tfCount(
        sizes.slice(1).map((u, i) => dense(u, i === sizes.length - 2 ? 'sigmoid' : 'relu')),
        [sizes[0]],
      );
    expect(Object.values(MLP_PRESETS).map((s) => count([12288, ...s.slice(1)]))).toEqual([1_243_366, 1_231_113, 245_973]);
  });
});
