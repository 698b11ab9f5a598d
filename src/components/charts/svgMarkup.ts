/**
 * "Download SVG": serialises a chart as a standalone SVG file. `currentColor` and Plot's
 * `var(--plot-background)` are replaced by concrete colours, hover tips are dropped, and a Plot swatch
 * legend (HTML in the page) is redrawn as SVG above the plot so the file keeps it.
 */

import { CHART_FONT_PX, luminance } from './theme';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Options of `svgMarkup`. */
export interface SvgMarkupOptions {
  /** What `currentColor` becomes (text, axes, marks drawn in the text colour). Default '#1b1b1f'. */
  color?: string;
  /**
   * Background painted behind the chart, also used for Plot's tip/halo fills. Default: white for a dark
   * `color`, '#17181c' for a light one (so the file stays readable); 'none' paints nothing.
   */
  background?: string;
}

/** A Plot swatch legend entry read back from the page: colour and text. */
function swatches(root: Element): { color: string; label: string }[] {
  const out: { color: string; label: string }[] = [];
  for (const span of Array.from(root.querySelectorAll('span'))) {
    const sw = span.querySelector('svg');
    if (!sw || !span.className.toString().includes('swatch')) continue;
    const color = sw.getAttribute('fill') ?? sw.querySelector('[fill]')?.getAttribute('fill') ?? 'currentColor';
    out.push({ color, label: span.textContent?.trim() ?? '' });
  }
  return out;
}

/** The nearest ancestor <figure> with an <svg> child (Plot's legend + chart wrapper), if any. */
function plotFigure(node: Element): Element | null {
  for (let el = node.parentElement; el; el = el.parentElement) {
    if (el.localName === 'figure' && Array.from(el.children).some((c) => c.localName === 'svg')) return el;
  }
  return null;
}

/**
 * A standalone SVG document (with XML declaration) for a chart from any builder here: `node` may be Plot's
 * <figure> (legend + svg), its <svg>, or any <svg> inside it (a legend swatch, as `querySelector('svg')`
 * finds first). `options` may be just the text colour: svgMarkup(node, '#e8e8ea').
 */
export function svgMarkup(node: Element, options: SvgMarkupOptions | string = {}): string {
  const opts = typeof options === 'string' ? { color: options } : options;
  const color = opts.color ?? '#1b1b1f';
  const background = opts.background ?? (luminance(color) > 0.4 ? '#17181c' : 'white');
  const doc = node.ownerDocument;
  if (node.localName === 'svg') node = plotFigure(node) ?? node;
  const plot = node.localName === 'svg' ? node : Array.from(node.children).find((c) => c.localName === 'svg');
  if (!plot) throw new Error('svgMarkup: no <svg> in this chart');
  const width = Number(plot.getAttribute('width')) || 640;
  const height = Number(plot.getAttribute('height')) || 400;
  const clone = plot.cloneNode(true) as Element;
  clone.querySelectorAll('[aria-label="tip"]').forEach((g) => g.replaceChildren());
  const entries = node === plot ? [] : swatches(node);

  // Legend rows: 15px swatch, gap, label (~7px per character at 12px), laid out left to right, wrapping.
  const legend = doc.createElementNS(SVG_NS, 'g');
  legend.setAttribute('font-size', String(CHART_FONT_PX));
  legend.setAttribute('font-family', 'system-ui, sans-serif');
  let x = 0;
  let y = 0;
  for (const { color: c, label } of entries) {
    const w = 15 + 6 + label.length * 7 + 16;
    if (x > 0 && x + w > width) [x, y] = [0, y + 22];
    const rect = doc.createElementNS(SVG_NS, 'rect');
    for (const [k, v] of Object.entries({ x, y: y + 4, width: 15, height: 15, fill: c })) rect.setAttribute(k, String(v));
    const text = doc.createElementNS(SVG_NS, 'text');
    for (const [k, v] of Object.entries({ x: x + 21, y: y + 15, fill: 'currentColor' })) text.setAttribute(k, String(v));
    text.textContent = label;
    legend.append(rect, text);
    x += w;
  }
  const legendHeight = entries.length ? y + 30 : 0;

  const root = doc.createElementNS(SVG_NS, 'svg');
  const total = height + legendHeight;
  for (const [k, v] of Object.entries({ width, height: total, viewBox: `0 0 ${width} ${total}`, color, fill: 'currentColor' }))
    root.setAttribute(k, String(v));
  const label = plot.getAttribute('aria-label');
  if (label) {
    const title = doc.createElementNS(SVG_NS, 'title');
    title.textContent = label;
    root.append(title);
  }
  if (background !== 'none') {
    const bg = doc.createElementNS(SVG_NS, 'rect');
    for (const [k, v] of Object.entries({ width: '100%', height: '100%', fill: background })) bg.setAttribute(k, v);
    root.append(bg);
  }
  if (entries.length) root.append(legend);
  clone.setAttribute('y', String(legendHeight));
  root.append(clone);

  const Serializer = doc.defaultView?.XMLSerializer ?? globalThis.XMLSerializer;
  let xml = Serializer ? new Serializer().serializeToString(root) : root.outerHTML;
  if (!/^<svg[^>]*\sxmlns=/.test(xml)) xml = xml.replace(/^<svg/, `<svg xmlns="${SVG_NS}"`);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    xml.replace(/currentColor/gi, color).replace(/var\(--plot-background\)/g, background === 'none' ? 'white' : background) +
    '\n'
  );
}
