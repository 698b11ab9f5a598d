/**
 * Per-example predictions of a run's evaluations, as the probability views need them. Pure: typed arrays from
 * the engine in, plain rows out.
 */
import type { EvalRecord, SetMetrics } from '../../../../engine/train/evaluate';
import type { ExampleLoss } from '../../../../metrics/lossShare';
import type { ExampleProbability } from '../../../../metrics/confidence';
import type { Run } from '../../store/run';

export type HeldOut = 'validation' | 'test';

/** The evaluations of `run` that carry probabilities for `split` (validation, else test when it has none). */
export function evaluationsWithProbabilities(
  run: Run | null,
  split?: HeldOut,
): { split: HeldOut; evals: { record: EvalRecord; set: SetMetrics }[] } {
  const records = run?.evals ?? [];
  const pick = (s: HeldOut) => records.filter((r) => r[s]?.probabilities && r[s]?.labels).map((record) => ({ record, set: record[s]! }));
  if (split) return { split, evals: pick(split) };
  const validation = pick('validation');
  return validation.length ? { split: 'validation', evals: validation } : { split: 'test', evals: pick('test') };
}

/** Row i of the n × outputs probabilities. */
export function probabilityRows(set: SetMetrics): number[][] {
  const p = set.probabilities!;
  const k = set.outputs;
  return Array.from({ length: set.n }, (_, i) => Array.from(p.subarray(i * k, i * k + k)));
}

/** The predicted label of each example: p > 0.5 for one output, the argmax otherwise. */
export function predictedLabels(set: SetMetrics): number[] {
  return probabilityRows(set).map((row) => (row.length === 1 ? (row[0] > 0.5 ? 1 : 0) : row.indexOf(Math.max(...row))));
}

/** Each example's probability of its true label, and whether the prediction was right. */
export function exampleProbabilities(set: SetMetrics, labelNames: readonly string[]): ExampleProbability[] {
  const rows = probabilityRows(set);
  const predicted = predictedLabels(set);
  return rows.map((row, index) => {
    const label = set.labels![index];
    const pTrue = row.length === 1 ? (label === 1 ? row[0] : 1 - row[0]) : row[label];
    return { index, label, labelName: labelNames[label] ?? String(label), pTrue, correct: predicted[index] === label };
  });
}

/** Each example's probability of its true class, whether it was right, and its loss (from the logits, when recorded). */
export function exampleLosses(set: SetMetrics): ExampleLoss[] {
  return exampleProbabilities(set, []).map((e) => ({ pTrue: e.pTrue, correct: e.correct, loss: set.losses?.[e.index] }));
}
