/**
 * Reference measurements quoted in the chapter "Validation loss goes up, accuracy stays flat" (loss-accuracy.mdx),
 * on the engine's CPU backend in Node, written to src/reference/loss-accuracy.json with their setup:
 * - the from-scratch run (src/demos/loss-accuracy.ts overfitSpec, seed 1, with probabilities recorded as the
 *   confidence and calibration demos do; recording does not change training): every epoch's training, validation
 *   and test loss and accuracy; the epoch of lowest validation loss; the mistakes and their confidence at that epoch
 *   and at the last; temperature scaling fitted on validation and applied to test, as the temperature view does;
 * - the pretrained-extractor run (transferSpec, seed 1).
 *   npm run reference -- loss-accuracy
 */
import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { accuracyOf, fitTemperature, meanNll, scaled, type ProbabilitySet } from '../../src/components/widgets/temperature/temperature';
import { overfitSpec, transferSpec } from '../../src/demos/loss-accuracy';
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

const r4 = (x: number) => Number(x.toFixed(4));

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

/** Mistakes of a binary set and how sure the model was of the true class on them. */
function mistakes(m: SetMetrics) {
  const pTrue = Array.from(m.labels!, (y, i) => (y === 1 ? m.probabilities![i] : 1 - m.probabilities![i]));
  const wrong = pTrue.filter((p) => p < 0.5);
  return {
    count: wrong.length,
    below01: wrong.filter((p) => p < 0.1).length,
    between04and06: wrong.filter((p) => p >= 0.4).length,
    meanPTrue: r4(wrong.reduce((s, p) => s + p, 0) / Math.max(1, wrong.length)),
  };
}

function summary(evals: EvalRecord[]) {
  const best = evals.reduce((b, e) => (e.validation!.loss < b.validation!.loss ? e : b));
  const last = evals.at(-1)!;
  const first = evals[0];
  const correct = evals.map((e) => Math.round(e.validation!.accuracy * e.validation!.n));
  const at = (e: EvalRecord) => ({
    epoch: e.epoch,
    validationLoss: r4(e.validation!.loss),
    validationAccuracy: r4(e.validation!.accuracy),
    validationCorrect: Math.round(e.validation!.accuracy * e.validation!.n),
    trainLoss: r4(e.train!.loss),
    trainAccuracy: r4(e.train!.accuracy),
    testLoss: r4(e.test!.loss),
    testAccuracy: r4(e.test!.accuracy),
    mistakes: mistakes(e.validation!),
  });
  return {
    validationImages: last.validation!.n,
    first: at(first),
    best: at(best),
    last: at(last),
    validationAccuracyRange: [r4(Math.min(...evals.map((e) => e.validation!.accuracy))), r4(Math.max(...evals.map((e) => e.validation!.accuracy)))],
    validationCorrectRange: [Math.min(...correct), Math.max(...correct)],
    epochs: evals.map((e) => ({ epoch: e.epoch, trainLoss: r4(e.train!.loss), validationLoss: r4(e.validation!.loss), validationAccuracy: r4(e.validation!.accuracy) })),
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
    testLossBefore: r4(meanNll(test.probabilities, test.labels, test.outputs)),
    testLossAfter: r4(meanNll(after, test.labels, test.outputs)),
    testAccuracyBefore: r4(accuracyOf(test.probabilities, test.labels, test.outputs)),
    testAccuracyAfter: r4(accuracyOf(after, test.labels, test.outputs)),
  };
}

it('loss-accuracy chapter reference', async () => {
  await tf.setBackend('cpu');
  const scratch = await train(overfitSpec);
  const transfer = await train(transferSpec);
  const s = summary(scratch.evals);
  const bestEval = scratch.evals.find((e) => e.epoch === s.best.epoch)!;
  writeReference('loss-accuracy', {
    setup: setupOf({
      backend: 'cpu (tfjs, Node)',
      specs: 'src/demos/loss-accuracy.ts overfitSpec and transferSpec (probabilities recorded), seed 1',
      data: scratch.spec.data,
      epochs: 30,
      batchSize: 2,
      seconds: { scratch: scratch.seconds, transfer: transfer.seconds },
    }),
    scratch: { ...s, temperature: { last: temperature(scratch.evals.at(-1)!), best: temperature(bestEval) } },
    transfer: summary(transfer.evals),
  });
});
