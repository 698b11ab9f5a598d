/**
 * Markers for settings changed during a run (the learning rate moved while it trains): a dotted vertical rule at
 * the step it took effect, labelled at the top of the plot ("lr → 1 at iteration 500"), so a jump in the curve
 * has its reason beside it. Previous runs' markers are faded and unlabelled.
 */
import * as Plot from '@observablehq/plot';
import { FADED_OPACITY } from './theme';

/** One marker, in the chart's x units. */
export interface ChangeMark {
  x: number;
  /** Words at the top of the rule, e.g. "lr → 1 at iteration 500". */
  label: string;
  /** A change of the run being trained now (labelled, strong), or of an earlier one (faded, no label). */
  current: boolean;
}

/** Height of one label line in px: labels of close changes are stacked this far apart. */
const LINE_PX = 14;

/**
 * Plot marks for `changes` on an x-axis from `lo` to `hi`: rules (class `lc-change`) and, for the current run,
 * labels (class `lc-change-label`) that read rightwards from a rule in the left half and leftwards in the right.
 * Markers outside [lo, hi] are left out.
 */
export function changeMarks(changes: readonly ChangeMark[], lo: number, hi: number): Plot.Markish[] {
  const shown = changes.filter((c) => Number.isFinite(c.x) && c.x >= lo && c.x <= hi);
  if (!shown.length) return [];
  const mid = lo + (hi - lo) / 2;
  // One text mark a label (a run has few changes): each its own side and line, so close changes do not overprint.
  const labels = shown
    .filter((c) => c.current)
    .map((c, k) =>
      Plot.text([c], {
        x: 'x',
        text: 'label',
        frameAnchor: 'top',
        lineAnchor: 'top',
        dy: 4 + (k % 3) * LINE_PX,
        textAnchor: c.x > mid ? 'end' : 'start',
        dx: c.x > mid ? -4 : 4,
        fill: 'currentColor',
        stroke: 'var(--plot-background)',
        strokeWidth: 4,
        paintOrder: 'stroke',
        className: 'lc-change-label',
      }),
    );
  return [
    Plot.ruleX(shown, {
      x: 'x',
      stroke: 'currentColor',
      strokeDasharray: '2 3',
      strokeOpacity: (c: ChangeMark) => (c.current ? 1 : FADED_OPACITY),
      className: 'lc-change',
    }),
    ...labels,
  ];
}
