/**
 * What a reader's browser can hold. The schema bounds each field alone; together they can still ask for a model
 * of ten billion weights or a batch whose activations need tens of gigabytes, which would freeze or crash the
 * tab instead of training. These checks turn that into a message beside the field to change.
 */
import type { ExperimentSpec } from './schema';
import type { ModelSummary } from './summarize';
import type { SpecIssue } from './parse';
import { batchSizeOf } from './arithmetic';

/** Trainable numbers: weights, plus the optimiser's copies (Adam keeps two more), stay well under a GPU's memory. */
export const MAX_PARAMS = 20_000_000;
/** Numbers alive at once in one forward pass of a batch (each layer's output for every example in it). */
export const MAX_BATCH_NUMBERS = 100_000_000;

const nf = new Intl.NumberFormat('en');
const numbers = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export function resourceChecks(spec: ExperimentSpec, summary: ModelSummary): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const modelPath = spec.model.kind === 'mlp' ? 'model.sizes' : 'model.layers';
  if (summary.totalParams > MAX_PARAMS) {
    issues.push({
      path: modelPath,
      message: `this model has ${nf.format(summary.totalParams)} parameters; a browser can train at most ${nf.format(MAX_PARAMS)}: use fewer or smaller layers`,
    });
  }
  const perExample = numbers(summary.inputShape) + summary.layers.reduce((t, l) => t + numbers(l.outputShape), 0);
  const batch = batchSizeOf(spec);
  if (perExample * batch > MAX_BATCH_NUMBERS) {
    issues.push({
      path: 'training.batchSize',
      message: `a batch of ${nf.format(batch)} images through this model holds about ${nf.format(perExample * batch)} numbers at once; a browser can hold at most ${nf.format(MAX_BATCH_NUMBERS)}: use a smaller batch size or a smaller model`,
    });
  }
  return issues;
}
