/**
 * Binary cross-entropy from logits, mean over the batch, as two CPU kernels (the loss, and its gradient)
 * instead of the ~45 kernels `tf.losses.sigmoidCrossEntropy` and its autodiff run per step (relu, mul, abs,
 * neg, exp, log1p, sub, add, sum, div, then each one's gradient). Every intermediate is rounded to float32
 * in the order tfjs 4.22 computes it, so the loss and the gradient are bit-for-bit tfjs' own (tested): the
 * learning-rate chapter's runs end on the same numbers.
 *   loss  = (Σᵢ max(zᵢ, 0) − zᵢ·yᵢ + log1p(exp(−|zᵢ|))) / n
 *   ∂/∂zᵢ = abs branch + label branch + relu branch, accumulated as tfjs' tape does.
 */
import * as tf from '@tensorflow/tfjs';

export const SIGMOID_XENT = 'LcSigmoidXent';
const SIGMOID_XENT_GRAD = 'LcSigmoidXentGrad';

interface CpuBackendLike {
  data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}
type KernelArgs = Parameters<tf.KernelFunc>[0];
const f32 = Math.fround;

function floats(backend: CpuBackendLike, t: tf.TensorInfo): Float32Array {
  const v = backend.data.get(t.dataId).values;
  if (!(v instanceof Float32Array)) throw new Error(`${SIGMOID_XENT}: float32 inputs only`);
  return v;
}

function lossKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const b = backend as unknown as CpuBackendLike;
  const { logits, labels } = inputs as { logits: tf.TensorInfo; labels: tf.TensorInfo };
  const z = floats(b, logits);
  const y = floats(b, labels);
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    const zi = z[i];
    const softplus = f32(Math.log1p(f32(Math.exp(-Math.abs(zi)))));
    sum += f32(f32(Math.max(0, zi) - f32(zi * y[i])) + softplus);
  }
  return b.makeTensorInfo([], 'float32', Float32Array.of(f32(f32(sum) / z.length)));
}

function gradKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const b = backend as unknown as CpuBackendLike;
  const { dy, logits, labels } = inputs as { dy: tf.TensorInfo; logits: tf.TensorInfo; labels: tf.TensorInfo };
  const z = floats(b, logits);
  const y = floats(b, labels);
  const g = f32(floats(b, dy)[0] / z.length);
  const out = new Float32Array(z.length);
  for (let i = 0; i < z.length; i++) {
    const zi = z[i];
    const e = f32(Math.exp(-Math.abs(zi)));
    // log1p'(e) · exp'(−|z|) · neg' · abs'(z)
    const viaExp = f32(f32(g / f32(e + 1)) * e);
    const absBranch = Number.isNaN(zi) ? NaN : f32(-viaExp * (zi > 0 ? 1 : -1));
    const labelBranch = f32(-g * y[i]);
    const reluBranch = Number.isNaN(zi) ? NaN : f32(g * (zi > 0 ? 1 : 0));
    out[i] = f32(f32(absBranch + labelBranch) + reluBranch);
  }
  return b.makeTensorInfo(logits.shape, 'float32', out);
}

export const sigmoidXentKernels: tf.KernelConfig[] = [
  { kernelName: SIGMOID_XENT, backendName: 'cpu', kernelFunc: lossKernel as tf.KernelFunc },
  { kernelName: SIGMOID_XENT_GRAD, backendName: 'cpu', kernelFunc: gradKernel as tf.KernelFunc },
];

tf.registerGradient({
  kernelName: SIGMOID_XENT,
  inputsToSave: ['logits', 'labels'],
  gradFunc: (dy, saved) => {
    const [logits, labels] = saved;
    return {
      logits: () => tf.engine().runKernel(SIGMOID_XENT_GRAD, { dy: dy as tf.Tensor, logits, labels }) as tf.Tensor,
      labels: () => tf.zerosLike(labels),
    };
  },
});

/** Whether the fused loss is available on the current backend (the CPU with the engine's kernels on). */
export function hasFusedSigmoidXent(): boolean {
  return tf.getKernel(SIGMOID_XENT, tf.getBackend()) != null;
}

/** Mean binary cross-entropy of `logits` against `labels` (same shape, float32), like tf.losses.sigmoidCrossEntropy. */
export function sigmoidCrossEntropyMean(labels: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return tf.engine().runKernel(SIGMOID_XENT, { logits, labels }) as tf.Scalar;
}
