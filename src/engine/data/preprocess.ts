/**
 * The reader's own picture made into what the network reads: 784 values in [0, 1] (byte / 255, as the shards are
 * stored and `dataset.ts` scales them), row-major 28 × 28, a light object on black — prepared the way the dataset's
 * own images were, and said in words, step by step. Pure: RGBA bytes and a size in, numbers and sentences out (no
 * DOM, no tfjs), so it runs in Node for the tests and in the page for the view.
 *
 * Both datasets start the same way: grey (ITU-R 601 luma: 0.299 R + 0.587 G + 0.114 B, transparent pixels on
 * white); inverted when the background is light, decided from the median grey of the picture's border; the
 * background's grey made black and the brightest pixel white; cropped to the object's bounding box. Then:
 *
 * - **Fashion-MNIST** (Xiao, Rasul & Vollgraf 2017, §2): the longest edge resized to 28 px by subsampling (keeping
 *   evenly spaced rows and columns), sharpened (Gaussian, radius and σ 1 px), the shorter edge extended to 28 with
 *   the picture centred, negated (done first here: the order does not change the result), 8-bit grey.
 * - **MNIST** (LeCun et al. 1998): fitted into a 20 × 20 box keeping the aspect ratio, with grey levels from
 *   anti-aliasing (here: each output pixel the area-weighted mean of the input pixels it covers), then placed in the
 *   28 × 28 frame so that its centre of mass is at the frame's centre.
 *
 * Coordinates: pixel (row i, column j) covers [j, j + 1) × [i, i + 1); the 28 × 28 frame's centre is (14, 14).
 */

export type PreprocessStyle = 'fashion-mnist' | 'mnist';

/** Side of the network's picture. */
export const SIDE = 28;
/** MNIST's box: the digit's longest edge, in pixels. */
export const MNIST_BOX = 20;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Preprocessed {
  /** 784 values in [0, 1], multiples of 1/255, row-major 28 × 28; all 0 when `empty`. */
  pixels: Float32Array;
  /** Nothing stands out from the background: there is no object to fit. */
  empty: boolean;
  /** The picture was inverted (its background was light). */
  inverted: boolean;
  /** The background's grey as found on the border, before any inversion, in [0, 1]. */
  background: number;
  /** The object's bounding box in the input picture's pixels (null when empty). */
  box: Box | null;
  /** Where the object landed in the 28 × 28 frame (MNIST: fractional). */
  placed: Box | null;
  /** Centre of mass of the result in frame coordinates (null when empty). */
  centreOfMass: [number, number] | null;
  /** What was done, one plain sentence per step, for the reader. */
  steps: string[];
}

export interface PreprocessOptions {
  /** How far from the background's grey (0–1) a pixel must be to count as the object; default 0.1. */
  threshold?: number;
}

/** The conversion a dataset's images went through: MNIST's for digits, Fashion-MNIST's otherwise. */
export function styleOf(dataset: string): PreprocessStyle {
  return dataset === 'mnist' ? 'mnist' : 'fashion-mnist';
}

const round2 = (v: number) => (Math.round(v * 100) / 100).toFixed(2);
const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/** Grey in [0, 1] of every pixel (ITU-R 601 luma), a transparent pixel counted as white. */
export function greyOf(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  const n = width * height;
  const grey = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    const o = p * 4;
    const luma = (0.299 * rgba[o] + 0.587 * rgba[o + 1] + 0.114 * rgba[o + 2]) / 255;
    const a = rgba[o + 3] / 255;
    grey[p] = clamp01(a * luma + (1 - a));
  }
  return grey;
}

/** Median grey of the picture's border: a ring 2 % of the shorter side wide (at least 1 px). */
export function borderGrey(grey: Float32Array, width: number, height: number): number {
  const ring = Math.max(1, Math.round(Math.min(width, height) * 0.02));
  const values: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (y < ring || y >= height - ring || x < ring || x >= width - ring) values.push(grey[y * width + x]);
    }
  }
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

/**
 * The bounding box of the pixels further than `threshold` from `background`. A row or column counts only when more
 * than width/200 (height/200) of its pixels do, so a few specks of noise in a large photo do not widen the box; in
 * pictures under 200 px one pixel is enough. Null when nothing stands out.
 */
export function objectBox(grey: Float32Array, width: number, height: number, background: number, threshold: number): Box | null {
  const rows = new Int32Array(height);
  const cols = new Int32Array(width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (Math.abs(grey[y * width + x] - background) > threshold) {
        rows[y]++;
        cols[x]++;
      }
    }
  }
  const rowNeed = Math.floor(width / 200);
  const colNeed = Math.floor(height / 200);
  let top = -1;
  let bottom = -1;
  let left = -1;
  let right = -1;
  for (let y = 0; y < height; y++) {
    if (rows[y] > rowNeed) {
      if (top < 0) top = y;
      bottom = y;
    }
  }
  for (let x = 0; x < width; x++) {
    if (cols[x] > colNeed) {
      if (left < 0) left = x;
      right = x;
    }
  }
  if (top < 0 || left < 0) return null;
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

/** Centre of mass of a side × side picture (pixel centres at i + ½), or null when it is all 0. */
export function centreOfMass(pixels: ArrayLike<number>, side = SIDE): [number, number] | null {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      const v = pixels[i * side + j];
      mass += v;
      sx += v * (j + 0.5);
      sy += v * (i + 0.5);
    }
  }
  return mass > 0 ? [sx / mass, sy / mass] : null;
}

/**
 * The picture moved `dx` pixels right and `dy` down (negative: left, up), as the shift test moves an image: output
 * pixel (i, j) is input pixel (i − dy, j − dx), 0 where that falls outside (engine/train/augment.ts).
 */
export function shiftPixels(pixels: ArrayLike<number>, dx: number, dy: number, side = SIDE): Float32Array {
  const out = new Float32Array(side * side);
  for (let i = 0; i < side; i++) {
    const si = i - dy;
    if (si < 0 || si >= side) continue;
    for (let j = 0; j < side; j++) {
      const sj = j - dx;
      if (sj >= 0 && sj < side) out[i * side + j] = pixels[si * side + sj];
    }
  }
  return out;
}

/** 1 − v for every pixel: a dark object on a light background, the opposite of what the network learned from. */
export function invertPixels(pixels: ArrayLike<number>): Float32Array {
  return Float32Array.from(pixels, (v) => 1 - v);
}

/** Rounded to a byte's 256 levels, as the shards store pixels (byte / 255). */
function quantize(pixels: Float32Array): Float32Array {
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.round(clamp01(pixels[i]) * 255) / 255;
  return pixels;
}

/** Rows `box` of `grey`, copied out as a box.width × box.height picture. */
function crop(grey: Float32Array, width: number, box: Box): Float32Array {
  const out = new Float32Array(box.width * box.height);
  for (let y = 0; y < box.height; y++)
    out.set(grey.subarray((box.y + y) * width + box.x, (box.y + y) * width + box.x + box.width), y * box.width);
  return out;
}

/** Fashion-MNIST's resize: keep `to` evenly spaced rows (columns) of `from`: index ⌊(k + ½) · from / to⌋. */
function subsampleIndex(to: number, from: number): Int32Array {
  return Int32Array.from({ length: to }, (_, k) => Math.min(from - 1, Math.floor(((k + 0.5) * from) / to)));
}

/** 3 × 3 sharpening, v + (v − G·v) with G a Gaussian of σ 1 px; edges repeat their pixels; clamped to [0, 1]. */
export function sharpen(pixels: Float32Array, width: number, height: number): Float32Array {
  const w = [Math.exp(-1), Math.exp(-0.5), Math.exp(-1), Math.exp(-0.5), 1, Math.exp(-0.5), Math.exp(-1), Math.exp(-0.5), Math.exp(-1)];
  const total = w.reduce((a, b) => a + b, 0);
  const out = new Float32Array(pixels.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let blur = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = Math.min(height - 1, Math.max(0, y + dy));
        for (let dx = -1; dx <= 1; dx++) {
          const xx = Math.min(width - 1, Math.max(0, x + dx));
          blur += w[(dy + 1) * 3 + dx + 1] * pixels[yy * width + xx];
        }
      }
      const v = pixels[y * width + x];
      out[y * width + x] = clamp01(2 * v - blur / total);
    }
  }
  return out;
}

/**
 * Lengths along one axis of each output pixel [k, k + 1) covered by each input pixel, the input's `n` pixels laid
 * from `origin` with `scale` output pixels each: weights[k · n + q].
 */
function coverage(outSide: number, n: number, origin: number, scale: number): Float32Array {
  const weights = new Float32Array(outSide * n);
  for (let q = 0; q < n; q++) {
    const a = origin + q * scale;
    const b = a + scale;
    for (let k = Math.max(0, Math.floor(a)); k < Math.min(outSide, Math.ceil(b)); k++) {
      const overlap = Math.min(b, k + 1) - Math.max(a, k);
      if (overlap > 0) weights[k * n + q] = overlap;
    }
  }
  return weights;
}

/** The picture laid into the frame at (ox, oy), `scale` frame pixels per input pixel; each frame pixel the area-weighted sum it covers. */
function areaResample(pixels: Float32Array, width: number, height: number, ox: number, oy: number, scale: number): Float32Array {
  const wx = coverage(SIDE, width, ox, scale);
  const wy = coverage(SIDE, height, oy, scale);
  // Rows first: tmp[p][j] = Σ_q wx[j][q] · v[p][q].
  const tmp = new Float32Array(height * SIDE);
  for (let p = 0; p < height; p++) {
    for (let j = 0; j < SIDE; j++) {
      let s = 0;
      for (let q = 0; q < width; q++) s += wx[j * width + q] * pixels[p * width + q];
      tmp[p * SIDE + j] = s;
    }
  }
  const out = new Float32Array(SIDE * SIDE);
  for (let i = 0; i < SIDE; i++) {
    for (let j = 0; j < SIDE; j++) {
      let s = 0;
      for (let p = 0; p < height; p++) s += wy[i * height + p] * tmp[p * SIDE + j];
      out[i * SIDE + j] = s;
    }
  }
  return out;
}

const px = (w: number, h: number) => `${w}×${h} px`;

/**
 * Prepares a picture (RGBA bytes, `width` × `height`) for a network trained on `style`'s images. Throws a
 * RangeError for a size that does not match the bytes.
 */
export function preprocess(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  style: PreprocessStyle,
  options: PreprocessOptions = {},
): Preprocessed {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new RangeError(`a picture needs a whole-number size of at least 1×1 px, not ${width}×${height}`);
  if (rgba.length !== width * height * 4)
    throw new RangeError(`a ${width}×${height} picture has ${width * height * 4} RGBA bytes, not ${rgba.length}`);
  const threshold = options.threshold ?? 0.1;
  const steps: string[] = ['Converted to grey: each pixel’s brightness, 0.299 R + 0.587 G + 0.114 B (transparent pixels count as white).'];
  let grey = greyOf(rgba, width, height);
  const background = borderGrey(grey, width, height);
  const inverted = background > 0.5;
  let bg = background;
  if (inverted) {
    for (let i = 0; i < grey.length; i++) grey[i] = 1 - grey[i];
    bg = 1 - background;
    steps.push(
      `Inverted: the background was light (the border’s median grey is ${round2(background)} on a 0–1 scale), and the network learned from light objects on black.`,
    );
  } else {
    steps.push(`Not inverted: the background is already dark (the border’s median grey is ${round2(background)} on a 0–1 scale).`);
  }
  const box = objectBox(grey, width, height, bg, threshold);
  const empty = (): Preprocessed => ({
    pixels: new Float32Array(SIDE * SIDE),
    empty: true,
    inverted,
    background,
    box: null,
    placed: null,
    centreOfMass: null,
    steps: [
      ...steps,
      `Nothing to fit: no pixel differs from the background’s grey by more than ${round2(threshold)}. Draw, upload or pick a picture.`,
    ],
  });
  if (!box) return empty();
  // Levels: the background black, the object's brightest pixel white (the datasets' backgrounds are 0).
  let hi = 0;
  for (let y = box.y; y < box.y + box.height; y++) for (let x = box.x; x < box.x + box.width; x++) hi = Math.max(hi, grey[y * width + x]);
  if (hi - bg > threshold / 2 && (bg > 0.5 / 255 || hi < 254.5 / 255)) {
    grey = grey.map((v) => clamp01((v - bg) / (hi - bg)));
    steps.push(
      `Levelled: the background’s grey (${round2(bg)}) made black and the brightest pixel (${round2(hi)}) white, as in the dataset.`,
    );
  } else if (bg > 0.5 / 255) {
    grey = grey.map((v) => clamp01(v - bg));
    steps.push(`The background’s grey (${round2(bg)}) taken off, to make it black as in the dataset.`);
  }
  steps.push(`Cropped to the object’s bounding box: ${px(box.width, box.height)} of ${px(width, height)}.`);
  const object = crop(grey, width, box);
  const longest = Math.max(box.width, box.height);
  let pixels: Float32Array;
  let placed: Box;
  if (style === 'fashion-mnist') {
    const tw = Math.max(1, Math.round((box.width * SIDE) / longest));
    const th = Math.max(1, Math.round((box.height * SIDE) / longest));
    const cols = subsampleIndex(tw, box.width);
    const rows = subsampleIndex(th, box.height);
    const small = new Float32Array(tw * th);
    for (let i = 0; i < th; i++) for (let j = 0; j < tw; j++) small[i * tw + j] = object[rows[i] * box.width + cols[j]];
    const sharp = sharpen(small, tw, th);
    const left = Math.floor((SIDE - tw) / 2);
    const top = Math.floor((SIDE - th) / 2);
    pixels = new Float32Array(SIDE * SIDE);
    for (let i = 0; i < th; i++) pixels.set(sharp.subarray(i * tw, (i + 1) * tw), (top + i) * SIDE + left);
    placed = { x: left, y: top, width: tw, height: th };
    const kept =
      longest >= SIDE
        ? `keeping ${th} of its ${box.height} rows and ${tw} of its ${box.width} columns, evenly spaced`
        : `repeating its rows and columns`;
    steps.push(
      `Resized as Fashion-MNIST’s images were: the longest edge to 28 px by ${kept}; then sharpened (a Gaussian of radius and σ 1 px).`,
    );
    steps.push(
      tw === SIDE && th === SIDE
        ? 'Fitted into 28×28: it fills the frame.'
        : `Fitted into 28×28 keeping its aspect ratio: ${px(tw, th)}, centred, the shorter side extended with black.`,
    );
  } else {
    const scale = MNIST_BOX / longest;
    // Centre of mass of the cropped object, in its own pixels.
    let mass = 0;
    let cx = 0;
    let cy = 0;
    for (let y = 0; y < box.height; y++) {
      for (let x = 0; x < box.width; x++) {
        const v = object[y * box.width + x];
        mass += v;
        cx += v * (x + 0.5);
        cy += v * (y + 0.5);
      }
    }
    const w = box.width * scale;
    const h = box.height * scale;
    // Its centre of mass on the frame's centre, the object kept inside the frame.
    const ox = Math.min(SIDE - w, Math.max(0, SIDE / 2 - (scale * cx) / mass));
    const oy = Math.min(SIDE - h, Math.max(0, SIDE / 2 - (scale * cy) / mass));
    pixels = areaResample(object, box.width, box.height, ox, oy, scale);
    placed = { x: ox, y: oy, width: w, height: h };
    steps.push(
      `Fitted into a 20×20 box as MNIST’s digits were, keeping the aspect ratio: ${w.toFixed(1)}×${h.toFixed(1)} px, each pixel the average of the picture’s pixels it covers (grey edges from anti-aliasing).`,
    );
  }
  quantize(pixels);
  const com = centreOfMass(pixels);
  if (!com) return empty();
  if (style === 'mnist')
    steps.push(
      `Placed in the 28×28 frame with its centre of mass at (${com[0].toFixed(1)}, ${com[1].toFixed(1)}), the frame’s centre being (14, 14).`,
    );
  steps.push('Rounded to 256 grey levels, as the dataset stores its pixels (bytes).');
  return { pixels, empty: false, inverted, background, box, placed, centreOfMass: com, steps };
}
