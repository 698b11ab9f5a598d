/**
 * Run labels for narrow charts. On a wide chart each run's label sits at the end of its line, in the right
 * margin; at phone width that margin would squeeze the plot to a sliver, so each line ends in a number instead and
 * a legend above the plot says which run it is ("1 as set up", "2 lr 1 (current)").
 */

/** Below this outer width (px) a chart numbers its runs and lists them in a legend. */
export const NARROW_WIDTH = 480;

/** One run in the legend, numbered from 1 in the chart's order. */
export interface RunLegendEntry {
  number: number;
  label: string;
  current: boolean;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A legend entry's text: "2 lr 1 (current)". */
export function runLegendText(e: RunLegendEntry): string {
  return `${e.number} ${e.label}${e.current ? ' (current)' : ''}`;
}

/**
 * The legend: one swatch per run, a line drawn as the run's line is (strong for the current run, faded for the
 * others), then its number and label. Swatches are `span`s with an svg, as Plot's own legend entries are, so an
 * SVG export redraws them (svgMarkup).
 */
export function runLegend(doc: Document, entries: readonly RunLegendEntry[], fadedOpacity: number): HTMLElement {
  const legend = doc.createElement('div');
  legend.className = 'lc-run-legend';
  for (const e of entries) {
    const item = doc.createElement('span');
    item.className = 'lc-run-swatch';
    const svg = doc.createElementNS(SVG_NS, 'svg');
    for (const [k, v] of Object.entries({ width: 18, height: 10, fill: 'currentColor', 'aria-hidden': 'true' }))
      svg.setAttribute(k, String(v));
    const line = doc.createElementNS(SVG_NS, 'line');
    const style = {
      x1: 0,
      x2: 18,
      y1: 5,
      y2: 5,
      stroke: 'currentColor',
      'stroke-width': e.current ? 2.25 : 1.5,
      'stroke-opacity': e.current ? 1 : fadedOpacity,
    };
    for (const [k, v] of Object.entries(style)) line.setAttribute(k, String(v));
    svg.append(line);
    item.append(svg, doc.createTextNode(runLegendText(e)));
    if (e.current) item.style.fontWeight = 'bold';
    legend.append(item);
  }
  return legend;
}

/**
 * `chart` (Plot's figure of legends and svg, or a bare svg) with `legend` placed just above its svg; a bare svg is
 * wrapped in a figure first. Returns the figure.
 */
export function withLegend(doc: Document, chart: Element, legend: Element): Element {
  let figure = chart;
  if (chart.localName === 'svg') {
    figure = doc.createElement('figure');
    figure.append(chart);
  }
  const svg = Array.from(figure.children).find((c) => c.localName === 'svg') ?? null;
  figure.insertBefore(legend, svg);
  return figure;
}
