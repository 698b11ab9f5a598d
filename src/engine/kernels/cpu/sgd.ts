/**
 * Plain SGD for the CPU backend with one kernel per variable, value + (−lr) · gradient in one pass, where
 * tfjs' SGDOptimizer runs Multiply (a scalar broadcast, index arithmetic per element) then Add. Each value is
 * rounded as tfjs rounds it (the product to float32, then the sum), so the weights are bit for bit tfjs'.
 * Used while the engine's CPU kernels are registered; tfjs' own update elsewhere.
 */
import * as tf from '@tensorflow/tfjs';

export const SGD_UPDATE = 'LcSgdUpdate';

interface CpuBackendLike {
  data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}
type KernelArgs = Parameters<tf.KernelFunc>[0];

function sgdKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const b = backend as unknown as CpuBackendLike;
  const { value, gradient, c } = inputs as { value: tf.TensorInfo; gradient: tf.TensorInfo; c: tf.TensorInfo };
  const v = b.data.get(value.dataId).values as Float32Array;
  const g = b.data.get(gradient.dataId).values as Float32Array;
  const k = (b.data.get(c.dataId).values as Float32Array)[0];
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.fround(k * g[i]) + v[i];
  return b.makeTensorInfo(value.shape, 'float32', out);
}

export const sgdKernels: tf.KernelConfig[] = [{ kernelName: SGD_UPDATE, backendName: 'cpu', kernelFunc: sgdKernel as tf.KernelFunc }];

/** tf.train.sgd with the one-pass update where the kernel is registered for the current backend. */
export class EngineSgdOptimizer extends tf.SGDOptimizer {
  override applyGradients(variableGradients: Parameters<tf.SGDOptimizer['applyGradients']>[0]): void {
    const fused = tf.getKernel(SGD_UPDATE, tf.getBackend()) != null;
    if (!fused || Array.isArray(variableGradients)) {
      super.applyGradients(variableGradients);
      return;
    }
    const c = (this as unknown as { c: tf.Scalar }).c;
    for (const [name, gradient] of Object.entries(variableGradients)) {
      if (gradient == null) continue;
      const value = tf.engine().registeredVariables[name];
      const usable = value.dtype === 'float32' && gradient.dtype === 'float32' && value.size === gradient.size;
      tf.tidy(() => {
        value.assign(
          usable ? (tf.engine().runKernel(SGD_UPDATE, { value, gradient, c }) as tf.Tensor) : tf.add(tf.mul(c, gradient), value),
        );
      });
    }
    this.incrementIterations();
  }
}
