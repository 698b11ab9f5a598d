/**
 * Temperature scaling: divide a trained model's logits z by one number T > 0, p = softmax(z / T) (binary:
 * σ(z / T)), with T fitted to minimise the mean cross-entropy −ln p(true class) on held-out examples. T > 1 softens
 * over-confident predictions, T < 1 sharpens timid ones; the arg-max, and so the accuracy, never changes.
 * Source: Guo, Pleiss, Sun & Weinberger, "On Calibration of Modern Neural Networks", ICML 2017 (§4.2).
 *
 * Works from stored probabilities: binary logits are ln(p / (1 − p)), multiclass log-probabilities are logits up to
 * a constant per row (which softmax ignores). Pure TypeScript: no Plot, no tfjs, no DOM.
 */

/** Probabilities are float32 and may round to exactly 0 or 1; clamp so every logit is finite. */
export const EPS = 1e-7;

/** One evaluated set: n rows of `outputs` probabilities (1 = p(positive), binary) and the true labels. */
export interface ProbabilitySet {
  probabilities: ArrayLike<number>;
  labels: ArrayLike<number>;
  outputs: number;
}

const clamp = (p: number) => Math.min(1 - EPS, Math.max(EPS, p));

/** Logits recovered from the probabilities, row-major like the probabilities (binary: one logit per row). */
export function logitsOf(set: ProbabilitySet): Float64Array {
  const { probabilities: ps, outputs } = set;
  const out = new Float64Array(ps.length);
  for (let i = 0; i < ps.length; i++) {
    const p = clamp(ps[i]);
    out[i] = outputs === 1 ? Math.log(p / (1 - p)) : Math.log(p);
  }
  return out;
}

/** Probabilities after dividing the logits by T. */
export function scaled(set: ProbabilitySet, t: number, logits = logitsOf(set)): Float64Array {
  const { outputs } = set;
  const out = new Float64Array(logits.length);
  if (outputs === 1) {
    for (let i = 0; i < logits.length; i++) out[i] = 1 / (1 + Math.exp(-logits[i] / t));
    return out;
  }
  for (let r = 0; r < logits.length / outputs; r++) {
    let max = -Infinity;
    for (let k = 0; k < outputs; k++) max = Math.max(max, logits[r * outputs + k] / t);
    let sum = 0;
    for (let k = 0; k < outputs; k++) sum += out[r * outputs + k] = Math.exp(logits[r * outputs + k] / t - max);
    for (let k = 0; k < outputs; k++) out[r * outputs + k] /= sum;
  }
  return out;
}

/** Mean cross-entropy −ln p(true class) of probabilities (clamped like the logits). */
export function meanNll(probabilities: ArrayLike<number>, labels: ArrayLike<number>, outputs: number): number {
  const n = labels.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = outputs === 1 ? (labels[i] > 0.5 ? probabilities[i] : 1 - probabilities[i]) : probabilities[i * outputs + labels[i]];
    sum -= Math.log(clamp(p));
  }
  return n ? sum / n : NaN;
}

/**
 * The T in [tMin, tMax] with the lowest mean cross-entropy on `set` (golden-section search on ln T, to a bracket of
 * 1e-6 in ln T; the loss is convex in 1/T, so it has one minimum). A set the model gets all right has no inner
 * minimum (the loss falls as T → 0): the fit returns a small T, between tMin and where the clamped loss stops
 * falling; a set it gets all wrong gives about tMax. NaN for a set with no examples.
 */
export function fitTemperature(set: ProbabilitySet, tMin = 0.05, tMax = 50): number {
  if (set.labels.length === 0) return NaN;
  const logits = logitsOf(set);
  const f = (lnT: number) => meanNll(scaled(set, Math.exp(lnT), logits), set.labels, set.outputs);
  const g = (Math.sqrt(5) - 1) / 2;
  let a = Math.log(tMin);
  let b = Math.log(tMax);
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 80 && b - a > 1e-6; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return Math.exp((a + b) / 2);
}

/** Share of rows whose arg-max (binary: p ≥ 0.5 → positive) is the true label. */
export function accuracyOf(probabilities: ArrayLike<number>, labels: ArrayLike<number>, outputs: number): number {
  const n = labels.length;
  let right = 0;
  for (let i = 0; i < n; i++) {
    let pick: number;
    if (outputs === 1) pick = probabilities[i] > 0.5 ? 1 : 0;
    else {
      pick = 0;
      for (let k = 1; k < outputs; k++) if (probabilities[i * outputs + k] > probabilities[i * outputs + pick]) pick = k;
    }
    if (pick === labels[i]) right++;
  }
  return n ? right / n : NaN;
}
