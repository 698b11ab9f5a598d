/**
 * Expected calibration error over training: one line per run (dots at each evaluation), the current run
 * strong and earlier runs faded, as in `lossChart`. Rows, read-outs and the table are Plot-free, in
 * `calibrationTables.ts`.
 */
import * as Plot from '@observablehq/plot';
import { eceRows, eceTipText, type EceRow, type EceRun } from './calibrationTables';
import { FADED_OPACITY, frameOptions, PALETTE, type ChartOptions } from './theme';

export { eceRows, eceTable, eceTipText, type EceRow, type EceRun } from './calibrationTables';

/**
 * ECE (y, from 0) against epoch, coloured by run with a legend of run labels when there are several.
 * Classes: `lc-ece-line-current`, `lc-ece-line-previous` (stroke-opacity 0.35), `lc-ece-dot`.
 * Returns Plot's figure (legend + SVG) or its SVG.
 */
export function eceChart(runs: readonly EceRun[], opts: ChartOptions): Element {
  const rows = eceRows(runs);
  const labels = runs.map((r) => r.label);
  const xLabel = opts.xLabel ?? 'epoch';
  const max = rows.reduce((m, r) => Math.max(m, r.ece), 0);
  const line = (current: boolean) =>
    Plot.line(
      rows.filter((r) => r.current === current),
      {
        x: 'epoch',
        y: 'ece',
        z: 'id',
        stroke: 'run',
        strokeWidth: current ? 2.25 : 1.5,
        strokeOpacity: current ? 1 : FADED_OPACITY,
        className: current ? 'lc-ece-line-current' : 'lc-ece-line-previous',
      },
    );
  return Plot.plot({
    ...frameOptions(opts),
    ariaLabel: opts.ariaLabel ?? `Expected calibration error per evaluation, ${runs.length} run${runs.length === 1 ? '' : 's'}`,
    x: { label: xLabel, labelAnchor: 'right' },
    y: { label: opts.yLabel ?? 'ECE', grid: true, domain: [0, max > 0 ? max * 1.1 : 0.1] },
    color: { domain: labels, range: labels.map((_, k) => PALETTE[k % PALETTE.length]), legend: runs.length > 1 },
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.5 }),
      line(false),
      line(true),
      Plot.dot(rows, {
        x: 'epoch',
        y: 'ece',
        fill: 'run',
        fillOpacity: (r: EceRow) => (r.current ? 1 : FADED_OPACITY),
        r: 2.5,
        className: 'lc-ece-dot',
      }),
      Plot.tip(rows, Plot.pointerX({ x: 'epoch', y: 'ece', title: (r: EceRow) => eceTipText(r, xLabel) })),
    ],
  });
}
