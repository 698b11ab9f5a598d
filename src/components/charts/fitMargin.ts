/**
 * A left margin that fits the y-axis tick labels. Plot leaves 40 px, made for its 10 px text; at the charts' 12 px a
 * cost tick such as "0.6900" needs more, or its first digit is cut off at the chart's edge.
 */
import { CHAR_PX } from './labels';

/** Plot's left margin when the y-axis is on the left. */
const PLOT_MARGIN_LEFT = 40;
/** Tick length and padding between the axis and its labels (Plot's 6 + 3), and a little slack. */
const TICK_PX = 11;

/** Left margin in px that fits `labels` as y-axis tick labels (at least Plot's 40). */
export function tickLabelMargin(labels: readonly string[]): number {
  const longest = labels.reduce((m, l) => Math.max(m, [...l].length), 0);
  return Math.max(PLOT_MARGIN_LEFT, TICK_PX + Math.ceil(longest * CHAR_PX));
}

/**
 * Draws the chart (`draw(undefined)`: Plot's own margin), reads the y tick labels it drew, and draws it again with
 * a wider left margin when they need one.
 */
export function fitLeftMargin(draw: (marginLeft?: number) => Element): Element {
  const first = draw(undefined);
  const svg = first.localName === 'svg' ? first : first.querySelector(':scope > svg');
  const labels = Array.from(svg?.querySelectorAll('g[aria-label="y-axis tick label"] text') ?? []).map((t) => t.textContent ?? '');
  const need = tickLabelMargin(labels);
  return need > PLOT_MARGIN_LEFT ? draw(need) : first;
}
