/**
 * relu(x + bias) and x + bias on WebGPU: relu(x + b) as one dispatch forward and one backward, where tfjs
 * runs Add + Relu forward and Step + Multiply backward; the bias gradient of both as one dispatch
 * (bias-grad.ts) where tfjs' Sum runs two. x is [..., channels], bias [channels].
 *   y = max(x + b, 0);  ∂y/∂x · dy = dy where y > 0, else 0 (tfjs: dy · step(x + b); equal for finite values).
 */
import * as tf from '@tensorflow/tfjs';
// Types only (see conv-filter-grad.ts).
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { BIAS_GRAD, biasGradKernels } from './bias-grad';
import { PerOutputProgram } from './per-output';

export const BIAS_RELU = 'LcBiasRelu';
export const BIAS_ADD = 'LcBiasAdd';
const RELU_GRAD = 'LcReluGradFromOutput';
type KernelArgs = Parameters<tf.KernelFunc>[0];

function biasReluKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const { x, bias } = inputs as { x: tf.TensorInfo; bias: tf.TensorInfo };
  const program = new PerOutputProgram(
    x.shape,
    ['x', 'bias'],
    'lcBiasRelu',
    'channels : i32,',
    'setOutputAtIndex(index, max(x[index] + bias[index % uniforms.channels], 0.0));',
  );
  return (backend as WebGPUBackend).runWebGPUProgram(program, [x, bias], 'float32', [{ type: 'int32', data: [bias.shape[0]] }]);
}

function biasAddKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const { x, bias } = inputs as { x: tf.TensorInfo; bias: tf.TensorInfo };
  const program = new PerOutputProgram(
    x.shape,
    ['x', 'bias'],
    'lcBiasAdd',
    'channels : i32,',
    'setOutputAtIndex(index, x[index] + bias[index % uniforms.channels]);',
  );
  return (backend as WebGPUBackend).runWebGPUProgram(program, [x, bias], 'float32', [{ type: 'int32', data: [bias.shape[0]] }]);
}

function reluGradKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const { dy, y } = inputs as { dy: tf.TensorInfo; y: tf.TensorInfo };
  const program = new PerOutputProgram(
    y.shape,
    ['dy', 'y'],
    'lcReluGradFromOutput',
    'channels : i32,',
    'setOutputAtIndex(index, select(0.0, dy[index], y[index] > 0.0));',
  );
  return (backend as WebGPUBackend).runWebGPUProgram(program, [dy, y], 'float32', [{ type: 'int32', data: [1] }]);
}

export const biasReluKernels: tf.KernelConfig[] = [
  { kernelName: BIAS_RELU, backendName: 'webgpu', kernelFunc: biasReluKernel as tf.KernelFunc },
  { kernelName: BIAS_ADD, backendName: 'webgpu', kernelFunc: biasAddKernel as tf.KernelFunc },
  { kernelName: RELU_GRAD, backendName: 'webgpu', kernelFunc: reluGradKernel as tf.KernelFunc },
  ...biasGradKernels,
];

const biasGrad = (dz: tf.Tensor) => tf.engine().runKernel(BIAS_GRAD, { dz }) as tf.Tensor;

tf.registerGradient({
  kernelName: BIAS_RELU,
  outputsToSave: [true],
  gradFunc: (dy, saved) => {
    const [y] = saved;
    const dz = tf.engine().runKernel(RELU_GRAD, { dy: dy as tf.Tensor, y }) as tf.Tensor;
    return {
      x: () => dz,
      bias: () => biasGrad(dz),
    };
  },
});

tf.registerGradient({
  kernelName: BIAS_ADD,
  gradFunc: (dy) => ({ x: () => tf.clone(dy as tf.Tensor), bias: () => biasGrad(dy as tf.Tensor) }),
});
