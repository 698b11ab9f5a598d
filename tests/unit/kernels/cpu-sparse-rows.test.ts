/**
 * The CPU matmul's sparse-rows path (a large operand seen again, mostly zeros: the training images): bit for
 * bit the engine's dense kernel (its first call on an operand is dense), close to tfjs' own, on X·W, Xᵀ·dZ
 * and X·Wᵀ; and dense again, with tfjs' NaNs, when the other operand is not finite.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEngineCpuKernels } from '../../../src/engine/kernels/cpu/register';
import { createRng } from '../../../src/engine/random';
import { maxRelErr } from './webgpu';

const rng = createRng(5, 'sparse-rows-test');
const rand = (shape: number[], zeros = 0) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (rng.next() < zeros ? 0 : rng.next())),
    shape,
  );

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => useEngineCpuKernels(false));

function values(t: tf.Tensor): Float32Array {
  const v = t.dataSync() as Float32Array;
  t.dispose();
  return v;
}

describe('CPU matmul, sparse constant operand', () => {
  const x = rand([300, 200], 0.6);
  const cases: [string, tf.Tensor, boolean, boolean][] = [
    ['X·W', rand([200, 7]), false, false],
    ['Xᵀ·dZ', rand([300, 7]), true, false],
    ['X·Wᵀ', rand([13, 200]), false, true],
  ];
  for (const [name, b, ta, tb] of cases) {
    it(`${name}: the sparse path equals the dense one bit for bit`, () => {
      useEngineCpuKernels(false);
      const stock = values(tf.matMul(x, b, ta, tb));
      useEngineCpuKernels(true);
      // A fresh copy of x is seen once: dense. x itself, seen again: sparse rows.
      const copy = tf.tensor((x.dataSync() as Float32Array).slice(), x.shape);
      const dense = values(tf.matMul(copy, b, ta, tb));
      copy.dispose();
      values(tf.matMul(x, b, ta, tb));
      const sparse = values(tf.matMul(x, b, ta, tb));
      expect(Array.from(sparse)).toEqual(Array.from(dense));
      expect(maxRelErr(sparse, stock)).toBeLessThan(1e-5);
    });
  }

  it('notices an array refilled in place (tfjs keeps the caller’s array) and does not reuse stale rows', () => {
    useEngineCpuKernels(true);
    const buf = (x.dataSync() as Float32Array).slice();
    const w = rand([200, 7]);
    const run = () => {
      const t = tf.tensor(buf, [300, 200]);
      const out = values(tf.matMul(t, w));
      t.dispose();
      return out;
    };
    run();
    run(); // sparse rows built for buf
    for (let i = 0; i < buf.length; i++) buf[i] = buf[buf.length - 1 - i];
    const refilled = run();
    useEngineCpuKernels(false);
    const stock = run();
    expect(maxRelErr(refilled, stock)).toBeLessThan(1e-5);
    w.dispose();
  });

  it('falls back to the dense path (NaN where x is 0) when the other operand is not finite', () => {
    useEngineCpuKernels(true);
    const w = tf.tensor2d(
      Float32Array.from({ length: 200 * 3 }, (_, i) => (i === 3 ? Infinity : 0.5)),
      [200, 3],
    );
    const first = values(tf.matMul(x, w));
    const again = values(tf.matMul(x, w));
    useEngineCpuKernels(false);
    const stock = values(tf.matMul(x, w));
    expect(Array.from(again)).toEqual(Array.from(first));
    expect(Array.from(again).map(Number.isNaN)).toEqual(Array.from(stock).map(Number.isNaN));
    expect(Array.from(stock).some(Number.isNaN)).toBe(true);
    w.dispose();
  });
});
