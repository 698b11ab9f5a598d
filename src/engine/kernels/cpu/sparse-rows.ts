/**
 * Products whose row operand is a sparse constant: the training images (about half of Fashion-MNIST's
 * pixels are exactly 0) multiply the first layer's weights forward (X·W) and its gradient backward (Xᵀ·dZ)
 * at every step. The rows of X (or of Xᵀ) are kept as their non-zero entries, built the second time the
 * same array is seen (data lives for the whole run; activations are fresh arrays every step and never
 * qualify), and each output sums only the non-zero terms, in the same order (ascending k, in doubles) as
 * the dense kernel. Skipping a term x·b with x = 0 changes nothing while b is finite (the sum never becomes
 * −0), so callers pass only finite right-hand operands: the results are bit-for-bit the dense kernel's.
 */

/** Rows of a matrix as their non-zero entries (compressed sparse rows). */
export interface SparseRows {
  start: Int32Array;
  index: Int32Array;
  value: Float32Array;
}

interface Entry {
  src: Float32Array;
  offset: number;
  rows: number;
  cols: number;
  transposed: boolean;
  /** undefined: seen once; null: not sparse enough to pay. */
  csr: SparseRows | null | undefined;
  /** Values at PROBES spread positions when the rows were built: a refilled array is noticed and rebuilt. */
  probe: Float32Array;
}

const recent: Entry[] = [];
/** Operands smaller than this are not worth it; kept this many; share of zeros from which rows pay. */
const MIN_SIZE = 1 << 14;
const KEEP = 4;
const MIN_ZERO_SHARE = 0.3;
const PROBES = 64;

function probeOf(src: Float32Array, offset: number, n: number): Float32Array {
  const out = new Float32Array(PROBES);
  for (let i = 0; i < PROBES; i++) out[i] = src[offset + Math.floor(((i + 0.5) * n) / PROBES)];
  return out;
}

function sameProbe(a: Float32Array, b: Float32Array): boolean {
  for (let i = 0; i < PROBES; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function build(src: Float32Array, offset: number, rows: number, cols: number, transposed: boolean): SparseRows | null {
  // As rows of the (possibly transposed) operand: transposed means row r is column r of src.
  const outRows = transposed ? cols : rows;
  const outCols = transposed ? rows : cols;
  let nonZero = 0;
  for (let i = 0; i < rows * cols; i++) if (src[offset + i] !== 0) nonZero++;
  if (nonZero > (1 - MIN_ZERO_SHARE) * rows * cols) return null;
  const start = new Int32Array(outRows + 1);
  const index = new Int32Array(nonZero);
  const value = new Float32Array(nonZero);
  let n = 0;
  for (let r = 0; r < outRows; r++) {
    start[r] = n;
    for (let c = 0; c < outCols; c++) {
      const v = transposed ? src[offset + c * cols + r] : src[offset + r * cols + c];
      if (v !== 0) {
        index[n] = c;
        value[n++] = v;
      }
    }
  }
  start[outRows] = n;
  return { start, index, value };
}

/**
 * The sparse rows of `src` ([rows, cols] row-major at `offset`, transposed if asked), or null when the
 * operand is small, seen for the first time, or not sparse.
 */
export function sparseRowsOf(src: Float32Array, offset: number, rows: number, cols: number, transposed: boolean): SparseRows | null {
  if (rows * cols < MIN_SIZE) return null;
  const at = recent.findIndex(
    (e) => e.src === src && e.offset === offset && e.rows === rows && e.cols === cols && e.transposed === transposed,
  );
  const probe = probeOf(src, offset, rows * cols);
  if (at < 0 || !sameProbe(recent[at].probe, probe)) {
    // First sight, or an array refilled since (tfjs keeps the caller's array as a tensor's values).
    if (at >= 0) recent.splice(at, 1);
    recent.unshift({ src, offset, rows, cols, transposed, csr: undefined, probe });
    recent.length = Math.min(recent.length, KEEP);
    return null;
  }
  const e = recent[at];
  if (e.csr === undefined) e.csr = build(src, offset, rows, cols, transposed);
  return e.csr;
}

/** Whether every value of b[offset, offset + n) is finite. */
export function allFinite(b: Float32Array, offset: number, n: number): boolean {
  for (let i = offset; i < offset + n; i++) if (!Number.isFinite(b[i])) return false;
  return true;
}

/**
 * out[i·N + j] = Σ over the non-zero a[i, k] of a[i, k] · b[bOff + k·N + j] (b row-major [K, N]), eight
 * columns at a time so that the sums stay in registers.
 */
export function sparseTimesDense(
  a: SparseRows,
  b: Float32Array,
  bOff: number,
  K: number,
  out: Float32Array,
  outOff: number,
  M: number,
  N: number,
): void {
  const { start, index, value } = a;
  for (let j0 = 0; j0 < N; j0 += 8) {
    const w = Math.min(8, N - j0);
    // b's columns j0..j0+w as a [K, 8] block (zero-padded), contiguous per k.
    const blk = new Float32Array(K * 8);
    for (let k = 0; k < K; k++) for (let j = 0; j < w; j++) blk[k * 8 + j] = b[bOff + k * N + j0 + j];
    for (let i = 0; i < M; i++) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let s4 = 0;
      let s5 = 0;
      let s6 = 0;
      let s7 = 0;
      for (let p = start[i]; p < start[i + 1]; p++) {
        const av = value[p];
        const q = index[p] * 8;
        s0 += av * blk[q];
        s1 += av * blk[q + 1];
        s2 += av * blk[q + 2];
        s3 += av * blk[q + 3];
        s4 += av * blk[q + 4];
        s5 += av * blk[q + 5];
        s6 += av * blk[q + 6];
        s7 += av * blk[q + 7];
      }
      const o = outOff + i * N + j0;
      out[o] = s0;
      if (w > 1) out[o + 1] = s1;
      if (w > 2) out[o + 2] = s2;
      if (w > 3) out[o + 3] = s3;
      if (w > 4) out[o + 4] = s4;
      if (w > 5) out[o + 5] = s5;
      if (w > 6) out[o + 6] = s6;
      if (w > 7) out[o + 7] = s7;
    }
  }
}
