/** Optimizers with Keras' default hyper-parameters, and a learning-rate setter that works mid-run. */
import * as tf from '@tensorflow/tfjs';
import type { OptimizerSpec } from '../spec/schema';
import { engineKernelsEnabled } from '../kernels/settings';
import { WebGpuAdamOptimizer } from '../kernels/webgpu/adam';
import { EngineSgdOptimizer } from '../kernels/cpu/sgd';
import { EngineCpuAdamOptimizer } from '../kernels/cpu/adam';

/** Keras' epsilon (tfjs would otherwise use the backend's, which differs between float16 and float32). */
const KERAS_EPSILON = 1e-7;

export function createOptimizer(spec: OptimizerSpec): tf.Optimizer {
  const lr = spec.learningRate;
  switch (spec.type) {
    case 'sgd':
      // On the CPU (engine kernels on): one pass per variable, bit for bit tfjs' update.
      return new EngineSgdOptimizer(lr);
    case 'momentum':
      return tf.train.momentum(lr, spec.momentum);
    case 'rmsprop':
      // keras.optimizers.RMSprop(rho=0.9, momentum=0.0, epsilon=1e-7, centered=False)
      return tf.train.rmsprop(lr, 0.9, 0, KERAS_EPSILON, false);
    case 'adam':
      // keras.optimizers.Adam(beta_1=0.9, beta_2=0.999, epsilon=1e-7)
      // On WebGPU: one fused kernel per variable (tfjs' Adam runs ~14 kernels and uploads 5 scalars per variable).
      if (tf.getBackend() === 'webgpu' && engineKernelsEnabled()) return new WebGpuAdamOptimizer(lr, 0.9, 0.999, KERAS_EPSILON);
      // On the CPU: one JavaScript pass per variable, bit for bit tfjs' update.
      if (tf.getBackend() === 'cpu' && engineKernelsEnabled()) return new EngineCpuAdamOptimizer(lr, 0.9, 0.999, KERAS_EPSILON);
      return tf.train.adam(lr, 0.9, 0.999, KERAS_EPSILON);
  }
}

/** Changes the learning rate of a live optimizer without resetting its state (momentum, Adam moments). */
export function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  // Not `instanceof tf.SGDOptimizer`: tfjs' optimizers answer instanceof by their fields (Symbol.hasInstance), so an
  // Adam optimizer passes it, and then has no setLearningRate to call.
  const sgd = optimizer as unknown as { setLearningRate?: (lr: number) => void };
  if (typeof sgd.setLearningRate === 'function') {
    // SGD and momentum keep a pre-built −lr scalar; this rebuilds it.
    sgd.setLearningRate(lr);
  } else {
    // Adam and RMSprop read `learningRate` on every step.
    (optimizer as unknown as { learningRate: number }).learningRate = lr;
  }
}
