/**
 * Validates an experiment. Returns messages a reader understands, each tied to the field it is about,
 * so a control can show it right beside itself. Never throws.
 */
import { defOf } from '../layers/registry';
import type { z } from 'zod';
import { experimentSpecSchema, type ExperimentSpec } from './schema';
import { resourceChecks } from './limits';
import { SPLIT_SIZES } from './vocabulary';
import { ModelShapeError, outputUnitsFor, summarize, expandLayers, type ModelSummary } from './summarize';

export interface SpecIssue {
  /** Dotted path of the field, e.g. "optimizer.learningRate" or "model.sizes". */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; spec: ExperimentSpec; summary: ModelSummary } | { ok: false; issues: SpecIssue[] };

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v = input;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

function zodIssues(error: z.ZodError, input: unknown): SpecIssue[] {
  const seen = new Set<string>();
  const out: SpecIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    // Union failures repeat one problem per branch; keep the first message per field.
    if (seen.has(path)) continue;
    seen.add(path);
    const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined && !/got nothing/.test(issue.message);
    out.push({ path, message: missing ? `${path || 'spec'} is required` : issue.message });
  }
  return out;
}

const list = (ids: number[]) => `[${ids.join(', ')}]`;

/** Checks on `data.classes` against the task. */
function classChecks(data: ExperimentSpec['data']): SpecIssue[] {
  const { classes, task } = data;
  if (!classes || task.kind !== 'binary') return [];
  const outside = [...new Set(task.positive)].filter((c) => !classes.includes(c));
  if (outside.length) {
    return [
      {
        path: 'data.task.positive',
        message: `positive ${outside.length === 1 ? 'class' : 'classes'} ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not among the listed classes ${list(classes)}`,
      },
    ];
  }
  if (classes.every((c) => task.positive.includes(c))) {
    return [
      { path: 'data.classes', message: `a binary task needs a negative class: list a class in ${list(classes)} that is not positive` },
    ];
  }
  return [];
}

/** Checks on `model.pretrained` against the model's layers. */
function pretrainedChecks(model: ExperimentSpec['model']): SpecIssue[] {
  const p = model.pretrained;
  if (!p) return [];
  const layers = expandLayers(model);
  const path = 'model.pretrained.layers';
  const plural = (n: number) => `${n} layer${n === 1 ? '' : 's'}`;
  if (p.layers > layers.length) {
    return [{ path, message: `the model has only ${plural(layers.length)}, so it cannot take ${p.layers} pretrained layers` }];
  }
  const hasWeights = (l: (typeof layers)[number]) => !!defOf(l).weights;
  // A file holds kernels and biases: only layers whose weights are exactly those (dense, conv2d) can take them.
  const unloadable = layers.slice(0, p.layers).findIndex((l) => hasWeights(l) && !defOf(l).pretrainable);
  if (unloadable >= 0) {
    return [
      {
        path,
        message: `layer ${unloadable + 1} (${layers[unloadable].type}) cannot take pretrained weights: a pretrained file holds kernels and biases of conv2d and dense layers only`,
      },
    ];
  }
  if (!layers.slice(0, p.layers).some(hasWeights)) {
    return [{ path, message: `the first ${plural(p.layers)} of the model hold no weights to load; count up to a conv2d or dense layer` }];
  }
  if (p.freeze && !layers.slice(p.layers).some(hasWeights)) {
    return [
      {
        path,
        message: `freezing the first ${plural(p.layers)} leaves no layer with weights to train; add a dense layer after them, or set freeze to false`,
      },
    ];
  }
  return [];
}

/** The output layer the task needs, or the issue with the one the model has. */
function outputCheck(spec: ExperimentSpec): SpecIssue | null {
  const { data, model } = spec;
  const layers = expandLayers(model);
  const last = layers[layers.length - 1];
  const want = outputUnitsFor(data);
  const mlp = model.kind === 'mlp';
  const sizesPath = mlp ? 'model.sizes' : `model.layers.${layers.length - 1}`;
  const activationPath = mlp ? 'model.outputActivation' : sizesPath;
  if (last.type !== 'dense' || last.units !== want) {
    if (data.task.kind === 'binary') {
      return {
        path: sizesPath,
        message: `a binary task needs 1 output unit (one probability); end the ${mlp ? 'layer sizes with 1' : 'model with dense(1)'}`,
      };
    }
    const article = want === 8 ? 'an' : 'a';
    return {
      path: sizesPath,
      message: `${article} ${want}-class task needs ${want} output units; end the ${mlp ? `layer sizes with ${want}` : `model with dense(${want})`}`,
    };
  }
  if (data.task.kind === 'binary' && last.activation !== 'sigmoid')
    return { path: activationPath, message: 'a binary task needs a sigmoid output' };
  if (data.task.kind === 'multiclass' && last.activation !== 'softmax')
    return { path: activationPath, message: 'a multiclass task needs a softmax output' };
  return null;
}

/** Checks that need several fields at once (the schema checks each field alone). */
export function crossChecks(spec: ExperimentSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const { data, model, training, record } = spec;
  if (data.train + data.validation > SPLIT_SIZES.train) {
    issues.push({
      path: 'data.validation',
      message: `training (${data.train}) plus validation (${data.validation}) images exceed the ${SPLIT_SIZES.train} in the training split`,
    });
  }
  if (data.counts) {
    if (data.task.kind !== 'binary') {
      issues.push({ path: 'data.counts', message: 'exact positive/negative counts only apply to a binary task' });
    } else if (data.counts.positive + data.counts.negative !== data.train) {
      issues.push({
        path: 'data.counts',
        message: `positive (${data.counts.positive}) plus negative (${data.counts.negative}) counts must add up to the training set size (${data.train})`,
      });
    }
  }
  issues.push(...classChecks(data));
  issues.push(...pretrainedChecks(model));
  if (model.kind === 'layers' && model.layers.some((l) => defOf(l).image)) {
    if (data.input !== 'image') {
      issues.push({ path: 'data.input', message: 'convolution and pooling layers need image input; set input to "image"' });
    }
  }
  if (training.earlyStopping && data.validation === 0) {
    issues.push({
      path: 'training.earlyStopping',
      message: 'early stopping watches the validation loss: add a validation set (data.validation > 0) or turn early stopping off',
    });
  }
  if (record.trainEval > data.train) {
    issues.push({
      path: 'record.trainEval',
      message: `the training-evaluation subset (${record.trainEval}) cannot be larger than the training set (${data.train})`,
    });
  }
  const output = outputCheck(spec);
  if (output) issues.push(output);
  return issues;
}

/** Validates `input` as an ExperimentSpec, fills defaults, and summarises the model. */
export function parseSpec(input: unknown): ParseResult {
  const parsed = experimentSpecSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error, input) };
  const spec = parsed.data;
  let summary: ModelSummary;
  try {
    summary = summarize(spec);
  } catch (e) {
    if (!(e instanceof ModelShapeError)) throw e;
    const path = spec.model.kind === 'mlp' ? 'model.sizes' : `model.layers.${e.layer}`;
    return { ok: false, issues: [{ path, message: e.message }, ...crossChecks(spec)] };
  }
  const issues = [...crossChecks(spec), ...resourceChecks(spec, summary)];
  return issues.length ? { ok: false, issues } : { ok: true, spec, summary };
}

/** Like parseSpec, but throws one readable Error listing every issue. For code paths that own their spec. */
export function assertSpec(input: unknown): ExperimentSpec {
  const result = parseSpec(input);
  if (!result.ok) throw new Error(`invalid experiment: ${result.issues.map((i) => i.message).join('; ')}`);
  return result.spec;
}

// The training arithmetic lives in arithmetic.ts; re-exported for the modules that validate and count in one import.
export { batchSizeOf, stepsPerEpoch, totalSteps } from './arithmetic';
