/**
 * ∂L/∂W of a 2-D convolution (Conv2DBackpropFilter) with the reduction split. tfjs 4.22 runs one thread per
 * filter weight, each looping over batch × output rows × output columns (conv1 of the course CNN: 288
 * threads × 43,264 iterations). Here pass 1 gives each of S slices a part of that range (S × weights threads
 * writing partial sums, flat indexing with running counters instead of per-element coordinate maths) and
 * pass 2 sums the S partials per weight. NHWC, dilation 1; anything else goes to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
// Types only: a value import would evaluate the package (and register its backend) wherever this loads.
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { PerOutputProgram } from './per-output';

/** Aim for about this many threads in pass 1, and at least this many iterations per thread. */
const TARGET_THREADS = 1 << 16;
const MIN_CHUNK = 64;

interface ConvShape {
  kh: number;
  kw: number;
  cin: number;
  cout: number;
  inH: number;
  inW: number;
  outH: number;
  outW: number;
  batch: number;
  padTop: number;
  padLeft: number;
  strideH: number;
  strideW: number;
}

/** Slices of the batch × output-map range: enough threads to fill a GPU, each with real work. */
export function splitFor(weights: number, range: number): { slices: number; chunk: number } {
  const wanted = Math.ceil(TARGET_THREADS / weights);
  const slices = Math.max(1, Math.min(wanted, Math.floor(range / MIN_CHUNK)));
  const chunk = Math.ceil(range / slices);
  return { slices: Math.ceil(range / chunk), chunk };
}

const PARTIALS_UNIFORMS =
  'weights : i32, range : i32, chunk : i32, kw : i32, cin : i32, cout : i32, inH : i32, inW : i32, outH : i32, outW : i32, padTop : i32, padLeft : i32, strideH : i32, strideW : i32,';

/** Pass 1, one thread per (slice, weight): that weight's gradient summed over the slice's chunk of the range. */
const PARTIALS = `
      let s = index / uniforms.weights;
      let f = index - s * uniforms.weights;
      let d2 = f % uniforms.cout;
      let d1 = (f / uniforms.cout) % uniforms.cin;
      let wC = (f / (uniforms.cout * uniforms.cin)) % uniforms.kw;
      let wR = f / (uniforms.cout * uniforms.cin * uniforms.kw);
      let start = s * uniforms.chunk;
      let end = min(start + uniforms.chunk, uniforms.range);
      let perImage = uniforms.outH * uniforms.outW;
      var b = start / perImage;
      var yR = (start % perImage) / uniforms.outW;
      var yC = start % uniforms.outW;
      var sum = 0.0;
      for (var r = start; r < end; r = r + 1) {
        let xR = wR + yR * uniforms.strideH - uniforms.padTop;
        let xC = wC + yC * uniforms.strideW - uniforms.padLeft;
        if (xR >= 0 && xR < uniforms.inH && xC >= 0 && xC < uniforms.inW) {
          let xv = x[((b * uniforms.inH + xR) * uniforms.inW + xC) * uniforms.cin + d1];
          let dv = dy[r * uniforms.cout + d2];
          sum = sum + xv * dv;
        }
        yC = yC + 1;
        if (yC == uniforms.outW) {
          yC = 0;
          yR = yR + 1;
          if (yR == uniforms.outH) { yR = 0; b = b + 1; }
        }
      }
      setOutputAtIndex(index, sum);
`;

const SUM_UNIFORMS = 'slices : i32, weights : i32,';

/** Pass 2, one thread per weight: the sum of its slices' partial gradients. */
const SUM = `
      var sum = 0.0;
      for (var s = 0; s < uniforms.slices; s = s + 1) {
        sum = sum + partials[s * uniforms.weights + index];
      }
      setOutputAtIndex(index, sum);
`;

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** The kernel function; `fallback` is tfjs' own, for layouts this one does not cover. */
export function conv2DBackpropFilterKernel(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const a = args.attrs as unknown as {
      strides: number | [number, number];
      pad: 'valid' | 'same' | number;
      dataFormat: 'NHWC' | 'NCHW';
      dimRoundingMode?: 'floor' | 'round' | 'ceil';
      filterShape: [number, number, number, number];
    };
    if (a.dataFormat === 'NCHW' || x.dtype !== 'float32' || typeof a.pad === 'object') return fallback(args);
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      a.filterShape,
      a.strides,
      1,
      a.pad,
      a.dimRoundingMode,
      false,
      'channelsLast',
    );
    const c: ConvShape = {
      kh: info.filterHeight,
      kw: info.filterWidth,
      cin: info.inChannels,
      cout: info.outChannels,
      inH: info.inHeight,
      inW: info.inWidth,
      outH: info.outHeight,
      outW: info.outWidth,
      batch: info.batchSize,
      padTop: info.padInfo.top,
      padLeft: info.padInfo.left,
      strideH: info.strideHeight,
      strideW: info.strideWidth,
    };
    const weights = c.kh * c.kw * c.cin * c.cout;
    const range = c.batch * c.outH * c.outW;
    const { slices, chunk } = splitFor(weights, range);
    const backend = args.backend as WebGPUBackend;
    const partials = backend.runWebGPUProgram(
      new PerOutputProgram([slices, weights], ['x', 'dy'], 'lcConv2DFilterGradPartials', PARTIALS_UNIFORMS, PARTIALS),
      [x, dy],
      'float32',
      [
        { type: 'int32', data: [weights] },
        { type: 'int32', data: [range] },
        { type: 'int32', data: [chunk] },
        { type: 'int32', data: [c.kw] },
        { type: 'int32', data: [c.cin] },
        { type: 'int32', data: [c.cout] },
        { type: 'int32', data: [c.inH] },
        { type: 'int32', data: [c.inW] },
        { type: 'int32', data: [c.outH] },
        { type: 'int32', data: [c.outW] },
        { type: 'int32', data: [c.padTop] },
        { type: 'int32', data: [c.padLeft] },
        { type: 'int32', data: [c.strideH] },
        { type: 'int32', data: [c.strideW] },
      ],
    );
    const out = backend.runWebGPUProgram(
      new PerOutputProgram(a.filterShape, ['partials'], 'lcConv2DFilterGradSum', SUM_UNIFORMS, SUM),
      [partials],
      'float32',
      [
        { type: 'int32', data: [slices] },
        { type: 'int32', data: [weights] },
      ],
    );
    backend.disposeData(partials.dataId);
    return out;
  };
}
