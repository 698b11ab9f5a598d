/**
 * WebGPU in Node for the kernel tests: Dawn through the npm package `webgpu`, on whatever adapter the
 * machine has (SwiftShader, Chromium's software Vulkan, on the project's machines). Where there is none,
 * `why` says so and the tests print it and are reported as skipped — never silently passed.
 */
import * as tf from '@tensorflow/tfjs';
import { installNodeGpu } from '../../../scripts/bench/node-gpu';

export interface TestGpu {
  ok: boolean;
  why: string;
  adapter: string;
}

export async function setupWebGpu(): Promise<TestGpu> {
  const gpu = await installNodeGpu();
  if (!gpu.adapter) {
    const why = `WebGPU kernel tests SKIPPED: ${gpu.why}`;
    console.warn(`\n!!! ${why}\n`);
    return { ok: false, why, adapter: '' };
  }
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) {
    const why = `WebGPU kernel tests SKIPPED: tfjs could not start its WebGPU backend on ${gpu.description}`;
    console.warn(`\n!!! ${why}\n`);
    return { ok: false, why, adapter: gpu.description };
  }
  return { ok: true, why: '', adapter: gpu.description };
}

/** Runs `f` on `backend` and reads its result back as plain arrays. */
export async function on(backend: 'cpu' | 'webgpu', f: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const out = tf.tidy(f);
  const list = Array.isArray(out) ? out : [out];
  const values = await Promise.all(list.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose(list);
  return values;
}

/** Largest |a − b| / (1 + |b|) over two arrays (relative for large values, absolute near zero). */
export function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i]));
    if (!(e <= worst)) worst = Number.isNaN(e) ? Infinity : Math.max(worst, e);
  }
  return worst;
}
