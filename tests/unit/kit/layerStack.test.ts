/**
 * The layer stack's compact hash form round-trips every stack the editor can produce, and the editor's pure
 * logic (where a new block goes, its defaults, reading fields, placing issues on rows) does what it says.
 */
import { describe, expect, it } from 'vitest';
import { decodeOverrides, encodeOverrides } from '../../../src/components/experiment/controls/hash';
import {
  canonicalLayer,
  decimal,
  decodeLayers,
  encodeLayers,
  type LayerInput,
} from '../../../src/components/experiment/controls/layers/codec';
import {
  BLOCKS,
  describeLayer,
  insertIndex,
  moveItem,
  newLayer,
  readSize,
  stackIssues as issuesWith,
} from '../../../src/components/experiment/controls/layers/stack';
import * as validator from '../../../src/components/experiment/validatorImpl';
import type { SpecInput } from '../../../src/components/experiment/controls/types';
import { courseCnn } from '../spec/fixtures';

const conv = (filters: number, kernel: unknown, extra: Record<string, unknown> = {}) =>
  canonicalLayer({ type: 'conv2d', filters, kernel, ...extra });
const pool = (type: 'maxPooling2d' | 'averagePooling2d', p: unknown, extra: Record<string, unknown> = {}) =>
  canonicalLayer({ type, pool: p, ...extra });
const dense = (units: number, activation?: string) => canonicalLayer({ type: 'dense', units, ...(activation ? { activation } : {}) });
const drop = (rate: number) => canonicalLayer({ type: 'dropout', rate });
const flat: LayerInput = { type: 'flatten' };

const STACKS: Record<string, LayerInput[]> = {
  'course CNN': [
    conv(32, 3),
    pool('maxPooling2d', 2),
    conv(32, 3),
    pool('maxPooling2d', 2),
    flat,
    dense(128, 'relu'),
    dense(10, 'softmax'),
  ],
  'non-square kernels and strides, same padding': [
    conv(16, [3, 5], { stride: [1, 2], padding: 'same', activation: 'tanh' }),
    pool('averagePooling2d', [2, 3], { stride: [1, 2], padding: 'same' }),
    conv(8, 5, { stride: 2, activation: 'linear' }),
    pool('maxPooling2d', 3, { stride: 1 }),
    flat,
    dense(10, 'softmax'),
  ],
  'dropout rates': [
    flat,
    drop(0.5),
    dense(64, 'sigmoid'),
    drop(0.25),
    dense(32),
    drop(0),
    drop(0.1 + 0.2),
    drop(1e-7),
    drop(0.999),
    dense(10, 'softmax'),
  ],
  'every activation': [
    conv(4, 1, { activation: 'sigmoid' }),
    conv(4, 1, { activation: 'softmax' }),
    conv(4, 1, { padding: 'same', stride: [2, 1] }),
    flat,
    dense(1, 'relu'),
    dense(2, 'tanh'),
    dense(3, 'linear'),
  ],
  'one layer': [flat],
};

describe('the compact form of a layer stack', () => {
  for (const [name, stack] of Object.entries(STACKS)) {
    it(`round-trips: ${name}`, () => {
      const text = encodeLayers(stack);
      expect(decodeLayers(text)).toEqual({ ok: true, value: stack });
      // …and through a whole URL hash state, key order and all (the hash drops values that do not round-trip).
      expect(decodeOverrides(encodeOverrides({ layers: stack }))).toEqual({ overrides: { layers: stack }, issues: [] });
    });
  }

  it('reads as written', () => {
    expect(encodeLayers(STACKS['course CNN'])).toBe('c32k3-max2-c32k3-max2-flat-d128relu-d10softmax');
    expect(encodeLayers(STACKS['non-square kernels and strides, same padding'])).toBe(
      'c16k3x5s1x2sametanh-avg2x3s1x2same-c8k5s2linear-max3s1-flat-d10softmax',
    );
    expect(encodeLayers([drop(1e-7), drop(0.25)])).toBe('drop0.0000001-drop0.25');
  });

  it('round-trips every block the editor adds, wherever it goes', () => {
    let stack: LayerInput[] = [];
    for (const type of [...BLOCKS, ...BLOCKS]) {
      const at = insertIndex(stack, type);
      stack = [...stack.slice(0, at), newLayer(type, stack, at), ...stack.slice(at)];
      expect(decodeLayers(encodeLayers(stack))).toEqual({ ok: true, value: stack });
    }
  });

  it('canonical layers fill defaults in the decoder’s key order, and keep text the reader is typing', () => {
    expect(canonicalLayer({ activation: 'relu', kernel: 3, filters: 8, type: 'conv2d' })).toEqual({
      type: 'conv2d',
      filters: 8,
      kernel: 3,
      stride: 1,
      padding: 'valid',
      activation: 'relu',
    });
    expect(JSON.stringify(canonicalLayer({ type: 'maxPooling2d', padding: 'same', pool: 3 }))).toBe(
      '{"type":"maxPooling2d","pool":3,"padding":"same"}',
    );
    expect(canonicalLayer({ type: 'dense', units: '12a' })).toEqual({ type: 'dense', units: '12a', activation: 'linear' });
    for (const stack of Object.values(STACKS)) expect(stack.map(canonicalLayer)).toEqual(stack);
  });

  it('writes small numbers without an exponent, exactly', () => {
    for (const v of [1e-7, 1.5e-7, 1.2345e-10, 0.25, 3e21, -3e-8]) expect(Number(decimal(v))).toBe(v);
    expect(decimal(1.5e-7)).toBe('0.00000015');
  });
});

describe('editing a stack', () => {
  const cnn = STACKS['course CNN'];

  it('puts convolutions and pools after the last of them, Flatten after them, dense and dropout before the output', () => {
    expect(insertIndex(cnn, 'conv2d')).toBe(4);
    expect(insertIndex(cnn, 'averagePooling2d')).toBe(4);
    expect(insertIndex(cnn, 'flatten')).toBe(4);
    expect(insertIndex(cnn, 'dense')).toBe(6);
    expect(insertIndex(cnn, 'dropout')).toBe(6);
    const mlp = [flat, dense(10, 'softmax')];
    expect(insertIndex(mlp, 'conv2d')).toBe(0);
    expect(insertIndex(mlp, 'flatten')).toBe(0);
    expect(insertIndex(mlp, 'dense')).toBe(1);
    expect(insertIndex([], 'maxPooling2d')).toBe(0);
    expect(insertIndex([flat], 'dense')).toBe(1);
  });

  it('gives new blocks sensible defaults', () => {
    expect(newLayer('conv2d', cnn, 4)).toEqual(conv(32, 3));
    expect(newLayer('conv2d', [], 0)).toEqual(conv(16, 3));
    expect(newLayer('maxPooling2d', cnn, 4)).toEqual({ type: 'maxPooling2d', pool: 2, padding: 'valid' });
    expect(newLayer('dense', cnn, 6)).toEqual(dense(32, 'relu'));
    expect(newLayer('dropout', cnn, 6)).toEqual(drop(0.25));
  });

  it('moves items and names layers for buttons', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(cnn.map(describeLayer)).toEqual([
      'conv 32 filters 3×3',
      'max pool 2×2',
      'conv 32 filters 3×3',
      'max pool 2×2',
      'flatten',
      'dense 128 units',
      'dense 10 units',
    ]);
    expect(describeLayer(pool('averagePooling2d', [2, 3]))).toBe('average pool 2×3');
  });

  it('reads sizes as typed', () => {
    expect(readSize('3')).toBe(3);
    expect(readSize(' 3x5 ')).toEqual([3, 5]);
    expect(readSize('3×5')).toEqual([3, 5]);
    expect(readSize('4 x 4')).toBe(4);
    expect(readSize('3,')).toBe(3);
    expect(readSize('3x')).toBe(3);
    expect(readSize('', true)).toBeUndefined();
    expect(readSize('')).toBe('');
    expect(readSize('big')).toBe('big');
    expect(readSize('1x2x3')).toBe('1x2x3');
  });
});

describe('stackIssues', () => {
  const stackIssues = (spec: SpecInput) => issuesWith(spec, validator);
  const withLayers = (layers: LayerInput[], input: 'image' | 'flat' = 'image'): SpecInput => {
    const spec = courseCnn();
    return { ...spec, data: { ...spec.data, input }, model: { kind: 'layers', layers: layers as never } };
  };

  it('has nothing to say about a valid stack', () => {
    expect(stackIssues(withLayers(STACKS['course CNN']))).toEqual({ rows: {}, general: [] });
  });

  it('puts a pool that does not fit on its row', () => {
    const layers = STACKS['course CNN'].map((l, i) => (i === 3 ? pool('maxPooling2d', 12) : l));
    expect(stackIssues(withLayers(layers))).toEqual({
      rows: { 3: { row: ['layer 4 (maxPooling2d): a 12×12 pool does not fit a 11×11 input'], fields: {} } },
      general: [],
    });
  });

  it('keeps a pool that does not fit on its row while a later layer holds text', () => {
    const layers = STACKS['course CNN'].map((l, i) => (i === 3 ? pool('maxPooling2d', 12) : i === 5 ? { ...l, units: '3a' } : l));
    expect(stackIssues(withLayers(layers)).rows).toEqual({
      3: { row: ['layer 4 (maxPooling2d): a 12×12 pool does not fit a 11×11 input'], fields: {} },
      5: { row: [], fields: { units: 'units must be a whole number ≥ 1 and ≤ 4096, got "3a"' } },
    });
  });

  it('puts a kernel larger than its input on its row, even while another control is invalid', () => {
    const spec = withLayers([conv(8, 3), pool('maxPooling2d', 4), conv(8, 9), flat, dense(10, 'softmax')]);
    const expected = { rows: { 2: { row: ['layer 3 (conv2d): a 9×9 kernel does not fit a 6×6 input'], fields: {} } }, general: [] };
    expect(stackIssues(spec)).toEqual(expected);
    expect(stackIssues({ ...spec, optimizer: { type: 'adam', learningRate: 'fast' as never } })).toEqual(expected);
  });

  it('puts a field’s message on its field, and stack-wide messages apart', () => {
    const layers = STACKS['course CNN'].map((l, i) => (i === 2 ? { ...l, filters: 'lots' } : i === 5 ? { ...l, units: 0 } : l));
    expect(stackIssues(withLayers(layers))).toEqual({
      rows: {
        2: { row: [], fields: { filters: 'filters must be a whole number ≥ 1 and ≤ 1024, got "lots"' } },
        5: { row: [], fields: { units: 'units must be a whole number ≥ 1 and ≤ 4096, got 0' } },
      },
      general: [],
    });
    const general = stackIssues(withLayers(STACKS['course CNN'], 'flat'));
    expect(general.general).toEqual(['convolution and pooling layers need image input; set input to "image"']);
    expect(general.rows[0].row[0]).toMatch(/^layer 1 \(conv2d\): needs an image input/);
  });

  it('flags a wrong output layer on the last row', () => {
    const layers = [...STACKS['course CNN'].slice(0, -1)];
    expect(stackIssues(withLayers(layers)).rows[5].row).toEqual(['a 10-class task needs 10 output units; end the model with dense(10)']);
  });
});
