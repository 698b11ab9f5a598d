/**
 * Conv2D forward for layers with a short reduction (kernel height × width × input channels ≤ 32, e.g. the
 * first 3×3 layer on grey images): one thread per output value, a direct loop over the receptive field.
 * tfjs 4.22's implicit-GEMM program tiles the reduction in blocks sized for wide layers; with 9 values to
 * sum per output it spends its time on tile bookkeeping (1.8 s for the course CNN's first layer at batch
 * 64 on SwiftShader). NHWC, dilation 1; other layers go to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
// Types only (see conv-filter-grad.ts).
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { PerOutputProgram } from './per-output';

/** Largest kh × kw × cin handled here. */
export const SHORT_REDUCTION = 32;

const UNIFORMS =
  'kh : i32, kw : i32, cin : i32, cout : i32, inH : i32, inW : i32, outH : i32, outW : i32, padTop : i32, padLeft : i32, strideH : i32, strideW : i32,';

/** One thread per output element: its sum over the (short) filter window. */
const BODY = `
      let d2 = index % uniforms.cout;
      var t = index / uniforms.cout;
      let yC = t % uniforms.outW;
      t = t / uniforms.outW;
      let yR = t % uniforms.outH;
      let b = t / uniforms.outH;
      var sum = 0.0;
      for (var wR = 0; wR < uniforms.kh; wR = wR + 1) {
        let xR = yR * uniforms.strideH - uniforms.padTop + wR;
        if (xR < 0 || xR >= uniforms.inH) { continue; }
        for (var wC = 0; wC < uniforms.kw; wC = wC + 1) {
          let xC = yC * uniforms.strideW - uniforms.padLeft + wC;
          if (xC < 0 || xC >= uniforms.inW) { continue; }
          let xBase = ((b * uniforms.inH + xR) * uniforms.inW + xC) * uniforms.cin;
          let wBase = (wR * uniforms.kw + wC) * uniforms.cin * uniforms.cout + d2;
          for (var d1 = 0; d1 < uniforms.cin; d1 = d1 + 1) {
            sum = sum + x[xBase + d1] * W[wBase + d1 * uniforms.cout];
          }
        }
      }
      setOutputAtIndex(index, sum);
`;

type KernelArgs = Parameters<tf.KernelFunc>[0];

export function conv2DKernel(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
    const a = args.attrs as unknown as {
      strides: number | [number, number];
      pad: 'valid' | 'same' | number;
      dataFormat: 'NHWC' | 'NCHW';
      dilations: number | [number, number];
      dimRoundingMode?: 'floor' | 'round' | 'ceil';
    };
    const dilated = Array.isArray(a.dilations) ? a.dilations.some((d) => d !== 1) : a.dilations !== 1;
    const [kh, kw, cin, cout] = filter.shape;
    if (a.dataFormat === 'NCHW' || dilated || x.dtype !== 'float32' || typeof a.pad === 'object' || kh * kw * cin > SHORT_REDUCTION)
      return fallback(args);
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filter.shape as [number, number, number, number],
      a.strides,
      1,
      a.pad,
      a.dimRoundingMode,
      false,
      'channelsLast',
    );
    const backend = args.backend as WebGPUBackend;
    const i32 = (v: number) => ({ type: 'int32', data: [v] });
    return backend.runWebGPUProgram(
      new PerOutputProgram(info.outShape, ['x', 'W'], 'lcConv2DDirect', UNIFORMS, BODY),
      [x, filter],
      'float32',
      [
        i32(kh),
        i32(kw),
        i32(cin),
        i32(cout),
        i32(info.inHeight),
        i32(info.inWidth),
        i32(info.outHeight),
        i32(info.outWidth),
        i32(info.padInfo.top),
        i32(info.padInfo.left),
        i32(info.strideHeight),
        i32(info.strideWidth),
      ],
    );
  };
}
