/**
 * The fused WebGPU Adam against tfjs' own Adam on the CPU backend: same start, same gradients, several
 * steps and a learning-rate change; weights and moments within 1e-5 (relative, float32 rounding).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { WebGpuAdamOptimizer } from '../../../src/engine/kernels/webgpu/adam';
import { createRng } from '../../../src/engine/random';
import { maxRelErr, setupWebGpu } from './webgpu';

const gpu = await setupWebGpu();
const TOL = 1e-5;

const shapes = [[3, 3, 1, 4], [4], [70, 3], [1]];
const rng = createRng(5, 'adam-test');
const values = (n: number, scale = 1) => Float32Array.from({ length: n }, () => rng.normal() * scale);
const start = shapes.map((s) => values(s.reduce((a, b) => a * b, 1)));
// Gradients per step; some large, some tiny, one exactly zero.
const grads = [0, 1, 2, 3, 4].map((step) =>
  shapes.map((s, k) =>
    values(
      s.reduce((a, b) => a * b, 1),
      step === 2 && k === 1 ? 0 : 10 ** (k - 2),
    ),
  ),
);

async function train(backend: 'cpu' | 'webgpu'): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const vars = tf.tidy(() => shapes.map((s, k) => tf.variable(tf.tensor(start[k], s), true)));
  const opt = backend === 'webgpu' ? new WebGpuAdamOptimizer(0.01, 0.9, 0.999, 1e-7) : tf.train.adam(0.01, 0.9, 0.999, 1e-7);
  grads.forEach((step, i) => {
    if (i === 3) (opt as unknown as { learningRate: number }).learningRate = 0.05;
    tf.tidy(() => opt.applyGradients(vars.map((v, k) => ({ name: v.name, tensor: tf.tensor(step[k], shapes[k]) }))));
  });
  const out = await Promise.all(vars.map(async (v) => (await v.data()) as Float32Array));
  opt.dispose();
  vars.forEach((v) => v.dispose());
  return out;
}

describe(`fused Adam on WebGPU (${gpu.ok ? gpu.adapter : 'no adapter'})`, () => {
  it.skipIf(!gpu.ok)(`matches tf.train.adam on the CPU within ${TOL}${gpu.ok ? '' : ` — ${gpu.why}`}`, async () => {
    const before = tf.memory().numTensors;
    const got = await train('webgpu');
    await tf.setBackend('webgpu');
    expect(tf.memory().numTensors).toBe(before);
    const want = await train('cpu');
    got.forEach((g, k) => expect(maxRelErr(g, want[k]), `variable ${k}`).toBeLessThan(TOL));
    // The update moved the weights (a no-op kernel would fail here).
    expect(maxRelErr(got[2], start[2])).toBeGreaterThan(1e-3);
  });

  it.skipIf(!gpu.ok)('leaves a clone taken before the step untouched, and the tensor count flat', async () => {
    await tf.setBackend('webgpu');
    const v = tf.tidy(() => tf.variable(tf.tensor([1, 2, 3]), true));
    const opt = new WebGpuAdamOptimizer(0.1);
    const before = tf.clone(v);
    tf.tidy(() => opt.applyGradients({ [v.name]: tf.tensor([1, -1, 0]) }));
    const count = tf.memory().numTensors;
    tf.tidy(() => opt.applyGradients({ [v.name]: tf.tensor([1, -1, 0]) }));
    expect(tf.memory().numTensors).toBe(count);
    expect(Array.from(await before.data())).toEqual([1, 2, 3]);
    const after = Array.from(await v.data());
    expect(after[0]).toBeLessThan(1);
    expect(after[1]).toBeGreaterThan(2);
    tf.dispose([v, before]);
    opt.dispose();
  });
});
