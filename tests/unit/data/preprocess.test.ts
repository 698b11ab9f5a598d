/**
 * The reader's picture prepared as the dataset's images were (src/engine/data/preprocess.ts), on synthetic pictures
 * whose answers can be worked out by hand: inversion decided from the border, the bounding box, the aspect ratio,
 * Fashion-MNIST's fit (longest edge 28, centred) and MNIST's (20×20 box, centre of mass at (14, 14)).
 */
import { describe, expect, it } from 'vitest';
import { centreOfMass, invertPixels, preprocess, shiftPixels, styleOf, SIDE } from '../../../src/engine/data/preprocess';

/** A width × height RGBA picture of `background`, with `paint(x, y)` giving the colour of each other pixel (or null). */
function picture(
  width: number,
  height: number,
  background: [number, number, number, number],
  paint: (x: number, y: number) => [number, number, number, number] | null,
) {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rgba.set(paint(x, y) ?? background, (y * width + x) * 4);
  }
  return rgba;
}
const WHITE: [number, number, number, number] = [255, 255, 255, 255];
const BLACK: [number, number, number, number] = [0, 0, 0, 255];
const inRect = (x: number, y: number, r: { x: number; y: number; w: number; h: number }) =>
  x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;

/** The bounding box of the non-zero pixels of a 28 × 28 result. */
function litBox(pixels: Float32Array) {
  let [top, bottom, left, right] = [SIDE, -1, SIDE, -1];
  for (let i = 0; i < SIDE; i++) {
    for (let j = 0; j < SIDE; j++) {
      if (pixels[i * SIDE + j] > 0) {
        top = Math.min(top, i);
        bottom = Math.max(bottom, i);
        left = Math.min(left, j);
        right = Math.max(right, j);
      }
    }
  }
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}

describe('preprocess: Fashion-MNIST’s conversion', () => {
  // A black 30×20 rectangle drawn on white paper, 100×80 px.
  const rect = { x: 30, y: 20, w: 30, h: 20 };
  const paper = picture(100, 80, WHITE, (x, y) => (inRect(x, y, rect) ? BLACK : null));

  it('a dark square on a light background becomes light on dark, cropped to its exact box, centred, aspect ratio kept', () => {
    const r = preprocess(paper, 100, 80, 'fashion-mnist');
    expect(r.empty).toBe(false);
    expect(r.inverted).toBe(true);
    expect(r.background).toBe(1);
    expect(r.box).toEqual({ x: 30, y: 20, width: 30, height: 20 });
    // Longest edge (30) → 28; 20 → round(18.67) = 19; centred: left 0, top ⌊(28 − 19)/2⌋ = 4.
    expect(r.placed).toEqual({ x: 0, y: 4, width: 28, height: 19 });
    expect(litBox(r.pixels)).toEqual({ x: 0, y: 4, width: 28, height: 19 });
    // Light object (1 after sharpening a flat region), black everywhere else.
    for (let i = 0; i < SIDE; i++) {
      for (let j = 0; j < SIDE; j++) expect(r.pixels[i * SIDE + j], `${i},${j}`).toBe(i >= 4 && i < 23 ? 1 : 0);
    }
    expect(r.centreOfMass![0]).toBeCloseTo(14, 5);
    expect(r.centreOfMass![1]).toBeCloseTo(13.5, 5);
    expect(r.steps.join(' ')).toContain('Inverted: the background was light');
    expect(r.steps.join(' ')).toContain('Cropped to the object’s bounding box: 30×20 px of 100×80 px.');
    expect(r.steps.join(' ')).toContain('28×19 px, centred');
  });

  it('keeps a tall object tall: 10×50 → 6×28 (10 · 28/50 = 5.6), centred', () => {
    const tall = picture(60, 70, WHITE, (x, y) => (inRect(x, y, { x: 5, y: 10, w: 10, h: 50 }) ? BLACK : null));
    const r = preprocess(tall, 60, 70, 'fashion-mnist');
    expect(r.box).toEqual({ x: 5, y: 10, width: 10, height: 50 });
    expect(r.placed).toEqual({ x: 11, y: 0, width: 6, height: 28 });
    expect(litBox(r.pixels)).toEqual({ x: 11, y: 0, width: 6, height: 28 });
  });

  it('a picture that is already light on dark is not inverted; a grey object is levelled to white', () => {
    const dark = picture(40, 40, BLACK, (x, y) => (inRect(x, y, { x: 10, y: 5, w: 20, h: 30 }) ? [128, 128, 128, 255] : null));
    const r = preprocess(dark, 40, 40, 'fashion-mnist');
    expect(r.inverted).toBe(false);
    expect(r.background).toBe(0);
    expect(r.box).toEqual({ x: 10, y: 5, width: 20, height: 30 });
    expect(Math.max(...r.pixels)).toBe(1);
    expect(r.steps.join(' ')).toContain('Not inverted');
    expect(r.steps.join(' ')).toContain('brightest pixel (0.50) white');
  });

  it('reads colour as grey (luma), and a transparent background as white paper', () => {
    // A red disc on a transparent background: luma 0.299 → inverted 0.70 → levelled to 1.
    const disc = picture(50, 50, [0, 0, 0, 0], (x, y) => ((x - 25) ** 2 + (y - 25) ** 2 <= 100 ? [255, 0, 0, 255] : null));
    const r = preprocess(disc, 50, 50, 'fashion-mnist');
    expect(r.inverted).toBe(true);
    expect(r.box).toEqual({ x: 15, y: 15, width: 21, height: 21 });
    expect(r.pixels[14 * SIDE + 14]).toBe(1);
    expect(r.pixels[0]).toBe(0);
  });

  it('a grey background is made black (the dataset’s backgrounds are 0)', () => {
    const table = picture(60, 60, [60, 60, 60, 255], (x, y) =>
      inRect(x, y, { x: 20, y: 20, w: 20, h: 10 }) ? [200, 200, 200, 255] : null,
    );
    const r = preprocess(table, 60, 60, 'fashion-mnist');
    expect(r.inverted).toBe(false);
    expect(r.placed).toEqual({ x: 0, y: 7, width: 28, height: 14 });
    expect(r.pixels[0]).toBe(0);
    expect(r.pixels[14 * SIDE + 14]).toBe(1);
  });

  it('returns 784 values in [0, 1] on the byte scale (multiples of 1/255)', () => {
    const blob = picture(90, 90, WHITE, (x, y) => ((x - 40) ** 2 / 900 + (y - 50) ** 2 / 400 <= 1 ? [(x * 3) % 256, 40, 90, 255] : null));
    const r = preprocess(blob, 90, 90, 'fashion-mnist');
    expect(r.pixels).toHaveLength(784);
    for (const v of r.pixels) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      expect(Math.abs(v * 255 - Math.round(v * 255))).toBeLessThan(1e-4);
    }
  });

  it('a few specks of noise in a large photo do not widen the box; a blank picture is empty', () => {
    const speckled = picture(400, 300, WHITE, (x, y) =>
      inRect(x, y, { x: 100, y: 80, w: 150, h: 120 }) || (x === 5 && y === 5) || (x === 390 && y === 290) ? BLACK : null,
    );
    expect(preprocess(speckled, 400, 300, 'fashion-mnist').box).toEqual({ x: 100, y: 80, width: 150, height: 120 });
    const blank = preprocess(
      picture(30, 30, WHITE, () => null),
      30,
      30,
      'mnist',
    );
    expect(blank.empty).toBe(true);
    expect(blank.box).toBeNull();
    expect(blank.pixels.every((v) => v === 0)).toBe(true);
    expect(blank.steps.at(-1)).toContain('Nothing to fit');
  });

  it('refuses a size that does not match the bytes', () => {
    expect(() => preprocess(new Uint8ClampedArray(16), 3, 2, 'mnist')).toThrow('a 3×2 picture has 24 RGBA bytes, not 16');
    expect(() => preprocess(new Uint8ClampedArray(0), 0, 0, 'mnist')).toThrow(RangeError);
  });
});

describe('preprocess: MNIST’s conversion', () => {
  it('fits an off-centre, lopsided stroke into a 20×20 box and puts its centre of mass at (14, 14) ± 0.5', () => {
    // An "L" (heavy at the bottom left) drawn in the top right corner of 200×150 px paper.
    const ell = picture(200, 150, WHITE, (x, y) =>
      inRect(x, y, { x: 120, y: 10, w: 12, h: 80 }) || inRect(x, y, { x: 120, y: 78, w: 60, h: 12 }) ? BLACK : null,
    );
    const r = preprocess(ell, 200, 150, 'mnist');
    expect(r.inverted).toBe(true);
    expect(r.box).toEqual({ x: 120, y: 10, width: 60, height: 80 });
    expect(r.placed!.width).toBeCloseTo(15, 6);
    expect(r.placed!.height).toBeCloseTo(20, 6);
    const [cx, cy] = centreOfMass(r.pixels)!;
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    expect(r.centreOfMass).toEqual([cx, cy]);
    // The lit pixels span at most the 20×20 box (plus one partly covered pixel on each side).
    const lit = litBox(r.pixels);
    expect(lit.width).toBeLessThanOrEqual(16 + 1);
    expect(lit.height).toBeLessThanOrEqual(21);
    expect(r.steps.join(' ')).toContain('20×20 box');
    expect(r.steps.join(' ')).toContain('centre of mass');
  });

  it('anti-aliases: a stroke whose edges fall between pixels gives grey edge pixels', () => {
    const bar = picture(100, 100, WHITE, (x, y) => (inRect(x, y, { x: 45, y: 10, w: 7, h: 80 }) ? BLACK : null));
    const r = preprocess(bar, 100, 100, 'mnist');
    const greys = Array.from(r.pixels).filter((v) => v > 0 && v < 1);
    expect(greys.length).toBeGreaterThan(0);
    const [cx, cy] = centreOfMass(r.pixels)!;
    expect(cx).toBeCloseTo(14, 1);
    expect(cy).toBeCloseTo(14, 1);
  });

  it('digits use MNIST’s conversion, everything else Fashion-MNIST’s', () => {
    expect(styleOf('mnist')).toBe('mnist');
    expect(styleOf('fashion-mnist')).toBe('fashion-mnist');
  });
});

describe('editing what the network sees', () => {
  const one = new Float32Array(784);
  one[10 * SIDE + 10] = 1;

  it('shiftPixels moves right/down by whole pixels (vacated pixels 0), as the shift test does', () => {
    const moved = shiftPixels(one, 3, -2);
    expect(moved[8 * SIDE + 13]).toBe(1);
    expect(moved.reduce((a, b) => a + b, 0)).toBe(1);
    expect(shiftPixels(one, 20, 0).every((v) => v === 0)).toBe(true);
    expect(Array.from(shiftPixels(one, 0, 0))).toEqual(Array.from(one));
  });

  it('invertPixels gives 1 − v', () => {
    const inv = invertPixels(one);
    expect(inv[10 * SIDE + 10]).toBe(0);
    expect(inv[0]).toBe(1);
  });
});
