/**
 * The arithmetic behind the shift explorer, on plain arrays (poolMath's grids): move a picture sideways, and
 * measure how a filter's map and its max-pooled map follow. A convolution is translation-equivariant (shift the
 * picture, the map shifts by the same amount); a 2×2 max-pool is not invariant: it forgives some one-pixel shifts
 * and moves its map by one cell for a two-pixel shift. No DOM, no tfjs.
 */
import { convolve, pool, relu, type Grid } from '../pool-explorer/poolMath';

/** The picture moved `dx` pixels to the right (left when negative); vacated pixels are black (0). */
export function shiftGrid(g: Grid, dx: number): Grid {
  const values = g.values.map((_, i) => {
    const c = (i % g.w) - dx;
    return c >= 0 && c < g.w ? g.values[i - dx] : 0;
  });
  return { h: g.h, w: g.w, values };
}

export interface Comparison {
  /** Positions compared: present in both maps, with a non-zero value in at least one (where the filter fired). */
  n: number;
  /** How many of them hold the same value (within 1e-9). */
  same: number;
  /** The largest absolute difference among them. */
  maxDiff: number;
}

/**
 * Compares `moved` with `base` displaced by `dx` columns: moved[r][c + dx] against base[r][c], wherever both
 * exist and at least one is non-zero (the black background would otherwise agree everywhere). dx = 0 compares in
 * place (is the map unchanged?).
 */
export function compareShifted(base: Grid, moved: Grid, dx: number): Comparison {
  let n = 0,
    same = 0,
    maxDiff = 0;
  for (let r = 0; r < base.h; r++) {
    for (let c = 0; c < base.w; c++) {
      const c2 = c + dx;
      if (c2 < 0 || c2 >= moved.w) continue;
      const [a, b] = [base.values[r * base.w + c], moved.values[r * moved.w + c2]];
      if (a === 0 && b === 0) continue;
      const d = Math.abs(b - a);
      n++;
      if (d < 1e-9) same++;
      maxDiff = Math.max(maxDiff, d);
    }
  }
  return { n, same, maxDiff };
}

export interface ShiftView {
  picture: Grid;
  map: Grid;
  pooled: Grid;
}

/** The picture, its filter map (ReLU after a valid convolution) and the map max-pooled with window `k`. */
export function view(picture: Grid, kernel: number[][], k = 2): ShiftView {
  const map = relu(convolve(picture, kernel));
  return { picture, map, pooled: pool(map, k, 'max').grid };
}

export interface ShiftReport {
  base: ShiftView;
  moved: ShiftView;
  /** The moved map against the unshifted map moved by dx: equal wherever the borders allow (equivariance). */
  mapFollows: Comparison;
  /** The moved pooled map against the unshifted pooled map, in place (invariance). */
  pooledInPlace: Comparison;
  /** The moved pooled map against the unshifted pooled map moved by dx / k cells, when k divides dx. */
  pooledFollows?: Comparison;
}

export function shiftReport(picture: Grid, kernel: number[][], dx: number, k = 2): ShiftReport {
  const base = view(picture, kernel, k);
  const moved = view(shiftGrid(picture, dx), kernel, k);
  return {
    base,
    moved,
    mapFollows: compareShifted(base.map, moved.map, dx),
    pooledInPlace: compareShifted(base.pooled, moved.pooled, 0),
    pooledFollows: dx % k === 0 ? compareShifted(base.pooled, moved.pooled, dx / k) : undefined,
  };
}
