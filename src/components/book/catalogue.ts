/**
 * The instructor catalogue: every demo, sweep and gallery of the registry (src/demos/index.ts), in chapter order,
 * with what it shows, the result of the book's reference run (src/reference/catalogue.ts → the reference data), its
 * default run size, its measured run time here (src/reference/demo-costs.json, written by `npm run reference --
 * demo-costs`; "not measured yet" where the file lacks it), a GPU estimate labelled as one, and its embed snippet.
 * Pure and build-time only: the page renders it to HTML with no script.
 */
import { allDemos, allGalleries, allSweeps } from '../../demos';
import type { DemoConfig, GalleryConfig, SweepConfig } from '../experiment/types';
import { sweepRuns } from '../experiment/sweepState';
import { embedSnippet, embedUrl, fallbackHeight } from '../experiment/embed';
import { EMBED_HEIGHTS, EXPECTED, GPU_REFERENCE } from '../../reference/catalogue';
import { lookup, refText, type RefFormat } from '../../reference/lookup';
import { stepCost, TINY_STEP_MACS } from '../../engine/backend-probe';
import { batchSizeOf, totalSteps } from '../../engine/spec/arithmetic';
import { assertSpec } from '../../engine/spec/parse';
import type { ExperimentSpec, ExperimentSpecInput } from '../../engine/spec/schema';
import { withPoolDemo } from '../../demos/pooling';

export type CatalogueKind = 'demo' | 'sweep' | 'gallery';

export interface RunSize {
  runs: number;
  /** Gradient steps of all runs together. */
  steps: number;
  /** Examples seen in training (steps × batch). */
  samples: number;
  /** Examples per step ("full": the whole training set). */
  batch: number | 'full';
  /** Training images. */
  train: number;
  /** How the demo counts its length, per run. */
  duration: { epochs: number } | { iterations: number };
}

export interface Measured {
  seconds: number;
  secondsPerStep: number;
  timedSteps: number;
}

export type GpuEstimate = { kind: 'estimate'; seconds: number } | { kind: 'cpu'; reason: string };

export interface CatalogueEntry {
  id: string;
  kind: CatalogueKind;
  title: string;
  description?: string;
  chapter: { title: string; href: string };
  /** A gallery's demos. */
  compares?: string[];
  size?: RunSize;
  /** From demo-costs.json, or null when it has not been measured yet. */
  measured?: Measured | null;
  gpu?: GpuEstimate;
  /** The reference run's result, with its figures filled in. */
  expected?: { setting?: string; text: string };
  embed: { href: string; height: number; snippet: string };
}

const PLACEHOLDER = /\{([A-Za-z0-9.-]+)(?:\|(number|percent|list|count|range))?(?:\|(\d+))?\}/g;

/** An expected-result text with its `{key|format|digits}` placeholders filled from the reference data. */
export function fillExpected(text: string): string {
  return text.replace(PLACEHOLDER, (_, key: string, format?: RefFormat, digits?: string) =>
    refText(key, format, digits === undefined ? undefined : Number(digits)),
  );
}

/** Every reference key an expected-result text names. */
export function expectedKeys(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

function runSpecs(config: DemoConfig | SweepConfig, kind: CatalogueKind): ExperimentSpec[] {
  if (kind === 'sweep') return sweepRuns(config as SweepConfig, config.spec).map((r) => assertSpec(r.spec));
  return [assertSpec(config.spec)];
}

function sizeOf(specs: ExperimentSpec[], input: ExperimentSpecInput): RunSize {
  const first = specs[0];
  const steps = specs.reduce((t, s) => t + totalSteps(s), 0);
  const samples = specs.reduce((t, s) => t + totalSteps(s) * batchSizeOf(s), 0);
  const d = first.training.duration;
  return {
    runs: specs.length,
    steps,
    samples,
    batch: input.training.batchSize === 'full' ? 'full' : batchSizeOf(first),
    train: first.data.train,
    duration: 'iterations' in d ? { iterations: d.iterations } : { epochs: d.epochs },
  };
}

/** The measured costs (src/reference/demo-costs.json), if that file exists in this checkout. */
function measuredCosts(): Record<string, Measured> {
  return (lookup('demo-costs.demos') as Record<string, Measured> | undefined) ?? {};
}

/** Where the measured run times come from, in words, or null when nothing is measured. */
export function measuredSetup(): { backend: string; device: string; date: string; method: string } | null {
  const setup = lookup('demo-costs.setup') as { backend?: string; device?: string; date?: string; method?: string } | undefined;
  if (!setup) return null;
  return { backend: setup.backend ?? '', device: setup.device ?? '', date: setup.date ?? '', method: setup.method ?? '' };
}

let courseMacs: number | undefined;

/**
 * The GPU time of a demo's training steps, scaled from the engine's measured course-CNN step on an H100 (batch 64)
 * by multiply-adds per step and never below it (a small network's step there is mostly fixed overhead). A tiny dense
 * model runs on the CPU even where a GPU is present (engine/backend-probe.ts), so it gets no GPU figure.
 */
export function gpuEstimate(specs: ExperimentSpec[]): GpuEstimate {
  courseMacs ??= stepCost(
    assertSpec({ ...withPoolDemo.spec, training: { ...withPoolDemo.spec.training, batchSize: GPU_REFERENCE.batch } }),
  ).macs;
  let seconds = 0;
  for (const spec of specs) {
    const cost = stepCost(spec);
    if (!cost.convolutions && cost.macs < TINY_STEP_MACS) return { kind: 'cpu', reason: 'a tiny dense network' };
    seconds += (totalSteps(spec) * GPU_REFERENCE.msPerStep * Math.max(1, cost.macs / courseMacs)) / 1000;
  }
  return { kind: 'estimate', seconds };
}

function embedOf(config: { id: string; title: string }, origin: string): CatalogueEntry['embed'] {
  const height = EMBED_HEIGHTS[config.id] ?? fallbackHeight(0);
  const src = embedUrl(config.id, '', origin);
  return { href: embedUrl(config.id), height, snippet: embedSnippet({ src, title: `${config.title} (Learning Curves)`, origin, height }) };
}

/**
 * The catalogue: every demo, sweep and gallery of the registry, in the order of `chapters` (their paths, e.g.
 * "/chapters/learning-rate/", in reading order; pages not listed, such as this one, last), registry order within one.
 */
export function catalogue(origin: string, chapters: string[] = []): CatalogueEntry[] {
  const costs = measuredCosts();
  const entries: CatalogueEntry[] = [];
  const add = (config: DemoConfig | SweepConfig | GalleryConfig, kind: CatalogueKind) => {
    const base = {
      id: config.id,
      kind,
      title: config.title,
      description: config.description,
      chapter: config.chapter,
      embed: embedOf(config, origin),
    };
    if (kind === 'gallery') {
      entries.push({ ...base, compares: (config as GalleryConfig).demos ?? [] });
      return;
    }
    const trained = config as DemoConfig | SweepConfig;
    const specs = runSpecs(trained, kind);
    const expected = EXPECTED[config.id];
    const cost = costs[config.id];
    entries.push({
      ...base,
      size: sizeOf(specs, trained.spec),
      measured: cost ? { seconds: cost.seconds, secondsPerStep: cost.secondsPerStep, timedSteps: cost.timedSteps } : null,
      gpu: gpuEstimate(specs),
      expected: expected && { setting: expected.setting, text: fillExpected(expected.text) },
    });
  };
  allDemos.forEach((d) => add(d, 'demo'));
  allSweeps.forEach((s) => add(s, 'sweep'));
  allGalleries.forEach((g) => add(g, 'gallery'));
  const rank = (href: string) => (chapters.includes(href) ? chapters.indexOf(href) : chapters.length);
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e.chapter.href) - rank(b.e.chapter.href) || a.i - b.i)
    .map(({ e }) => e);
}

/** Seconds as a reader reads a duration: "4 s", "1 min 20 s", "2 h 5 min". */
export function duration(seconds: number): string {
  if (seconds < 1) return '< 1 s';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.round(seconds / 60);
  if (seconds < 3600) {
    const s = Math.round(seconds - Math.floor(seconds / 60) * 60);
    return seconds < 600 && s > 0 ? `${Math.floor(seconds / 60)} min ${s} s` : `${m} min`;
  }
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}
