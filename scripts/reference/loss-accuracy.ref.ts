/**
 * Reference measurements quoted in the chapter "Validation loss goes up, accuracy stays flat" (loss-accuracy.mdx),
 * on the engine's CPU backend in Node, written to src/reference/loss-accuracy.json with their setup:
 * - the from-scratch run (src/demos/loss-accuracy.ts overfitSpec, seed 1, batch size 2, with probabilities recorded
 *   as the confidence and calibration demos do; recording does not change training): every epoch's training,
 *   validation and test loss and accuracy; the epoch of lowest validation loss; the mistakes and their confidence at
 *   that epoch and at the last; where the validation loss comes from (the mistakes with p < 0.1 and the rest, as the
 *   loss-share view computes it); temperature scaling fitted on validation and applied to test, as the temperature
 *   view does;
 * - the same at batch size 16 (the learner used 2), seeds 1, 2 and 3, and their spread;
 * - the same at batch size 2, seed 1, with label smoothing 0.1 (the remedies demo's control);
 * - the pretrained-extractor run (transferSpec, seed 1; the fine-tuned variant is loss-accuracy-finetune.ref.ts);
 * - the ten-class run (multiclassSpec, seed 1) with 500 test images held out for calibration: temperature fitted on
 *   validation at the last epoch, and the test images' expected calibration error before and after (10 bins), as
 *   the temperature view computes it.
 *   npm run reference -- loss-accuracy      (about 10 minutes on a busy 2-core CPU)
 */
import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { multiclassSpec, overfitSpec, transferSpec } from '../../src/demos/loss-accuracy';
import type { ExperimentSpecInput } from '../../src/engine/spec/schema';
import { spread, summary, temperature, train } from './loss-accuracy-runs';
import { setupOf, writeReference } from './write';

const BATCH_SEEDS = [1, 2, 3];
const SMOOTHING = 0.1;
const withTraining = (patch: Partial<NonNullable<ExperimentSpecInput['training']>>, seed = overfitSpec.seed): ExperimentSpecInput => ({
  ...overfitSpec,
  seed,
  training: { ...overfitSpec.training, ...patch },
});

/** Runs at batch size 16, one per seed, and the spread of what the chapter compares with the batch-2 run. */
async function batch16() {
  const runs = [];
  for (const seed of BATCH_SEEDS) runs.push({ seed, ...(await train(withTraining({ batchSize: 16 }, seed))) });
  const sums = runs.map((r) => summary(r.evals));
  return {
    batchSize: 16,
    seeds: BATCH_SEEDS,
    seconds: runs.map((r) => r.seconds),
    spread: {
      bestEpoch: spread(sums.map((x) => x.best.epoch)),
      bestValidationLoss: spread(sums.map((x) => x.best.validationLoss)),
      lastValidationLoss: spread(sums.map((x) => x.last.validationLoss)),
      lossRise: spread(sums.map((x) => x.lossRise)),
      correctChange: spread(sums.map((x) => x.correctChange)),
      correctFromBestLeast: Math.min(...sums.map((x) => x.validationCorrectFromBest[0])),
      correctFromBestMost: Math.max(...sums.map((x) => x.validationCorrectFromBest[1])),
      lastConfidentMistakes: spread(sums.map((x) => x.last.lossShare.confident)),
      lastConfidentShare: spread(sums.map((x) => x.last.lossShare.share)),
      /** Seeds whose validation loss ended above its lowest, and the part of that rise from the mistakes with p < 0.1. */
      seedsWithRise: sums.filter((x) => x.riseFromConfident !== null).length,
      riseFromConfident: spread(sums.flatMap((x) => (x.riseFromConfident === null ? [] : [x.riseFromConfident]))),
    },
    runs: Object.fromEntries(sums.map((x, i) => [`s${BATCH_SEEDS[i]}`, x])),
  };
}

it('loss-accuracy chapter reference', async () => {
  await tf.setBackend('cpu');
  const scratch = await train(overfitSpec);
  const batch = await batch16();
  const smoothing = await train(withTraining({ labelSmoothing: SMOOTHING }));
  const transfer = await train(transferSpec);
  const multiclass = await train({ ...multiclassSpec, data: { ...multiclassSpec.data, test: 500 } });
  const s = summary(scratch.evals);
  const bestEval = scratch.evals.find((e) => e.epoch === s.best.epoch)!;
  writeReference('loss-accuracy', {
    setup: setupOf({
      backend: 'cpu (tfjs, Node)',
      specs:
        'src/demos/loss-accuracy.ts overfitSpec (batch size 2; 16 at seeds 1-3; label smoothing 0.1), transferSpec and multiclassSpec (probabilities recorded), seed 1',
      data: scratch.spec.data,
      epochs: 30,
      batchSize: 2,
      multiclassData: multiclass.spec.data,
      seconds: {
        scratch: scratch.seconds,
        batch16: batch.seconds,
        smoothing: smoothing.seconds,
        transfer: transfer.seconds,
        multiclass: multiclass.seconds,
      },
    }),
    scratch: { ...s, temperature: { last: temperature(scratch.evals.at(-1)!), best: temperature(bestEval) } },
    batch16: batch,
    smoothing: {
      labelSmoothing: SMOOTHING,
      batchSize: 2,
      seed: smoothing.spec.seed,
      ...summary(smoothing.evals),
      temperature: { last: temperature(smoothing.evals.at(-1)!) },
    },
    transfer: summary(transfer.evals),
    multiclass: { ...summary(multiclass.evals), temperature: { last: temperature(multiclass.evals.at(-1)!) } },
  });
});
