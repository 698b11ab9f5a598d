/**
 * `npm run bench` in Node: each workload on each backend, engine vs stock `model.fit` in the same process.
 * Flags: --backends=cpu,webgpu  --only=mlp,cnn-b64,cnn-b256  --steps=N (CNN timed steps)  --heavy
 *        --json=PATH (write the results for the report)  --flags=NAME=VALUE,... (tfjs env flags)
 */
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { loadExperimentData } from '../../src/engine/data/source';
import { createNodeSource } from '../../src/engine/data/source-node';
import { installNodeGpu } from './node-gpu';
import { countGpu } from './gpu-counters';
import { cnnWorkload, learnerWorkload, runEngine, runFit, type RunResult, type Workload } from './workloads';

const args = new Map(process.argv.slice(2).map((a) => {
  const [k, ...v] = a.replace(/^--/, '').split('=');
  return [k, v.join('=') || 'true'] as const;
}));
const heavy = args.has('heavy');
const backends = (args.get('backends') ?? 'cpu,webgpu').split(',');
const only = args.get('only')?.split(',');

export interface BenchRow {
  workload: string;
  label: string;
  backend: string;
  engine: RunResult;
  fit: RunResult;
  fitCallback: RunResult;
}

function workloadsFor(backend: string): Workload[] {
  const cnnSteps = Number(args.get('steps') ?? (heavy ? 50 : backend === 'cpu' ? 6 : 6));
  const list = [learnerWorkload(heavy ? 500 : 200, 10), cnnWorkload(64, cnnSteps, 2), cnnWorkload(256, Math.max(2, Math.round(cnnSteps / 2)), 1)];
  return list.filter((w) => !only || only.some((o) => w.id.startsWith(o)));
}

async function main() {
  for (const f of (args.get('flags') ?? '').split(',').filter(Boolean)) {
    const [k, v] = f.split('=');
    tf.env().set(k, v === 'true' ? true : v === 'false' ? false : Number(v));
  }
  const rows: BenchRow[] = [];
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const adapters: Record<string, string> = { cpu: 'JavaScript' };
  for (const backend of backends) {
    let counts = () => null as ReturnType<typeof countGpu> | null;
    if (backend === 'webgpu') {
      const gpu = await installNodeGpu();
      if (!gpu.adapter) {
        console.log(`webgpu: skipped: ${gpu.why}`);
        continue;
      }
      await import('@tensorflow/tfjs-backend-webgpu');
      adapters.webgpu = `${gpu.description}${gpu.fallback ? ' (fallback adapter)' : ''}`;
    }
    await tf.setBackend(backend);
    await tf.ready();
    if (backend === 'webgpu') {
      const b = tf.backend() as unknown as { device: GPUDevice; queue: GPUQueue };
      const c = countGpu(b.device, b.queue);
      counts = () => ({ ...c });
    }
    for (const w of workloadsFor(backend)) {
      const data = await loadExperimentData(createNodeSource(), { ...w.spec.data, seed: w.spec.seed });
      const engine = await runEngine(w, data, counts);
      const fit = await runFit(w, data, counts, false);
      const fitCallback = await runFit(w, data, counts, true);
      const row = { workload: w.id, label: w.label, backend, engine, fit, fitCallback };
      rows.push(row);
      console.log(JSON.stringify({ ...row, adapter: adapters[backend] }));
    }
  }
  const json = args.get('json');
  if (json) writeFileSync(json, JSON.stringify({ machine, adapters, versions: { tfjs: tf.version.tfjs }, rows }, null, 2));
}

await main();
process.exit(0);
