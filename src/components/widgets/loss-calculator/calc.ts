/**
 * The loss calculator's arithmetic, pure: one example's cross-entropy −ln p from the predicted probability of
 * its true class (and its squared error (1 − p)² for comparison), which side of the decision threshold p falls on, the reader's typed value parsed, and the
 * curve the widget draws. No DOM, no Preact.
 */

/** Cross-entropy of one example whose true class got probability p: −ln p (Infinity at p = 0). */
export function exampleLoss(p: number): number {
  return -Math.log(p);
}

/**
 * Squared error of one example whose true class got probability p, (1 − p)² (the target is 1): below 1 for every
 * p > 0, however confident the mistake — unlike −ln p, which has no ceiling.
 */
export function squaredError(p: number): number {
  return (1 - p) ** 2;
}

/**
 * A squared error to at most 4 decimals without trailing zeros (0.36, 0.9801); a value below 1 that would round
 * to 1 is written 0.9999…, so the reader never sees a squared error of 1 where it is less.
 */
export function formatSquared(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const s = String(Number(v.toFixed(4)));
  return v < 1 && s === '1' ? '0.9999…' : s;
}

/** Where p falls against the threshold: the prediction is right above it, wrong below it, a tie on it. */
export type Side = 'right' | 'wrong' | 'tie';

export function sideOf(p: number, threshold = 0.5): Side {
  return p > threshold ? 'right' : p < threshold ? 'wrong' : 'tie';
}

/** A parsed probability, or the reason it is not one (in the words the config gives). */
export type Parsed = { ok: true; p: number } | { ok: false; reason: 'empty' | 'nan' | 'range' | 'zero' };

/** Parses what the reader typed: "0.001", "1e-3", ".4", "40%". Accepts 0 < p ≤ 1. */
export function parseProbability(text: string): Parsed {
  const t = text.trim().replace(',', '.');
  if (t === '') return { ok: false, reason: 'empty' };
  const percent = t.endsWith('%');
  const body = percent ? t.slice(0, -1).trim() : t;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) return { ok: false, reason: 'nan' };
  const p = Number(body) / (percent ? 100 : 1);
  if (!Number.isFinite(p)) return { ok: false, reason: 'nan' };
  if (p === 0) return { ok: false, reason: 'zero' };
  if (p < 0 || p > 1) return { ok: false, reason: 'range' };
  return { ok: true, p };
}

/** A probability as the reader would write it: 0.4, 0.01, 0.001, 1.5e-5 (no float noise). */
export function formatP(p: number): string {
  if (p >= 0.0001) return String(Number(p.toPrecision(6)));
  return p.toExponential(2).replace(/\.?0+e/, 'e');
}

/** A loss to 2 decimals, as the thread quotes them (0.92, 2.30, 4.61, 6.91). */
export function formatLoss(loss: number, digits = 2): string {
  return Number.isFinite(loss) ? loss.toFixed(digits) : '∞';
}

/** Slider position (0–1000) ↔ p on a log scale from 10^minExp to 1, so 0.001 is as easy to reach as 0.4. */
export function sliderToP(pos: number, minExp = -4): number {
  return 10 ** (minExp + (-minExp * pos) / 1000);
}
export function pToSlider(p: number, minExp = -4): number {
  return Math.round(((Math.log10(Math.max(p, 10 ** minExp)) - minExp) / -minExp) * 1000);
}

/**
 * SVG path of −ln p (or of `loss`, e.g. squaredError) for p in [pMin, 1] in a box of `width` × `height`, loss axis
 * up to `maxLoss`.
 */
export function lossPath(
  width: number,
  height: number,
  maxLoss: number,
  pMin = 0.001,
  steps = 160,
  loss: (p: number) => number = exampleLoss,
): string {
  const pts: string[] = [];
  for (let i = 0; i <= steps; i++) {
    // Denser near 0, where the curve is steep.
    const p = pMin + (1 - pMin) * (i / steps) ** 2;
    const x = p * width;
    const y = height - (Math.min(loss(p), maxLoss) / maxLoss) * height;
    pts.push(`${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return pts.join(' ');
}
