/**
 * The learner's run of the learning-rate chapter (src/demos/learning-rate.ts learnerSpec) at a seed and a learning
 * rate, in Node on whatever CPU kernels are installed: the loss at the last iteration and the first hidden layer's
 * dead units then. Shared by the learning-rate reference scripts.
 */
import { learnerSpec } from '../../src/demos/learning-rate';
import { loadExperimentData } from '../../src/engine/data/source';
import { createNodeSource } from '../../src/engine/data/source-node';
import { assertSpec } from '../../src/engine/spec/parse';
import { Trainer, type StepRecord } from '../../src/engine/train/trainer';

export async function learnerRun(seed: number, learningRate: number, iterations: number): Promise<{ deadUnits: number; loss: number }> {
  const spec = assertSpec({
    ...learnerSpec,
    seed,
    optimizer: { type: 'sgd', learningRate },
    record: { every: iterations, instruments: true, evaluate: { steps: iterations } },
  });
  const data = await loadExperimentData(createNodeSource(), { ...spec.data, seed: spec.seed }, () => undefined);
  const trainer = new Trainer(spec, data);
  let last: StepRecord | null = null;
  try {
    for (let i = 1; i <= iterations; i++) last = (await trainer.trainStep(i === iterations)) ?? last;
  } finally {
    trainer.dispose();
  }
  return { deadUnits: last!.instruments!.layers[0].deadUnits!, loss: last!.loss };
}
