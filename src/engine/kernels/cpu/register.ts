/** Installs (or removes) the engine's CPU kernels in tfjs' registry; tfjs' own stay as fallbacks. */
import * as tf from '@tensorflow/tfjs';
import { CONV_KERNELS } from './conv';
import { batchMatMulCpuKernel } from './matmul';
import { sigmoidXentKernels } from './sigmoid-xent';
import { sgdKernels } from './sgd';

/** tfjs kernels the engine replaces with its own, each wrapping tfjs' as the fallback. */
const WRAPPED: [string, (fallback: tf.KernelFunc) => tf.KernelFunc][] = [['BatchMatMul', batchMatMulCpuKernel], ...CONV_KERNELS];
const stock = new Map<string, tf.KernelConfig>();

export function useEngineCpuKernels(on: boolean): void {
  // Kernels of our own (the trainer uses them only while they are registered).
  for (const k of [...sigmoidXentKernels, ...sgdKernels]) {
    const has = tf.getKernel(k.kernelName, 'cpu') != null;
    if (on && !has) tf.registerKernel(k);
    if (!on && has) tf.unregisterKernel(k.kernelName, 'cpu');
  }
  for (const [name, wrap] of WRAPPED) {
    const current = tf.getKernel(name, 'cpu');
    if (!current) continue;
    if (!stock.has(name)) stock.set(name, current);
    const original = stock.get(name)!;
    const isOurs = current !== original;
    if (on === isOurs) continue;
    tf.unregisterKernel(name, 'cpu');
    tf.registerKernel(on ? { kernelName: name, backendName: 'cpu', kernelFunc: wrap(original.kernelFunc) } : original);
  }
}
