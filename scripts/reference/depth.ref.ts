/**
 * Reference measurements quoted in the chapter "Accuracy went up when I removed layers?" (depth.mdx): the
 * chapter's own demo specs, trained by the engine on the tfjs CPU backend in Node, one run per line of
 * RUNS (or the names in env RUNS=a,b). Every evaluation is appended to env LOG (default
 * /tmp/depth-reference.log) as it happens, then one summary line per run; each run's summary is also merged into
 * src/reference/depth.json under runs.<name>, with the setup it ran under (the chapter reads it with <Ref>).
 *
 *   npm run reference -- depth                      (the nine MLP runs, about a minute)
 *   RUNS=cnn5,cnn2 npm run reference -- depth       (others by name: the CNN runs take much longer)
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { useEngineCpuKernels } from '../../src/engine/kernels/cpu/register';
import { loadExperimentData } from '../../src/engine/data/source';
import { createNodeSource } from '../../src/engine/data/source-node';
import { assertSpec } from '../../src/engine/spec/parse';
import type { ExperimentSpecInput } from '../../src/engine/spec/schema';
import { summarize } from '../../src/engine/spec/summarize';
import { RunController, type RunEvent } from '../../src/engine/train/run';
import { Trainer } from '../../src/engine/train/trainer';
import { cnnLayers, cnnSpec, gapSpec, MLP_PRESETS, mlpSpec } from '../../src/demos/depth';
import { lowestBy } from '../../src/metrics/bestEpoch';
import { setupOf, writeReference } from './write';

const LOG = process.env.LOG ?? '/tmp/depth-reference.log';
const log = (line: string) => appendFileSync(LOG, `${line}\n`);

const cnn = (blocks: number, seed = 1): ExperimentSpecInput => ({ ...cnnSpec, seed, model: { kind: 'layers', layers: cnnLayers(blocks) } });
const mlp = (sizes: number[], seed = 1): ExperimentSpecInput => ({ ...mlpSpec, seed, model: { ...mlpSpec.model, kind: 'mlp', sizes } });
const gap = (patch: (s: ExperimentSpecInput) => ExperimentSpecInput) => patch(structuredClone(gapSpec));

/** Run names have no dots: a <Ref> key is split on them. */
const RUNS: Record<string, () => ExperimentSpecInput> = {
  ...Object.fromEntries([5, 4, 3, 2, 1].map((b) => [`cnn${b}`, () => cnn(b)])),
  ...Object.fromEntries(
    Object.entries(MLP_PRESETS).flatMap(([name, sizes]) => [1, 2, 3].map((seed) => [`mlp-${name}-s${seed}`, () => mlp(sizes, seed)])),
  ),
  'gap-train1200': () => gap((s) => ({ ...s, data: { ...s.data, train: 1200 }, record: { ...s.record, trainEval: 300 } })),
  'gap-train3000': () => gap((s) => ({ ...s, data: { ...s.data, train: 3000 }, record: { ...s.record, trainEval: 300 } })),
  'gap-dropout': () =>
    gap((s) => ({
      ...s,
      model: { kind: 'layers', layers: [...cnnLayers(2).slice(0, -1), { type: 'dropout', rate: 0.5 }, ...cnnLayers(2).slice(-1)] },
    })),
  'gap-l2': () => gap((s) => ({ ...s, model: { ...s.model, l2: 0.001 } as ExperimentSpecInput['model'] })),
  'gap-augment-s2f': () => gap((s) => ({ ...s, training: { ...s.training, augment: { shift: 2, flip: true } } })),
  'gap-es3': () => gap((s) => ({ ...s, training: { ...s.training, earlyStopping: { patience: 3, restoreBest: true } } })),
};

const f = (m?: { loss: number; accuracy: number }) => (m ? `${m.loss.toFixed(4)}/${m.accuracy.toFixed(4)}` : '-');

it('depth chapter reference runs', async () => {
  await tf.setBackend('cpu');
  // As a reader's browser on the CPU backend trains (initBackend installs them); tfjs' own CPU convolution
  // gradients make the CNN runs take many times longer.
  useEngineCpuKernels(true);
  const names = (
    process.env.RUNS ??
    Object.keys(RUNS)
      .filter((n) => n.startsWith('mlp-'))
      .join(',')
  ).split(',');
  const file = 'src/reference/depth.json';
  const runs: Record<string, unknown> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).runs : {};
  for (const name of names) {
    const spec = assertSpec(RUNS[name]());
    const data = await loadExperimentData(createNodeSource(), { ...spec.data, seed: spec.seed });
    const trainer = new Trainer(spec, data);
    const events: RunEvent[] = [];
    const t0 = performance.now();
    log(
      `# ${name}: seed ${spec.seed}, ${summarize(spec).totalParams} parameters, tfjs ${tf.version.tfjs} ${tf.getBackend()}, loss/accuracy train(eval) | held-out`,
    );
    await new RunController(
      trainer,
      (e) => {
        events.push(e);
        if (e.type === 'eval')
          log(
            `  ${name} epoch ${e.record.epoch.toFixed(2)} step ${e.record.step} ${f(e.record.train)} | ${f(e.record.validation ?? e.record.test)}${e.record.restored ? ' (restored)' : ''}`,
          );
      },
      { sliceMs: 0 },
    ).start();
    const s = (performance.now() - t0) / 1000;
    const evals = events.flatMap((e) => (e.type === 'eval' ? [e.record] : []));
    const held = (e: (typeof evals)[number]) => e.validation ?? e.test!;
    const best = lowestBy(evals, (e) => held(e).loss)!;
    const firstPerfect = evals.find((e) => e.train!.accuracy > 0.99995);
    const last = evals.at(-1)!;
    const ended = events.find((e): e is Extract<RunEvent, { type: 'ended' }> => e.type === 'ended');
    log(
      `= ${name}: final ${f(last.train)} | ${f(held(last))}; lowest held-out loss ${held(best).loss.toFixed(4)} (acc ${held(best).accuracy.toFixed(4)}) at epoch ${best.epoch.toFixed(2)}; train acc 1 first at epoch ${firstPerfect?.epoch.toFixed(2) ?? 'never'}; ${s.toFixed(0)} s; ${ended?.reason}: ${ended?.message}`,
    );
    const round = (x: number, d = 4) => Number(x.toFixed(d));
    runs[name] = {
      setup: setupOf({
        backend: 'cpu (tfjs, Node, with the engine’s CPU kernels)',
        seed: spec.seed,
        data: spec.data,
        parameters: summarize(spec).totalParams,
      }),
      seconds: Math.round(s),
      steps: last.step,
      final: {
        trainAccuracy: round(last.train!.accuracy),
        trainLoss: round(last.train!.loss),
        heldOutAccuracy: round(held(last).accuracy),
        heldOutLoss: round(held(last).loss),
      },
      lowestHeldOutLoss: {
        loss: round(held(best).loss),
        accuracy: round(held(best).accuracy),
        epoch: round(best.epoch, 2),
        step: best.step,
      },
      trainAccuracy1: firstPerfect ? { epoch: round(firstPerfect.epoch, 2), step: firstPerfect.step } : null,
      // The first evaluation (the end of epoch 1, or the first evaluated step), and the held-out accuracy's range
      // from the third evaluation on (after the first jump).
      firstEval: {
        epoch: round(evals[0].epoch, 2),
        trainAccuracy: round(evals[0].train!.accuracy),
        heldOutAccuracy: round(held(evals[0]).accuracy),
      },
      heldOutAccuracyFrom3: {
        min: round(Math.min(...evals.slice(2).map((e) => held(e).accuracy))),
        max: round(Math.max(...evals.slice(2).map((e) => held(e).accuracy))),
      },
      ended: ended?.reason ?? null,
    };
    trainer.dispose();
    write(runs);
  }
});

/** Writes every run so far (after each run: a long batch stopped midway keeps what it finished). */
function write(runs: Record<string, unknown>) {
  // Means over the seeds of each MLP list, from the runs above (the chapter compares the lists on these).
  type Summary = { final: { heldOutLoss: number; heldOutAccuracy: number } };
  const mlpMeans = Object.fromEntries(
    Object.keys(MLP_PRESETS).flatMap((preset) => {
      const of = Object.entries(runs)
        .filter(([n]) => n.startsWith(`mlp-${preset}-s`))
        .map(([, r]) => r as Summary);
      if (!of.length) return [];
      const mean = (f: (r: Summary) => number) => Number((of.reduce((sum, r) => sum + f(r), 0) / of.length).toFixed(4));
      return [
        [
          preset,
          {
            seeds: of.length,
            finalHeldOutLoss: mean((r) => r.final.heldOutLoss),
            finalHeldOutAccuracy: mean((r) => r.final.heldOutAccuracy),
          },
        ],
      ];
    }),
  );
  // The CNN runs (cnn1–cnn5) together: the ranges the chapter states about all of them.
  type Cnn = {
    final: { trainAccuracy: number };
    lowestHeldOutLoss: { epoch: number };
    heldOutAccuracyFrom3?: { min: number; max: number };
  };
  const cnns = Object.entries(runs)
    .filter(([n]) => /^cnn\d$/.test(n))
    .map(([, r]) => r as Cnn);
  const span = (xs: number[]) => ({ min: Math.min(...xs), max: Math.max(...xs) });
  const cnnSummary =
    cnns.length && cnns.every((r) => r.heldOutAccuracyFrom3)
      ? {
          runs: cnns.length,
          finalTrainAccuracy: span(cnns.map((r) => r.final.trainAccuracy)),
          lowestHeldOutLossEpoch: span(cnns.map((r) => r.lowestHeldOutLoss.epoch)),
          heldOutAccuracyFrom3: {
            min: Math.min(...cnns.map((r) => r.heldOutAccuracyFrom3!.min)),
            max: Math.max(...cnns.map((r) => r.heldOutAccuracyFrom3!.max)),
          },
        }
      : undefined;
  writeReference('depth', {
    setup: setupOf({
      backend: 'cpu (tfjs, Node)',
      note: 'each run under runs.<name> has its own setup (seed, data, parameters, date, commit)',
    }),
    mlpMeans,
    ...(cnnSummary ? { cnnSummary } : {}),
    runs,
  });
}
