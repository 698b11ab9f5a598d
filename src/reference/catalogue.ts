/**
 * The instructor catalogue's data (the "Demos for instructors" page, src/content/docs/about/kit.mdx): what each
 * demo's reference run gave, as sentences with figures from the reference data, and the few numbers the catalogue
 * needs that are not in a demo config. The list of demos itself comes from the registry (src/demos/index.ts), never
 * from here; src/components/book/catalogue.ts puts the two together.
 *
 * An expected result is text with reference keys in braces: `{learning-rate.learner.finalCost}`, optionally with a
 * format and decimals, `{loss-accuracy.scratch.best.validationAccuracy|percent|1}` (the formats of `<Ref>`,
 * src/reference/lookup.ts). An unknown key fails the build and tests/unit/book/catalogue.test.ts.
 */
import embedHeights from './embed-heights.json';

export interface Expected {
  /** The settings the reference run used, when not the demo's defaults (e.g. "At learning rate 1"). */
  setting?: string;
  /** One or two sentences with `{reference.key|format|digits}` placeholders. */
  text: string;
}

export const EXPECTED: Record<string, Expected> = {
  'lr-stuck': {
    setting: 'At learning rate 1 (seed 9)',
    text: 'the cost stops at {learning-rate.learner.finalCost} with {learning-rate.learner.deadUnits} of 7 hidden units dead and ‖dW1‖ exactly 0 from iteration {learning-rate.learner.zeroGradFromIteration}; over {learning-rate.survey.seeds} seeds, all seven die in {learning-rate.survey.allDead} ({learning-rate.survey.allDeadShare|percent}).',
  },
  'loss-overfit': {
    text: 'validation loss is lowest at epoch {loss-accuracy.scratch.best.epoch} ({loss-accuracy.scratch.best.validationLoss|number|3}) and reaches {loss-accuracy.scratch.last.validationLoss|number|3} at epoch 30, while validation accuracy stays between {loss-accuracy.scratch.validationAccuracyRange.0|percent} and {loss-accuracy.scratch.validationAccuracyRange.1|percent}.',
  },
  'loss-confidence': {
    text: 'at epoch 30, {loss-accuracy.scratch.last.mistakes.below01} of the {loss-accuracy.scratch.last.mistakes.count} validation mistakes have p(true class) below 0.1, and they carry {loss-accuracy.scratch.last.lossShare.share|percent} of the validation loss.',
  },
  'loss-transfer': {
    text: 'validation loss is lowest at epoch {loss-accuracy.transfer.best.epoch} ({loss-accuracy.transfer.best.validationLoss|number|3}), {loss-accuracy.transfer.last.validationLoss|number|3} at epoch 30; validation accuracy {loss-accuracy.transfer.last.validationAccuracy|percent} at the end.',
  },
  'loss-finetune': {
    text: 'validation loss is lowest at epoch {loss-accuracy-finetune.finetune.best.epoch} ({loss-accuracy-finetune.finetune.best.validationLoss|number|3}), {loss-accuracy-finetune.finetune.last.validationLoss|number|3} at epoch 30; validation accuracy {loss-accuracy-finetune.finetune.last.validationAccuracy|percent} at the end.',
  },
  'loss-calibration': {
    text: 'at epoch 30 a temperature of {loss-accuracy.scratch.temperature.last.T} fitted on validation takes the test loss from {loss-accuracy.scratch.temperature.last.testLossBefore|number|3} to {loss-accuracy.scratch.temperature.last.testLossAfter|number|3} with the same test accuracy.',
  },
  'loss-multiclass': {
    text: 'validation loss is lowest at epoch {loss-accuracy.multiclass.best.epoch} ({loss-accuracy.multiclass.best.validationLoss|number|3}) and {loss-accuracy.multiclass.last.validationLoss|number|3} at epoch 30, while validation accuracy ends at {loss-accuracy.multiclass.last.validationAccuracy|percent}.',
  },
  'loss-remedies': {
    setting: 'With label smoothing 0.1',
    text: 'validation loss is lowest at epoch {loss-accuracy.smoothing.best.epoch} ({loss-accuracy.smoothing.best.validationLoss|number|3}) and {loss-accuracy.smoothing.last.validationLoss|number|3} at epoch 30 (without smoothing: {loss-accuracy.scratch.last.validationLoss|number|3}).',
  },
  'depth-cnn': {
    text: '{depth.runs.cnn5.setup.parameters} parameters with five blocks, {depth.runs.cnn3.setup.parameters} with three and {depth.runs.cnn2.setup.parameters} with two; validation accuracy at the end {depth.runs.cnn5.final.heldOutAccuracy|percent}, {depth.runs.cnn3.final.heldOutAccuracy|percent} and {depth.runs.cnn2.final.heldOutAccuracy|percent}.',
  },
  'depth-mlp': {
    text: 'mean final test loss over 3 seeds: {depth.mlpMeans.six.finalHeldOutLoss|number|2} with six layers, {depth.mlpMeans.five.finalHeldOutLoss|number|2} with five, {depth.mlpMeans.four.finalHeldOutLoss|number|2} with four.',
  },
  'depth-gap': {
    text: 'training accuracy {depth.runs.cnn2.final.trainAccuracy|percent}, validation {depth.runs.cnn2.final.heldOutAccuracy|percent}; with 1,200 training images validation loss bottoms out at {depth.runs.gap-train1200.lowestHeldOutLoss.loss|number|3} (300 images: {depth.runs.cnn2.lowestHeldOutLoss.loss|number|3}).',
  },
  'pool-dense': {
    text: 'validation accuracy {pooling.stacks.dense.validationAccuracy|range|3} over {pooling.stacks.dense.seeds} seeds, {pooling.stacks.dense.parameters} parameters; on 10,000 training images {pooling.stacks.dense10k.validationAccuracy|range|3}.',
  },
  'pool-with': {
    text: 'validation accuracy {pooling.stacks.course.validationAccuracy|range|3} over {pooling.stacks.course.seeds} seeds, {pooling.stacks.course.parameters} parameters; on 10,000 training images {pooling.stacks.course10k.validationAccuracy|range|3}.',
  },
  'pool-without': {
    setting: 'At 5 epochs',
    text: 'validation accuracy {pooling.stacks.noPool.validationAccuracy|range|3} over {pooling.stacks.noPool.seeds} seeds, training accuracy {pooling.stacks.noPool.trainAccuracy|range|3}, {pooling.stacks.noPool.parameters} parameters.',
  },
  'pool-avg2': {
    text: 'validation accuracy {pooling.stacks.avg2.validationAccuracy|range|3} over {pooling.stacks.avg2.seeds} seeds.',
  },
  'pool-stride2': {
    text: 'validation accuracy {pooling.stacks.stride2.validationAccuracy|range|3} over {pooling.stacks.stride2.seeds} seeds, {pooling.stacks.stride2.parameters} parameters.',
  },
  'pool-shift': {
    text: 'with pooling the predicted class holds at every shift for {pooling.stacks.course.heldAtEveryShift|range} of 100 validation images (dense only: {pooling.stacks.dense.heldAtEveryShift|range}); cosine similarity at 4 px {pooling.stacks.course.cosineAt4|range|3} (dense only: {pooling.stacks.dense.cosineAt4|range|3}).',
  },
};

/**
 * The GPU figure the catalogue scales from: the engine on an NVIDIA H100 (WebGPU through Dawn in Node), the course
 * CNN at batch 64 (BENCHMARKS.md, "engine ≥ 3× stock model.fit"). An estimate for any other demo, never a measurement.
 */
export const GPU_REFERENCE = {
  device: 'an NVIDIA H100',
  /** Milliseconds per training step of the course CNN at batch 64. */
  msPerStep: 5.6,
  batch: 64,
  source: 'BENCHMARKS.md',
} as const;

/**
 * The `height` (px) of each embed page's iframe before training, for a course page that strips the resizing
 * script: measured by scripts/reference/embed-heights.mjs (each embed page untrained at 800 px wide in Chromium, plus
 * 24 px, rounded up to 50 px) into src/reference/embed-heights.json. tests/e2e/catalogue.spec.ts checks that a few still
 * fit. A demo missing there gets fallbackHeight().
 */
export const EMBED_HEIGHTS: Record<string, number> = embedHeights.heights;
