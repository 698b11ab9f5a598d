/**
 * `node scripts/pretrain/run.mjs chapter-runs [overfit|transfer|multiclass] [--seed=N] [--bs=N] [--epochs=N] [--lr=X]`:
 * the reference measurements the loss-and-accuracy chapter quotes. Trains the chapter's demo specs with the
 * engine on the tfjs CPU backend in Node (the same code the browser's CPU backend runs) and prints, per epoch,
 * loss and accuracy on the training set (inference mode) and the validation set, the validation ECE, and how
 * the validation mistakes are spread (confident vs near 0.5); then the epoch of lowest validation loss and a
 * temperature fitted on validation, applied to the test set.
 */
import * as tf from '@tensorflow/tfjs';
import { cpus } from 'node:os';
import { loadExperimentData } from '../../src/engine/data/source';
import { createNodeSource } from '../../src/engine/data/source-node';
import { loadPretrained } from '../../src/engine/model/pretrained';
import { createNodeModelSource } from '../../src/engine/model/pretrained-node';
import { assertSpec, stepsPerEpoch, totalSteps } from '../../src/engine/spec/parse';
import type { ExperimentSpecInput } from '../../src/engine/spec/schema';
import { Trainer, type SetMetrics } from '../../src/engine/train/trainer';
import { calibrationInputOf, expectedCalibrationError } from '../../src/metrics/calibration';
import { lowestBy } from '../../src/metrics/bestEpoch';
import { accuracyOf, fitTemperature, meanNll, scaled } from '../../src/metrics/temperature';
import { multiclassSpec, overfitSpec, transferSpec } from '../../src/demos/loss-accuracy';
import { useFastCpuKernels } from './cpu-kernels';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const which = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'overfit';
const base = { overfit: overfitSpec, transfer: transferSpec, multiclass: multiclassSpec }[which as 'overfit'];
if (!base) throw new Error(`unknown run ${which}`);
const input: ExperimentSpecInput = {
  ...base,
  seed: Number(args.get('seed') ?? base.seed),
  data: { ...base.data, test: Math.max(base.data.test ?? 0, which === 'multiclass' ? 500 : 154) },
  training: {
    ...base.training,
    batchSize: args.has('bs') ? Number(args.get('bs')) : base.training.batchSize,
    duration: { epochs: Number(args.get('epochs') ?? (base.training.duration as { epochs: number }).epochs) },
  },
  optimizer: { ...base.optimizer, learningRate: Number(args.get('lr') ?? base.optimizer.learningRate) },
  record: { ...base.record, probabilities: true },
};

await tf.setBackend('cpu');
useFastCpuKernels();
const spec = assertSpec(input);
const data = await loadExperimentData(createNodeSource(), { ...spec.data, seed: spec.seed });
const pretrained = spec.model.pretrained ? await loadPretrained(createNodeModelSource(), spec) : undefined;
const trainer = new Trainer(spec, { train: data.train, validation: data.validation, test: data.test, pretrained });
const k = spec.data.task.kind === 'binary' ? 1 : 10;
const rows = (m: SetMetrics) =>
  Array.from({ length: m.n }, (_, i) => Array.from(m.probabilities!.subarray(i * m.outputs, (i + 1) * m.outputs)));
const ece = (m: SetMetrics) =>
  expectedCalibrationError(calibrationInputOf({ probabilities: m.probabilities!, labels: m.labels!, outputs: m.outputs }));
const pTrue = (m: SetMetrics, i: number) =>
  m.outputs === 1 ? (m.labels![i] ? m.probabilities![i] : 1 - m.probabilities![i]) : m.probabilities![i * m.outputs + m.labels![i]];

console.log(
  `${which}: seed ${spec.seed}, batch ${trainer.batchSize}, ${totalSteps(spec)} steps; tfjs ${tf.version.tfjs} CPU backend, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}`,
);
console.log('epoch  train loss  train acc  val loss  val acc  val ECE  mistakes  p<0.1  0.4–0.6  mean p(true)|wrong  mean p(true)|right');
const per = stepsPerEpoch(spec);
const evals = [];
const t0 = performance.now();
while (!trainer.done) {
  await trainer.trainStep(false);
  if (trainer.step % per !== 0 && !trainer.done) continue;
  const ev = await trainer.evaluate();
  evals.push(ev);
  const v = ev.validation!;
  const isWrong = (i: number) => (k === 1 ? pTrue(v, i) <= 0.5 : rows(v)[i].indexOf(Math.max(...rows(v)[i])) !== v.labels![i]);
  const all = Array.from({ length: v.n }, (_, i) => i);
  const wrong = all.filter(isWrong).map((i) => pTrue(v, i));
  const right = all.filter((i) => !isWrong(i)).map((i) => pTrue(v, i));
  const f = (x: number) => x.toFixed(4).padStart(8);
  console.log(
    `${String(ev.epoch).padStart(5)} ${f(ev.train!.loss)} ${f(ev.train!.accuracy)} ${f(v.loss)} ${f(v.accuracy)} ${f(ece(v))} ${String(wrong.length).padStart(8)} ${String(wrong.filter((p) => p < 0.1).length).padStart(6)} ${String(wrong.filter((p) => p >= 0.4 && p <= 0.6).length).padStart(8)} ${f(wrong.reduce((a, b) => a + b, 0) / Math.max(1, wrong.length))} ${f(right.reduce((a, b) => a + b, 0) / Math.max(1, right.length))}`,
  );
}
const best = lowestBy(evals, (e) => e.validation!.loss)!;
console.log(
  `lowest validation loss ${best.validation!.loss.toFixed(4)} at epoch ${best.epoch}; ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
for (const ev of [best, evals[evals.length - 1]]) {
  const v = ev.validation!;
  const t = ev.test!;
  const T = fitTemperature({ probabilities: v.probabilities!, labels: v.labels!, outputs: v.outputs });
  const after = scaled({ probabilities: t.probabilities!, labels: t.labels!, outputs: t.outputs }, T);
  console.log(
    `epoch ${ev.epoch}: T fitted on validation = ${T.toFixed(3)}; test loss ${meanNll(t.probabilities!, t.labels!, t.outputs).toFixed(4)} → ${meanNll(after, t.labels!, t.outputs).toFixed(4)}, test ECE ${ece(t).toFixed(4)} → ${expectedCalibrationError(calibrationInputOf({ probabilities: after, labels: t.labels!, outputs: t.outputs })).toFixed(4)}, test accuracy ${t.accuracy.toFixed(4)} → ${accuracyOf(after, t.labels!, t.outputs).toFixed(4)}`,
  );
}
trainer.dispose();
