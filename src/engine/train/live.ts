/**
 * Which changes a run takes while it trains, and the spec it trains on after one. The training step reads the
 * learning rate, the L2 weight, the dropout rates and the augmentation afresh each time (as TF Playground's
 * does), so those may change between two steps; anything else (layer sizes, the data, the batch size, the
 * optimiser's kind) would need a new model or new data, and is refused with the reason.
 */
import { parseSpec } from '../spec/parse';
import type { ExperimentSpec, LayerSpec } from '../spec/schema';
import { changedPaths, mergePatch, type SpecPatch } from './patch';

/** Spec paths a running run may change. */
const LIVE: RegExp[] = [/^optimizer\.learningRate$/, /^model\.l2$/, /^model\.dropout$/, /^training\.augment(\.|$)/];

/** A dropout layer's rate, in a layer-list model. */
const DROPOUT_RATE = /^model\.layers\.(\d+)\.rate$/;

const withoutDropout = (layers: LayerSpec[]) => JSON.stringify(layers.filter((l) => l.type !== 'dropout'));

/** Whether `path` may change mid-run, given the layers before and after (only a dropout layer's rate may). */
function isLive(path: string, before: ExperimentSpec, after: ExperimentSpec): boolean {
  if (LIVE.some((re) => re.test(path))) return true;
  const rate = DROPOUT_RATE.exec(path);
  if (rate && before.model.kind === 'layers' && after.model.kind === 'layers') {
    const i = Number(rate[1]);
    return before.model.layers[i]?.type === 'dropout' && after.model.layers[i]?.type === 'dropout';
  }
  // A dropout layer added or removed (no weights of its own): every other layer is unchanged.
  if (path === 'model.layers' && before.model.kind === 'layers' && after.model.kind === 'layers') {
    return withoutDropout(before.model.layers) === withoutDropout(after.model.layers);
  }
  return false;
}

export type LiveResult = { ok: true; spec: ExperimentSpec; changed: string[] } | { ok: false; message: string };

/**
 * The spec a run trains on after `patch`, with the paths it changes (none: nothing to do), or why it cannot
 * take the patch while it trains (the run goes on as it was).
 */
export function liveSpec(current: ExperimentSpec, patch: SpecPatch): LiveResult {
  const parsed = parseSpec(mergePatch(current, patch));
  if (!parsed.ok) return { ok: false, message: `that change is not valid: ${parsed.issues.map((i) => i.message).join('; ')}` };
  const changed = changedPaths(current, parsed.spec);
  const fixed = changed.filter((p) => !isLive(p, current, parsed.spec));
  if (fixed.length) {
    return {
      ok: false,
      message: `this run cannot change ${fixed.join(', ')} while it trains (only the learning rate, dropout, L2 and augmentation can change mid-run); train again to use the new setting`,
    };
  }
  return { ok: true, spec: parsed.spec, changed };
}
