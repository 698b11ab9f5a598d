/**
 * What each demo's default run costs, measured (issue 23 §1): every demo and sweep from the demo registry, at its
 * default spec, on the backend a reader's browser falls back to and Node has here (tfjs' CPU backend with the engine's
 * CPU kernels). For each: gradient steps, samples (steps × batch), multiply-adds (forward and backward, ≈ 3 × the
 * forward pass, from the layer registry), and seconds: a few steps are timed after a warm-up, and one evaluation
 * (validation, test and training subsets), then extrapolated to the whole run — say so wherever the figures are quoted.
 * The course's pooled CNN (pool-with, 3,000 images × 5 epochs) is the yardstick: `vsCourseCnn` is each run's
 * multiply-adds × samples over its.
 * Writes src/reference/demo-costs.json and, from `npm run bench -- --demos`, a table in BENCHMARKS.md.
 *   npm run reference -- demo-costs        (about 10 minutes on 2 cores; DEMOS=lr-stuck,pool-with for a few)
 */
import * as tf from '@tensorflow/tfjs';
import { appendFileSync } from 'node:fs';
import { it } from 'vitest';
import { allDemos, allSweeps } from '../../src/demos';
import { sweepRuns } from '../../src/components/experiment/sweepState';
import { stepCost } from '../../src/engine/backend-probe';
import { loadExperimentData } from '../../src/engine/data/source';
import { createNodeSource } from '../../src/engine/data/source-node';
import { useEngineCpuKernels } from '../../src/engine/kernels/cpu/register';
import { loadPretrained } from '../../src/engine/model/pretrained';
import { createNodeModelSource } from '../../src/engine/model/pretrained-node';
import { batchSizeOf, stepsPerEpoch, totalSteps } from '../../src/engine/spec/arithmetic';
import { assertSpec } from '../../src/engine/spec/parse';
import type { ExperimentSpec, ExperimentSpecInput } from '../../src/engine/spec/schema';
import { DivergedError, Trainer } from '../../src/engine/train/trainer';
import { setupOf, writeReference } from './write';

/** Time at least this many steps, and keep timing until this many seconds have passed (or the run ends). */
const MIN_STEPS = 3;
const MIN_SECONDS = Number(process.env.SECONDS_PER_DEMO ?? 6);
const only = process.env.DEMOS?.split(',');

interface Cost {
  kind: 'demo' | 'sweep';
  runs: number;
  steps: number;
  samples: number;
  epochs: number;
  batch: number;
  evaluations: number;
  multiplyAdds: number;
  vsCourseCnn: number;
  secondsPerStep: number;
  secondsPerEvaluation: number;
  seconds: number;
  secondsPerEpoch: number;
  timedSteps: number;
}

function evaluationsOf(spec: ExperimentSpec): number {
  if (!spec.data.validation && !spec.data.test && !spec.record.trainEval) return 0;
  const total = totalSteps(spec);
  const every = spec.record.evaluate;
  return every === 'epoch' ? Math.ceil(total / stepsPerEpoch(spec)) : Math.ceil(total / every.steps);
}

async function measure(spec: ExperimentSpec): Promise<{ perStep: number; perEval: number; timed: number; divergedAt?: number }> {
  const data = await loadExperimentData(createNodeSource(), { ...spec.data, seed: spec.seed }, () => undefined);
  const pretrained = spec.model.pretrained ? await loadPretrained(createNodeModelSource(), spec) : undefined;
  const trainer = new Trainer(spec, { ...data, pretrained });
  const total = totalSteps(spec);
  let timed = 0;
  let start = performance.now();
  try {
    await trainer.trainStep(true);
    start = performance.now();
    while (trainer.step < total && (timed < MIN_STEPS || performance.now() - start < MIN_SECONDS * 1000)) {
      const next = trainer.step + 1;
      await trainer.trainStep(next % spec.record.every === 0);
      timed += 1;
    }
    await trainer.checkFinite();
    const perStep = timed ? (performance.now() - start) / 1000 / timed : 0;
    let perEval = 0;
    if (evaluationsOf(spec) > 0) {
      const t = performance.now();
      await trainer.evaluate();
      perEval = (performance.now() - t) / 1000;
    }
    return { perStep, perEval, timed };
  } catch (err) {
    // A demo that diverges on purpose (lr-explode) stops there: its run costs the steps until then.
    if (!(err instanceof DivergedError)) throw err;
    return { perStep: timed ? (performance.now() - start) / 1000 / timed : 0, perEval: 0, timed, divergedAt: err.step };
  } finally {
    trainer.dispose();
  }
}

function costOf(
  spec: ExperimentSpec,
): Omit<Cost, 'kind' | 'runs' | 'vsCourseCnn' | 'secondsPerStep' | 'secondsPerEvaluation' | 'seconds' | 'secondsPerEpoch' | 'timedSteps'> {
  const steps = totalSteps(spec);
  const batch = batchSizeOf(spec);
  const samples = steps * batch;
  return {
    steps,
    samples,
    epochs: steps / stepsPerEpoch(spec),
    batch,
    evaluations: evaluationsOf(spec),
    multiplyAdds: (stepCost(spec).macs / batch) * samples,
  };
}

it('measures every demo’s default run', async () => {
  await tf.setBackend('cpu');
  useEngineCpuKernels(true);
  const entries: { id: string; kind: 'demo' | 'sweep'; specs: ExperimentSpecInput[] }[] = [
    ...allDemos.map((d) => ({ id: d.id, kind: 'demo' as const, specs: [d.spec] })),
    ...allSweeps.map((s) => ({ id: s.id, kind: 'sweep' as const, specs: sweepRuns(s, s.spec).map((r) => r.spec as ExperimentSpecInput) })),
  ].filter((e) => !only || only.includes(e.id));
  const costs: Record<string, Cost> = {};
  for (const e of entries) {
    const specs = e.specs.map((s) => assertSpec(s));
    const measured: Awaited<ReturnType<typeof measure>>[] = [];
    for (const s of specs) measured.push(await measure(s));
    // A run that diverged ends at that step: count only the steps it trains.
    const parts = specs.map((s, i) => {
      const at = measured[i].divergedAt;
      return costOf(at ? { ...s, training: { ...s.training, duration: { iterations: at } } } : s);
    });
    const seconds = specs.reduce((t, _, i) => t + parts[i].steps * measured[i].perStep + parts[i].evaluations * measured[i].perEval, 0);
    const sum = (k: 'steps' | 'samples' | 'multiplyAdds' | 'evaluations') => parts.reduce((t, p) => t + p[k], 0);
    const epochs = parts.reduce((t, p) => t + p.epochs, 0);
    costs[e.id] = {
      kind: e.kind,
      runs: specs.length,
      steps: sum('steps'),
      samples: sum('samples'),
      epochs: Math.round(epochs * 100) / 100,
      batch: parts[0].batch,
      evaluations: sum('evaluations'),
      multiplyAdds: sum('multiplyAdds'),
      vsCourseCnn: 0,
      secondsPerStep: round(measured.reduce((t, m) => t + m.perStep, 0) / measured.length, 4),
      secondsPerEvaluation: round(measured.reduce((t, m) => t + m.perEval, 0) / measured.length, 3),
      seconds: round(seconds, 1),
      secondsPerEpoch: round(seconds / Math.max(epochs, 1e-9), 1),
      timedSteps: measured.reduce((t, m) => t + m.timed, 0),
    };
    console.log(e.id, JSON.stringify(costs[e.id]));
  }
  const yardstick = costs['pool-with']?.multiplyAdds;
  if (yardstick) for (const c of Object.values(costs)) c.vsCourseCnn = round(c.multiplyAdds / yardstick, 2);
  writeReference('demo-costs', {
    setup: setupOf({
      backend: 'cpu (tfjs, Node, with the engine’s CPU kernels)',
      method: `each run's seconds extrapolated from ≥ ${MIN_STEPS} timed steps (≥ ${MIN_SECONDS} s) after one warm-up step, plus one timed evaluation × the number of evaluations; multiply-adds are 3 × the forward pass's (forward and backward)`,
      yardstick: 'pool-with: the course CNN with pooling, its default 3,000 images × 5 epochs',
    }),
    demos: costs,
  });
  if (process.env.BENCH_MD) appendFileSync(process.env.BENCH_MD, markdown(costs));
});

const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;
const nf = new Intl.NumberFormat('en');

function markdown(costs: Record<string, Cost>): string {
  const rows = Object.entries(costs).map(
    ([id, c]) =>
      `| ${id}${c.kind === 'sweep' ? ` (sweep, ${c.runs} runs)` : ''} | ${nf.format(c.steps)} | ${nf.format(c.samples)} | ${(c.multiplyAdds / 1e9).toFixed(1)} G | ${c.vsCourseCnn}× | ${c.secondsPerStep.toFixed(3)} | ${nf.format(Math.round(c.seconds))} | ${c.secondsPerEpoch.toFixed(1)} |`,
  );
  return [
    '',
    `### demos' default runs, node (tfjs CPU + engine kernels), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    'Seconds extrapolated from a few timed steps and one timed evaluation (scripts/reference/demo-costs.ref.ts; data in src/reference/demo-costs.json). Multiply-adds: forward and backward (3 × forward).',
    '',
    '| demo | steps | samples | multiply-adds | × course CNN | s/step | s (whole run) | s/epoch |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n');
}
