/**
 * Installs (or removes) the engine's WebGPU kernels in tfjs' registry. Import lazily, after
 * '@tensorflow/tfjs-backend-webgpu' has registered its own kernels: the stock ones are kept as fallbacks.
 */
import * as tf from '@tensorflow/tfjs';
import { conv2DBackpropFilterKernel } from './conv-filter-grad';
import { conv2DKernel } from './conv-forward';
import { maxPoolGradKernel } from './max-pool-grad';

const stock = new Map<string, tf.KernelConfig>();

const ours: { name: string; make: (fallback: tf.KernelFunc) => tf.KernelFunc }[] = [
  { name: 'Conv2DBackpropFilter', make: conv2DBackpropFilterKernel },
  { name: 'Conv2D', make: conv2DKernel },
  { name: 'MaxPoolGrad', make: maxPoolGradKernel },
];

/** Puts our kernels in place of tfjs' (on = true) or restores tfjs' own (on = false). Idempotent. */
export function useEngineWebGpuKernels(on: boolean): void {
  for (const { name, make } of ours) {
    const current = tf.getKernel(name, 'webgpu');
    if (!current) continue;
    if (!stock.has(name)) stock.set(name, current);
    const original = stock.get(name)!;
    const wantOurs = on;
    const isOurs = current !== original;
    if (wantOurs === isOurs) continue;
    tf.unregisterKernel(name, 'webgpu');
    tf.registerKernel(wantOurs ? { kernelName: name, backendName: 'webgpu', kernelFunc: make(original.kernelFunc) } : original);
  }
}
