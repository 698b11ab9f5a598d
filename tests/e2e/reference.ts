/**
 * Reference runs for the browser tests, computed in the test's own Node process with the same engine on tfjs'
 * CPU backend: the cost a demo's run must show at a given step, so that a browser test compares against what
 * the engine computes for those settings instead of a loose bound that holds without any learning.
 */
import * as tf from '@tensorflow/tfjs';
import { loadExperimentData } from '../../src/engine/data/source';
import { createNodeSource } from '../../src/engine/data/source-node';
import { assertSpec } from '../../src/engine/spec/parse';
import type { ExperimentSpecInput } from '../../src/engine/spec/schema';
import { Trainer } from '../../src/engine/train/trainer';

/** The training cost of `spec` (full batch) at each of `steps` steps (1-based), trained on the CPU in Node. */
export async function referenceCosts(spec: ExperimentSpecInput, steps: number): Promise<number[]> {
  await tf.setBackend('cpu');
  await tf.ready();
  const parsed = assertSpec(spec);
  const data = await loadExperimentData(createNodeSource(), { ...parsed.data, seed: parsed.seed });
  const trainer = new Trainer(parsed, data);
  const costs: number[] = [];
  try {
    for (let i = 1; i <= steps; i++) costs.push((await trainer.trainStep(true))!.loss);
  } finally {
    trainer.dispose();
  }
  return costs;
}
