/**
 * The bench page's script (bundled by esbuild for the browser): runs the same workloads as in Node on a
 * backend of the page (webgl, webgpu, cpu), with GPU counters on WebGPU. Driven by browser.ts through
 * `window.lcBench(backend, only, steps)`; returns rows for the report.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendName } from '../../src/engine/backend';
import { createBrowserSource } from '../../src/engine/data/source-browser';
import { loadExperimentData } from '../../src/engine/data/source';
import { setEngineKernels } from '../../src/engine/kernels/settings';
import { countGpu } from './gpu-counters';
import { cnnWorkload, learnerWorkload, runEngine, runFit, type RunResult } from './workloads';
import type { BenchRow } from './report';

async function run(backend: BackendName, only: string[], cnnSteps: number): Promise<{ rows: BenchRow[]; adapter: string; reason: string }> {
  const info = await initBackend(backend);
  if (info.name !== backend) throw new Error(`${backend} is not available here (${info.reason})`);
  let counts = () => null as ReturnType<typeof countGpu> | null;
  if (backend === 'webgpu') {
    const b = tf.backend() as unknown as { device: GPUDevice; queue: GPUQueue };
    const c = countGpu(b.device, b.queue);
    counts = () => ({ ...c });
  }
  const source = createBrowserSource({ baseUrl: '/', caches: null });
  const rows: BenchRow[] = [];
  const workloads = [
    learnerWorkload(100, 5),
    cnnWorkload(64, cnnSteps, 2),
    cnnWorkload(256, Math.max(1, Math.round(cnnSteps / 2)), 1),
  ].filter((w) => only.some((o) => w.id.startsWith(o)));
  for (const w of workloads) {
    const data = await loadExperimentData(source, { ...w.spec.data, seed: w.spec.seed });
    const runs: Record<string, RunResult> = {};
    const kernels = async (on: boolean) => {
      setEngineKernels(on);
      if (backend === 'webgpu') (await import('../../src/engine/kernels/webgpu/register')).useEngineWebGpuKernels(on);
      if (backend === 'cpu') (await import('../../src/engine/kernels/cpu/register')).useEngineCpuKernels(on);
    };
    await kernels(true);
    runs.engine = await runEngine(w, data, counts);
    await kernels(false);
    runs.engineStock = await runEngine(w, data, counts);
    await kernels(true);
    runs.fit = await runFit(w, data, counts, false);
    runs.fitCallback = await runFit(w, data, counts, true);
    rows.push({ workload: w.id, label: w.label, backend, adapter: info.adapter, batch: runs.engine.samples / runs.engine.steps, runs });
  }
  return { rows, adapter: info.adapter, reason: info.reason };
}

(globalThis as unknown as { lcBench: typeof run }).lcBench = run;
