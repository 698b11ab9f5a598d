import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32, encodeNpy, encodeNpz, namedWeights, weightEntries, weightsNpz } from '../../../src/engine/model/npz';
import { assertSpec } from '../../../src/engine/spec/parse';
import type { ExperimentSpecInput } from '../../../src/engine/spec/schema';
import { courseCnn } from '../spec/fixtures';

const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

/** A small reader of what encodeNpz writes: the ZIP's local headers (stored entries) and each NPY header. */
function readNpz(
  bytes: Uint8Array,
): { name: string; crc: number; descr: string; fortran: boolean; shape: number[]; values: Float32Array; dataOffset: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = [];
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    expect(view.getUint16(at + 8, true)).toBe(0); // stored, not deflated
    const crc = view.getUint32(at + 14, true);
    const size = view.getUint32(at + 18, true);
    expect(view.getUint32(at + 22, true)).toBe(size);
    const nameLength = view.getUint16(at + 26, true);
    const extra = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
    const file = bytes.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + size);
    expect(crc32(file)).toBe(crc);
    // NPY 1.0: magic, version, header length, header.
    expect([...file.subarray(0, 8)]).toEqual([0x93, 78, 85, 77, 80, 89, 1, 0]);
    const headerLength = file[8] | (file[9] << 8);
    const header = new TextDecoder().decode(file.subarray(10, 10 + headerLength));
    expect((10 + headerLength) % 64).toBe(0);
    expect(header.endsWith('\n')).toBe(true);
    const m = /^\{'descr': '([^']+)', 'fortran_order': (True|False), 'shape': \(([\d, ]*)\), \} *\n$/.exec(header);
    expect(m, header).not.toBeNull();
    const shape = m![3]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(Number);
    const dataOffset = 10 + headerLength;
    const count = (file.length - dataOffset) / 4;
    const data = new DataView(file.buffer, file.byteOffset + dataOffset, file.length - dataOffset);
    const values = Float32Array.from({ length: count }, (_, i) => data.getFloat32(4 * i, true));
    out.push({ name, crc, descr: m![1], fortran: m![2] === 'True', shape, values, dataOffset });
    at += 30 + nameLength + extra + size;
  }
  // Then the central directory, one entry per file, and its end record.
  expect(view.getUint32(at, true)).toBe(0x02014b50);
  const end = bytes.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  expect(view.getUint16(end + 10, true)).toBe(out.length);
  expect(view.getUint32(end + 16, true)).toBe(at);
  return out;
}

const bnModel: ExperimentSpecInput = {
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
      { type: 'dropout', rate: 0.2 },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  },
  optimizer: { type: 'adam', learningRate: 0.001 },
  training: { batchSize: 32, duration: { epochs: 1 } },
};

describe('npz', () => {
  it('computes CRC-32 as ZIP does', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    expect(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });

  it('writes NPY 1.0 headers padded to 64 bytes, little-endian float32 in C order', () => {
    const npy = encodeNpy([2, 3], Float32Array.from([1, 2, 3, 4, 5, 6]));
    // 10 bytes of magic, version and length, a 60-character dict, padding and "\n": the data starts at byte 128.
    const header = new TextDecoder().decode(npy.subarray(10, 128));
    expect(header).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2, 3\), \} +\n$/);
    expect(npy[8] | (npy[9] << 8)).toBe(118);
    expect(npy.length).toBe(128 + 24);
    expect(new DataView(npy.buffer).getFloat32(128 + 4 * 5, true)).toBe(6);
    expect(new TextDecoder().decode(encodeNpy([5], new Float32Array(5)).subarray(10, 70))).toContain("'shape': (5,), }");
    expect(() => encodeNpy([2, 2], new Float32Array(3))).toThrow(/needs 4 values, got 3/);
  });

  it('round-trips named arrays through the ZIP and NPY headers', () => {
    const arrays = [
      { name: 'conv2d_1/kernel', shape: [3, 3, 1, 2], values: Float32Array.from({ length: 18 }, (_, i) => i / 7 - 1) },
      { name: 'conv2d_1/bias', shape: [2], values: Float32Array.from([0.5, -Infinity]) },
      { name: 'dense_1/kernel', shape: [4, 1], values: Float32Array.from([1e-30, 3.4e38, -0, NaN]) },
    ];
    const read = readNpz(encodeNpz(arrays));
    expect(read.map((r) => r.name)).toEqual(['conv2d_1/kernel.npy', 'conv2d_1/bias.npy', 'dense_1/kernel.npy']);
    read.forEach((r, i) => {
      expect(r.descr).toBe('<f4');
      expect(r.fortran).toBe(false);
      expect(r.shape).toEqual(arrays[i].shape);
      expect(r.values).toEqual(arrays[i].values);
    });
    expect(() => encodeNpz([arrays[0], arrays[0]])).toThrow(/two arrays named conv2d_1\/kernel/);
  });

  it("names the course CNN's weights by layer in Keras' order, with the browser's shapes", () => {
    const spec = assertSpec(courseCnn());
    expect(weightEntries(spec).map((e) => [e.name, e.shape])).toEqual([
      ['conv2d_1/kernel', [3, 3, 1, 32]],
      ['conv2d_1/bias', [32]],
      ['conv2d_2/kernel', [3, 3, 32, 32]],
      ['conv2d_2/bias', [32]],
      ['dense_1/kernel', [800, 128]],
      ['dense_1/bias', [128]],
      ['dense_2/kernel', [128, 10]],
      ['dense_2/bias', [10]],
    ]);
  });

  it('names batch-norm weights gamma, beta, moving_mean, moving_variance, and checks the values fit', () => {
    const spec = assertSpec(bnModel);
    const entries = weightEntries(spec);
    expect(entries.map((e) => `${e.name} ${e.shape.join('×')}`)).toEqual([
      'conv2d_1/kernel 3×3×1×8',
      'conv2d_1/bias 8',
      'batch_normalization_1/gamma 8',
      'batch_normalization_1/beta 8',
      'batch_normalization_1/moving_mean 8',
      'batch_normalization_1/moving_variance 8',
      'conv2d_2/kernel 3×3×8×16',
      'conv2d_2/bias 16',
      'batch_normalization_2/gamma 16',
      'batch_normalization_2/beta 16',
      'batch_normalization_2/moving_mean 16',
      'batch_normalization_2/moving_variance 16',
      'dense_1/kernel 16×10',
      'dense_1/bias 10',
    ]);
    const values = entries.map((e) => Float32Array.from({ length: e.shape.reduce((a, b) => a * b, 1) }, (_, i) => i));
    expect(namedWeights(spec, values).map((a) => a.values.length)).toEqual([72, 8, 8, 8, 8, 8, 1152, 16, 16, 16, 16, 16, 160, 10]);
    expect(() => namedWeights(spec, values.slice(1))).toThrow(/14 weight arrays, got 13/);
    expect(() => namedWeights(spec, [new Float32Array(71), ...values.slice(1)])).toThrow(
      /conv2d_1\/kernel has 72 values \(3×3×1×8\), got 71/,
    );
  });

  const dir = mkdtempSync(join(tmpdir(), 'npz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.runIf(hasNumpy)('is read by numpy.load', () => {
    const spec = assertSpec(bnModel);
    const values = weightEntries(spec).map((e, k) =>
      Float32Array.from({ length: e.shape.reduce((a, b) => a * b, 1) }, (_, i) => k + i / 1000),
    );
    writeFileSync(join(dir, 'weights.npz'), weightsNpz(spec, values));
    const r = spawnSync(
      'python3',
      [
        '-c',
        'import numpy as np; w = np.load("weights.npz"); print(w.files[6], w["conv2d_2/kernel"].shape, w["conv2d_2/kernel"].dtype, w["conv2d_2/kernel"][0, 0, 1, 2], w["dense_1/bias"].flags["C_CONTIGUOUS"])',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    // conv2d_2/kernel is array 6; [0, 0, 1, 2] is flat index 1·16 + 2 = 18 in C order.
    expect(r.stdout.trim()).toBe('conv2d_2/kernel (3, 3, 8, 16) float32 6.018 True');
  });
});
