/**
 * Reference measurements quoted in the pooling chapter, on the engine's CPU backend in Node: the chapter's
 * live settings (3,000 training images, 1,000 validation, 5 epochs, batch 64, Adam 0.001) for each layer
 * stack and seed; then the shift test and linear probes on the trained networks. Prints JSON lines.
 *   REF_SEEDS=1,2,3 REF_STACKS=course,noPool npx vitest run -c scripts/reference/vitest.config.ts pooling
 */
import { appendFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { assertSpec } from '../../src/engine/spec/parse';
import { loadExperimentData } from '../../src/engine/data/source';
import { createNodeSource } from '../../src/engine/data/source-node';
import { Trainer } from '../../src/engine/train/trainer';
import { RunController, type RunEvent } from '../../src/engine/train/run';
import { shiftTest } from '../../src/engine/train/shift-test';
import { linearProbes } from '../../src/engine/train/linear-probe';
import { pooledSpec, stacks } from '../../src/demos/pooling';

const seeds = (process.env.REF_SEEDS ?? '1').split(',').map(Number);
const names = (process.env.REF_STACKS ?? 'course,noPool').split(',') as (keyof typeof stacks)[];
const analyse = process.env.REF_ANALYSE !== '0';

function cosine(a: Float32Array, b: Float32Array) {
  let d = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) { d += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
  return na && nb ? d / Math.sqrt(na * nb) : NaN;
}

it('pooling chapter reference', async () => {
  await tf.setBackend('cpu');
  const source = createNodeSource();
  for (const name of names) {
    for (const seed of seeds) {
      const spec = assertSpec({ ...pooledSpec(`ref-${name}`, stacks[name]), seed });
      const data = await loadExperimentData(source, { ...spec.data, seed: spec.seed }, () => undefined);
      const trainer = new Trainer(spec, data);
      const evals: unknown[] = [];
      let elapsed = 0;
      const controller = new RunController(trainer, (e: RunEvent) => {
        if (e.type === 'eval') evals.push({ epoch: e.record.epoch, train: pick(e.record.train), validation: pick(e.record.validation) });
        if (e.type === 'progress') elapsed = e.progress.elapsedMs;
        if (e.type === 'eval') process.stderr.write(`${name} seed ${seed} epoch ${e.record.epoch}: ${JSON.stringify(pick(e.record.validation))}\n`);
      });
      await controller.start();
      const out: Record<string, unknown> = { name, seed, secondsPerEpoch: elapsed / 1000 / trainer.epoch, evals };
      if (analyse && seed === seeds[0]) {
        const n = 100;
        const shifts = [0, 1, 2, 3, 4];
        const r = await shiftTest(trainer.model, [28, 28, 1], data.validation!, Array.from({ length: n }, (_, i) => i), shifts, 'right');
        const mean = shifts.map((_, s) => {
          let c = 0, held = 0;
          for (let e = 0; e < n; e++) {
            const base = r.representations.subarray(e * 5 * r.dim, (e * 5 + 1) * r.dim);
            c += cosine(base, r.representations.subarray((e * 5 + s) * r.dim, (e * 5 + s + 1) * r.dim));
            if (r.predicted[e * 5 + s] === r.predicted[e * 5]) held++;
          }
          return { shift: shifts[s], meanCosine: c / n, predictionHeld: held / n };
        });
        out.shift = mean;
        const layers = [-1, ...spec.model.kind === 'layers' ? spec.model.layers.map((_, i) => i).filter((i) => ['conv2d', 'maxPooling2d'].includes((spec.model as { layers: { type: string }[] }).layers[i].type)) : []];
        const probes = await linearProbes(trainer.model, [28, 28, 1], data.train, data.validation!, 10, { layers, train: 500, test: 500 });
        out.probes = probes.scores;
      }
      console.log(JSON.stringify(out));
      appendFileSync(process.env.REF_OUT ?? '/tmp/pooling-ref.jsonl', `${JSON.stringify(out)}\n`);
      controller.dispose();
      trainer.dispose();
    }
  }
});

function pick(m?: { loss: number; accuracy: number }) {
  return m ? { loss: +m.loss.toFixed(4), accuracy: +m.accuracy.toFixed(4) } : undefined;
}
