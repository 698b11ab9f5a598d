/**
 * Reference measurements quoted in the chapter "Validation loss goes up, accuracy stays flat" (loss-accuracy.mdx),
 * on the engine's CPU backend in Node, written to src/reference/loss-accuracy.json with their setup:
 * - the from-scratch run (src/demos/loss-accuracy.ts overfitSpec, seed 1, with probabilities recorded as the
 *   confidence and calibration demos do; recording does not change training): every epoch's training, validation
 *   and test loss and accuracy; the epoch of lowest validation loss; the mistakes and their confidence at that epoch
 *   and at the last; temperature scaling fitted on validation and applied to test, as the temperature view does;
 * - the pretrained-extractor run (transferSpec, seed 1);
 * - the ten-class run (multiclassSpec, seed 1) with 500 test images held out for calibration: temperature fitted on
 *   validation at the last epoch, and the test images' expected calibration error before and after (10 bins), as
 *   the temperature view computes it.
 *   npm run reference -- loss-accuracy
 */
import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { calibrationInput, expectedCalibrationError } from '../../src/components/charts/reliabilityChart';
import { accuracyOf, fitTemperature, meanNll, scaled, type ProbabilitySet } from '../../src/components/widgets/temperature/temperature';
import { multiclassSpec, overfitSpec, transferSpec } from '../../src/demos/loss-accuracy';
import { loadExperimentData } from '../../src/engine/data/source';
import { createNodeSource } from '../../src/engine/data/source-node';
import { loadPretrained } from '../../src/engine/model/pretrained';
import { createNodeModelSource } from '../../src/engine/model/pretrained-node';
import { assertSpec } from '../../src/engine/spec/parse';
import type { ExperimentSpecInput } from '../../src/engine/spec/schema';
import type { EvalRecord, SetMetrics } from '../../src/engine/train/evaluate';
import { RunController, type RunEvent } from '../../src/engine/train/run';
import { Trainer } from '../../src/engine/train/trainer';
import { setupOf, writeReference } from './write';

/** Six decimals: the prose rounds further, and rounding once avoids double rounding (0.63853 → 0.6385 → 0.638). */
const r6 = (x: number) => Number(x.toFixed(6));

async function train(input: ExperimentSpecInput) {
  const spec = assertSpec({ ...input, record: { ...input.record!, probabilities: true } });
  const data = await loadExperimentData(createNodeSource(), { ...spec.data, seed: spec.seed }, () => undefined);
  const pretrained = spec.model.kind === 'layers' && spec.model.pretrained ? await loadPretrained(createNodeModelSource(), spec) : undefined;
  const trainer = new Trainer(spec, { ...data, pretrained });
  const evals: EvalRecord[] = [];
  const t0 = performance.now();
  await new RunController(trainer, (e: RunEvent) => {
    if (e.type === 'eval') evals.push(e.record);
  }, { sliceMs: 0 }).start();
  const seconds = Math.round((performance.now() - t0) / 1000);
  trainer.dispose();
  return { spec, evals, seconds };
}

const set = (m: SetMetrics): ProbabilitySet => ({ probabilities: m.probabilities!, labels: m.labels!, outputs: m.outputs });

/** Rows of an evaluation's probabilities (one per example: 1 output for binary, k for multiclass). */
const rowsOf = (m: SetMetrics) => Array.from({ length: m.n }, (_, i) => Array.from(m.probabilities!.subarray(i * m.outputs, (i + 1) * m.outputs)));

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

function summary(evals: EvalRecord[]) {
  const best = evals.reduce((b, e) => (e.validation!.loss < b.validation!.loss ? e : b));
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
  });
  return {
    validationImages: last.validation!.n,
    first: at(first),
    best: at(best),
    last: at(last),
    validationAccuracyRange: [r6(Math.min(...evals.map((e) => e.validation!.accuracy))), r6(Math.max(...evals.map((e) => e.validation!.accuracy)))],
    validationCorrectRange: [Math.min(...correct), Math.max(...correct)],
    epochs: evals.map((e) => ({ epoch: e.epoch, trainLoss: r6(e.train!.loss), validationLoss: r6(e.validation!.loss), validationAccuracy: r6(e.validation!.accuracy) })),
  };
}

/** Temperature scaling as the temperature view does it: T fitted on validation at an epoch, applied to test. */
function temperature(e: EvalRecord) {
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
    testEceBefore: r6(ece(Array.from(test.probabilities), test.labels, test.outputs)),
    testEceAfter: r6(ece(Array.from(after), test.labels, test.outputs)),
  };
}

/** Expected calibration error (10 bins) of row-major probabilities, as the reliability and temperature views do. */
function ece(probabilities: number[], labels: ArrayLike<number>, outputs: number) {
  const rows = Array.from({ length: labels.length }, (_, i) => probabilities.slice(i * outputs, (i + 1) * outputs));
  return expectedCalibrationError(calibrationInput(rows, labels), 10);
}

it('loss-accuracy chapter reference', async () => {
  await tf.setBackend('cpu');
  const scratch = await train(overfitSpec);
  const transfer = await train(transferSpec);
  const multiclass = await train({ ...multiclassSpec, data: { ...multiclassSpec.data, test: 500 } });
  const s = summary(scratch.evals);
  const bestEval = scratch.evals.find((e) => e.epoch === s.best.epoch)!;
  writeReference('loss-accuracy', {
    setup: setupOf({
      backend: 'cpu (tfjs, Node)',
      specs: 'src/demos/loss-accuracy.ts overfitSpec and transferSpec (probabilities recorded), seed 1',
      data: scratch.spec.data,
      epochs: 30,
      batchSize: 2,
      multiclassData: multiclass.spec.data,
      seconds: { scratch: scratch.seconds, transfer: transfer.seconds, multiclass: multiclass.seconds },
    }),
    scratch: { ...s, temperature: { last: temperature(scratch.evals.at(-1)!), best: temperature(bestEval) } },
    transfer: summary(transfer.evals),
    multiclass: { ...summary(multiclass.evals), temperature: { last: temperature(multiclass.evals.at(-1)!) } },
  });
});
