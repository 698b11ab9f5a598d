/**
 * Linear probes: once a run has finished, a softmax classifier is fitted on the frozen output of each chosen
 * layer (and on the raw pixels) and scored on held-out images — how linearly readable the label is at each
 * depth, and from how many numbers. One bar per run (this demo's and the newest of each demo in `demos`).
 */
import { useEffect, useState } from 'preact/hooks';
import type { Split } from '../../../../engine/data/split';
import type { LinearProbeResult } from '../../../../engine/train/linear-probe';
import { probeBars, probeTable, type ProbeBar } from '../../../charts/probeBars';
import { ChartFigure } from '../../ChartFigure';
import type { Run } from '../../store/run';
import { AnswerCache, analysedRuns, canAnalyse, runName } from '../analysedRuns';
import type { ViewContext, ViewDef } from '../types';
import '../analysis.css';

/** A feature set: 'input' (the raw pixels) or a layer's Keras-style name as the parameter table shows it, e.g. 'conv2d_1'. */
interface ProbeFeature {
  layer: string;
  label: string;
}

interface ProbesOptions {
  title?: string;
  caption?: string;
  emptyText?: string;
  features?: ProbeFeature[];
  /** Held-out split the probes are scored on; default validation. */
  split?: Split;
  /** Training and held-out examples per probe; defaults 500 and 500. */
  train?: number;
  test?: number;
  steps?: number;
  demos?: string[];
}

const answers = new AnswerCache<LinearProbeResult>();

/** Keras-style names of a spec's layers (conv2d_1, max_pooling2d_1, dense_2…), as the engine's summary names them. */
export function layerNames(spec: Run['spec']): string[] {
  const m = spec.model;
  const types = m.kind === 'layers' ? m.layers.map((l) => l.type) : m.sizes.slice(1).map(() => 'dense');
  const seen = new Map<string, number>();
  return types.map((t) => {
    const n = (seen.get(t) ?? 0) + 1;
    seen.set(t, n);
    return `${t.replace(/([A-Z])/g, '_$1').toLowerCase()}_${n}`;
  });
}

/** The default feature sets: raw pixels, then every convolution and pooling layer. */
function defaultFeatures(spec: Run['spec']): ProbeFeature[] {
  const names = layerNames(spec);
  return [
    { layer: 'input', label: 'raw pixels' },
    ...names.filter((n) => /^(conv2d|max_pooling2d|average_pooling2d)_/.test(n)).map((n) => ({ layer: n, label: n })),
  ];
}

function LinearProbesView({ ctx, options }: { ctx: ViewContext; options: ProbesOptions }) {
  const [, setTick] = useState(0);
  const split = options.split ?? 'validation';
  const runs = analysedRuns(ctx, options.demos);
  runs.forEach((r) => r.phase.value);
  const featuresOf = (run: Run) => {
    const names = layerNames(run.spec);
    // Feature sets this run's model has (a network without pooling has no pooled maps).
    return (options.features ?? defaultFeatures(run.spec)).flatMap((f) => {
      const at = f.layer === 'input' ? -1 : names.indexOf(f.layer);
      return f.layer === 'input' || at >= 0 ? [{ ...f, index: at }] : [];
    });
  };
  const key = `${split}|${options.train ?? 500}|${options.test ?? 500}|${options.steps ?? 150}`;

  useEffect(() => {
    for (const run of runs) {
      const features = featuresOf(run);
      answers.request(
        run,
        `${key}|${features.map((f) => f.index).join(',')}`,
        (r) =>
          r.handle!.linearProbes(split, {
            layers: features.map((f) => f.index),
            train: options.train ?? 500,
            test: options.test ?? 500,
            steps: options.steps,
          }),
        () => setTick((t) => t + 1),
      );
    }
  });

  const bars: ProbeBar[] = [];
  const failures: string[] = [];
  /** Runs with fewer images than the probes ask for use all they have. */
  const fewer: string[] = [];
  let pending = false;
  for (const run of runs) {
    const features = featuresOf(run);
    const a = answers.get(run, `${key}|${features.map((f) => f.index).join(',')}`);
    if (a?.status === 'pending') pending = true;
    if (a?.status === 'failed') failures.push(a.message);
    if (a?.status !== 'done') continue;
    a.value.scores.forEach((s, i) =>
      bars.push({
        features: features[i].label,
        size: s.features,
        run: runName(run, runs),
        trainAccuracy: s.trainAccuracy,
        testAccuracy: s.testAccuracy,
        testLoss: s.testLoss,
        trainImages: a.value.train,
        testImages: a.value.test,
      }),
    );
    const [wantTrain, wantTest] = [options.train ?? 500, options.test ?? 500];
    if (a.value.train < wantTrain || a.value.test < wantTest)
      fewer.push(`${runName(run, runs)}: ${a.value.train} training and ${a.value.test} ${split} images`);
  }
  const waiting = runs.some((r) => !canAnalyse(r) && r.handle && r.phase.value !== 'ended');
  const status =
    failures[0] ?? (pending ? 'Fitting the probes…' : waiting ? 'The probes run when the training in progress has finished.' : '');
  return (
    <div class="lc-analysis" data-view="linearProbes">
      <p class="lc-analysis__status" role="status" aria-live="polite">
        {status}
      </p>
      <ChartFigure
        title={options.title ?? `Linear probes: ${split} accuracy from each layer`}
        filename={ctx.file('probes')}
        table={probeTable(bars, split)}
        caption={options.caption}
        emptyText={
          bars.length
            ? undefined
            : (options.emptyText ?? 'Train the network: once it has finished, a linear probe is fitted on each layer here.')
        }
        build={(_p, document, width) => probeBars(bars, { document, width, metricLabel: `${split} accuracy` })}
      />
      {fewer.length > 0 && <p class="lc-analysis__status">{`Fewer images than that where a run had fewer: ${fewer.join('; ')}.`}</p>}
    </div>
  );
}

export const view: ViewDef<ProbesOptions> = {
  name: 'linearProbes',
  Component: LinearProbesView,
};
