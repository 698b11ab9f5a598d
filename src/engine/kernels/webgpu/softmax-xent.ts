/**
 * Softmax cross-entropy from logits, mean over the batch, on WebGPU in two dispatches per training step
 * (the loss, and its gradient) instead of the ~20 that tf.losses.softmaxCrossEntropy and its gradient
 * dispatch (max, sub, exp, sum, log, add, sub, mul, neg, sum, sum, div, then exp, sub, mul…). Same
 * arithmetic as tfjs' stable formulation (log-sum-exp with the row maximum subtracted); tested against it.
 *   loss  = −Σ_rc y_rc · (z_rc − lse_r) / rows,  lse_r = m_r + log Σ_c exp(z_rc − m_r)
 *   ∂/∂z  = dy / rows · (softmax(z) − y)
 */
import * as tf from '@tensorflow/tfjs';
// Types only (see conv-filter-grad.ts).
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

export const SOFTMAX_XENT = 'LcSoftmaxXent';
const SOFTMAX_XENT_GRAD = 'LcSoftmaxXentGrad';
const WORKGROUP = 64;

/** WGSL: m (row maximum) and s (Σ exp(z − m)) of row `base`. */
const ROW_STATS = `
      var m = logits[base];
      for (var c = 1; c < uniforms.cols; c = c + 1) { m = max(m, logits[base + c]); }
      var s = 0.0;
      for (var c = 0; c < uniforms.cols; c = c + 1) { s = s + exp(logits[base + c] - m); }`;

abstract class XentProgram {
  abstract variableNames: string[];
  uniforms = 'rows : i32, cols : i32,';
  size = true;
  outputShape: number[];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  abstract shaderKey: string;
  constructor(outputShape: number[], threads: number, workgroup: number) {
    this.outputShape = outputShape;
    this.dispatchLayout = { x: outputShape.map((_, i) => i) };
    this.workgroupSize = [workgroup, 1, 1];
    this.dispatch = [Math.ceil(threads / workgroup), 1, 1];
  }
}

/** One thread: the batch is small (one loss value per step). */
class LossProgram extends XentProgram {
  variableNames = ['logits', 'labels'];
  shaderKey = 'lcSoftmaxXent';
  constructor() {
    super([1], 1, 1);
  }
  getUserCode(): string {
    return `
    fn main(index : i32) {
      if (index >= uniforms.size) { return; }
      var total = 0.0;
      for (var r = 0; r < uniforms.rows; r = r + 1) {
        let base = r * uniforms.cols;${ROW_STATS}
        let lse = log(s) + m;
        for (var c = 0; c < uniforms.cols; c = c + 1) { total = total - labels[base + c] * (logits[base + c] - lse); }
      }
      setOutputAtIndex(index, total / f32(uniforms.rows));
    }`;
  }
}

/** One thread per logit (each recomputes its row's statistics: rows have a handful of classes). */
class GradProgram extends XentProgram {
  variableNames = ['dy', 'logits', 'labels'];
  shaderKey = 'lcSoftmaxXentGrad';
  constructor(shape: number[]) {
    super(shape, shape[0] * shape[1], WORKGROUP);
  }
  getUserCode(): string {
    return `
    fn main(index : i32) {
      if (index >= uniforms.size) { return; }
      let base = (index / uniforms.cols) * uniforms.cols;${ROW_STATS}
      let p = exp(logits[index] - m) / s;
      setOutputAtIndex(index, dy[0] / f32(uniforms.rows) * (p - labels[index]));
    }`;
  }
}

type KernelArgs = Parameters<tf.KernelFunc>[0];
const dims = (t: tf.TensorInfo) => [
  { type: 'int32', data: [t.shape[0]] },
  { type: 'int32', data: [t.shape[1]] },
];

function lossKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const { logits, labels } = inputs as { logits: tf.TensorInfo; labels: tf.TensorInfo };
  return (backend as WebGPUBackend).runWebGPUProgram(new LossProgram(), [logits, labels], 'float32', dims(logits));
}

function gradKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const { dy, logits, labels } = inputs as { dy: tf.TensorInfo; logits: tf.TensorInfo; labels: tf.TensorInfo };
  return (backend as WebGPUBackend).runWebGPUProgram(new GradProgram(logits.shape), [dy, logits, labels], 'float32', dims(logits));
}

export const softmaxXentKernels: tf.KernelConfig[] = [
  { kernelName: SOFTMAX_XENT, backendName: 'webgpu', kernelFunc: lossKernel as tf.KernelFunc },
  { kernelName: SOFTMAX_XENT_GRAD, backendName: 'webgpu', kernelFunc: gradKernel as tf.KernelFunc },
];

tf.registerGradient({
  kernelName: SOFTMAX_XENT,
  inputsToSave: ['logits', 'labels'],
  gradFunc: (dy, saved) => {
    const [logits, labels] = saved;
    return {
      logits: () => tf.engine().runKernel(SOFTMAX_XENT_GRAD, { dy: dy as tf.Tensor, logits, labels }) as tf.Tensor,
      labels: () => tf.zerosLike(labels),
    };
  },
});
