/**
 * Each ReLU unit's largest pre-activation z over the batch, per recorded step: rows for the chart, the "Show data"
 * table and when each unit died (its z at or below 0 from some record to the last). Plot-free, so views can import
 * it statically; the chart itself is in preActivationChart.ts.
 */
import type { DataTable } from './tables';

/** One recorded step as the engine sends it (a subset of StepRecord). */
export interface PreActivationRecord {
  step: number;
  /** Per ReLU layer of ≤ 256 units: each unit's largest z over the batch. */
  maxPreActivation?: { layer: number; max: number[] }[];
}

/** One drawable point: unit `unit` (0-based) had largest z `z` at `step`. */
export interface PreActivationRow {
  step: number;
  unit: number;
  /** "unit 1", "unit 2"…: the series' name in the legend, tips and the table. */
  name: string;
  z: number;
}

/** The name of unit `k` (0-based) as the reader sees it, counting from 1. */
export const unitName = (k: number): string => `unit ${k + 1}`;

/** The layer a chart shows: `layer` when given, else the first ReLU layer any record has. */
export function shownLayer(records: readonly PreActivationRecord[], layer?: number): number | null {
  if (layer !== undefined) return layer;
  for (const r of records) if (r.maxPreActivation?.length) return r.maxPreActivation[0].layer;
  return null;
}

/** `layer`'s values in each record that has them, in step order as recorded. */
function series(records: readonly PreActivationRecord[], layer: number | null): { step: number; max: number[] }[] {
  if (layer === null) return [];
  const out: { step: number; max: number[] }[] = [];
  for (const r of records) {
    const l = r.maxPreActivation?.find((x) => x.layer === layer);
    if (l && Number.isFinite(r.step)) out.push({ step: r.step, max: l.max });
  }
  return out;
}

/** The number of units of the shown layer (the widest record's, 0 when there is none). */
export function unitCount(records: readonly PreActivationRecord[], layer?: number): number {
  return series(records, shownLayer(records, layer)).reduce((n, r) => Math.max(n, r.max.length), 0);
}

/** One row per (record, unit) of the shown layer, leaving out non-finite values. */
export function preActivationRows(records: readonly PreActivationRecord[], layer?: number): PreActivationRow[] {
  return series(records, shownLayer(records, layer)).flatMap((r) =>
    r.max.flatMap((z, unit) => (Number.isFinite(z) ? [{ step: r.step, unit, name: unitName(unit), z }] : [])),
  );
}

/**
 * Per unit of the shown layer: the first recorded step from which its largest z stays ≤ 0 through the last record
 * (dead since then, as far as the records show), or null for a unit alive at the last record.
 */
export function deadSince(records: readonly PreActivationRecord[], layer?: number): (number | null)[] {
  const rs = series(records, shownLayer(records, layer));
  const units = rs.reduce((n, r) => Math.max(n, r.max.length), 0);
  return Array.from({ length: units }, (_, u) => {
    let since: number | null = null;
    for (let i = rs.length - 1; i >= 0; i--) {
      const z = rs[i].max[u];
      if (!(z <= 0)) break;
      since = rs[i].step;
    }
    return since;
  });
}

/** One row per record, one column per unit; z to 4 significant digits ('' where a record lacks the unit). */
export function preActivationTable(records: readonly PreActivationRecord[], xLabel = 'iteration', layer?: number): DataTable {
  const rs = series(records, shownLayer(records, layer));
  const units = rs.reduce((n, r) => Math.max(n, r.max.length), 0);
  return {
    columns: [xLabel, ...Array.from({ length: units }, (_, u) => unitName(u))],
    rows: rs.map((r) => [
      r.step,
      ...Array.from({ length: units }, (_, u) => {
        const z = r.max[u];
        return z === undefined ? '' : Number.isFinite(z) ? Number(z.toPrecision(4)) : z;
      }),
    ]),
  };
}
