/**
 * `npm run bench` in Node: each workload on each backend, the engine (with and without its own kernels)
 * vs stock `model.fit` (with and without onBatchEnd), in the same process on the same data.
 * Flags: --backends=cpu,webgpu  --only=mlp,cnn-b64,cnn-b256  --steps=N (CNN timed steps)  --heavy
 *        --rounds=N (interleaved repeats, fastest kept; default 2)  --no-write (print only)  --flags=NAME=VALUE,... (tfjs env flags, set before the backend starts)
 */
import * as tf from '@tensorflow/tfjs';
import { cpus, loadavg, totalmem } from 'node:os';
import { loadExperimentData } from '../../src/engine/data/source';
import { createNodeSource } from '../../src/engine/data/source-node';
import { setEngineKernels } from '../../src/engine/kernels/settings';
import { installNodeGpu } from './node-gpu';
import { countGpu } from './gpu-counters';
import { cnnWorkload, kernelHistogram, learnerWorkload, runEngine, runFit, type RunResult, type Workload } from './workloads';
import { publish, type BenchReport, type BenchRow } from './report';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, ...v] = a.replace(/^--/, '').split('=');
    return [k, v.join('=') || 'true'] as const;
  }),
);
const heavy = args.has('heavy');
const backends = (args.get('backends') ?? 'cpu,webgpu').split(',');
const only = args.get('only')?.split(',');
const rounds = Number(args.get('rounds') ?? 2);

function workloadsFor(backend: string, slowGpu: boolean): Workload[] {
  // Defaults sized for a 2-core machine with a software GPU; --heavy for a real one (or patience).
  const cnnSteps = Number(args.get('steps') ?? (heavy ? 40 : 2));
  const mlpSteps = heavy ? 1000 : slowGpu ? 20 : 200;
  const list = [
    learnerWorkload(mlpSteps, 10),
    cnnWorkload(64, cnnSteps, heavy ? 3 : 1),
    cnnWorkload(256, Math.max(1, Math.round(cnnSteps / 2)), 1),
  ];
  return list.filter((w) => {
    if (only) return only.some((o) => w.id.startsWith(o));
    // tfjs' CPU convolutions take seconds per batch: the CNN on CPU only when asked (--heavy or --only).
    if (w.id.startsWith('cnn') && backend === 'cpu') return heavy;
    if (w.id === 'cnn-b256' && slowGpu) return heavy;
    return true;
  });
}

async function setKernels(backend: string, on: boolean): Promise<void> {
  setEngineKernels(on);
  if (backend === 'webgpu') (await import('../../src/engine/kernels/webgpu/register')).useEngineWebGpuKernels(on);
  if (backend === 'cpu') (await import('../../src/engine/kernels/cpu/register')).useEngineCpuKernels(on);
}

async function main() {
  const flags: Record<string, string> = {};
  for (const f of (args.get('flags') ?? '').split(',').filter(Boolean)) {
    const [k, v] = f.split('=');
    flags[k] = v;
    tf.env().set(k, v === 'true' ? true : v === 'false' ? false : Number(v));
  }
  const report: BenchReport = {
    where: 'node',
    date: new Date().toISOString(),
    machine: `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg()[0].toFixed(1)} at start; best of ${rounds} interleaved round(s)`,
    versions: { tfjs: tf.version.tfjs },
    adapters: { cpu: 'JavaScript' },
    flags,
    rows: [],
    notes: [],
  };
  for (const backend of backends) {
    let counts = () => null as ReturnType<typeof countGpu> | null;
    let slowGpu = false;
    if (backend === 'webgpu') {
      const gpu = await installNodeGpu();
      if (!gpu.adapter) {
        report.notes.push(`webgpu skipped: ${gpu.why}`);
        console.log(`webgpu: skipped: ${gpu.why}`);
        continue;
      }
      await import('@tensorflow/tfjs-backend-webgpu');
      report.adapters.webgpu = `${gpu.description}${gpu.fallback ? ' (software fallback adapter)' : ''}`;
      slowGpu = gpu.fallback;
      const webgpuPkg = (await import('webgpu/package.json', { with: { type: 'json' } }).catch(() => null)) as {
        default?: { version?: string };
      } | null;
      report.versions.webgpu = webgpuPkg?.default?.version ?? '?';
    }
    if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not start`);
    await tf.ready();
    if (backend === 'webgpu') {
      const b = tf.backend() as unknown as { device: GPUDevice; queue: GPUQueue };
      const c = countGpu(b.device, b.queue);
      counts = () => ({ ...c });
    }
    for (const w of workloadsFor(backend, slowGpu)) {
      const data = await loadExperimentData(createNodeSource(), { ...w.spec.data, seed: w.spec.seed });
      if (backend === 'webgpu') {
        await setKernels(backend, true);
        const kernels = Object.entries(await kernelHistogram(w, data)).sort((a, b) => b[1] - a[1]);
        report.notes.push(
          `${w.id}, tfjs kernels in one unrecorded engine step on webgpu (${kernels.reduce((n, [, c]) => n + c, 0)}; shape-only ones such as Reshape dispatch nothing, the fused Adam's dispatches are not tfjs kernels): ${kernels.map(([k, c]) => `${k} ${c}`).join(', ')}`,
        );
      }
      // Variants interleaved, `rounds` times; the fastest run of each is kept (other load on the machine only slows runs down).
      const runs: Record<string, RunResult> = {};
      const keep = (name: string, r: RunResult) => {
        if (!runs[name] || r.ms < runs[name].ms) runs[name] = r;
      };
      for (let round = 0; round < rounds; round++) {
        await setKernels(backend, true);
        keep('engine', await runEngine(w, data, counts));
        await setKernels(backend, false);
        keep('engineStock', await runEngine(w, data, counts));
        await setKernels(backend, true);
        keep('fit', await runFit(w, data, counts, false));
        keep('fitCallback', await runFit(w, data, counts, true));
      }
      const row: BenchRow = {
        workload: w.id,
        label: w.label,
        backend,
        adapter: report.adapters[backend] ?? '',
        batch: runs.engine.samples / runs.engine.steps,
        runs,
      };
      report.rows.push(row);
      console.log(
        `${w.id} on ${backend}: engine ${(runs.engine.ms / w.steps).toFixed(1)} ms/step, engine with stock kernels ${(runs.engineStock.ms / w.steps).toFixed(1)}, fit ${(runs.fit.ms / w.steps).toFixed(1)}, fit+onBatchEnd ${(runs.fitCallback.ms / w.steps).toFixed(1)}`,
      );
    }
  }
  publish(report, !args.has('no-write'));
}

await main();
process.exit(0);
