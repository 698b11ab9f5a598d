/**
 * Demo state in the URL hash, so an instructor can share a link that restores a demo's controls.
 *
 * One demo's state is a compact query string, e.g. `lr=0.54&sizes=784-7-1&it=2500&bs=full&seed=3`;
 * a page's hash holds several demos as `#<demoId>:<state>;<demoId2>:<state>`. Decoding never throws:
 * malformed values become issues, and the values themselves are validated later by
 * `parseSpec(applyOverrides(spec, overrides))`, which explains out-of-range settings in words.
 */
import { shown } from './fields';
import type { SpecIssue } from './parse';
import type { ExperimentSpecInput } from './schema';

/** What a reader can change with a demo's controls. */
export interface SpecOverrides {
  learningRate?: number;
  /** MLP layer sizes, e.g. [784, 7, 1]; ignored for layer-list models. */
  sizes?: number[];
  /** Training duration in gradient steps; wins over `epochs` if both are set. */
  iterations?: number;
  epochs?: number;
  batchSize?: number | 'full';
  seed?: number;
  /** Training set size. */
  train?: number;
}

type Key = keyof SpecOverrides;

/** URL key, spec path and human label of each override, in the order they are written. */
const FIELDS: { key: Key; short: string; path: string; label: string }[] = [
  { key: 'learningRate', short: 'lr', path: 'optimizer.learningRate', label: 'learning rate' },
  { key: 'sizes', short: 'sizes', path: 'model.sizes', label: 'layer sizes' },
  { key: 'iterations', short: 'it', path: 'training.duration.iterations', label: 'iterations' },
  { key: 'epochs', short: 'ep', path: 'training.duration.epochs', label: 'epochs' },
  { key: 'batchSize', short: 'bs', path: 'training.batchSize', label: 'batch size' },
  { key: 'seed', short: 'seed', path: 'seed', label: 'seed' },
  { key: 'train', short: 'train', path: 'data.train', label: 'training set size' },
];

/** A plain decimal or exponent number; rejects "", "0x10", "Infinity", "1,5". */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const DEFAULT_SEED = 1;

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function valueText(key: Key, value: SpecOverrides[Key]): string {
  return key === 'sizes' ? (value as number[]).join('-') : String(value);
}

/** Encodes overrides compactly and readably, e.g. `lr=0.54&sizes=784-7-1&it=2500&bs=full&seed=3`. */
export function encodeOverrides(overrides: SpecOverrides): string {
  return FIELDS.filter((f) => overrides[f.key] !== undefined)
    .map((f) => `${f.short}=${encodeURIComponent(valueText(f.key, overrides[f.key]))}`)
    .join('&');
}

/** Decodes `encodeOverrides` output. Never throws: unreadable or unknown entries are skipped and reported. */
export function decodeOverrides(text: string): { overrides: SpecOverrides; issues: SpecIssue[] } {
  const overrides: SpecOverrides = {};
  const issues: SpecIssue[] = [];
  for (const entry of String(text ?? '').replace(/^[#?]/, '').split('&')) {
    if (entry.trim() === '') continue;
    const eq = entry.indexOf('=');
    const name = safeDecode(eq < 0 ? entry : entry.slice(0, eq))?.trim() ?? entry;
    const raw = eq < 0 ? null : safeDecode(entry.slice(eq + 1));
    const field = FIELDS.find((f) => f.short === name);
    if (!field) {
      issues.push({ path: name, message: `unknown setting ${shown(name)}` });
      continue;
    }
    if (raw === null) {
      issues.push({ path: field.path, message: `${field.label} has no readable value` });
      continue;
    }
    const value = raw.trim();
    if (field.key === 'sizes') {
      const parts = value.split(/[-,]/);
      if (parts.every((p) => /^\d+$/.test(p))) overrides.sizes = parts.map(Number);
      else issues.push({ path: field.path, message: `layer sizes must be whole numbers joined by "-", like 784-7-1, got ${shown(raw)}` });
    } else if (field.key === 'batchSize' && value.toLowerCase() === 'full') {
      overrides.batchSize = 'full';
    } else if (NUMBER.test(value)) {
      (overrides as Record<string, unknown>)[field.key] = Number(value);
    } else {
      const want = field.key === 'batchSize' ? 'a whole number ≥ 1 or "full"' : 'a number';
      issues.push({ path: field.path, message: `${field.label} must be ${want}, got ${shown(raw)}` });
    }
  }
  if (overrides.iterations !== undefined && overrides.epochs !== undefined) {
    issues.push({ path: 'training.duration', message: 'give iterations (it) or epochs (ep), not both; using the iterations' });
    delete overrides.epochs;
  }
  return { overrides, issues };
}

/** The hash's `id:state` parts, in order; parts without a colon (plain anchors) are kept as they are. */
function hashParts(hash: string): { id: string | null; raw: string; state: string }[] {
  let text = String(hash ?? '').replace(/^#/, '');
  // Some apps percent-encode a pasted link's hash ("lr-puzzle%3Alr%3D0.5"): decode it once.
  if (!text.includes(':')) text = safeDecode(text) ?? text;
  return text
    .split(';')
    .filter((p) => p !== '')
    .map((raw) => {
      const colon = raw.indexOf(':');
      if (colon < 0) return { id: null, raw, state: '' };
      return { id: safeDecode(raw.slice(0, colon)), raw, state: raw.slice(colon + 1) };
    });
}

/** The overrides stored for `demoId` in a page hash (`#id:state;id2:state`), or null if there are none. */
export function readDemoState(hash: string, demoId: string): SpecOverrides | null {
  const part = hashParts(hash).find((p) => p.id === demoId);
  return part ? decodeOverrides(part.state).overrides : null;
}

/**
 * Returns `hash` with `demoId`'s part replaced by `overrides` (appended if absent, removed if the
 * overrides are empty); other parts are kept. The result starts with "#", or is "" when nothing remains.
 */
export function writeDemoState(hash: string, demoId: string, overrides: SpecOverrides): string {
  const state = encodeOverrides(overrides);
  const mine = state ? `${encodeURIComponent(demoId)}:${state}` : null;
  const parts = hashParts(hash);
  const at = parts.findIndex((p) => p.id === demoId);
  const raws = parts.filter((p) => p.id !== demoId).map((p) => p.raw);
  if (mine) raws.splice(at < 0 ? raws.length : at, 0, mine);
  return raws.length ? `#${raws.join(';')}` : '';
}

/** Returns a copy of `spec` with `overrides` applied; `sizes` only applies to MLP models. */
export function applyOverrides(spec: ExperimentSpecInput, overrides: SpecOverrides): ExperimentSpecInput {
  const out = structuredClone(spec);
  const o = overrides;
  if (o.learningRate !== undefined) out.optimizer = { ...out.optimizer, learningRate: o.learningRate };
  if (o.sizes !== undefined && out.model?.kind === 'mlp') out.model = { ...out.model, sizes: [...o.sizes] };
  if (o.iterations !== undefined) out.training = { ...out.training, duration: { iterations: o.iterations } };
  else if (o.epochs !== undefined) out.training = { ...out.training, duration: { epochs: o.epochs } };
  if (o.batchSize !== undefined) out.training = { ...out.training, batchSize: o.batchSize };
  if (o.seed !== undefined) out.seed = o.seed;
  if (o.train !== undefined && o.train !== out.data?.train) {
    out.data = { ...out.data, train: o.train };
    // Exact class counts must add up to the training set size: keep their proportion.
    const c = out.data.counts;
    if (c && c.positive + c.negative > 0 && Number.isInteger(o.train) && o.train > 0) {
      const positive = Math.round((o.train * c.positive) / (c.positive + c.negative));
      out.data.counts = { positive, negative: o.train - positive };
    }
  }
  return out;
}

/** The overrides that turn `base` into `current`: only the fields a control changed. */
export function overridesFrom(base: ExperimentSpecInput, current: ExperimentSpecInput): SpecOverrides {
  const o: SpecOverrides = {};
  if (current.optimizer?.learningRate !== base.optimizer?.learningRate) o.learningRate = current.optimizer.learningRate;
  if (current.model?.kind === 'mlp') {
    const before = base.model?.kind === 'mlp' ? base.model.sizes : undefined;
    const sizes = current.model.sizes;
    if (!before || before.length !== sizes.length || before.some((s, i) => s !== sizes[i])) o.sizes = [...sizes];
  }
  const d = current.training?.duration;
  const b = base.training?.duration;
  if (d && 'iterations' in d && !(b && 'iterations' in b && b.iterations === d.iterations)) o.iterations = d.iterations;
  if (d && 'epochs' in d && !(b && 'epochs' in b && b.epochs === d.epochs)) o.epochs = d.epochs;
  if (current.training?.batchSize !== base.training?.batchSize) o.batchSize = current.training.batchSize;
  if ((current.seed ?? DEFAULT_SEED) !== (base.seed ?? DEFAULT_SEED)) o.seed = current.seed ?? DEFAULT_SEED;
  if (current.data?.train !== base.data?.train) o.train = current.data.train;
  return o;
}
