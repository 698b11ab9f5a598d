import { describe, expect, it } from 'vitest';
import { modelSchema } from '../../../src/engine/spec/schema';
import { summarize } from '../../../src/engine/spec/summarize';
import {
  frozenText,
  largestParamLayer,
  largestParamText,
  layerLabel,
  numbersOut,
  paramTable,
  type ModelSummaryLike,
} from '../../../src/components/charts/paramTable';

/** conv(32, 3×3) → max pool 2 → flatten → dense 128 → dense 10, as summarize() gives it. */
const cnn: ModelSummaryLike = {
  inputShape: [28, 28, 1],
  layers: [
    { name: 'conv2d_1', type: 'conv2d', outputShape: [26, 26, 32], params: 3 * 3 * 1 * 32 + 32, activation: 'relu' },
    { name: 'max_pooling2d_1', type: 'maxPooling2d', outputShape: [13, 13, 32], params: 0 },
    { name: 'flatten_1', type: 'flatten', outputShape: [5408], params: 0 },
    { name: 'dense_1', type: 'dense', outputShape: [128], params: 5408 * 128 + 128, activation: 'relu' },
    { name: 'dense_2', type: 'dense', outputShape: [10], params: 128 * 10 + 10, activation: 'softmax' },
  ],
  totalParams: 320 + 692_352 + 1290,
};

describe('paramTable', () => {
  it('lists input, each layer and the total with shapes, numbers out and parameters', () => {
    expect(paramTable(cnn)).toEqual({
      columns: ['layer', 'output shape', 'numbers out', 'parameters'],
      rows: [
        ['input', '28×28×1', '784', ''],
        ['conv2d_1 (relu)', '26×26×32', '21,632', '320'],
        ['max_pooling2d_1', '13×13×32', '5,408', '0'],
        ['flatten_1', '5408', '5,408', '0'],
        ['dense_1 (relu)', '128', '128', '692,352'],
        ['dense_2 (softmax)', '10', '10', '1,290'],
        ['total', '', '', '693,962'],
      ],
    });
  });

  it('can leave out the input row, and handles a model with no layers', () => {
    expect(paramTable(cnn, { input: false }).rows[0][0]).toBe('conv2d_1 (relu)');
    expect(paramTable({ inputShape: [784], layers: [], totalParams: 0 }).rows).toEqual([
      ['input', '784', '784', ''],
      ['total', '', '', '0'],
    ]);
  });

  it('multiplies shapes and labels layers', () => {
    expect(numbersOut([13, 13, 32])).toBe(5408);
    expect(numbersOut([])).toBe(1);
    expect(layerLabel({ name: 'flatten_1', type: 'flatten', outputShape: [5408], params: 0 })).toBe('flatten_1');
  });
});

describe('largestParamLayer', () => {
  it('flags the dense layer after flatten with its share of the total', () => {
    const l = largestParamLayer(cnn)!;
    expect(l).toMatchObject({ index: 3, name: 'dense_1', type: 'dense', params: 692_352 });
    expect(l.share).toBeCloseTo(692_352 / 693_962, 12);
    expect(largestParamText(cnn)).toBe('dense_1 holds 692,352 of 693,962 parameters (99.8%)');
  });

  it('picks a pooled model’s largest layer too, and nothing when no layer has parameters', () => {
    const pooled = {
      ...cnn,
      layers: cnn.layers.map((l) => (l.name === 'dense_1' ? { ...l, params: 100 } : l)),
      totalParams: 320 + 100 + 1290,
    };
    expect(largestParamLayer(pooled)!.name).toBe('dense_2');
    expect(
      largestParamLayer({
        inputShape: [784],
        layers: [{ name: 'flatten_1', type: 'flatten', outputShape: [784], params: 0 }],
        totalParams: 0,
      }),
    ).toBeNull();
    expect(largestParamText({ inputShape: [784], layers: [], totalParams: 0 })).toBe('');
  });
});

describe('with the engine’s summarize()', () => {
  it('takes its ModelSummary as it is: the table total is summarize()’s total', () => {
    const model = modelSchema.parse({
      kind: 'layers',
      layers: [
        { type: 'conv2d', filters: 32, kernel: 3 },
        { type: 'maxPooling2d' },
        { type: 'flatten' },
        { type: 'dense', units: 128, activation: 'relu' },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
    });
    const summary = summarize({ data: { input: 'image' }, model });
    const t = paramTable(summary);
    expect(t.rows[t.rows.length - 1]).toEqual(['total', '', '', '693,962']);
    expect(t.rows.slice(0, 3).map((r) => r[2])).toEqual(['784', '21,632', '5,408']);
    expect(largestParamText(summary)).toBe('dense_1 holds 692,352 of 693,962 parameters (99.8%)');
  });
});

describe('a pretrained, frozen extractor (the loss chapter’s transfer demo)', () => {
  it('marks the frozen layers and says how many parameters training updates', async () => {
    const { transferSpec } = await import('../../../src/demos/loss-accuracy');
    const { assertSpec } = await import('../../../src/engine/spec/parse');
    const summary = summarize(assertSpec(transferSpec));
    const t = paramTable(summary);
    const labels = t.rows.map((r) => String(r[0]));
    expect(labels.filter((l) => l.endsWith(' · frozen'))).toEqual(['conv2d_1 (relu) · frozen', 'conv2d_2 (relu) · frozen']);
    expect(labels.some((l) => l.startsWith('dense_1') && l.includes('frozen'))).toBe(false);
    expect(frozenText(summary)).toBe(
      `${summary.frozenParams!.toLocaleString('en')} of ${summary.totalParams.toLocaleString('en')} parameters are pretrained and frozen; training updates the other ${summary.trainableParams!.toLocaleString('en')}`,
    );
    expect(summary.frozenParams).toBe(80 + 1168);
    expect(frozenText(cnn)).toBeNull();
  });
});
