/**
 * 2-D convolution on the CPU backend: forward, input gradient and filter gradient as plain loops whose innermost
 * loop runs over the output channels (contiguous in NHWC data and HWIO filters), skipping zero inputs (ReLU maps
 * and the images' black background are mostly zeros). tfjs' own CPU filter gradient walks the filter in its outer
 * loops and the batch innermost; on the course CNN's second convolution (batch 64, 13×13×32 → 11×11×32) it took
 * about 15 s a step on the machines here, these loops a small fraction of that. Sums run in doubles, so results
 * match tfjs' to float32 rounding, not bit for bit. Anything other than NHWC, dilation 1 and float32 data goes to
 * tfjs' kernel (the fallback each factory is given).
 */
import * as tf from '@tensorflow/tfjs';

interface CpuBackendLike {
  data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}
type KernelArgs = Parameters<tf.KernelFunc>[0];
type Attrs = {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
};

/** Shapes and padding as tfjs computes them, or null where these loops do not apply. */
function geometry(xShape: number[], filterShape: number[], attrs: Attrs) {
  if ((attrs.dataFormat ?? 'NHWC') !== 'NHWC') return null;
  const d = attrs.dilations ?? 1;
  if (!(d === 1 || (Array.isArray(d) && d[0] === 1 && d[1] === 1))) return null;
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  return {
    n: info.batchSize,
    h: info.inHeight,
    w: info.inWidth,
    ci: info.inChannels,
    oh: info.outHeight,
    ow: info.outWidth,
    co: info.outChannels,
    kh: info.filterHeight,
    kw: info.filterWidth,
    sh: info.strideHeight,
    sw: info.strideWidth,
    top: info.padInfo.top,
    left: info.padInfo.left,
  };
}
type Geometry = NonNullable<ReturnType<typeof geometry>>;

function floats(backend: CpuBackendLike, t: tf.TensorInfo): Float32Array | null {
  const v = backend.data.get(t.dataId).values;
  return t.dtype === 'float32' && v instanceof Float32Array ? v : null;
}

/** Calls `visit(xOffset, wOffset)` for every filter tap (kh, kw) that lands inside the input at output (b, y, x). */
function taps(g: Geometry, b: number, y: number, x: number, visit: (xo: number, wo: number) => void) {
  for (let i = 0; i < g.kh; i++) {
    const iy = y * g.sh + i - g.top;
    if (iy < 0 || iy >= g.h) continue;
    for (let j = 0; j < g.kw; j++) {
      const ix = x * g.sw + j - g.left;
      if (ix < 0 || ix >= g.w) continue;
      visit(((b * g.h + iy) * g.w + ix) * g.ci, (i * g.kw + j) * g.ci * g.co);
    }
  }
}

export function conv2dForward(xv: Float32Array, wv: Float32Array, g: Geometry): Float32Array {
  const out = new Float32Array(g.n * g.oh * g.ow * g.co);
  const acc = new Float64Array(g.co);
  for (let b = 0; b < g.n; b++) {
    for (let y = 0; y < g.oh; y++) {
      for (let x = 0; x < g.ow; x++) {
        acc.fill(0);
        taps(g, b, y, x, (xo, wo) => {
          for (let c = 0; c < g.ci; c++) {
            const v = xv[xo + c];
            if (v === 0) continue;
            const row = wo + c * g.co;
            for (let o = 0; o < g.co; o++) acc[o] += v * wv[row + o];
          }
        });
        out.set(acc, ((b * g.oh + y) * g.ow + x) * g.co);
      }
    }
  }
  return out;
}

export function conv2dInputGrad(dyv: Float32Array, wv: Float32Array, g: Geometry): Float32Array {
  const dx = new Float64Array(g.n * g.h * g.w * g.ci);
  for (let b = 0; b < g.n; b++) {
    for (let y = 0; y < g.oh; y++) {
      for (let x = 0; x < g.ow; x++) {
        const dyo = ((b * g.oh + y) * g.ow + x) * g.co;
        taps(g, b, y, x, (xo, wo) => {
          for (let c = 0; c < g.ci; c++) {
            const row = wo + c * g.co;
            let s = 0;
            for (let o = 0; o < g.co; o++) s += wv[row + o] * dyv[dyo + o];
            dx[xo + c] += s;
          }
        });
      }
    }
  }
  return Float32Array.from(dx);
}

export function conv2dFilterGrad(xv: Float32Array, dyv: Float32Array, g: Geometry): Float32Array {
  const dw = new Float64Array(g.kh * g.kw * g.ci * g.co);
  for (let b = 0; b < g.n; b++) {
    for (let y = 0; y < g.oh; y++) {
      for (let x = 0; x < g.ow; x++) {
        const dyo = ((b * g.oh + y) * g.ow + x) * g.co;
        taps(g, b, y, x, (xo, wo) => {
          for (let c = 0; c < g.ci; c++) {
            const v = xv[xo + c];
            if (v === 0) continue;
            const row = wo + c * g.co;
            for (let o = 0; o < g.co; o++) dw[row + o] += v * dyv[dyo + o];
          }
        });
      }
    }
  }
  return Float32Array.from(dw);
}

/** What a kernel call hands the loops: its two float operands and the shapes of the convolution it belongs to. */
interface Operands {
  a: tf.TensorInfo;
  b: tf.TensorInfo;
  xShape: number[];
  filterShape: number[];
}

/**
 * A kernel factory: `operands` reads tfjs' call, `run` does the arithmetic on the two operands, `outShape` names the
 * result's shape from the geometry. Falls back to tfjs' own kernel where the loops above do not apply.
 */
function cpuKernel(
  operands: (args: KernelArgs) => Operands,
  run: (a: Float32Array, b: Float32Array, g: Geometry) => Float32Array,
  outShape: (g: Geometry) => number[],
) {
  return (fallback: tf.KernelFunc): tf.KernelFunc =>
    (args: KernelArgs) => {
      const backend = args.backend as unknown as CpuBackendLike;
      const { a, b, xShape, filterShape } = operands(args);
      const g = geometry(xShape, filterShape, args.attrs as unknown as Attrs);
      const [av, bv] = [floats(backend, a), floats(backend, b)];
      if (!g || !av || !bv) return fallback(args);
      return backend.makeTensorInfo(outShape(g), 'float32', run(av, bv, g));
    };
}

type In<K extends string> = Record<K, tf.TensorInfo>;
const attrsOf = <T>(args: KernelArgs) => args.attrs as unknown as T;

export const conv2dCpuKernel = cpuKernel(
  ({ inputs }) => {
    const { x, filter } = inputs as In<'x' | 'filter'>;
    return { a: x, b: filter, xShape: x.shape, filterShape: filter.shape };
  },
  conv2dForward,
  (g) => [g.n, g.oh, g.ow, g.co],
);

export const conv2dInputGradCpuKernel = cpuKernel(
  (args) => {
    const { dy, filter } = args.inputs as In<'dy' | 'filter'>;
    return { a: dy, b: filter, xShape: attrsOf<{ inputShape: number[] }>(args).inputShape, filterShape: filter.shape };
  },
  conv2dInputGrad,
  (g) => [g.n, g.h, g.w, g.ci],
);

export const conv2dFilterGradCpuKernel = cpuKernel(
  (args) => {
    const { x, dy } = args.inputs as In<'x' | 'dy'>;
    return { a: x, b: dy, xShape: x.shape, filterShape: attrsOf<{ filterShape: number[] }>(args).filterShape };
  },
  conv2dFilterGrad,
  (g) => [g.kh, g.kw, g.ci, g.co],
);

/** Kernel name → factory, for the registry (src/engine/kernels/cpu/register.ts). */
export const CONV_KERNELS: [string, (fallback: tf.KernelFunc) => tf.KernelFunc][] = [
  ['Conv2D', conv2dCpuKernel],
  ['Conv2DBackpropInput', conv2dInputGradCpuKernel],
  ['Conv2DBackpropFilter', conv2dFilterGradCpuKernel],
];
