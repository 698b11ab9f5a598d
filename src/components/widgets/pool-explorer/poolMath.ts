/**
 * The arithmetic behind the pool explorer, on plain arrays (one channel, row-major): a 'valid' convolution,
 * ReLU, max and average pooling with the position that won each window, and a crop. No DOM, no tfjs.
 */

export interface Grid {
  h: number;
  w: number;
  values: number[];
}

export type PoolMode = 'max' | 'average';

export interface PooledCell {
  /** Row and column of the pooled cell. */
  row: number;
  col: number;
  value: number;
  /** Positions (row, col) in the input of the window's cells, row by row. */
  window: [number, number][];
  /** For max pooling: the input position holding the largest value (the first such, reading row by row). */
  winner?: [number, number];
}

/** Output size of a window sliding with stride s over n cells, no padding: ⌊(n − k)/s⌋ + 1. */
export function outputSize(n: number, k: number, s = k, p = 0): number {
  return Math.floor((n - k + 2 * p) / s) + 1;
}

/** A 'valid' convolution (cross-correlation, as in deep learning) of one channel with a k×k kernel. */
export function convolve(g: Grid, kernel: number[][]): Grid {
  const k = kernel.length;
  const [h, w] = [outputSize(g.h, k, 1), outputSize(g.w, k, 1)];
  const values: number[] = [];
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      let sum = 0;
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) sum += kernel[i][j] * g.values[(r + i) * g.w + c + j];
      values.push(sum);
    }
  }
  return { h, w, values };
}

export function relu(g: Grid): Grid {
  return { ...g, values: g.values.map((v) => Math.max(0, v)) };
}

/** Non-overlapping k×k pooling (stride k, no padding); leftover rows and columns are dropped, as in Keras. */
export function pool(g: Grid, k: number, mode: PoolMode): { grid: Grid; cells: PooledCell[] } {
  const [h, w] = [outputSize(g.h, k), outputSize(g.w, k)];
  const cells: PooledCell[] = [];
  for (let row = 0; row < h; row++) {
    for (let col = 0; col < w; col++) {
      const window: [number, number][] = [];
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) window.push([row * k + i, col * k + j]);
      const vals = window.map(([r, c]) => g.values[r * g.w + c]);
      if (mode === 'max') {
        const best = vals.indexOf(Math.max(...vals));
        cells.push({ row, col, value: vals[best], window, winner: window[best] });
      } else {
        cells.push({ row, col, value: vals.reduce((a, b) => a + b, 0) / vals.length, window });
      }
    }
  }
  return { grid: { h, w, values: cells.map((c) => c.value) }, cells };
}

/** The size×size block whose top-left cell is (row, col). */
export function crop(g: Grid, row: number, col: number, size: number): Grid {
  const values: number[] = [];
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) values.push(g.values[(row + r) * g.w + col + c]);
  return { h: size, w: size, values };
}

/** 784 pixels in [0, 1] from base64 bytes (0–255), e.g. one Fashion-MNIST image. */
export function pixelsFromBase64(text: string): Grid {
  const bytes = atob(text);
  return { h: 28, w: 28, values: Array.from(bytes, (ch) => ch.charCodeAt(0) / 255) };
}
