/**
 * Class names on narrow axes: shortened so they stay readable at 375 px, with room computed from their
 * length (system-ui at the charts' 12 px averages about 7 px a character).
 */

/** Average width of one axis-label character in px (system-ui at CHART_FONT_PX, 12 px, with some slack). */
export const CHAR_PX = 7;

/** `label` cut to at most `max` characters with a trailing "…" (the full name belongs in a title). */
export function abbreviate(label: string, max: number): string {
  const chars = [...label];
  if (chars.length <= max) return label;
  return max <= 1
    ? '…'
    : chars
        .slice(0, max - 1)
        .join('')
        .trimEnd() + '…';
}

/** Left margin in px that fits the longest of `labels` (as shown), clamped to [min, max]. */
export function labelMargin(labels: readonly string[], min = 24, max = 140): number {
  const longest = labels.reduce((m, l) => Math.max(m, [...l].length), 0);
  return Math.max(min, Math.min(max, 10 + longest * CHAR_PX));
}

/**
 * How many characters of a class name fit in `px` pixels (at least 3), e.g. the left margin a chart can
 * give its labels at a width: maxChars(96) === 12.
 */
export function maxChars(px: number): number {
  return Math.max(3, Math.floor((px - 10) / CHAR_PX));
}

/** Class names `names[k]`, or "class k" where a name is missing. */
export function classNames(k: number, names: readonly string[] = []): string[] {
  return Array.from({ length: Math.max(0, k) }, (_, i) => names[i] ?? `class ${i}`);
}
