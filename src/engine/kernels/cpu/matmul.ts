/**
 * BatchMatMul for the tfjs CPU backend, faster for the course's small dense layers: both operands are
 * laid out so that every output element is a dot product of two contiguous rows (a transposed copy where
 * needed, O(MK + KN) against the O(MNK) product), four output columns per pass over a row. tfjs 4.22's kernel walks
 * one operand with a stride in its innermost loop. Float32 inputs of rank ≥ 2 with equal or broadcast-1
 * batch dimensions; anything else goes to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { allFinite, sparseRowsOf, sparseTimesDense } from './sparse-rows';

interface CpuBackendLike {
  data: { get(dataId: object): { values: Float32Array | unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

/**
 * The last few transposed copies, by source array: tfjs never writes a CPU tensor's values after creating
 * them, so a copy stays valid while its source lives (a full-batch trainer transposes the same inputs every
 * step for ∂J/∂W1). Bounded: 4 entries, large operands only.
 */
const recent: { src: Float32Array; offset: number; rows: number; cols: number; out: Float32Array }[] = [];
const CACHE_MIN = 1 << 14;

/** [rows, cols] row-major → [cols, rows] row-major. */
function transposed(src: Float32Array, offset: number, rows: number, cols: number): Float32Array {
  const big = rows * cols >= CACHE_MIN;
  if (big) {
    const hit = recent.find((e) => e.src === src && e.offset === offset && e.rows === rows && e.cols === cols);
    if (hit) return hit.out;
  }
  const out = new Float32Array(rows * cols);
  if (big) {
    recent.unshift({ src, offset, rows, cols, out });
    recent.length = Math.min(recent.length, 4);
  }
  for (let r = 0; r < rows; r++) {
    const base = offset + r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = src[base + c];
  }
  return out;
}

/**
 * out[i·N + j] = Σₖ a[aOff + i·K + k] · bt[btOff + j·K + k]. Four output columns at a time (then the last
 * three, two or one) share each load of a's row (5 loads per 4 multiply-adds instead of 8).
 */
export function rowDots(
  a: Float32Array,
  aOff: number,
  bt: Float32Array,
  btOff: number,
  out: Float32Array,
  outOff: number,
  M: number,
  N: number,
  K: number,
): void {
  const N4 = N - (N % 4);
  for (let i = 0; i < M; i++) {
    const ai = aOff + i * K;
    const oi = outOff + i * N;
    let j = 0;
    for (; j < N4; j += 4) {
      const b0 = btOff + j * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < K; k++) {
        const av = a[ai + k];
        s0 += av * bt[b0 + k];
        s1 += av * bt[b1 + k];
        s2 += av * bt[b2 + k];
        s3 += av * bt[b3 + k];
      }
      out[oi + j] = s0;
      out[oi + j + 1] = s1;
      out[oi + j + 2] = s2;
      out[oi + j + 3] = s3;
    }
    const left = N - j;
    if (left === 3) {
      const b0 = btOff + j * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let k = 0; k < K; k++) {
        const av = a[ai + k];
        s0 += av * bt[b0 + k];
        s1 += av * bt[b1 + k];
        s2 += av * bt[b2 + k];
      }
      out[oi + j] = s0;
      out[oi + j + 1] = s1;
      out[oi + j + 2] = s2;
    } else if (left === 2) {
      const b0 = btOff + j * K;
      const b1 = b0 + K;
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < K; k++) {
        const av = a[ai + k];
        s0 += av * bt[b0 + k];
        s1 += av * bt[b1 + k];
      }
      out[oi + j] = s0;
      out[oi + j + 1] = s1;
    } else if (left === 1) {
      const b0 = btOff + j * K;
      let s0 = 0;
      let s1 = 0;
      const K2 = K - (K % 2);
      let k = 0;
      for (; k < K2; k += 2) {
        s0 += a[ai + k] * bt[b0 + k];
        s1 += a[ai + k + 1] * bt[b0 + k + 1];
      }
      if (k < K) s0 += a[ai + k] * bt[b0 + k];
      out[oi + j] = s0 + s1;
    }
  }
}

type KernelArgs = Parameters<tf.KernelFunc>[0];

export function batchMatMulCpuKernel(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
    const backend = args.backend as unknown as CpuBackendLike;
    const av = backend.data.get(a.dataId).values;
    const bv = backend.data.get(b.dataId).values;
    if (
      a.dtype !== 'float32' ||
      b.dtype !== 'float32' ||
      !(av instanceof Float32Array) ||
      !(bv instanceof Float32Array) ||
      a.shape.length < 2 ||
      b.shape.length < 2
    )
      return fallback(args);
    const ra = a.shape.length;
    const rb = b.shape.length;
    const batchA = a.shape.slice(0, -2).reduce((x, y) => x * y, 1);
    const batchB = b.shape.slice(0, -2).reduce((x, y) => x * y, 1);
    if (batchA !== batchB && batchA !== 1 && batchB !== 1) return fallback(args);
    if (batchA !== batchB && ra !== rb && Math.min(ra, rb) > 2) return fallback(args);
    const [a0, a1] = a.shape.slice(-2);
    const [b0, b1] = b.shape.slice(-2);
    const M = transposeA ? a1 : a0;
    const K = transposeA ? a0 : a1;
    const N = transposeB ? b0 : b1;
    if ((transposeB ? b1 : b0) !== K) return fallback(args);
    const batch = Math.max(batchA, batchB);
    const outerShape = (batchA >= batchB ? a.shape : b.shape).slice(0, -2);
    const out = new Float32Array(batch * M * N);
    if (batch === 1) {
      // A sparse constant (the training images) times finite weights or gradients: only its non-zero terms.
      const rows = sparseRowsOf(av, 0, a0, a1, transposeA);
      const bKN = rows ? (transposeB ? transposed(bv, 0, b0, b1) : bv) : null;
      if (rows && bKN && allFinite(bKN, 0, K * N)) {
        sparseTimesDense(rows, bKN, 0, K, out, 0, M, N);
        return backend.makeTensorInfo([...outerShape, M, N], 'float32', out);
      }
    }
    for (let bi = 0; bi < batch; bi++) {
      const aOff = (batchA === 1 ? 0 : bi) * a0 * a1;
      const bOff = (batchB === 1 ? 0 : bi) * b0 * b1;
      const rowsA = transposeA ? transposed(av, aOff, K, M) : av;
      const rowsB = transposeB ? bv : transposed(bv, bOff, K, N);
      rowDots(rowsA, transposeA ? 0 : aOff, rowsB, transposeB ? bOff : 0, out, bi * M * N, M, N, K);
    }
    return backend.makeTensorInfo([...outerShape, M, N], 'float32', out);
  };
}
