/**
 * Colours and shared options for the chart builders. Every colour here keeps a contrast of at least 3:1
 * (WCAG 1.4.11, graphical objects) against white and against the near-black dark theme; text always uses
 * `currentColor`, so it follows the page's text colour in both themes.
 */

/** Options every builder takes. `document` is passed to Plot so builders stay pure (and testable in Node). */
export interface ChartOptions {
  document: Document;
  /** Outer width in px (Plot's default is 640). */
  width?: number;
  /** Outer height in px. */
  height?: number;
  /** x-axis label, e.g. "iteration" or "epoch". */
  xLabel?: string;
  /** y-axis label; each builder has a sensible default. */
  yLabel?: string;
  /** Accessible name of the chart (aria-label on the SVG). */
  ariaLabel?: string;
  /** Extra class on the chart root. */
  className?: string;
  /**
   * Page background behind the chart, for hover tips and text halos (Plot's `--plot-background`, which
   * Plot sets to white on its SVG): e.g. 'var(--lc-bg)' to follow the theme. Default: Plot's white.
   */
  background?: string;
}

/**
 * Font size of chart text in px (Plot's default is 10). The kit draws a chart at its container's width, never
 * scaled down, so this is the size a reader sees: at least 11 px, on a phone too.
 */
export const CHART_FONT_PX = 12;

/** Plot's inline `style`: the chart's font size, and the ChartOptions.background if any. */
export function plotStyle(opts: Pick<ChartOptions, 'background'>): string {
  return `font-size: ${CHART_FONT_PX}px${opts.background ? `; --plot-background: ${opts.background}` : ''}`;
}

/**
 * Bottom margin for an x-axis at CHART_FONT_PX: tick labels and the axis label below them (Plot's 30 px, made for
 * 10 px text, let a long axis label run into the last tick label).
 */
export const MARGIN_BOTTOM = 36;

/** The Plot options every builder passes through unchanged (document, size, class, label, background, margin below). */
export function frameOptions(opts: ChartOptions) {
  return {
    marginBottom: MARGIN_BOTTOM,
    document: opts.document,
    width: opts.width,
    height: opts.height,
    className: opts.className,
    ariaLabel: opts.ariaLabel,
    style: plotStyle(opts),
  };
}

/** A horizontal reference line, e.g. the entropy floor `{ value: 0.6439737, label: 'H(p) = 0.6439737' }`. */
export interface ReferenceLine {
  value: number;
  label: string;
}

/** Line colours in order: blue, orange, green, red, purple, brown, teal, grey. */
export const PALETTE = ['#4e79a7', '#d9730d', '#4a9a44', '#d1495b', '#a86fa0', '#9c755f', '#2f8f8a', '#7f7f7f'] as const;

/** Fixed colours for the data splits, so "train" is the same blue in every chart. */
export const SPLIT_COLORS: Record<string, string> = { train: PALETTE[0], validation: PALETTE[1], test: PALETTE[2], batch: PALETTE[7] };

/** Stroke opacity of previous (non-current) runs. */
export const FADED_OPACITY = 0.35;

/** WCAG 2 relative luminance (0–1) of '#rgb', '#rrggbb' or 'rgb(r, g, b)'; NaN when it cannot tell. */
export function luminance(color: string): number {
  const c = color.trim();
  let rgb: number[] | null = null;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c)?.[1];
  if (hex)
    rgb = (hex.length === 3 ? [...hex].map((h) => h + h) : [hex.slice(0, 2), hex.slice(2, 4), hex.slice(4)]).map((h) => parseInt(h, 16));
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(c);
  if (fn) rgb = fn.slice(1, 4).map(Number);
  if (!rgb) return NaN;
  const lin = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
}

/** WCAG contrast ratio between two colours (1–21), in any form `luminance` reads. */
export function contrastRatio(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** Rounds to 4 decimals (for tips and tables); keeps NaN/±Infinity as they are. */
export function round4(v: number): number {
  return Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v;
}

/** A number as the reader should see it in a tip: 4 decimals, or 4 significant digits below 0.001. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toPrecision(4);
  return v.toFixed(4);
}

/** Decimals of a cost wherever a reader compares it (status line, tips, tables): 0.6439737 must not read as 0.6440. */
export const COST_DECIMALS = 7;

/** A cost as the reader should see it: seven decimals, or 4 significant digits below 0.001. */
export function formatCost(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toPrecision(4);
  return v.toFixed(COST_DECIMALS);
}

/** A cost rounded to COST_DECIMALS (for tables and CSV); keeps NaN/±Infinity as they are. */
export function roundCost(v: number): number {
  return Number.isFinite(v) ? Number(v.toFixed(COST_DECIMALS)) : v;
}

/** A count with thousands separators, always "1,234" whatever the reader's locale; rounds to an integer. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A count shortened for a small space (a bin, a cell): 987, 1.2k, 12k. */
export function compactCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) < 1000) return String(Math.round(n));
  return Math.abs(n) < 10_000 ? `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k` : `${Math.round(n / 1000)}k`;
}

/** A share (0–1) as a percentage with `digits` decimals, e.g. 0.8031 → "80.3%"; '—' when not a finite number. */
export function formatPercent(share: number, digits = 1): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(digits)}%` : '—';
}

/** A tensor shape as the chapters write it (batch dimension omitted): [26, 26, 32] → "26×26×32". */
export function formatShape(shape: readonly number[]): string {
  return shape.join('×');
}

/**
 * Ticks for an axis of whole steps (iterations) from `lo` to `hi`: every step when there are at most ten, so a
 * short run never shows "iteration 1.5"; undefined (Plot's own) for longer axes, whose ticks are whole anyway.
 * `steps` gives the range when `domain` does not. Returns Plot axis options: `ticks` and their format, or none.
 */
export function stepAxisTicks(steps: readonly number[], domain?: readonly [number, number]): { ticks?: number[]; tickFormat?: string } {
  let [lo, hi] = domain ?? [Infinity, -Infinity];
  if (!domain) for (const s of steps) [lo, hi] = [Math.min(lo, s), Math.max(hi, s)];
  const ticks = stepTicks(lo, hi);
  return ticks ? { ticks, tickFormat: ',d' } : {};
}

/** Ticks for whole steps from `lo` to `hi`, or undefined past ten steps (see stepAxisTicks). */
export function stepTicks(lo: number, hi: number): number[] | undefined {
  if (!(hi - lo <= 10) || !Number.isFinite(lo)) return undefined;
  // Math.ceil(lo) to hi: at most 11 ticks.
  const out: number[] = [];
  for (let s = Math.ceil(lo); s <= hi; s++) out.push(s);
  return out;
}
