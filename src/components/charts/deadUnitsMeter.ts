/**
 * Dead-ReLU meter: one square per hidden unit, filled when the unit is dead (outputs 0 for every example
 * in the batch), with a sentence such as "7 of 7 hidden units dead". Plain SVG, no Plot.
 */
import type { ChartOptions } from './theme';

/** What the meter needs from a LayerStats. */
export interface DeadUnitsLayer {
  units: number;
  /** Per unit, whether it is dead (layers of ≤ 256 units). */
  dead?: boolean[];
  /** Count of dead units (every ReLU layer). */
  deadUnits?: number;
}

/** Options of `deadUnitsMeter`. */
export interface DeadUnitsMeterOptions extends Pick<ChartOptions, 'document' | 'width' | 'ariaLabel' | 'className'> {
  /** Side of one square in px (default 14). */
  cell?: number;
  /** Singular noun for a unit (default "hidden unit"; "channel" for convolutions). */
  noun?: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Number of dead units, from the per-unit flags when present; null when not measured. */
export function deadCount(layer: DeadUnitsLayer): number | null {
  if (layer.dead) return layer.dead.filter(Boolean).length;
  return layer.deadUnits ?? null;
}

/** "7 of 7 hidden units dead", "1 of 1 hidden unit dead"; says so when dead units were not measured. */
export function deadUnitsText(layer: DeadUnitsLayer, noun = 'hidden unit'): string {
  const nouns = layer.units === 1 ? noun : `${noun}s`;
  const n = deadCount(layer);
  return n === null ? `${layer.units} ${nouns}; dead units not measured` : `${n} of ${layer.units} ${nouns} dead`;
}

/**
 * A row (wrapping as needed) of squares, filled with `currentColor` for dead units and outlined for live
 * ones, under the sentence from `deadUnitsText`. Without per-unit flags it draws one bar filled in
 * proportion to the dead count. Classes: `lc-unit`, `lc-unit-dead`, `lc-unit-alive`, `lc-dead-bar`,
 * `lc-dead-text`. Returns an <svg role="img"> whose aria-label is the sentence.
 */
export function deadUnitsMeter(layer: DeadUnitsLayer, opts: DeadUnitsMeterOptions): Element {
  const doc = opts.document;
  const el = (name: string, attrs: Record<string, string | number>, parent: Element) => {
    const node = doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    parent.appendChild(node);
    return node;
  };
  const text = deadUnitsText(layer, opts.noun);
  const cell = opts.cell ?? 14;
  const gap = Math.max(2, Math.round(cell / 4));
  const flags = layer.dead;
  // Default width: just wide enough for the squares (and the sentence), at most 640px.
  const width = opts.width ?? (flags ? Math.max(220, Math.min(640, flags.length * (cell + gap))) : 320);
  const perRow = Math.max(1, Math.floor((width + gap) / (cell + gap)));
  const rowsOfCells = flags ? Math.ceil(flags.length / perRow) : deadCount(layer) === null ? 0 : 1;
  const top = 22;
  const height = top + rowsOfCells * (cell + gap);
  const svg = doc.createElementNS(SVG_NS, 'svg');
  for (const [k, v] of Object.entries({
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    fill: 'currentColor',
    'font-family': 'system-ui, sans-serif',
    'font-size': 12,
  }))
    svg.setAttribute(k, String(v));
  svg.setAttribute('aria-label', opts.ariaLabel ?? text);
  if (opts.className) svg.setAttribute('class', opts.className);
  el('text', { x: 0, y: 14, class: 'lc-dead-text' }, svg).textContent = text;
  if (flags) {
    flags.forEach((dead, k) => {
      const x = (k % perRow) * (cell + gap) + 0.5;
      const y = top + Math.floor(k / perRow) * (cell + gap) + 0.5;
      const rect = el(
        'rect',
        {
          x,
          y,
          width: cell - 1,
          height: cell - 1,
          rx: 2,
          class: `lc-unit ${dead ? 'lc-unit-dead' : 'lc-unit-alive'}`,
          fill: dead ? 'currentColor' : 'none',
          stroke: 'currentColor',
        },
        svg,
      );
      el('title', {}, rect).textContent = `unit ${k + 1}: ${dead ? 'dead' : 'alive'}`;
    });
  } else if (rowsOfCells) {
    const share = layer.units > 0 ? (deadCount(layer) ?? 0) / layer.units : 0;
    el(
      'rect',
      { x: 0.5, y: top + 0.5, width: width - 1, height: cell - 1, fill: 'none', stroke: 'currentColor', class: 'lc-dead-bar' },
      svg,
    );
    el(
      'rect',
      { x: 0.5, y: top + 0.5, width: Math.max(0, (width - 1) * share), height: cell - 1, fill: 'currentColor', class: 'lc-dead-bar-fill' },
      svg,
    );
  }
  return svg;
}
