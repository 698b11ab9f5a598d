/**
 * Which backend a model should train on. A GPU step costs a roughly fixed overhead per kernel launch
 * (WebGPU through Dawn on an H100: ~20 ms per step for [784, 7, 1]; WebGL on SwiftShader: ~12 ms) while the
 * CPU costs about 1 ns per multiply-add here; so a model whose training step is a few million
 * multiply-adds trains several times faster on the CPU. `npm run bench` measures both sides (BENCHMARKS.md).
 * Convolutions stay on the GPU: tfjs' CPU convolutions are slow (seconds per batch of 64).
 */
import { defOf } from './layers/registry';
import { batchSizeOf } from './spec/arithmetic';
import type { ExperimentSpec } from './spec/schema';
import { expandLayers, summarize } from './spec/summarize';
import type { BackendInfo, BackendName } from './backend';

/** Below this many multiply-adds per training step (forward + backward ≈ 3 × forward), the CPU wins. */
export const TINY_STEP_MACS = 20e6;

export interface StepCost {
  /** Multiply-adds of one training step (forward and backward, whole batch), estimated. */
  macs: number;
  convolutions: boolean;
}

export function stepCost(spec: ExperimentSpec): StepCost {
  const summary = summarize(spec);
  const layers = expandLayers(spec.model);
  let perExample = 0;
  let convolutions = false;
  let shape = summary.inputShape;
  layers.forEach((layer, i) => {
    const out = summary.layers[i].outputShape;
    if (layer.type === 'conv2d') convolutions = true;
    perExample += defOf(layer).multiplyAdds?.(layer, shape, out) ?? 0;
    shape = out;
  });
  return { macs: 3 * perExample * batchSizeOf(spec), convolutions };
}

const millions = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)} million` : `${Math.round(n / 1e3)} thousand`);

/**
 * The backend for `spec` given the worker's GPU backend (`gpu`, from initBackend): the CPU for tiny
 * dense models, the GPU backend otherwise. Null when the GPU backend should stay.
 */
export function tinyModelBackend(spec: ExperimentSpec, gpu: BackendInfo): { name: BackendName; reason: string } | null {
  if (gpu.name === 'cpu') return null;
  const cost = stepCost(spec);
  if (cost.convolutions || cost.macs >= TINY_STEP_MACS) return null;
  return {
    name: 'cpu',
    reason: `CPU, because this model is tiny (${millions(cost.macs)} multiply-adds per step): ${gpu.name === 'webgpu' ? 'WebGPU' : 'WebGL'}'s per-step overhead would make it several times slower`,
  };
}
