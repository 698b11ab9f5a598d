/** Installs (or removes) the engine's CPU kernels in tfjs' registry; tfjs' own stay as fallbacks. */
import * as tf from '@tensorflow/tfjs';
import { batchMatMulCpuKernel } from './matmul';

let stock: tf.KernelConfig | undefined;

export function useEngineCpuKernels(on: boolean): void {
  const current = tf.getKernel('BatchMatMul', 'cpu');
  if (!current) return;
  stock ??= current;
  const isOurs = current !== stock;
  if (on === isOurs) return;
  tf.unregisterKernel('BatchMatMul', 'cpu');
  tf.registerKernel(on ? { kernelName: 'BatchMatMul', backendName: 'cpu', kernelFunc: batchMatMulCpuKernel(stock.kernelFunc) } : stock);
}
