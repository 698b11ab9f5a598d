/**
 * The shift test: one held-out image moved 0, 1, 2… pixels, and how similar (cosine) the representation the
 * classifier sees stays to the unshifted one, for each trained run (this demo's and the newest of each demo in
 * `demos`); × where the predicted class changes. Under the chart, the same test over a sample of images.
 * Runs are tested once they have finished; their answers stay after the worker frees them.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Split } from '../../../../engine/data/split';
import type { ShiftDirection, ShiftTestResult } from '../../../../engine/train/shift-test';
import { ChartFigure, usePlots, type Plots } from '../../ChartFigure';
import type { Run } from '../../store/run';
import { AnswerCache, analysedRuns, canAnalyse, runName } from '../analysedRuns';
import { ImageStrip } from '../ImageStrip';
import type { ViewContext, ViewDef } from '../types';
import '../analysis.css';

interface ShiftOptions {
  title?: string;
  caption?: string;
  emptyText?: string;
  /** Split the images come from; default validation. */
  split?: Split;
  shifts?: number[];
  direction?: ShiftDirection;
  /** The image shown first (its position in the split). */
  example?: number;
  /** Images in the summary under the chart (the first ones of the split); 0 for none. Default 100. */
  sample?: number;
  /** Other demos whose newest run is tested too. */
  demos?: string[];
  /** Label of the image picker. */
  pickLabel?: string;
  /** One line per run under the chart: {model}, {held}, {n}, {shift}, {cosine}. */
  summary?: string;
  /** The chosen image's true class: {label}. */
  trueClass?: string;
}

const SUMMARY =
  '{model}: the predicted class stayed the same at every shift for {held} of {n} images; mean cosine similarity at {shift} px: {cosine}.';
const results = new AnswerCache<ShiftTestResult>();
const pixels = new AnswerCache<Float32Array>();

/** One image's probes (shift, representation, predicted label) from a result holding several images. */
function probesOf(r: ShiftTestResult, image: number) {
  const s = r.shifts.length;
  return r.shifts.map((shift, k) => ({
    shift,
    representation: r.representations.subarray((image * s + k) * r.dim, (image * s + k + 1) * r.dim),
    predicted: r.predicted[image * s + k],
  }));
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

function sampleLine(p: Plots, r: ShiftTestResult, model: string, template: string): string {
  const n = r.indices.length;
  let held = 0;
  let cosine = 0;
  const last = r.shifts.length - 1;
  for (let e = 0; e < n; e++) {
    const probes = probesOf(r, e);
    if (probes.every((q) => q.predicted === probes[0].predicted)) held++;
    cosine += p.cosineSimilarity(probes[0].representation, probes[last].representation);
  }
  return fill(template, { model, held, n, shift: r.shifts[last], cosine: (cosine / n).toFixed(3) });
}

function ShiftView({ ctx, options }: { ctx: ViewContext; options: ShiftOptions }) {
  const plots = usePlots();
  const [, setTick] = useState(0);
  const refresh = () => setTick((t) => t + 1);
  const split = options.split ?? 'validation';
  const shifts = options.shifts ?? [0, 1, 2, 3, 4];
  const direction = options.direction ?? 'right';
  const sample = options.sample ?? 100;
  const [example, setExample] = useState(options.example ?? 0);
  const [text, setText] = useState(String(options.example ?? 0));
  const runs = analysedRuns(ctx, options.demos);
  // Reading each run's phase subscribes this view to it: a run that finishes is tested at once.
  runs.forEach((r) => r.phase.value);
  const available = runs.find((r) => r.stats.value)?.stats.value?.[split] ?? 0;
  const names = runs.find((r) => r.stats.value)?.stats.value?.labelNames ?? [];
  const one = `${split}|${direction}|${shifts.join(',')}|${example}`;
  const many = `${split}|${direction}|${shifts.join(',')}|first ${sample}`;
  const ask = (indices: number[]) => (run: Run) => run.handle!.shiftTest(split, indices, shifts, direction);

  useEffect(() => {
    for (const run of runs) {
      if (example < available || available === 0) results.request(run, one, ask([example]), refresh);
      if (sample > 0 && available > 0)
        results.request(run, many, ask(Array.from({ length: Math.min(sample, available) }, (_, i) => i)), refresh);
      pixels.request(run, `${split}|${example}`, (r) => r.handle!.examples(split, [example]).then((e) => e.pixels), refresh);
    }
  });

  const tested = runs.map((run) => ({ run, answer: results.get(run, one) }));
  const series = plots
    ? tested.flatMap(({ run, answer }) =>
        answer?.status === 'done'
          ? [{ id: run.id, label: runName(run, runs), points: plots.shiftPoints(probesOf(answer.value, 0), names) }]
          : [],
      )
    : [];
  const failures = tested.flatMap(({ answer }) => (answer?.status === 'failed' ? [answer.message] : []));
  const pending = tested.some(({ answer }) => answer?.status === 'pending');
  const waiting = runs.some((r) => !canAnalyse(r) && r.handle && r.phase.value !== 'ended');
  const image = runs.map((r) => pixels.get(r, `${split}|${example}`)).find((a) => a?.status === 'done');
  const tested0 = tested.find(({ answer }) => answer?.status === 'done')?.answer;
  const label = tested0?.status === 'done' ? names[tested0.value.labels[0]] : undefined;
  const status =
    failures[0] ??
    (pending
      ? 'Testing…'
      : waiting
        ? 'Testing when the run in progress has finished.'
        : series.length
          ? ''
          : (options.emptyText ?? 'Train a network: once it has finished, its shift test appears here.'));

  const choose = (raw: string) => {
    setText(raw);
    const n = Number(raw);
    if (raw.trim() !== '' && Number.isInteger(n) && n >= 0 && (available === 0 || n < available)) setExample(n);
  };
  const invalid = text.trim() === '' || !Number.isInteger(Number(text)) || Number(text) < 0 || (available > 0 && Number(text) >= available);
  const step = (d: number) => choose(String(Math.min(Math.max(0, example + d), Math.max(0, available - 1))));
  const pickId = `${ctx.file('shift')}-pick`;

  return (
    <div class="lc-analysis" data-view="shift">
      <div class="lc-analysis__pick">
        <label for={pickId}>{options.pickLabel ?? `Image (${split} set position)`}</label>
        <div class="lc-field__row">
          <button type="button" class="lc-button" aria-label="Previous image" onClick={() => step(-1)} disabled={example <= 0}>
            ←
          </button>
          <input
            id={pickId}
            type="text"
            inputMode="numeric"
            size={5}
            value={text}
            aria-invalid={invalid}
            aria-describedby={invalid ? `${pickId}-error` : undefined}
            onInput={(e) => choose((e.currentTarget as HTMLInputElement).value)}
          />
          <button
            type="button"
            class="lc-button"
            aria-label="Next image"
            onClick={() => step(1)}
            disabled={available > 0 && example >= available - 1}
          >
            →
          </button>
        </div>
        {invalid && (
          <p id={`${pickId}-error`} class="lc-field__error" role="alert">
            {available > 0 ? `Choose a whole number from 0 to ${available - 1}.` : 'Choose a whole number ≥ 0.'}
          </p>
        )}
      </div>
      {label && (
        <p class="lc-analysis__status" data-testid="shift-true-class">
          {fill(options.trueClass ?? 'True class: {label}.', { label })}
        </p>
      )}
      {image?.status === 'done' && <ImageStrip pixels={image.value} shifts={shifts} direction={direction} />}
      <p class="lc-analysis__status" role="status" aria-live="polite">
        {status}
      </p>
      <ChartFigure
        title={options.title ?? 'Shift test: similarity to the unshifted representation'}
        filename={ctx.file('shift')}
        table={plots ? plots.shiftTable(series) : { columns: [], rows: [] }}
        caption={options.caption}
        emptyText={series.length ? undefined : (options.emptyText ?? 'The shift test appears here once a network has finished training.')}
        build={(p, document, width) => p.shiftChart(series, { document, width, background: 'var(--lc-bg)' })}
      />
      {plots && sample > 0 && (
        <ul class="lc-analysis__summary" data-testid="shift-summary">
          {runs.map((run) => {
            const a = results.get(run, many);
            return a?.status === 'done' ? (
              <li key={run.id}>{sampleLine(plots, a.value, runName(run, runs), options.summary ?? SUMMARY)}</li>
            ) : null;
          })}
        </ul>
      )}
    </div>
  );
}

export const view: ViewDef<ShiftOptions> = {
  name: 'shift',
  Component: ShiftView,
};
