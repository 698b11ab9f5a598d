/**
 * Per-example probabilities for one evaluation: every validation example's predicted probability of its
 * true class, one band per true class, dots spread vertically by a deterministic jitter of the example
 * index (so a dot keeps its height while the reader scrubs epochs). Mistakes are red "×", correct
 * examples blue dots; a dashed rule at 0.5; a selected example ringed. Every dot carries `data-index`.
 * `confidenceSummary` (in `src/metrics/confidence.ts`) tells which story a run's mistakes support; the tables are
 * Plot-free, in `probabilityTables.ts` (both re-exported here).
 */
import * as Plot from '@observablehq/plot';
import type { ExampleProbability } from '../../metrics/confidence';
import { abbreviate, labelMargin, maxChars } from './labels';
import { formatValue, frameOptions, PALETTE, type ChartOptions } from './theme';

export {
  confidenceSummary,
  summarizeConfidence,
  type ConfidenceSummary,
  type EvaluationProbabilities,
  type ExampleProbability,
} from '../../metrics/confidence';
export { confidenceSummaryTable, probabilityStripTable } from './probabilityTables';

/** Options of `probabilityStrip`. */
export interface ProbabilityStripOptions extends ChartOptions {
  /** Example index to ring and label; none when null/undefined or absent from the data. */
  selected?: number | null;
  /** Names of all classes in order: every class gets a band, even with no examples. Default: classes seen. */
  classNames?: readonly string[];
  /** Vertical reference rule (default 0.5; null for none). */
  threshold?: number | null;
  /** Height of one class band in px (default 36). */
  band?: number;
}

/** A dot as drawn. */
export interface StripRow extends ExampleProbability {
  /** Band (0 = top) plus jitter, in band units. */
  y: number;
  outcome: 'correct' | 'mistake';
}

const GOLDEN = 0.6180339887498949;

/** Deterministic jitter in [0, 1) of an example index (golden-ratio sequence: spread evenly, never random). */
export function jitter(index: number): number {
  const v = (index * GOLDEN) % 1;
  return v < 0 ? v + 1 : v;
}

/** The bands (class and name, top to bottom) and the drawable rows, mistakes last so they sit on top. */
export function stripRows(
  examples: readonly ExampleProbability[],
  names?: readonly string[],
): { bands: { label: number; name: string }[]; rows: StripRow[] } {
  const seen = new Map<number, string>();
  for (const e of examples) if (!seen.has(e.label)) seen.set(e.label, e.labelName);
  const labels = names ? names.map((_, k) => k) : [...seen.keys()].sort((a, b) => a - b);
  const bands = labels.map((label) => ({ label, name: names?.[label] ?? seen.get(label) ?? `class ${label}` }));
  const bandOf = new Map(labels.map((l, k) => [l, k]));
  const rows: StripRow[] = [];
  for (const e of examples) {
    const band = bandOf.get(e.label);
    if (band === undefined || !Number.isFinite(e.pTrue)) continue;
    rows.push({
      ...e,
      pTrue: Math.min(1, Math.max(0, e.pTrue)),
      y: band + (jitter(e.index) - 0.5) * 0.7,
      outcome: e.correct ? 'correct' : 'mistake',
    });
  }
  rows.sort((a, b) => Number(a.correct === b.correct ? 0 : a.correct ? -1 : 1));
  return { bands, rows };
}

/** Title of a dot: "example 12 · Coat", p(true class), right or wrong. */
export function stripTipText(e: ExampleProbability): string {
  return `example ${e.index} · ${e.labelName}\np(true class) ${formatValue(e.pTrue)}\n${e.correct ? 'correct' : 'mistake'}`;
}

/** Render transform: tags each drawn element with the data index and outcome of its row. */
function tagDots(rows: readonly StripRow[]): Plot.RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const g = next!(index, scales, values, dimensions, context);
    if (!g) return g;
    Array.from(g.children).forEach((el, i) => {
      const row = rows[index[i]];
      if (!row) return;
      el.setAttribute('data-index', String(row.index));
      el.setAttribute('class', `lc-prob-dot lc-prob-${row.outcome}`);
    });
    return g;
  };
}

/**
 * The strip chart. Classes: `lc-prob-dot` with `lc-prob-correct` / `lc-prob-mistake` on each dot (circle
 * or × path, `data-index` = example index), `lc-prob-threshold`, `lc-prob-band` (separators),
 * `lc-prob-selected` (ring) and `lc-prob-selected-label`. Legend: coloured symbols for correct and mistake.
 * Returns Plot's figure (legend + SVG).
 */
export function probabilityStrip(examples: readonly ExampleProbability[], opts: ProbabilityStripOptions): Element {
  const { bands, rows } = stripRows(examples, opts.classNames);
  const width = opts.width ?? 640;
  const short = bands.map((b) => abbreviate(b.name, maxChars(width * 0.3)));
  const k = Math.max(1, bands.length);
  const band = opts.band ?? 36;
  const marginTop = 22;
  const marginBottom = 34;
  const threshold = opts.threshold === undefined ? 0.5 : opts.threshold;
  const selected = opts.selected == null ? undefined : rows.find((r) => r.index === opts.selected);
  const mistakes = rows.filter((r) => !r.correct).length;
  return Plot.plot({
    ...frameOptions(opts),
    width,
    height: opts.height ?? marginTop + marginBottom + k * band,
    marginTop,
    marginBottom,
    marginLeft: labelMargin(short, 40) + 4,
    marginRight: 14,
    ariaLabel:
      opts.ariaLabel ??
      `Predicted probability of the true class for ${rows.length} examples in ${bands.length} classes; ${mistakes} mistake${mistakes === 1 ? '' : 's'}${selected ? `; example ${selected.index} selected` : ''}`,
    x: { domain: [0, 1], label: opts.xLabel ?? 'predicted probability of the true class', labelAnchor: 'right' },
    y: {
      domain: [k - 0.5, -0.5],
      ticks: bands.map((_, i) => i),
      tickFormat: (i: number) => short[i] ?? '',
      tickSize: 0,
      label: opts.yLabel ?? null,
    },
    color: { domain: ['correct', 'mistake'], range: [PALETTE[0], PALETTE[3]] },
    symbol: { domain: ['correct', 'mistake'], range: ['circle', 'times'], legend: true },
    marks: [
      Plot.ruleY(
        bands.slice(1).map((_, i) => i + 0.5),
        { stroke: 'currentColor', strokeOpacity: 0.15, className: 'lc-prob-band' },
      ),
      threshold !== null
        ? [
            Plot.ruleX([threshold], { stroke: 'currentColor', strokeDasharray: '4 3', className: 'lc-prob-threshold' }),
            Plot.text([threshold], {
              x: (d: number) => d,
              text: (d: number) => String(d),
              frameAnchor: 'top',
              lineAnchor: 'bottom',
              dy: -4,
              fill: 'currentColor',
              className: 'lc-prob-threshold-label',
            }),
          ]
        : [],
      Plot.dot(rows, {
        x: 'pTrue',
        y: 'y',
        r: 3,
        symbol: 'outcome',
        fill: 'outcome',
        stroke: 'outcome',
        fillOpacity: 0.7,
        strokeWidth: 1.25,
        title: stripTipText,
        render: tagDots(rows),
      }),
      selected
        ? [
            Plot.dot([selected], {
              x: 'pTrue',
              y: 'y',
              r: 8,
              fill: 'none',
              stroke: 'currentColor',
              strokeWidth: 2,
              className: 'lc-prob-selected',
            }),
            Plot.text([selected], {
              x: 'pTrue',
              y: 'y',
              text: (e: StripRow) => `#${e.index}`,
              dy: -13,
              fontWeight: 'bold',
              fill: 'currentColor',
              stroke: 'var(--plot-background)',
              strokeWidth: 3,
              paintOrder: 'stroke',
              className: 'lc-prob-selected-label',
            }),
          ]
        : [],
    ],
  });
}
