/**
 * The divergence check's per-step update as one WebGPU dispatch (instead of six tfjs kernels): state is
 * [steps observed, first bad step or −1] in an int32 tensor, updated in place from the step's loss.
 */
import * as tf from '@tensorflow/tfjs';
import { bufferOf, markWritten, pipelineFor, recordDispatch, webgpuBackend } from './direct';

const OBSERVE_WGSL = /* wgsl */ `
@group(0) @binding(0) var<storage, read_write> state: array<i32>;
@group(0) @binding(1) var<storage, read> loss: array<f32>;
@compute @workgroup_size(1)
fn main() {
  let count = state[0] + 1;
  state[0] = count;
  // Finite unless the exponent bits are all ones (±Infinity, NaN); a bit test survives fast-math.
  let finite = (bitcast<u32>(loss[0]) & 0x7f800000u) != 0x7f800000u;
  if (state[1] < 0 && !finite) {
    state[1] = count;
  }
}`;

/** Records the update of `state` ([count, firstBad], int32) from the scalar `loss`. */
export function observeLossOnGpu(state: tf.Tensor, loss: tf.Tensor): void {
  const backend = webgpuBackend();
  const pipeline = pipelineFor(backend.device, 'lc-divergence-observe', OBSERVE_WGSL);
  recordDispatch(backend, pipeline, [bufferOf(backend, state), bufferOf(backend, loss)], null, [1, 1]);
  markWritten(backend, state);
}
