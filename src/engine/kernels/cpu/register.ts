/** Installs (or removes) the engine's CPU kernels in tfjs' registry; tfjs' own stay as fallbacks. */
import * as tf from '@tensorflow/tfjs';
import { batchMatMulCpuKernel } from './matmul';
import { sigmoidXentKernels } from './sigmoid-xent';
import { sgdKernels } from './sgd';

let stock: tf.KernelConfig | undefined;

export function useEngineCpuKernels(on: boolean): void {
  // Kernels of our own (the trainer uses them only while they are registered).
  for (const k of [...sigmoidXentKernels, ...sgdKernels]) {
    const has = tf.getKernel(k.kernelName, 'cpu') != null;
    if (on && !has) tf.registerKernel(k);
    if (!on && has) tf.unregisterKernel(k.kernelName, 'cpu');
  }
  const current = tf.getKernel('BatchMatMul', 'cpu');
  if (!current) return;
  stock ??= current;
  const isOurs = current !== stock;
  if (on === isOurs) return;
  tf.unregisterKernel('BatchMatMul', 'cpu');
  tf.registerKernel(on ? { kernelName: 'BatchMatMul', backendName: 'cpu', kernelFunc: batchMatMulCpuKernel(stock.kernelFunc) } : stock);
}
