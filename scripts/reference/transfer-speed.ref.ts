/**
 * loss-transfer's default run, seconds per epoch, before and after the two changes of issue 23 §2 (not part of
 * `npm test`; prints, and appends a dated section to BENCHMARKS.md with BENCH_MD=BENCHMARKS.md):
 *   before     every step runs the frozen extractor; tfjs' Adam
 *   cache      the extractor's outputs computed once per run (train/cached-features.ts); tfjs' Adam
 *   cache+adam the same, and the engine's one-pass CPU Adam (kernels/cpu/adam.ts)
 * Node, tfjs CPU backend with the engine's CPU kernels; one process, the variants interleaved for ROUNDS rounds, each a
 * fresh run for EPOCHS epochs on the run's own schedule (evaluations included); the best epoch-2+ time of each is kept.
 *   npx vitest run -c scripts/reference/vitest.config.ts scripts/reference/transfer-speed.ref.ts
 */
import * as tf from '@tensorflow/tfjs';
import { appendFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { it } from 'vitest';
import { transferSpec } from '../../src/demos/loss-accuracy';
import { loadExperimentData } from '../../src/engine/data/source';
import { createNodeSource } from '../../src/engine/data/source-node';
import { useEngineCpuKernels } from '../../src/engine/kernels/cpu/register';
import { setFeatureCache } from '../../src/engine/kernels/settings';
import { loadPretrained } from '../../src/engine/model/pretrained';
import { createNodeModelSource } from '../../src/engine/model/pretrained-node';
import { stepsPerEpoch, totalSteps } from '../../src/engine/spec/arithmetic';
import { assertSpec } from '../../src/engine/spec/parse';
import { Trainer } from '../../src/engine/train/trainer';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const EPOCHS = Number(process.env.EPOCHS ?? 3);
const VARIANTS = ['before', 'cache', 'cache+adam'] as const;

it('loss-transfer: seconds per epoch before and after', async () => {
  await tf.setBackend('cpu');
  useEngineCpuKernels(true);
  const spec = assertSpec(transferSpec);
  const data = await loadExperimentData(createNodeSource(), { ...spec.data, seed: spec.seed }, () => undefined);
  const pretrained = await loadPretrained(createNodeModelSource(), spec);
  const perEpoch = stepsPerEpoch(spec);
  const total = totalSteps(spec);
  const load0 = loadavg()[0];
  const times: Record<string, number[]> = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  const finals: Record<string, string> = {};
  for (let r = 0; r < ROUNDS; r++) {
    for (const variant of r % 2 ? [...VARIANTS].reverse() : VARIANTS) {
      setFeatureCache(variant !== 'before');
      const trainer = new Trainer(spec, { ...data, pretrained });
      // tfjs' own Adam for the first two variants (the engine's CPU Adam is what createOptimizer now gives).
      if (variant !== 'cache+adam') (trainer as unknown as { optimizer: tf.Optimizer }).optimizer.dispose();
      if (variant !== 'cache+adam')
        (trainer as unknown as { optimizer: tf.Optimizer }).optimizer = tf.train.adam(spec.optimizer.learningRate, 0.9, 0.999, 1e-7);
      let last = 0;
      for (let e = 0; e < EPOCHS; e++) {
        const t0 = performance.now();
        for (let i = 0; i < perEpoch; i++) {
          const next = trainer.step + 1;
          const rec = await trainer.trainStep(next === 1 || next % spec.record.every === 0 || next === total);
          if (rec) last = rec.loss;
        }
        await trainer.evaluate();
        if (e > 0) times[variant].push((performance.now() - t0) / 1000);
      }
      finals[variant] = last.toPrecision(7);
      trainer.dispose();
      console.log(`round ${r + 1} ${variant}: last loss ${finals[variant]}`);
    }
  }
  setFeatureCache(true);
  const best = (v: string) => Math.min(...times[v]);
  const rows = VARIANTS.map((v) => `| ${v} | ${best(v).toFixed(3)} | ${(best('before') / best(v)).toFixed(1)}× | ${finals[v]} |`);
  const md = [
    '',
    `### loss-transfer seconds per epoch, before and after (node, tfjs CPU + engine kernels), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${cpus().length} × ${cpus()[0]?.model}, shared with other work (load average ${load0.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end), Node ${process.version}. ` +
      `Default loss-transfer spec (${perEpoch} steps of batch ${spec.training.batchSize} per epoch, evaluations included); best epoch after the first over ${ROUNDS} interleaved rounds of ${EPOCHS} epochs (scripts/reference/transfer-speed.ref.ts).`,
    '',
    '| variant | s per epoch | vs before | loss at the last recorded step |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n');
  console.log(md);
  if (process.env.BENCH_MD) appendFileSync(process.env.BENCH_MD, md);
}, 3_600_000);
