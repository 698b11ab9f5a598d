import { describe, expect, it } from 'vitest';
import {
  channelRange,
  featureMapStack,
  featureMapTable,
  featureMaps,
  mapCaption,
  mapDims,
  mapScale,
  mapToRgba,
  shapeFlowText,
  type FeatureMapLayer,
} from '../../../src/components/charts/featureMaps';
import { newDocument } from './dom';

/** 2×2×2, channels last: channel 0 = [0, 1, 2, 4], channel 1 = [−1, 0, 0, 1]. */
const tiny: FeatureMapLayer = { name: 'conv 1', shape: [2, 2, 2], values: Float32Array.from([0, -1, 1, 0, 2, 0, 4, 1]) };

/**
 * A canvas 2-D context that records what is put on it (jsdom has none), and notes a canvas whose size is
 * set again after drawing: in a browser that clears it.
 */
function fakeCanvas(doc: Document) {
  const drawn: { w: number; h: number; data: Uint8ClampedArray; cleared: boolean }[] = [];
  const proto = doc.defaultView!.HTMLCanvasElement.prototype as unknown as { getContext: (this: HTMLCanvasElement) => unknown };
  proto.getContext = function (this: HTMLCanvasElement) {
    const canvas = this;
    const set = canvas.setAttribute.bind(canvas);
    const clear = () =>
      drawn.filter((d) => d.data === (canvas as unknown as { _data?: Uint8ClampedArray })._data).forEach((d) => (d.cleared = true));
    canvas.setAttribute = (name: string, value: string) => {
      if (name === 'width' || name === 'height') clear();
      set(name, value);
    };
    for (const dim of ['width', 'height'] as const) {
      let v = canvas[dim];
      Object.defineProperty(canvas, dim, {
        get: () => v,
        set: (x: number) => {
          clear();
          v = x;
        },
      });
    }
    return {
      createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
      putImageData: (img: { width: number; height: number; data: Uint8ClampedArray }) => {
        (canvas as unknown as { _data?: Uint8ClampedArray })._data = img.data;
        drawn.push({ w: img.width, h: img.height, data: img.data, cleared: false });
      },
    };
  };
  return drawn;
}

describe('mapToRgba', () => {
  it('greys one channel from min (black) to max (white), row by row, opaque', () => {
    const rgba = mapToRgba(tiny.values, 2, 2, 2, 0, { kind: 'grey', min: 0, max: 4 });
    expect(Array.from(rgba)).toEqual([0, 0, 0, 255, 64, 64, 64, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
  });

  it('reads the right channel and clamps to the scale', () => {
    const rgba = mapToRgba(tiny.values, 2, 2, 2, 1, { kind: 'grey', min: 0, max: 0.5 });
    expect(Array.from(rgba.filter((_, i) => i % 4 === 0))).toEqual([0, 0, 0, 255]);
  });

  it('is diverging around 0: blue below, white at 0, red above', () => {
    const rgba = mapToRgba(tiny.values, 2, 2, 2, 1, { kind: 'diverging', max: 1 });
    expect(Array.from(rgba.slice(0, 4))).toEqual([78, 121, 167, 255]);
    expect(Array.from(rgba.slice(4, 8))).toEqual([255, 255, 255, 255]);
    expect(Array.from(rgba.slice(12, 16))).toEqual([209, 73, 91, 255]);
  });

  it('is black for a constant channel and transparent where values are not finite', () => {
    expect(Array.from(mapToRgba([3, 3], 1, 2, 1, 0, { kind: 'grey', min: 3, max: 3 }))).toEqual([0, 0, 0, 255, 0, 0, 0, 255]);
    expect(Array.from(mapToRgba([NaN, 1], 1, 2, 1, 0, { kind: 'grey', min: 0, max: 1 }))).toEqual([0, 0, 0, 0, 255, 255, 255, 255]);
    expect(mapToRgba([], 0, 0, 0, 0, { kind: 'grey', min: 0, max: 1 })).toHaveLength(0);
  });

  it('is fast: 32 channels of 26×26 in well under 50 ms', () => {
    const values = Float32Array.from({ length: 26 * 26 * 32 }, (_, i) => Math.max(0, Math.sin(i)));
    const t = performance.now();
    for (let ch = 0; ch < 32; ch++) mapToRgba(values, 26, 26, 32, ch, mapScale(values, 26, 26, 32, ch));
    expect(performance.now() - t).toBeLessThan(50);
  });
});

describe('scales, shapes and captions', () => {
  it('finds ranges per channel and per layer', () => {
    expect(channelRange(tiny.values, 2, 2, 2, 0)).toEqual([0, 4]);
    expect(channelRange(tiny.values, 2, 2, 2, 1)).toEqual([-1, 1]);
    expect(channelRange(tiny.values, 2, 2, 2, -1)).toEqual([-1, 4]);
    expect(channelRange([NaN], 1, 1, 1, 0)).toEqual([0, 0]);
    expect(mapScale(tiny.values, 2, 2, 2, 1, 'diverging')).toEqual({ kind: 'diverging', max: 1 });
  });

  it('captions with shape and count of numbers', () => {
    expect(mapCaption('conv 1', [26, 26, 32])).toBe('conv 1 · 26×26×32 = 21,632 numbers');
    expect(mapCaption('input', [28, 28, 1])).toBe('input · 28×28×1 = 784 numbers');
    expect(mapCaption('dense', [10])).toBe('dense · 10 numbers');
    expect(shapeFlowText([{ shape: [28, 28, 1] }, { shape: [26, 26, 32] }, { shape: [13, 13, 32] }])).toBe('784 → 21,632 → 5,408');
    expect(mapDims([28, 28])).toEqual([28, 28, 1]);
    expect(mapDims([10])).toEqual([0, 0, 0]);
  });
});

describe('featureMaps', () => {
  it('draws one canvas per channel at native resolution, scaled up in CSS, with the caption', () => {
    const doc = newDocument();
    const drawn = fakeCanvas(doc);
    const values = Float32Array.from({ length: 26 * 26 * 32 }, (_, i) => (i % 7) / 7);
    const t = performance.now();
    const el = featureMaps({ name: 'conv 1', shape: [26, 26, 32], values }, { document: doc, renderer: 'canvas' });
    expect(performance.now() - t).toBeLessThan(500);
    expect(el.querySelector('.lc-fmaps__caption')!.textContent).toBe('conv 1 · 26×26×32 = 21,632 numbers');
    expect(el.getAttribute('aria-label')).toBe('conv 1 · 26×26×32 = 21,632 numbers');
    const maps = Array.from(el.querySelectorAll('canvas.lc-fmap'));
    expect(maps).toHaveLength(32);
    expect(el.querySelectorAll('rect')).toHaveLength(0); // no per-pixel DOM on the canvas path
    expect(drawn).toHaveLength(32);
    expect([drawn[0].w, drawn[0].h]).toEqual([26, 26]);
    expect(drawn.filter((d) => d.cleared)).toHaveLength(0); // no size set after drawing
    expect(maps[0].getAttribute('width')).toBe('26');
    expect((maps[0] as HTMLElement).style.width).toBe('52px');
    expect(maps[31].getAttribute('data-channel')).toBe('31');
    expect(Array.from(drawn[3].data)).toEqual(Array.from(mapToRgba(values, 26, 26, 32, 3, mapScale(values, 26, 26, 32, 3))));
  });

  it('draws SVG under jsdom by default, and when a canvas gives no context', () => {
    const el = featureMaps(tiny, { document: newDocument() });
    expect(el.querySelectorAll('svg.lc-fmap')).toHaveLength(2);
    const doc = newDocument();
    (doc.defaultView!.HTMLCanvasElement.prototype as unknown as { getContext: () => null }).getContext = () => null;
    expect(featureMaps(tiny, { document: doc, renderer: 'canvas' }).querySelectorAll('svg.lc-fmap')).toHaveLength(2);
  });

  it('falls back to SVG rects, one per run of equal colour', () => {
    const el = featureMaps(tiny, { document: newDocument(), renderer: 'svg', mapSize: 20 });
    const maps = Array.from(el.querySelectorAll('svg.lc-fmap'));
    expect(maps).toHaveLength(2);
    expect(maps[0].querySelectorAll('rect')).toHaveLength(4);
    expect(maps[0].getAttribute('width')).toBe('20');
    expect(maps[0].querySelector('title')!.textContent).toBe('channel 1 · 0 to 4');
    const flat = featureMaps({ name: 'input', shape: [1, 4, 1], values: [0, 0, 0, 1] }, { document: newDocument(), renderer: 'svg' });
    expect(flat.querySelectorAll('rect')).toHaveLength(2);
  });

  it('can share one range across the layer', () => {
    const doc = newDocument();
    const drawn = fakeCanvas(doc);
    featureMaps(tiny, { document: doc, normalize: 'layer', renderer: 'canvas' });
    // Channel 1's max (1) on the layer range −1..4 is grey 102, not white.
    expect(drawn[1].data[12]).toBe(102);
  });

  it('caps the channels drawn and says how many more there are', () => {
    const el = featureMaps(
      { name: 'conv 2', shape: [1, 1, 70], values: new Float32Array(70) },
      { document: newDocument(), renderer: 'svg' },
    );
    expect(el.querySelectorAll('.lc-fmap')).toHaveLength(64);
    expect(el.querySelector('.lc-fmaps__more')!.textContent).toBe('+ 6 more channels');
  });

  it('renders a caption and a note for empty or mismatched input', () => {
    const el = featureMaps({ name: 'conv 1', shape: [26, 26, 32], values: [] }, { document: newDocument() });
    expect(el.querySelectorAll('.lc-fmap')).toHaveLength(0);
    expect(el.querySelector('.lc-fmaps__more')!.textContent).toBe('no activations to show');
  });

  it('stacks layers under the flow of numbers', () => {
    const doc = newDocument();
    const stack = featureMapStack([{ name: 'input', shape: [2, 2, 1], values: [0, 1, 1, 0] }, tiny], { document: doc, renderer: 'svg' });
    expect(stack.querySelector('.lc-fmap-flow')!.textContent).toBe('numbers per layer: 4 → 8');
    expect(Array.from(stack.querySelectorAll('.lc-fmaps__caption')).map((c) => c.textContent)).toEqual([
      'input · 2×2×1 = 4 numbers',
      'conv 1 · 2×2×2 = 8 numbers',
    ]);
    expect(featureMapStack([], { document: doc }).textContent).toBe('no layers to show');
  });
});

describe('featureMapTable', () => {
  it('gives min, max, mean and the share of zeros per channel', () => {
    expect(featureMapTable(tiny)).toEqual({
      columns: ['channel', 'min', 'max', 'mean', 'share of zeros'],
      rows: [
        [1, 0, 4, 1.75, 0.25],
        [2, -1, 1, 0, 0.5],
      ],
    });
    expect(featureMapTable({ name: 'x', shape: [3, 3, 1], values: [] }).rows).toEqual([]);
  });
});
