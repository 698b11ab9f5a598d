/**
 * Faster tfjs CPU kernels for the pretraining script only (the site never loads this file).
 *
 * tfjs' CPU `Conv2DBackpropFilter` reads every element through `TensorBuffer.get`, which makes the filter
 * gradient of a small convolution take over a second per batch of 32 on a 2-core machine. The version here
 * walks the same sums over typed arrays. Each weight's gradient is the same float64 sum over (batch, output
 * row, output column) in the same order as tfjs' kernel, rounded to float32 once, so the result is
 * bit-identical to the stock kernel (tests/unit/pretrained/cpu-kernels.test.ts checks it), only faster.
 * `MaxPoolGrad` likewise, for non-overlapping windows (pool = stride), where each input receives at most one
 * gradient; other windows fall back to tfjs' kernel.
 */
import * as tf from '@tensorflow/tfjs';

type Info = tf.TensorInfo;
interface CpuBackend {
  data: { get(id: unknown): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): Info;
}

const CONV_FILTER = 'Conv2DBackpropFilter';
const MAX_POOL_GRAD = 'MaxPoolGrad';

function conv2dBackpropFilter({
  inputs,
  backend,
  attrs,
}: {
  inputs: { x: Info; dy: Info };
  backend: CpuBackend;
  attrs: Record<string, unknown>;
}): Info {
  const { x, dy } = inputs;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as {
    strides: [number, number] | number;
    pad: 'valid' | 'same' | number;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    filterShape: [number, number, number, number];
  };
  if (dataFormat === 'NCHW') throw new Error('the pretraining kernels support NHWC only');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const {
    batchSize,
    inHeight,
    inWidth,
    inChannels,
    outHeight,
    outWidth,
    outChannels,
    strideHeight,
    strideWidth,
    filterHeight,
    filterWidth,
  } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const xv = backend.data.get(x.dataId).values;
  const dyv = backend.data.get(dy.dataId).values;
  const acc = new Float64Array(filterHeight * filterWidth * inChannels * outChannels);
  for (let b = 0; b < batchSize; b++) {
    for (let yr = 0; yr < outHeight; yr++) {
      for (let yc = 0; yc < outWidth; yc++) {
        const dyAt = ((b * outHeight + yr) * outWidth + yc) * outChannels;
        for (let wr = 0; wr < filterHeight; wr++) {
          const xr = wr + yr * strideHeight - top;
          if (xr < 0 || xr >= inHeight) continue;
          for (let wc = 0; wc < filterWidth; wc++) {
            const xc = wc + yc * strideWidth - left;
            if (xc < 0 || xc >= inWidth) continue;
            const xAt = ((b * inHeight + xr) * inWidth + xc) * inChannels;
            const wAt = (wr * filterWidth + wc) * inChannels;
            for (let d1 = 0; d1 < inChannels; d1++) {
              const xval = xv[xAt + d1];
              const row = (wAt + d1) * outChannels;
              for (let d2 = 0; d2 < outChannels; d2++) acc[row + d2] += xval * dyv[dyAt + d2];
            }
          }
        }
      }
    }
  }
  return backend.makeTensorInfo([filterHeight, filterWidth, inChannels, outChannels], 'float32', Float32Array.from(acc));
}

function maxPoolGrad(
  stock: tf.KernelFunc,
  args: { inputs: { dy: Info; input: Info; output: Info }; backend: CpuBackend; attrs: Record<string, unknown> },
): Info | Info[] {
  const { inputs, backend, attrs } = args;
  const { filterSize, strides, pad, dimRoundingMode } = attrs as {
    filterSize: [number, number] | number;
    strides: [number, number] | number;
    pad: 'valid' | 'same' | number;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
  };
  const info = tf.backend_util.computePool2DInfo(
    inputs.input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const overlapping = strideHeight < filterHeight || strideWidth < filterWidth;
  if (overlapping || info.padInfo.top !== 0 || info.padInfo.left !== 0) return stock(args as unknown as Parameters<tf.KernelFunc>[0]);
  const xv = backend.data.get(inputs.input.dataId).values;
  const dyv = backend.data.get(inputs.dy.dataId).values;
  const dx = new Float32Array(xv.length);
  for (let b = 0; b < batchSize; b++) {
    for (let r = 0; r < outHeight; r++) {
      for (let c = 0; c < outWidth; c++) {
        for (let d = 0; d < inChannels; d++) {
          // The first maximum in row-major window order, as tfjs' maxPoolPositions picks it.
          let best = -1;
          let max = Number.NEGATIVE_INFINITY;
          for (let wr = 0; wr < filterHeight; wr++) {
            const xr = r * strideHeight + wr;
            if (xr >= inHeight) continue;
            for (let wc = 0; wc < filterWidth; wc++) {
              const xc = c * strideWidth + wc;
              if (xc >= inWidth) continue;
              const at = ((b * inHeight + xr) * inWidth + xc) * inChannels + d;
              if (xv[at] > max) {
                max = xv[at];
                best = at;
              }
            }
          }
          if (best >= 0) dx[best] += dyv[((b * outHeight + r) * outWidth + c) * inChannels + d];
        }
      }
    }
  }
  return backend.makeTensorInfo(inputs.input.shape, 'float32', dx);
}

/** Puts the faster kernels over tfjs' CPU ones in this process. Returns a function that restores the stock kernels. */
export function useFastCpuKernels(): () => void {
  const stockFilter = tf.getKernel(CONV_FILTER, 'cpu');
  const stockPool = tf.getKernel(MAX_POOL_GRAD, 'cpu');
  if (!stockFilter || !stockPool) throw new Error('the tfjs CPU backend is not registered');
  tf.unregisterKernel(CONV_FILTER, 'cpu');
  tf.unregisterKernel(MAX_POOL_GRAD, 'cpu');
  tf.registerKernel({ kernelName: CONV_FILTER, backendName: 'cpu', kernelFunc: conv2dBackpropFilter as unknown as tf.KernelFunc });
  tf.registerKernel({
    kernelName: MAX_POOL_GRAD,
    backendName: 'cpu',
    kernelFunc: ((args: Parameters<typeof maxPoolGrad>[1]) => maxPoolGrad(stockPool.kernelFunc, args)) as unknown as tf.KernelFunc,
  });
  return () => {
    tf.unregisterKernel(CONV_FILTER, 'cpu');
    tf.unregisterKernel(MAX_POOL_GRAD, 'cpu');
    tf.registerKernel(stockFilter);
    tf.registerKernel(stockPool);
  };
}
