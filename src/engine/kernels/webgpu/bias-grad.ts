/**
 * The gradient of a bias broadcast over the last axis, Σ over every row of dz[..., c], as one dispatch (a
 * workgroup per channel, threads striding over the rows, then a shared-memory tree) where tfjs' Sum over
 * the leading axes runs a transpose and a reduction (two dispatches).
 */
import * as tf from '@tensorflow/tfjs';
// Types only (see conv-filter-grad.ts).
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

export const BIAS_GRAD = 'LcBiasGrad';
const WORKGROUP = 256;

class BiasGradProgram {
  variableNames = ['dz'];
  uniforms = 'rows : i32,';
  size = true;
  outputShape: number[];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  shaderKey = 'lcBiasGrad';
  constructor(channels: number) {
    this.outputShape = [channels];
    this.dispatchLayout = { x: [0] };
    this.dispatch = [channels, 1, 1];
  }
  getUserCode(): string {
    return `
    var<workgroup> partial : array<f32, ${WORKGROUP}>;
    fn main(index : i32) {
      let c = index / ${WORKGROUP};
      let channels = uniforms.size;
      var s = 0.0;
      for (var r = i32(localId.x); r < uniforms.rows; r = r + ${WORKGROUP}) {
        s = s + dz[r * channels + c];
      }
      partial[localId.x] = s;
      workgroupBarrier();
      for (var half = ${WORKGROUP / 2}u; half > 0u; half = half / 2u) {
        if (localId.x < half) {
          partial[localId.x] = partial[localId.x] + partial[localId.x + half];
        }
        workgroupBarrier();
      }
      if (localId.x == 0u && c < channels) {
        setOutputAtIndex(c, partial[0]);
      }
    }`;
  }
}

type KernelArgs = Parameters<tf.KernelFunc>[0];

function biasGradKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const { dz } = inputs as { dz: tf.TensorInfo };
  const channels = dz.shape[dz.shape.length - 1];
  const rows = dz.shape.slice(0, -1).reduce((a, b) => a * b, 1);
  return (backend as WebGPUBackend).runWebGPUProgram(new BiasGradProgram(channels), [dz], 'float32', [{ type: 'int32', data: [rows] }]);
}

export const biasGradKernels: tf.KernelConfig[] = [
  { kernelName: BIAS_GRAD, backendName: 'webgpu', kernelFunc: biasGradKernel as tf.KernelFunc },
];
