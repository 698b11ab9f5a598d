/**
 * Linear-probe results as grouped horizontal bars (hand-built SVG, no Plot): one group per feature set
 * ("raw pixels · 784 numbers"), one bar per run, held-out accuracy written at the end of each bar; and the
 * matching table. Classes: `lc-probe-group`, `lc-probe-bar` (data-run, data-features), `lc-probe-value`.
 */
import type { DataTable } from './tables';
import { formatCount, formatPercent, PALETTE, round4 } from './theme';

/** One probe's score for one run. */
export interface ProbeBar {
  /** Feature set, e.g. "raw pixels". */
  features: string;
  /** Numbers per example it reads. */
  size: number;
  run: string;
  trainAccuracy: number;
  testAccuracy: number;
  testLoss: number;
  /** Images the probe was fitted on and scored on. */
  trainImages?: number;
  testImages?: number;
}

export interface ProbeBarsOptions {
  document: Document;
  width?: number;
  /** Name of the held-out accuracy, e.g. "validation accuracy". */
  metricLabel?: string;
  ariaLabel?: string;
}

const SVG = 'http://www.w3.org/2000/svg';

function el(doc: Document, name: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = doc.createElementNS(SVG, name) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Feature sets in first-seen order, runs in first-seen order. */
function groups(bars: readonly ProbeBar[]) {
  return { sets: [...new Set(bars.map((b) => b.features))], runs: [...new Set(bars.map((b) => b.run))] };
}

export function probeBars(bars: readonly ProbeBar[], opts: ProbeBarsOptions): SVGSVGElement {
  const doc = opts.document;
  const width = Math.max(280, opts.width ?? 640);
  const { sets, runs } = groups(bars);
  const barH = 16;
  const gap = 4;
  const labelH = 20;
  const legendH = runs.length > 1 ? runs.length * 18 + 6 : 0;
  const groupH = labelH + runs.length * (barH + gap) + 10;
  const [left, right] = [8, 64];
  const height = legendH + sets.length * groupH + 24;
  const x = (v: number) => left + Math.max(0, Math.min(1, v)) * (width - left - right);
  const svg = el(doc, 'svg', {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'font-size': 12,
    fill: 'currentColor',
  }) as SVGSVGElement;
  svg.setAttribute(
    'aria-label',
    opts.ariaLabel ??
      `${opts.metricLabel ?? 'Held-out accuracy'} of a linear probe on ${sets.length} feature set${sets.length === 1 ? '' : 's'}, ${runs.length} run${runs.length === 1 ? '' : 's'}`,
  );
  // Legend: one line per run (long run names stay readable on a phone).
  if (legendH) {
    runs.forEach((run, k) => {
      svg.appendChild(el(doc, 'rect', { x: left, y: 4 + k * 18, width: 12, height: 12, fill: PALETTE[k % PALETTE.length] }));
      svg.appendChild(el(doc, 'text', { x: left + 18, y: 14 + k * 18 }, run));
    });
  }
  sets.forEach((set, g) => {
    const y0 = legendH + g * groupH;
    const group = el(doc, 'g', { class: 'lc-probe-group' });
    // The same layer may hold different counts in different networks (conv 2 without pooling): each, in run order.
    const sizes = [...new Set(runs.flatMap((run) => bars.filter((b) => b.features === set && b.run === run).map((b) => b.size)))];
    group.appendChild(
      el(doc, 'text', { x: left, y: y0 + 14, 'font-weight': 600 }, `${set} · ${sizes.map(formatCount).join(' / ')} numbers`),
    );
    runs.forEach((run, k) => {
      const b = bars.find((q) => q.features === set && q.run === run);
      if (!b) return;
      const y = y0 + labelH + k * (barH + gap);
      const bar = el(doc, 'rect', {
        class: 'lc-probe-bar',
        x: left,
        y,
        width: Math.max(1, x(b.testAccuracy) - left),
        height: barH,
        fill: PALETTE[k % PALETTE.length],
        'data-run': run,
        'data-features': set,
      });
      bar.appendChild(
        el(
          doc,
          'title',
          {},
          `${run} · ${set}: ${opts.metricLabel ?? 'held-out accuracy'} ${formatPercent(b.testAccuracy)}, training ${formatPercent(b.trainAccuracy)}`,
        ),
      );
      group.appendChild(bar);
      group.appendChild(
        el(doc, 'text', { class: 'lc-probe-value', x: x(b.testAccuracy) + 4, y: y + barH - 4 }, formatPercent(b.testAccuracy)),
      );
    });
    svg.appendChild(group);
  });
  // Axis: 0 to 100 %.
  const axisY = height - 8;
  svg.appendChild(el(doc, 'line', { x1: left, x2: x(1), y1: axisY - 10, y2: axisY - 10, stroke: 'currentColor', 'stroke-opacity': 0.4 }));
  for (const t of [0, 0.5, 1])
    svg.appendChild(
      el(
        doc,
        'text',
        { x: x(t), y: axisY, 'text-anchor': t === 0 ? 'start' : t === 1 ? 'end' : 'middle', 'fill-opacity': 0.8 },
        formatPercent(t, 0),
      ),
    );
  return svg;
}

/** One row per run and feature set: numbers read, training and held-out accuracy, held-out loss, and the examples used. */
export function probeTable(bars: readonly ProbeBar[], heldOut = 'held-out'): DataTable {
  return {
    columns: [
      'run',
      'features',
      'numbers',
      'training accuracy',
      `${heldOut} accuracy`,
      `${heldOut} loss`,
      'training images',
      `${heldOut} images`,
    ],
    rows: bars.map((b) => [
      b.run,
      b.features,
      b.size,
      round4(b.trainAccuracy),
      round4(b.testAccuracy),
      round4(b.testLoss),
      b.trainImages ?? '',
      b.testImages ?? '',
    ]),
  };
}
