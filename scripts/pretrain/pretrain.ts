/**
 * Trains a model with the book's own engine (Trainer, seeded data subset, seeded initial weights and
 * shuffling) on the tfjs CPU backend in Node, and turns its weights into a model file: little-endian float32
 * values, kernel then bias of each layer, and a model.json the engine's loader (src/engine/model/pretrained.ts)
 * reads. Used by main.ts (the command) and by the unit tests.
 */
import * as tf from '@tensorflow/tfjs';
import { cpus } from 'node:os';
import { loadExperimentData } from '../../src/engine/data/source';
import { createNodeSource } from '../../src/engine/data/source-node';
import { sha256Hex } from '../../src/engine/data/sha256';
import { MODEL_FORMAT, weightsFileName, type ModelManifest } from '../../src/engine/model/pretrained';
import { snapshotParams } from '../../src/engine/model/params';
import { assertSpec, totalSteps } from '../../src/engine/spec/parse';
import type { ExperimentSpec, ExperimentSpecInput } from '../../src/engine/spec/schema';
import { Trainer, type EvalRecord } from '../../src/engine/train/trainer';
import { useFastCpuKernels } from './cpu-kernels';

export interface PretrainOptions {
  /** Directory of the data shards (default public/data). */
  dataDir?: string;
  /** Stop after this many steps (tests); default the spec's whole duration. */
  maxSteps?: number;
  log?: (line: string) => void;
}

export interface PretrainResult {
  spec: ExperimentSpec;
  /** The weights file's bytes. */
  bytes: Uint8Array;
  sha256: string;
  tensors: ModelManifest['tensors'];
  steps: number;
  /** Evaluation after each epoch (validation and test loss/accuracy). */
  evaluations: EvalRecord[];
  seconds: number;
}

/** Concatenates float32 arrays as little-endian bytes (whatever the machine's byte order). */
export function float32Bytes(arrays: Float32Array[]): Uint8Array {
  const total = arrays.reduce((t, a) => t + a.length, 0);
  const out = new Uint8Array(total * 4);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++, at += 4) view.setFloat32(at, a[i], true);
  return out;
}

/** Trains `input` on the CPU backend with the faster CPU kernels; returns the weights file and the metrics. */
export async function pretrain(input: ExperimentSpecInput, opts: PretrainOptions = {}): Promise<PretrainResult> {
  const log = opts.log ?? (() => undefined);
  await tf.setBackend('cpu');
  await tf.ready();
  const restoreKernels = useFastCpuKernels();
  const spec = assertSpec(input);
  const data = await loadExperimentData(createNodeSource(opts.dataDir), { ...spec.data, seed: spec.seed });
  const trainer = new Trainer(spec, { train: data.train, validation: data.validation, test: data.test });
  try {
    const steps = Math.min(totalSteps(spec), opts.maxSteps ?? Infinity);
    const perEpoch = Math.ceil(spec.data.train / trainer.batchSize);
    const evaluations: EvalRecord[] = [];
    const started = performance.now();
    while (trainer.step < steps) {
      const rec = await trainer.trainStep(trainer.step % 50 === 0);
      if (rec) log(`step ${rec.step}/${steps}: batch loss ${rec.loss.toFixed(4)}, ${((performance.now() - started) / 1000).toFixed(0)} s`);
      if (trainer.step % perEpoch === 0 || trainer.step === steps) {
        const ev = await trainer.evaluate();
        evaluations.push(ev);
        log(
          `epoch ${ev.epoch.toFixed(2)}: validation loss ${ev.validation?.loss.toFixed(4)}, accuracy ${ev.validation?.accuracy.toFixed(4)}; test accuracy ${ev.test?.accuracy.toFixed(4)}`,
        );
      }
    }
    await trainer.checkFinite();
    const seconds = (performance.now() - started) / 1000;
    const values = await snapshotParams(trainer.model);
    const bytes = float32Bytes(values);
    const tensors: ModelManifest['tensors'] = [];
    trainer.model.params.forEach((p, layer) => {
      if (!p) return;
      const n = tensors.length / 2 + 1;
      tensors.push({ name: `W${n}`, layer, shape: p.kernel.shape }, { name: `b${n}`, layer, shape: p.bias.shape });
    });
    return { spec, bytes, sha256: await sha256Hex(bytes), tensors, steps: trainer.step, evaluations, seconds };
  } finally {
    trainer.dispose();
    restoreKernels();
  }
}

/** The model.json for a result: layers, tensors, weights file and how they were made. */
export function manifestFor(r: PretrainResult, name: string, description: string, extractorLayers: number): ModelManifest {
  const last = r.evaluations[r.evaluations.length - 1];
  const round = (v: number | undefined) => (v === undefined ? null : Math.round(v * 1e4) / 1e4);
  const cpu = cpus();
  return {
    format: MODEL_FORMAT,
    name,
    description,
    input: r.spec.data.input,
    layers: r.spec.model.kind === 'layers' ? r.spec.model.layers : [],
    weights: { file: weightsFileName(r.sha256), bytes: r.bytes.byteLength, sha256: r.sha256 },
    tensors: r.tensors,
    training: {
      script: 'scripts/pretrain/main.ts (node scripts/pretrain/run.mjs)',
      extractorLayers,
      spec: { seed: r.spec.seed, data: r.spec.data, optimizer: r.spec.optimizer, training: r.spec.training },
      steps: r.steps,
      engine: 'Learning Curves engine (src/engine), tfjs CPU backend in Node, float32',
      tfjs: tf.version.tfjs,
      node: process.version,
      machine: `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'} (${process.platform} ${process.arch})`,
      seconds: Math.round(r.seconds),
      final: {
        epoch: round(last?.epoch),
        validation: { loss: round(last?.validation?.loss), accuracy: round(last?.validation?.accuracy), n: last?.validation?.n ?? null },
        test: { loss: round(last?.test?.loss), accuracy: round(last?.test?.accuracy), n: last?.test?.n ?? null },
      },
    },
  };
}
