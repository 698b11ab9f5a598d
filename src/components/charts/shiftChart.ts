/**
 * The shift test: shift the input image by 0–4 pixels and compare the representation just before the
 * classifier with the unshifted one (cosine similarity), one line per model (with and without pooling),
 * marking the shifts at which the predicted class changed.
 */
import * as Plot from '@observablehq/plot';
import type { DataTable } from './tables';
import { formatValue, frameOptions, PALETTE, round4, type ChartOptions } from './theme';

/** cos(a, b) = a·b / (‖a‖‖b‖); NaN when either is all zeros or empty. Throws a RangeError when lengths differ. */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`cosineSimilarity: lengths differ (${a.length} vs ${b.length})`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  if (na === 0 || nb === 0) return NaN;
  return Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)));
}

/** One shift of one model. */
export interface ShiftPoint {
  /** Shift in pixels (0 is the unshifted image). */
  shift: number;
  /** Cosine similarity to the unshifted representation. */
  similarity: number;
  predictionChanged: boolean;
  /** Predicted class name at this shift, for the read-out. */
  predicted?: string;
}

/** One model's curve. */
export interface ShiftSeries {
  id: string;
  label: string;
  points: ShiftPoint[];
}

/** A representation (the activations before the classifier) and its predicted class at one shift. */
export interface ShiftProbe {
  shift: number;
  representation: ArrayLike<number>;
  predicted: number | string;
}

/** Points from raw probes: similarity to the probe at shift 0 (else the first) and whether the prediction differs from it. */
export function shiftPoints(probes: readonly ShiftProbe[], names: readonly string[] = []): ShiftPoint[] {
  const base = probes.find((p) => p.shift === 0) ?? probes[0];
  const name = (v: number | string) => (typeof v === 'number' ? (names[v] ?? `class ${v}`) : v);
  return probes.map((p) => ({
    shift: p.shift,
    similarity: cosineSimilarity(base.representation, p.representation),
    predictionChanged: p.predicted !== base.predicted,
    predicted: name(p.predicted),
  }));
}

/** A drawable point: the series' id and label with the point. */
export interface ShiftRow extends ShiftPoint {
  id: string;
  model: string;
}

/** Hover/title text: "with pooling · shift 2 px · cosine 0.9731 · predicted Shirt (changed)". */
export function shiftTipText(r: ShiftRow): string {
  return [
    r.model,
    `shift ${r.shift} px`,
    `cosine ${formatValue(r.similarity)}`,
    r.predicted ? `predicted ${r.predicted}${r.predictionChanged ? ' (changed)' : ''}` : r.predictionChanged ? 'prediction changed' : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * Cosine similarity (y, up to 1) against shift in pixels (x, a tick per shift), one coloured line with dots
 * per model and a legend; a "×" ring where the predicted class changed, with the new class above it, and
 * the note "× prediction changed". Classes: `lc-shift-line`, `lc-shift-dot`, `lc-shift-changed`,
 * `lc-shift-changed-label`, `lc-shift-note`. Returns Plot's figure (legend + SVG).
 */
export function shiftChart(series: readonly ShiftSeries[], opts: ChartOptions): Element {
  const rows: ShiftRow[] = series.flatMap((s) =>
    s.points.filter((p) => Number.isFinite(p.similarity) && Number.isFinite(p.shift)).map((p) => ({ ...p, id: s.id, model: s.label })),
  );
  const changed = rows.filter((r) => r.predictionChanged);
  const labels = series.map((s) => s.label);
  const shifts = [...new Set(rows.map((r) => r.shift))].sort((a, b) => a - b);
  const low = rows.reduce((m, r) => Math.min(m, r.similarity), 0);
  return Plot.plot({
    ...frameOptions(opts),
    marginTop: 28,
    ariaLabel:
      opts.ariaLabel ??
      `Cosine similarity to the unshifted representation against shift, ${series.length} model${series.length === 1 ? '' : 's'}; prediction changed at ${changed.length} point${changed.length === 1 ? '' : 's'}`,
    x: {
      label: opts.xLabel ?? 'shift (pixels)',
      labelAnchor: 'right',
      ticks: shifts.length ? shifts : [0, 1, 2, 3, 4],
      domain: shifts.length > 1 ? undefined : [0, 4],
      tickFormat: (v: number) => String(v),
    },
    y: { domain: [low, 1], label: opts.yLabel ?? 'cosine similarity to unshifted', grid: true },
    color: { domain: labels, range: labels.map((_, k) => PALETTE[k % PALETTE.length]), legend: series.length > 0 },
    marks: [
      Plot.line(rows, { x: 'shift', y: 'similarity', z: 'id', stroke: 'model', strokeWidth: 2, className: 'lc-shift-line' }),
      Plot.dot(rows, { x: 'shift', y: 'similarity', fill: 'model', r: 3.5, title: shiftTipText, className: 'lc-shift-dot' }),
      Plot.dot(changed, {
        x: 'shift',
        y: 'similarity',
        symbol: 'times',
        r: 7,
        stroke: 'currentColor',
        strokeWidth: 2,
        title: shiftTipText,
        className: 'lc-shift-changed',
      }),
      Plot.text(
        changed.filter((r) => r.predicted),
        {
          x: 'shift',
          y: 'similarity',
          text: 'predicted',
          dy: -14,
          fill: 'currentColor',
          stroke: 'var(--plot-background)',
          strokeWidth: 3,
          paintOrder: 'stroke',
          className: 'lc-shift-changed-label',
        },
      ),
      changed.length
        ? Plot.text(['× prediction changed'], {
            text: (d: string) => d,
            frameAnchor: 'top-right',
            textAnchor: 'end',
            lineAnchor: 'bottom',
            dy: -10,
            fill: 'currentColor',
            className: 'lc-shift-note',
          })
        : [],
      Plot.tip(rows, Plot.pointer({ x: 'shift', y: 'similarity', title: shiftTipText })),
    ],
  });
}

/** One row per shift, per model its cosine similarity (4 decimals) and predicted class ("Shirt (changed)"). */
export function shiftTable(series: readonly ShiftSeries[]): DataTable {
  const shifts = [...new Set(series.flatMap((s) => s.points.map((p) => p.shift)))].sort((a, b) => a - b);
  return {
    columns: ['shift (px)', ...series.flatMap((s) => [`${s.label} · cosine`, `${s.label} · prediction`])],
    rows: shifts.map((shift) => [
      shift,
      ...series.flatMap((s) => {
        const p = s.points.find((q) => q.shift === shift);
        if (!p) return ['', ''];
        return [
          Number.isFinite(p.similarity) ? round4(p.similarity) : '',
          `${p.predicted ?? ''}${p.predictionChanged ? `${p.predicted ? ' ' : ''}(changed)` : ''}`,
        ];
      }),
    ]),
  };
}
