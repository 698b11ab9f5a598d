/**
 * What the loss-accuracy reference scripts share (loss-accuracy.ref.ts, loss-accuracy-finetune.ref.ts): train a
 * spec on the engine's CPU backend in Node with probabilities recorded, and summarise its evaluations as the chapter
 * quotes them (best and last epoch, mistakes and their confidence, where the validation loss comes from, temperature
 * scaling). Not a .ref.ts file: vitest runs only those.
 */
import { exampleLosses } from '../../src/components/experiment/views/probabilities/data';
import { lowestBy } from '../../src/metrics/bestEpoch';
import { calibrationInputOf, expectedCalibrationError } from '../../src/metrics/calibration';
import { lossShare } from '../../src/metrics/lossShare';
import { accuracyOf, fitTemperature, meanNll, scaled, type ProbabilitySet } from '../../src/metrics/temperature';
import { loadExperimentData } from '../../src/engine/data/source';
import { createNodeSource } from '../../src/engine/data/source-node';
import { loadPretrained } from '../../src/engine/model/pretrained';
import { createNodeModelSource } from '../../src/engine/model/pretrained-node';
import { assertSpec } from '../../src/engine/spec/parse';
import type { ExperimentSpecInput } from '../../src/engine/spec/schema';
import type { EvalRecord, SetMetrics } from '../../src/engine/train/evaluate';
import { RunController, type RunEvent } from '../../src/engine/train/run';
import { Trainer } from '../../src/engine/train/trainer';

/** Six decimals: the prose rounds further, and rounding once avoids double rounding (0.63853 → 0.6385 → 0.638). */
export const r6 = (x: number) => Number(x.toFixed(6));

export async function train(input: ExperimentSpecInput) {
  const spec = assertSpec({ ...input, record: { ...input.record!, probabilities: true } });
  const data = await loadExperimentData(createNodeSource(), { ...spec.data, seed: spec.seed }, () => undefined);
  const pretrained =
    spec.model.kind === 'layers' && spec.model.pretrained ? await loadPretrained(createNodeModelSource(), spec) : undefined;
  const trainer = new Trainer(spec, { ...data, pretrained });
  const evals: EvalRecord[] = [];
  const t0 = performance.now();
  await new RunController(
    trainer,
    (e: RunEvent) => {
      if (e.type === 'eval') evals.push(e.record);
    },
    { sliceMs: 0 },
  ).start();
  const seconds = Math.round((performance.now() - t0) / 1000);
  trainer.dispose();
  return { spec, evals, seconds };
}

const set = (m: SetMetrics): ProbabilitySet => ({ probabilities: m.probabilities!, labels: m.labels!, outputs: m.outputs });

/** Rows of an evaluation's probabilities (one per example: 1 output for binary, k for multiclass). */
const rowsOf = (m: SetMetrics) =>
  Array.from({ length: m.n }, (_, i) => Array.from(m.probabilities!.subarray(i * m.outputs, (i + 1) * m.outputs)));

/** Mistakes of a set (binary: p < 0.5 for the true class; multiclass: another class ranked first) and their p. */
function mistakes(m: SetMetrics) {
  const rows = rowsOf(m);
  const pTrue = rows.map((r, i) => (m.outputs === 1 ? (m.labels![i] === 1 ? r[0] : 1 - r[0]) : r[m.labels![i]]));
  const wrongAt = rows.map((r, i) => (m.outputs === 1 ? pTrue[i] < 0.5 : r.indexOf(Math.max(...r)) !== m.labels![i]));
  const wrong = pTrue.filter((_, i) => wrongAt[i]);
  return {
    count: wrong.length,
    below01: wrong.filter((p) => p < 0.1).length,
    between04and06: wrong.filter((p) => p >= 0.4).length,
    meanPTrue: r6(wrong.reduce((s, p) => s + p, 0) / Math.max(1, wrong.length)),
  };
}

/**
 * Where a set's loss comes from, as the loss-share view computes it: each example's loss (from the logits) summed
 * over the mistakes with p(true class) < 0.1 and over every other example, each divided by the set's size.
 */
function lossShareOf(e: EvalRecord) {
  const s = lossShare(e.epoch, exampleLosses(e.validation!), 0.1);
  return {
    confident: s.confident,
    confidentLoss: r6(s.confidentLoss),
    rest: s.rest,
    restLoss: r6(s.restLoss),
    loss: r6(s.loss),
    share: r6(s.share),
  };
}

/**
 * Binary tasks: the area under the ROC curve of a set, the chance that a random positive gets a higher p(positive)
 * than a random negative (ties count half). It depends only on how the examples are ranked, not on the probabilities'
 * values: a measure of ranking that calibration does not touch. Null for multiclass sets.
 */
function auc(m: SetMetrics): number | null {
  if (m.outputs !== 1) return null;
  const p = m.probabilities!;
  const pos: number[] = [];
  const neg: number[] = [];
  m.labels!.forEach((l, i) => (l === 1 ? pos : neg).push(p[i]));
  let wins = 0;
  for (const a of pos) for (const b of neg) wins += a > b ? 1 : a === b ? 0.5 : 0;
  return r6(wins / (pos.length * neg.length));
}

/** A spread over runs, as <Ref format="range"> shows it. */
export const spread = (values: number[]) => ({ min: Math.min(...values), max: Math.max(...values) });

export function summary(evals: EvalRecord[]) {
  const best = lowestBy(evals, (e) => e.validation!.loss)!;
  const last = evals.at(-1)!;
  const first = evals[0];
  const correct = evals.map((e) => Math.round(e.validation!.accuracy * e.validation!.n));
  const at = (e: EvalRecord) => ({
    epoch: e.epoch,
    validationLoss: r6(e.validation!.loss),
    validationAccuracy: r6(e.validation!.accuracy),
    validationCorrect: Math.round(e.validation!.accuracy * e.validation!.n),
    trainLoss: r6(e.train!.loss),
    trainAccuracy: r6(e.train!.accuracy),
    testLoss: r6(e.test!.loss),
    testAccuracy: r6(e.test!.accuracy),
    mistakes: mistakes(e.validation!),
    lossShare: lossShareOf(e),
    /** The largest single validation example's loss −ln p (from the logits). */
    worstLoss: r6(Math.max(...e.validation!.losses!)),
    validationAuc: auc(e.validation!),
    testAuc: auc(e.test!),
  });
  const fromBest = correct.slice(evals.indexOf(best));
  return {
    validationImages: last.validation!.n,
    first: at(first),
    best: at(best),
    last: at(last),
    validationAccuracyRange: [
      r6(Math.min(...evals.map((e) => e.validation!.accuracy))),
      r6(Math.max(...evals.map((e) => e.validation!.accuracy))),
    ],
    validationCorrectRange: [Math.min(...correct), Math.max(...correct)],
    /** Validation images right at each epoch from the best one to the last: the least and the most. */
    validationCorrectFromBest: [Math.min(...fromBest), Math.max(...fromBest)],
    /** Last validation loss ÷ lowest (how far it rose), and images right at the last epoch minus at the best. */
    lossRise: r6(last.validation!.loss / best.validation!.loss),
    correctChange: correct.at(-1)! - correct[evals.indexOf(best)],
    /** Of the validation loss's rise from the best epoch to the last, the part that came from the mistakes with p < 0.1. */
    riseFromConfident:
      last.validation!.loss > best.validation!.loss
        ? r6((lossShareOf(last).confidentLoss - lossShareOf(best).confidentLoss) / (lossShareOf(last).loss - lossShareOf(best).loss))
        : null,
    epochs: evals.map((e) => ({
      epoch: e.epoch,
      trainLoss: r6(e.train!.loss),
      validationLoss: r6(e.validation!.loss),
      validationAccuracy: r6(e.validation!.accuracy),
      confidentMistakes: lossShareOf(e).confident,
      confidentLoss: lossShareOf(e).confidentLoss,
    })),
  };
}

/** Temperature scaling as the temperature view does it: T fitted on validation at an epoch, applied to test; ECE over 10 bins. */
export function temperature(e: EvalRecord) {
  const t = fitTemperature(set(e.validation!));
  const test = set(e.test!);
  const after = scaled(test, t);
  return {
    epoch: e.epoch,
    T: Number(t.toFixed(2)),
    testLossBefore: r6(meanNll(test.probabilities, test.labels, test.outputs)),
    testLossAfter: r6(meanNll(after, test.labels, test.outputs)),
    testAccuracyBefore: r6(accuracyOf(test.probabilities, test.labels, test.outputs)),
    testAccuracyAfter: r6(accuracyOf(after, test.labels, test.outputs)),
    testEceBefore: r6(expectedCalibrationError(calibrationInputOf(test), 10)),
    testEceAfter: r6(expectedCalibrationError(calibrationInputOf({ ...test, probabilities: after }), 10)),
  };
}
