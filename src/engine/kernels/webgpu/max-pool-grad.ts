/**
 * MaxPoolGrad for non-overlapping windows (stride = window, e.g. the course CNN's 2×2 pools) in one pass:
 * each input position finds its window's arg-max (scanning as tfjs' WebGPU pool does, so ties resolve the
 * same way: the last maximum wins) and takes dy there if it is that position. tfjs 4.22 runs two programs
 * (an int32 positions map, then a gather over every window that may contain the position).
 */
import * as tf from '@tensorflow/tfjs';
// Types only (see conv-filter-grad.ts).
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { PerOutputProgram } from './per-output';

const UNIFORMS = 'fh : i32, fw : i32, ch : i32, inH : i32, inW : i32, outH : i32, outW : i32, padTop : i32, padLeft : i32,';

/** One thread per input position: its window's arg-max, and dy there if it is this position. */
const BODY = `
      let d = index % uniforms.ch;
      var t = index / uniforms.ch;
      let xC = t % uniforms.inW;
      t = t / uniforms.inW;
      let xR = t % uniforms.inH;
      let b = t / uniforms.inH;
      let yR = (xR + uniforms.padTop) / uniforms.fh;
      let yC = (xC + uniforms.padLeft) / uniforms.fw;
      if (yR >= uniforms.outH || yC >= uniforms.outW) {
        setOutputAtIndex(index, 0.0);
        return;
      }
      let r0 = yR * uniforms.fh - uniforms.padTop;
      let c0 = yC * uniforms.fw - uniforms.padLeft;
      var best = 0.0;
      var found = false;
      var bestR = -1;
      var bestC = -1;
      for (var wR = 0; wR < uniforms.fh; wR = wR + 1) {
        let r = r0 + wR;
        if (r < 0 || r >= uniforms.inH) { continue; }
        for (var wC = 0; wC < uniforms.fw; wC = wC + 1) {
          let c = c0 + wC;
          if (c < 0 || c >= uniforms.inW) { continue; }
          let v = x[((b * uniforms.inH + r) * uniforms.inW + c) * uniforms.ch + d];
          if (!found || v >= best) {
            best = v;
            found = true;
            bestR = r;
            bestC = c;
          }
        }
      }
      var g = 0.0;
      if (bestR == xR && bestC == xC) {
        g = dy[((b * uniforms.outH + yR) * uniforms.outW + yC) * uniforms.ch + d];
      }
      setOutputAtIndex(index, g);
`;

type KernelArgs = Parameters<tf.KernelFunc>[0];

export function maxPoolGradKernel(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo; output: tf.TensorInfo };
    const a = args.attrs as unknown as {
      filterSize: number | [number, number];
      strides: number | [number, number];
      pad: 'valid' | 'same' | number;
      dimRoundingMode?: 'floor' | 'round' | 'ceil';
    };
    if (input.dtype !== 'float32' || typeof a.pad === 'object') return fallback(args);
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      a.filterSize,
      a.strides,
      1,
      a.pad,
      a.dimRoundingMode,
    );
    if (info.strideHeight !== info.filterHeight || info.strideWidth !== info.filterWidth || info.padInfo.top < 0 || info.padInfo.left < 0)
      return fallback(args);
    const backend = args.backend as WebGPUBackend;
    const i32 = (v: number) => ({ type: 'int32', data: [v] });
    return backend.runWebGPUProgram(
      new PerOutputProgram(input.shape, ['dy', 'x'], 'lcMaxPoolGradDisjoint', UNIFORMS, BODY),
      [dy, input],
      'float32',
      [
        i32(info.filterHeight),
        i32(info.filterWidth),
        i32(info.inChannels),
        i32(info.inHeight),
        i32(info.inWidth),
        i32(info.outHeight),
        i32(info.outWidth),
        i32(info.padInfo.top),
        i32(info.padInfo.left),
      ],
    );
  };
}
