/**
 * A conv layer's bias and ReLU followed by a non-overlapping, valid max-pool, maxPool(relu(z + b)), as one
 * dispatch forward and one backward (plus the one-dispatch bias gradient), where the layer-by-layer path runs
 * bias-relu and MaxPool forward, MaxPoolGrad and the ReLU gradient backward. Same values: relu is monotonic,
 * and the backward pass picks each window's arg-max as the engine's MaxPoolGrad does (last maximum wins) and
 * passes dy only where that maximum is positive (the ReLU gradient of a 0 output is 0). NHWC, z [b, h, w, c].
 */
import * as tf from '@tensorflow/tfjs';
// Types only (see conv-filter-grad.ts).
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { BIAS_GRAD } from './bias-grad';
import { PerOutputProgram } from './per-output';

export const BIAS_RELU_POOL = 'LcBiasReluMaxPool';
const BIAS_RELU_POOL_GRAD = 'LcBiasReluMaxPoolGrad';
const UNIFORMS = 'fh : i32, fw : i32, ch : i32, inH : i32, inW : i32, outH : i32, outW : i32,';

/** One thread per pooled output: the window's maximum of z + b, then relu. */
const FORWARD = `
      let d = index % uniforms.ch;
      var t = index / uniforms.ch;
      let yC = t % uniforms.outW;
      t = t / uniforms.outW;
      let yR = t % uniforms.outH;
      let b = t / uniforms.outH;
      var best = 0.0;
      for (var wR = 0; wR < uniforms.fh; wR = wR + 1) {
        for (var wC = 0; wC < uniforms.fw; wC = wC + 1) {
          let r = yR * uniforms.fh + wR;
          let c = yC * uniforms.fw + wC;
          best = max(best, x[((b * uniforms.inH + r) * uniforms.inW + c) * uniforms.ch + d] + bias[d]);
        }
      }
      setOutputAtIndex(index, best);`;

/** One thread per input position: dy of its window if it is the window's last positive maximum. */
const BACKWARD = `
      let d = index % uniforms.ch;
      var t = index / uniforms.ch;
      let xC = t % uniforms.inW;
      t = t / uniforms.inW;
      let xR = t % uniforms.inH;
      let b = t / uniforms.inH;
      let yR = xR / uniforms.fh;
      let yC = xC / uniforms.fw;
      if (yR >= uniforms.outH || yC >= uniforms.outW) {
        setOutputAtIndex(index, 0.0);
        return;
      }
      var best = 0.0;
      var bestR = -1;
      var bestC = -1;
      for (var wR = 0; wR < uniforms.fh; wR = wR + 1) {
        for (var wC = 0; wC < uniforms.fw; wC = wC + 1) {
          let r = yR * uniforms.fh + wR;
          let c = yC * uniforms.fw + wC;
          let v = max(x[((b * uniforms.inH + r) * uniforms.inW + c) * uniforms.ch + d] + bias[d], 0.0);
          if (bestR < 0 || v >= best) {
            best = v;
            bestR = r;
            bestC = c;
          }
        }
      }
      var g = 0.0;
      if (best > 0.0 && bestR == xR && bestC == xC) {
        g = dy[((b * uniforms.outH + yR) * uniforms.outW + yC) * uniforms.ch + d];
      }
      setOutputAtIndex(index, g);`;

type KernelArgs = Parameters<tf.KernelFunc>[0];
type PoolAttrs = { fh: number; fw: number };

function uniformsFor(x: tf.TensorInfo, a: PoolAttrs) {
  const [, inH, inW, ch] = x.shape;
  return [a.fh, a.fw, ch, inH, inW, Math.floor(inH / a.fh), Math.floor(inW / a.fw)].map((v) => ({ type: 'int32', data: [v] }));
}

function forwardKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { x, bias } = inputs as { x: tf.TensorInfo; bias: tf.TensorInfo };
  const a = attrs as unknown as PoolAttrs;
  const [batch, inH, inW, ch] = x.shape;
  const program = new PerOutputProgram(
    [batch, Math.floor(inH / a.fh), Math.floor(inW / a.fw), ch],
    ['x', 'bias'],
    'lcBiasReluMaxPool',
    UNIFORMS,
    FORWARD,
  );
  return (backend as WebGPUBackend).runWebGPUProgram(program, [x, bias], 'float32', uniformsFor(x, a));
}

function backwardKernel({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { dy, x, bias } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo; bias: tf.TensorInfo };
  const a = attrs as unknown as PoolAttrs;
  const program = new PerOutputProgram(x.shape, ['dy', 'x', 'bias'], 'lcBiasReluMaxPoolGrad', UNIFORMS, BACKWARD);
  return (backend as WebGPUBackend).runWebGPUProgram(program, [dy, x, bias], 'float32', uniformsFor(x, a));
}

export const biasReluPoolKernels: tf.KernelConfig[] = [
  { kernelName: BIAS_RELU_POOL, backendName: 'webgpu', kernelFunc: forwardKernel as tf.KernelFunc },
  { kernelName: BIAS_RELU_POOL_GRAD, backendName: 'webgpu', kernelFunc: backwardKernel as tf.KernelFunc },
];

tf.registerGradient({
  kernelName: BIAS_RELU_POOL,
  inputsToSave: ['x', 'bias'],
  gradFunc: (dy, saved, attrs) => {
    const [x, bias] = saved;
    const dz = tf
      .engine()
      .runKernel(BIAS_RELU_POOL_GRAD, { dy: dy as tf.Tensor, x, bias }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
    return { x: () => dz, bias: () => tf.engine().runKernel(BIAS_GRAD, { dz }) as tf.Tensor };
  },
});
