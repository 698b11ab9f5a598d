/**
 * Feature maps: a layer's activation [h, w, c] as a grid of small heat-maps, one per channel, under a
 * caption such as "conv 1 · 26×26×32 = 21,632 numbers". In the browser each map is one <canvas> of h×w
 * pixels scaled up with `image-rendering: pixelated` (no per-pixel DOM nodes); where there is no canvas
 * (jsdom) a map is an <svg> of row runs of equal colour. The input image is drawn the same way ([28, 28, 1]).
 */
import type { DataTable } from './tables';
import { formatCount, formatShape, round4 } from './theme';

/** One layer's activation for one example, channels last (tfjs layout): values[(y·w + x)·c + channel]. */
export interface FeatureMapLayer {
  /** Caption name, e.g. "input", "conv 1", "pool 1". */
  name: string;
  /** [h, w, c]; [h, w] is one channel. */
  shape: readonly number[];
  values: ArrayLike<number>;
}

/** How values become colours: grey from min (black) to max (white), or diverging around 0 (blue − / red +). */
export type MapScale = { kind: 'grey'; min: number; max: number } | { kind: 'diverging'; max: number };

/** Diverging end colours (PALETTE blue and red) and the white middle. */
const NEG = [78, 121, 167];
const POS = [209, 73, 91];

/** [h, w, c] of a layer (a 2-D shape has one channel); zeros for anything else. */
export function mapDims(shape: readonly number[]): [number, number, number] {
  if (shape.length === 2) return [shape[0], shape[1], 1];
  if (shape.length === 3) return [shape[0], shape[1], shape[2]];
  return [0, 0, 0];
}

/** "conv 1 · 26×26×32 = 21,632 numbers" ("784 numbers" without the product for a flat shape). */
export function mapCaption(name: string, shape: readonly number[]): string {
  const n = shape.reduce((a, b) => a * b, 1);
  const count = `${formatCount(n)} number${n === 1 ? '' : 's'}`;
  return `${name} · ${shape.length > 1 ? `${formatShape(shape)} = ${count}` : count}`;
}

/** Min and max of one channel (or, with channel = -1, of all channels), finite values only; [0, 0] if none. */
export function channelRange(values: ArrayLike<number>, h: number, w: number, c: number, channel: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const [start, step] = channel < 0 ? [0, 1] : [channel, c];
  for (let i = start, n = Math.min(values.length, h * w * c); i < n; i += step) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/** The scale for a channel (channel ≥ 0) or the whole layer (channel −1). */
export function mapScale(
  values: ArrayLike<number>,
  h: number,
  w: number,
  c: number,
  channel: number,
  kind: MapScale['kind'] = 'grey',
): MapScale {
  const [lo, hi] = channelRange(values, h, w, c, channel);
  return kind === 'grey' ? { kind, min: lo, max: hi } : { kind, max: Math.max(Math.abs(lo), Math.abs(hi)) };
}

/**
 * RGBA pixels (h·w·4 bytes, row by row) of one channel. Grey: (v − min)/(max − min) from black to white
 * (all black when max = min); diverging: v/max from blue (−1) through white (0) to red (+1). Values are
 * clamped to the scale; non-finite ones are transparent.
 */
export function mapToRgba(values: ArrayLike<number>, h: number, w: number, c: number, channel: number, scale: MapScale): Uint8ClampedArray {
  const out = new Uint8ClampedArray(Math.max(0, h * w * 4));
  for (let p = 0; p < h * w; p++) {
    const v = values[p * c + channel];
    const o = p * 4;
    if (v === undefined || !Number.isFinite(v)) continue;
    if (scale.kind === 'grey') {
      const range = scale.max - scale.min;
      const g = range > 0 ? Math.round((255 * Math.min(Math.max(v - scale.min, 0), range)) / range) : 0;
      out[o] = out[o + 1] = out[o + 2] = g;
    } else {
      const t = scale.max > 0 ? Math.max(-1, Math.min(1, v / scale.max)) : 0;
      const end = t < 0 ? NEG : POS;
      const a = Math.abs(t);
      for (let k = 0; k < 3; k++) out[o + k] = Math.round(255 + (end[k] - 255) * a);
    }
    out[o + 3] = 255;
  }
  return out;
}

/** Options of `featureMaps`. */
export interface FeatureMapsOptions {
  document: Document;
  /** Target side of one map in CSS px (default 52); rounded to a whole number of px per value. */
  mapSize?: number;
  /** Stretch each channel to its own range (default) or use one range for the layer. */
  normalize?: 'channel' | 'layer';
  colors?: MapScale['kind'];
  /**
   * 'canvas' (falls back to SVG where getContext('2d') gives nothing) or 'svg'. Default: canvas, except
   * under jsdom (its user agent says so), whose getContext only logs "not implemented".
   */
  renderer?: 'canvas' | 'svg';
  /** Draw at most this many channels (default 64); a note says how many more there are. */
  maxChannels?: number;
  className?: string;
  /** Accessible name of the block; default its caption. */
  ariaLabel?: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function drawCanvas(doc: Document, rgba: Uint8ClampedArray, h: number, w: number): HTMLCanvasElement | null {
  const canvas = doc.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  let ctx: CanvasRenderingContext2D | null;
  try {
    ctx = canvas.getContext('2d');
  } catch {
    ctx = null;
  }
  if (!ctx) return null;
  const img = ctx.createImageData(w, h);
  img.data.set(rgba);
  ctx.putImageData(img, 0, 0);
  return canvas;
}

/** One map as SVG: a rect per run of equal colour in each row (few nodes for sparse ReLU maps). */
function drawSvg(doc: Document, rgba: Uint8ClampedArray, h: number, w: number): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('shape-rendering', 'crispEdges');
  for (let y = 0; y < h; y++) {
    let x = 0;
    while (x < w) {
      const o = (y * w + x) * 4;
      let end = x + 1;
      const same = (q: number) =>
        rgba[q] === rgba[o] && rgba[q + 1] === rgba[o + 1] && rgba[q + 2] === rgba[o + 2] && rgba[q + 3] === rgba[o + 3];
      while (end < w && same((y * w + end) * 4)) end++;
      if (rgba[o + 3]) {
        const rect = doc.createElementNS(SVG_NS, 'rect');
        for (const [k, v] of Object.entries({ x, y, width: end - x, height: 1, fill: `rgb(${rgba[o]},${rgba[o + 1]},${rgba[o + 2]})` }))
          rect.setAttribute(k, String(v));
        svg.appendChild(rect);
      }
      x = end;
    }
  }
  return svg as SVGSVGElement;
}

/**
 * A block for one layer: caption, then one map per channel (up to `maxChannels`), each a <canvas> (or
 * <svg>) with class `lc-fmap`, `data-channel` and a title "channel 3 · 0.0000 to 2.3100"; maps are
 * aria-hidden (the caption names the block; the table gives the numbers). Classes: `lc-fmaps`,
 * `lc-fmaps__caption`, `lc-fmaps__grid`, `lc-fmaps__more`. A shape that does not match its values
 * draws the caption and the note "no activations to show".
 */
export function featureMaps(layer: FeatureMapLayer, opts: FeatureMapsOptions): HTMLElement {
  const doc = opts.document;
  const [h, w, c] = mapDims(layer.shape);
  const caption = mapCaption(layer.name, layer.shape);
  const root = doc.createElement('div');
  root.className = ['lc-fmaps', opts.className].filter(Boolean).join(' ');
  root.setAttribute('role', 'group');
  root.setAttribute('aria-label', opts.ariaLabel ?? caption);
  const cap = doc.createElement('p');
  cap.className = 'lc-fmaps__caption';
  cap.style.margin = '0 0 0.25rem';
  cap.textContent = caption;
  root.appendChild(cap);
  const ok = h > 0 && w > 0 && c > 0 && layer.values.length >= h * w * c;
  const shown = ok ? Math.min(c, Math.max(1, opts.maxChannels ?? 64)) : 0;
  const grid = doc.createElement('div');
  grid.className = 'lc-fmaps__grid';
  grid.setAttribute('style', 'display: flex; flex-wrap: wrap; gap: 4px;');
  root.appendChild(grid);
  if (!ok) {
    const note = doc.createElement('p');
    note.className = 'lc-fmaps__more';
    note.textContent = 'no activations to show';
    root.appendChild(note);
    return root;
  }
  const kind = opts.colors ?? 'grey';
  const layerScale = opts.normalize === 'layer' ? mapScale(layer.values, h, w, c, -1, kind) : null;
  const px = Math.max(1, Math.round((opts.mapSize ?? 52) / Math.max(h, w)));
  const jsdom = /\bjsdom\b/i.test(doc.defaultView?.navigator?.userAgent ?? '');
  let canvasOk = (opts.renderer ?? (jsdom ? 'svg' : 'canvas')) === 'canvas';
  for (let ch = 0; ch < shown; ch++) {
    const scale = layerScale ?? mapScale(layer.values, h, w, c, ch, kind);
    const rgba = mapToRgba(layer.values, h, w, c, ch, scale);
    let el: Element | null = canvasOk ? drawCanvas(doc, rgba, h, w) : null;
    if (!el) {
      canvasOk = false;
      el = drawSvg(doc, rgba, h, w);
    }
    const [lo, hi] = channelRange(layer.values, h, w, c, ch);
    el.setAttribute('class', 'lc-fmap');
    el.setAttribute('data-channel', String(ch));
    el.setAttribute('aria-hidden', 'true');
    // A canvas keeps the width and height it was drawn at: setting them again would clear it.
    if (el.localName !== 'canvas') {
      el.setAttribute('width', String(w * px));
      el.setAttribute('height', String(h * px));
    }
    el.setAttribute(
      'style',
      `width: ${w * px}px; height: ${h * px}px; image-rendering: pixelated; border: 1px solid var(--lc-border, currentColor);`,
    );
    const title = `${c > 1 ? `channel ${ch + 1}` : layer.name} · ${round4(lo)} to ${round4(hi)}`;
    if (el.localName === 'canvas') el.setAttribute('title', title);
    else el.appendChild(Object.assign(doc.createElementNS(SVG_NS, 'title'), { textContent: title }));
    grid.appendChild(el);
  }
  if (shown < c) {
    const more = doc.createElement('p');
    more.className = 'lc-fmaps__more';
    more.textContent = `+ ${formatCount(c - shown)} more channel${c - shown === 1 ? '' : 's'}`;
    root.appendChild(more);
  }
  return root;
}

/** "784 → 21,632 → 5,408": how many numbers each layer holds, in order. */
export function shapeFlowText(layers: readonly Pick<FeatureMapLayer, 'shape'>[]): string {
  return layers.map((l) => formatCount(l.shape.reduce((a, b) => a * b, 1))).join(' → ');
}

/** The input and every layer's block in order, under the line from `shapeFlowText` (class `lc-fmap-flow`). */
export function featureMapStack(layers: readonly FeatureMapLayer[], opts: FeatureMapsOptions): HTMLElement {
  const root = opts.document.createElement('div');
  root.className = ['lc-fmap-stack', opts.className].filter(Boolean).join(' ');
  const flow = opts.document.createElement('p');
  flow.className = 'lc-fmap-flow';
  flow.textContent = layers.length ? `numbers per layer: ${shapeFlowText(layers)}` : 'no layers to show';
  root.appendChild(flow);
  for (const layer of layers) root.appendChild(featureMaps(layer, { ...opts, className: undefined, ariaLabel: undefined }));
  return root;
}

/** Per channel: min, max, mean (4 decimals) and the share of exact zeros (dead ReLU outputs). */
export function featureMapTable(layer: FeatureMapLayer): DataTable {
  const [h, w, c] = mapDims(layer.shape);
  const rows: (string | number)[][] = [];
  if (h * w * c > 0 && layer.values.length >= h * w * c) {
    for (let ch = 0; ch < c; ch++) {
      let sum = 0;
      let zeros = 0;
      for (let p = 0; p < h * w; p++) {
        const v = layer.values[p * c + ch];
        sum += v;
        if (v === 0) zeros++;
      }
      const [lo, hi] = channelRange(layer.values, h, w, c, ch);
      rows.push([ch + 1, round4(lo), round4(hi), round4(sum / (h * w)), round4(zeros / (h * w))]);
    }
  }
  return { columns: ['channel', 'min', 'max', 'mean', 'share of zeros'], rows };
}
