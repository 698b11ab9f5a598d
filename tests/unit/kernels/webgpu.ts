/**
 * WebGPU in Node for the kernel tests: Dawn through the npm package `webgpu`, on whatever adapter the
 * machine has (SwiftShader, Chromium's software Vulkan, on the project's machines and in CI).
 *
 * Where WebGPU is expected, a missing adapter (or a tfjs WebGPU backend that will not start) is a FAILURE:
 * `setupWebGpu` throws, so every kernel test file fails to load with the reason. It is expected when
 * `CI` is set (CI runs with CI=true; "false" and "0" count as unset) or `LC_REQUIRE_WEBGPU=1`;
 * `LC_REQUIRE_WEBGPU=0` lets a CI job without a GPU driver skip instead. Elsewhere (a laptop without
 * Vulkan) the WebGPU tests are reported as skipped, with a loud warning naming the reason — never
 * silently passed. `webgpu-adapter.test.ts` checks the adapter itself.
 *
 * To see the failure on a machine that has an adapter: `VK_ICD_FILENAMES=/nonexistent.json
 * LC_REQUIRE_WEBGPU=1 npx vitest run tests/unit/kernels/adam.test.ts` (Dawn then finds no Vulkan driver).
 */
import * as tf from '@tensorflow/tfjs';
import { installNodeGpu } from '../../../scripts/bench/node-gpu';

export interface TestGpu {
  ok: boolean;
  why: string;
  adapter: string;
}

/** What requires WebGPU here ("CI=true", "LC_REQUIRE_WEBGPU=1"), or '' where its absence may skip the tests. */
export function webGpuRequiredBy(env: Record<string, string | undefined> = process.env): string {
  const flag = env.LC_REQUIRE_WEBGPU;
  if (flag === '1') return 'LC_REQUIRE_WEBGPU=1';
  if (flag === '0') return '';
  const ci = env.CI;
  return ci && ci !== 'false' && ci !== '0' ? `CI=${ci}` : '';
}

/** No usable WebGPU: throws where it is required (see the header), else warns loudly and reports skipped. */
export function webGpuUnavailable(reason: string, adapter = '', env: Record<string, string | undefined> = process.env): TestGpu {
  const required = webGpuRequiredBy(env);
  if (required) throw new Error(`WebGPU kernel tests FAILED, not skipped (${required} requires WebGPU): ${reason}`);
  const why = `WebGPU kernel tests SKIPPED: ${reason}`;
  const hint =
    env.LC_REQUIRE_WEBGPU === '0' ? 'LC_REQUIRE_WEBGPU=0 allows skipping' : 'CI=true or LC_REQUIRE_WEBGPU=1 makes this a failure';
  console.warn(`\n!!! ${why} (${hint})\n`);
  return { ok: false, why, adapter };
}

export async function setupWebGpu(): Promise<TestGpu> {
  const gpu = await installNodeGpu();
  if (!gpu.adapter) return webGpuUnavailable(gpu.why);
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu')))
    return webGpuUnavailable(`tfjs could not start its WebGPU backend on ${gpu.description}`, gpu.description);
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
