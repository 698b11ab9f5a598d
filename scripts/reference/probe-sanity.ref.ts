/**
 * Sanity check of the linear probes on real data (CPU, Node): an untrained course CNN (random filters), 300
 * training and 300 validation images. Prints each layer's probe accuracy.
 *   npx vitest run -c scripts/reference/vitest.config.ts probe-sanity
 */
import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { assertSpec } from '../../src/engine/spec/parse';
import { loadExperimentData } from '../../src/engine/data/source';
import { createNodeSource } from '../../src/engine/data/source-node';
import { createParams } from '../../src/engine/model/params';
import { linearProbes } from '../../src/engine/train/linear-probe';
import { pooledSpec, stacks } from '../../src/demos/pooling';

it('probes on random filters', async () => {
  await tf.setBackend('cpu');
  const spec = assertSpec({
    ...pooledSpec('sanity', stacks.course),
    data: { dataset: 'fashion-mnist', train: 300, validation: 300, input: 'image' },
    record: { trainEval: 0 },
  });
  const data = await loadExperimentData(createNodeSource(), { ...spec.data, seed: spec.seed }, () => undefined);
  const model = createParams(spec);
  const t0 = Date.now();
  const r = await linearProbes(model, [28, 28, 1], data.train, data.validation!, 10, { layers: [-1, 1, 3], train: 300, test: 300 });
  process.stderr.write(`${JSON.stringify(r.scores)} in ${(Date.now() - t0) / 1000} s\n`);
});
