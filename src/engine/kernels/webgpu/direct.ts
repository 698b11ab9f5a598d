/**
 * Records a compute dispatch of our own WGSL pipeline into the tfjs WebGPU backend's current command
 * encoder, so that it is ordered with tfjs' own work and submitted with it. Used where one kernel must
 * update several buffers in place (a fused optimizer step), which `runWebGPUProgram` (one output) cannot.
 *
 * Relies on tfjs-backend-webgpu 4.22 internals, named in `WebGpuBackendInternals`; checked at first use.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * The tfjs release these internals (and the engine's kernels that mirror tfjs' numerics) were written and
 * checked against. tests/unit/toolchain/toolchain.test.ts fails when the installed @tensorflow/tfjs,
 * tfjs-core or tfjs-backend-webgpu differs, or when package.json lets npm pick another version (a ^ or ~
 * range): moving to another release means re-checking the internals above, then changing this constant
 * and the exact versions in package.json together.
 */
export const WRITTEN_FOR_TFJS = '4.22.0';

interface TensorData {
  resource: GPUBuffer | null;
  values: unknown;
  refCount: number;
}

export interface WebGpuBackendInternals {
  device: GPUDevice;
  queue: GPUQueue;
  tensorMap: { get(dataId: object): TensorData | undefined };
  commandEncoder: GPUCommandEncoder | null;
  computePassEncoder: GPUComputePassEncoder | null;
  dispatchCountInPass: number;
  commandQueueOwnedIds: WeakSet<object>;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
  uploadToGPU(dataId: object): void;
}

/** The current backend as a WebGPU backend, or an error naming what is missing. */
export function webgpuBackend(): WebGpuBackendInternals {
  const b = tf.backend() as unknown as Partial<WebGpuBackendInternals>;
  const needed = [
    'device',
    'queue',
    'tensorMap',
    'ensureCommandEncoderReady',
    'endComputePassEncoder',
    'submitQueue',
    'uploadToGPU',
  ] as const;
  const missing = needed.filter((k) => b[k] == null);
  if (missing.length) throw new Error(`not a tfjs ${WRITTEN_FOR_TFJS} WebGPU backend (missing ${missing.join(', ')})`);
  return b as WebGpuBackendInternals;
}

/** The GPU buffer behind a tensor, uploaded first if needed; marks it in use by the pending commands. */
export function bufferOf(backend: WebGpuBackendInternals, t: tf.Tensor): GPUBuffer {
  backend.uploadToGPU(t.dataId);
  const data = backend.tensorMap.get(t.dataId);
  if (!data?.resource) throw new Error('tensor has no GPU buffer');
  backend.commandQueueOwnedIds.add(t.dataId);
  return data.resource;
}

/** After writing a tensor's buffer in place: drop any copy tfjs cached on the CPU at an earlier read. */
export function markWritten(backend: WebGpuBackendInternals, t: tf.Tensor): void {
  const data = backend.tensorMap.get(t.dataId);
  if (data) data.values = null;
}

const pipelines = new WeakMap<GPUDevice, Map<string, GPUComputePipeline>>();

/** A compute pipeline compiled once per device and WGSL source. */
export function pipelineFor(device: GPUDevice, key: string, code: string): GPUComputePipeline {
  let cache = pipelines.get(device);
  if (!cache) pipelines.set(device, (cache = new Map()));
  let p = cache.get(key);
  if (!p) {
    p = device.createComputePipeline({
      label: key,
      layout: 'auto',
      compute: { module: device.createShaderModule({ label: key, code }), entryPoint: 'main' },
    });
    cache.set(key, p);
  }
  return p;
}

/** Workgroup counts for `n` threads in groups of `size`, split over x and y past the 65,535 limit. */
export function workgroupsFor(n: number, size: number): [number, number] {
  const groups = Math.max(1, Math.ceil(n / size));
  if (groups <= 65535) return [groups, 1];
  const y = Math.ceil(groups / 65535);
  return [Math.ceil(groups / y), y];
}

/** Records one dispatch after tfjs' pending work; submits when tfjs would (its deferred-submit batch size). */
export function recordDispatch(
  backend: WebGpuBackendInternals,
  pipeline: GPUComputePipeline,
  buffers: GPUBuffer[],
  uniform: GPUBuffer | null,
  groups: [number, number],
): void {
  const bindGroup = backend.device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: (uniform ? [...buffers, uniform] : buffers).map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  backend.ensureCommandEncoderReady();
  if (!backend.computePassEncoder) backend.computePassEncoder = backend.commandEncoder!.beginComputePass();
  backend.computePassEncoder.setPipeline(pipeline);
  backend.computePassEncoder.setBindGroup(0, bindGroup);
  backend.computePassEncoder.dispatchWorkgroups(groups[0], groups[1]);
  backend.dispatchCountInPass++;
  if (Number(tf.env().get('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE')) <= backend.dispatchCountInPass) {
    backend.endComputePassEncoder();
    backend.submitQueue();
  }
}

/** Submits whatever tfjs has recorded so far (so that a following queue.writeBuffer cannot overtake it). */
export function flush(backend: WebGpuBackendInternals): void {
  if (!backend.commandEncoder) return;
  backend.endComputePassEncoder();
  backend.submitQueue();
}
