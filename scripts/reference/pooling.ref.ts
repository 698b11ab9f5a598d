/**
 * Reference measurements quoted in the chapter "How can losing information improve accuracy?" (pooling.mdx): the
 * chapter's own demo specs (3,000 training images, 1,000 validation, 5 epochs, batch 32 as Keras trains by default, Adam 0.001) trained by the
 * engine on the tfjs CPU backend in Node (with the engine's CPU kernels, as in a reader's browser), one run per name; then, on each trained network, the shift test as the
 * chapter's shift view summarises it (the first 100 validation images moved 0–4 px right), and for the probe runs
 * linear probes on 2,000 training images scored on 1,000 validation images. Each run is merged into
 * src/reference/pooling.json under runs.<name> with its own setup, and the means over seeds under means.<stack>.
 *
 *   npm run reference -- pooling                                   (RUNS below: hours on a 2-core CPU)
 *   RUNS=course-s1,dense-s1 npm run reference -- pooling           (some, by name)
 * Progress goes to env LOG (default /tmp/pooling-reference.log).
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { stepCost } from '../../src/engine/backend-probe';
import { useEngineCpuKernels } from '../../src/engine/kernels/cpu/register';
import { loadExperimentData } from '../../src/engine/data/source';
import { createNodeSource } from '../../src/engine/data/source-node';
import { assertSpec, batchSizeOf } from '../../src/engine/spec/parse';
import type { ExperimentSpecInput } from '../../src/engine/spec/schema';
import { summarize } from '../../src/engine/spec/summarize';
import { linearProbes } from '../../src/engine/train/linear-probe';
import { RunController, type RunEvent } from '../../src/engine/train/run';
import { shiftTest } from '../../src/engine/train/shift-test';
import { Trainer } from '../../src/engine/train/trainer';
import { pooledSpec, stacks } from '../../src/demos/pooling';
import { lowestBy } from '../../src/metrics/bestEpoch';
import { setupOf, writeReference } from './write';

const LOG = process.env.LOG ?? '/tmp/pooling-reference.log';
const log = (line: string) => appendFileSync(LOG, `${line}\n`);
const SEEDS = [1, 2, 3];
const SHIFTS = [0, 1, 2, 3, 4];
const SHIFT_IMAGES = 100;
const PROBES = { train: 2000, test: 1000 };
/** The probes' fit, passed explicitly so the file records what was used. */
const PROBE_FIT = { steps: 150, learningRate: 0.01, l2: 1e-3 };

type Stack = keyof typeof stacks;
/** A run: a stack, a seed, and optionally shift augmentation or the probes. */
interface RunDef {
  stack: Stack;
  seed: number;
  augmentShift?: number;
  probes?: boolean;
  train?: number;
}
const RUNS: Record<string, RunDef> = Object.fromEntries([
  ...(['course', 'dense', 'noPool', 'avg2', 'stride2', 'max3'] as Stack[]).flatMap((stack) =>
    SEEDS.map((seed) => [`${stack}-s${seed}`, { stack, seed, probes: seed === 1 && (stack === 'course' || stack === 'noPool') }]),
  ),
  // Thread 003: "you augment your data …: you are teaching to the NN what to ignore". Does it narrow the gap?
  ...SEEDS.map((seed) => [`dense-shift2-s${seed}`, { stack: 'dense' as Stack, seed, augmentShift: 2 }]),
  // The learner's comparison on more images: at 3,000 the seeds' spread is as large as the gap.
  ...(['course', 'dense'] as Stack[]).flatMap((stack) => SEEDS.map((seed) => [`${stack}10k-s${seed}`, { stack, seed, train: 10000 }])),
]);

const round = (x: number, d = 4) => Number(x.toFixed(d));

function cosine(a: Float32Array, b: Float32Array) {
  let d = 0,
    na = 0,
    nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? d / Math.sqrt(na * nb) : NaN;
}

function specOf(def: RunDef): ExperimentSpecInput {
  const base = pooledSpec(`ref-${def.stack.toLowerCase()}`, stacks[def.stack]);
  return {
    ...base,
    seed: def.seed,
    ...(def.train ? { data: { ...base.data, train: def.train } } : {}),
    training: { ...base.training, ...(def.augmentShift ? { augment: { shift: def.augmentShift, flip: false } } : {}) },
  };
}

it('pooling chapter reference runs', async () => {
  await tf.setBackend('cpu');
  // As a reader's browser on the CPU backend trains (initBackend installs them): tfjs' own convolution gradients
  // on the CPU take minutes per epoch here.
  useEngineCpuKernels(true);
  const names = (process.env.RUNS ?? Object.keys(RUNS).join(',')).split(',').filter(Boolean);
  // REF_FILE: where runs are read and merged (default the chapter's file; a second process in parallel needs its
  // own); REF_MERGE: further files whose runs are merged in (RUNS= with REF_MERGE only merges).
  const file = process.env.REF_FILE ?? 'src/reference/pooling.json';
  const read = (f: string) => (existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')).runs ?? {}) : {});
  const runs: Record<string, unknown> = Object.assign(read(file), ...(process.env.REF_MERGE ?? '').split(',').filter(Boolean).map(read));
  if (!names.length) write(runs, file);
  for (const name of names) {
    const def = RUNS[name];
    if (!def) throw new Error(`no run ${name}; known: ${Object.keys(RUNS).join(', ')}`);
    const spec = assertSpec(specOf(def));
    const data = await loadExperimentData(createNodeSource(), { ...spec.data, seed: spec.seed });
    const trainer = new Trainer(spec, data);
    const evals: Extract<RunEvent, { type: 'eval' }>['record'][] = [];
    const t0 = performance.now();
    log(`# ${name}: ${summarize(spec).totalParams} parameters, tfjs ${tf.version.tfjs} ${tf.getBackend()}`);
    await new RunController(
      trainer,
      (e) => {
        if (e.type !== 'eval') return;
        evals.push(e.record);
        log(
          `  ${name} epoch ${e.record.epoch} train ${e.record.train?.loss.toFixed(4)}/${e.record.train?.accuracy.toFixed(4)} validation ${e.record.validation?.loss.toFixed(4)}/${e.record.validation?.accuracy.toFixed(4)} ${((performance.now() - t0) / 1000).toFixed(0)} s`,
        );
      },
      { sliceMs: 0 },
    ).start();
    const seconds = (performance.now() - t0) / 1000;
    const last = evals.at(-1)!;
    const best = lowestBy(evals, (e) => e.validation!.loss)!;

    const indices = Array.from({ length: SHIFT_IMAGES }, (_, i) => i);
    const r = await shiftTest(trainer.model, [28, 28, 1], data.validation!, indices, SHIFTS, 'right');
    const at = (e: number, s: number) => r.representations.subarray((e * SHIFTS.length + s) * r.dim, (e * SHIFTS.length + s + 1) * r.dim);
    const heldAll = indices.filter((e) =>
      SHIFTS.every((_, s) => r.predicted[e * SHIFTS.length + s] === r.predicted[e * SHIFTS.length]),
    ).length;
    const perShift = SHIFTS.map((shift, s) => ({
      shift,
      meanCosine: round(indices.reduce((sum, e) => sum + cosine(at(e, 0), at(e, s)), 0) / indices.length),
      predictionHeld: indices.filter((e) => r.predicted[e * SHIFTS.length + s] === r.predicted[e * SHIFTS.length]).length / indices.length,
    }));

    let probes: unknown;
    if (def.probes && spec.model.kind === 'layers') {
      const layers = [-1, ...spec.model.layers.flatMap((l, i) => (l.type === 'conv2d' || l.type === 'maxPooling2d' ? [i] : []))];
      const p = await linearProbes(trainer.model, [28, 28, 1], data.train, data.validation!, 10, { layers, ...PROBES, ...PROBE_FIT });
      probes = {
        ...PROBES,
        ...PROBE_FIT,
        scores: p.scores.map((s) => ({
          layer: s.layer,
          type: s.layer < 0 ? 'input' : spec.model.kind === 'layers' ? spec.model.layers[s.layer].type : '',
          features: s.features,
          trainAccuracy: round(s.trainAccuracy),
          testAccuracy: round(s.testAccuracy),
        })),
      };
    }

    runs[name] = {
      setup: setupOf({
        backend: 'cpu (tfjs, Node, with the engine’s CPU kernels)',
        seed: spec.seed,
        data: spec.data,
        batchSize: spec.training.batchSize,
        epochs: 5,
        augment: spec.training.augment,
      }),
      stack: def.stack,
      parameters: summarize(spec).totalParams,
      multiplyAddsPerImage: stepCost(spec).macs / 3 / batchSizeOf(spec),
      seconds: Math.round(seconds),
      secondsPerEpoch: round(seconds / 5, 1),
      epochs: evals.map((e) => ({
        epoch: e.epoch,
        trainLoss: round(e.train!.loss),
        trainAccuracy: round(e.train!.accuracy),
        validationLoss: round(e.validation!.loss),
        validationAccuracy: round(e.validation!.accuracy),
      })),
      final: {
        trainAccuracy: round(last.train!.accuracy),
        validationAccuracy: round(last.validation!.accuracy),
        validationLoss: round(last.validation!.loss),
      },
      lowestValidationLoss: { loss: round(best.validation!.loss), epoch: best.epoch },
      shift: { images: SHIFT_IMAGES, direction: 'right', heldAtEveryShift: heldAll, perShift },
      ...(probes ? { probes } : {}),
    };
    log(`= ${name}: ${JSON.stringify(runs[name])}`);
    trainer.dispose();
    write(runs, file);
  }
});

/** Merges the runs into the file, with the mean and range over seeds of each stack (and augmentation). */
function write(runs: Record<string, unknown>, file: string) {
  type R = {
    stack: string;
    setup: { augment?: { shift: number } };
    parameters: number;
    multiplyAddsPerImage: number;
    secondsPerEpoch: number;
    final: Record<string, number>;
    lowestValidationLoss: { loss: number; epoch: number };
    shift: { heldAtEveryShift: number; perShift: { meanCosine: number }[] };
  };
  const groups = new Map<string, R[]>();
  for (const [name, run] of Object.entries(runs) as [string, R][]) {
    const key = name.replace(/-s\d+$/, '');
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  const span = (xs: number[], d = 4) => ({
    min: round(Math.min(...xs), d),
    max: round(Math.max(...xs), d),
    mean: round(xs.reduce((a, b) => a + b, 0) / xs.length, d),
  });
  const stacksOut = Object.fromEntries(
    [...groups].map(([key, of]) => [
      key,
      {
        seeds: of.length,
        parameters: of[0].parameters,
        multiplyAddsPerImage: of[0].multiplyAddsPerImage,
        secondsPerEpoch: span(
          of.map((r) => r.secondsPerEpoch),
          1,
        ),
        trainAccuracy: span(of.map((r) => r.final.trainAccuracy)),
        validationAccuracy: span(of.map((r) => r.final.validationAccuracy)),
        validationLoss: span(of.map((r) => r.final.validationLoss)),
        lowestValidationLossEpoch: span(
          of.map((r) => r.lowestValidationLoss.epoch),
          0,
        ),
        heldAtEveryShift: span(
          of.map((r) => r.shift.heldAtEveryShift),
          0,
        ),
        cosineAt4: span(
          of.map((r) => r.shift.perShift.at(-1)!.meanCosine),
          3,
        ),
      },
    ]),
  );
  const data = {
    setup: setupOf({
      backend: 'cpu (tfjs, Node, with the engine’s CPU kernels)',
      note: 'each run under runs.<name> has its own setup; stacks.<name> summarises the runs of one stack over their seeds (min, max, mean)',
    }),
    stacks: stacksOut,
    runs,
  };
  if (file === 'src/reference/pooling.json') writeReference('pooling', data);
  else writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}
