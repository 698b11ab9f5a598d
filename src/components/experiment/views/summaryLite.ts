/**
 * The parameter table's rows without zod, for a demo's authored spec before the validator has loaded (issue #23
 * §4: zod loads when the reader changes something or trains, not with the page). The spec's defaults are filled
 * the way each layer type's `canonical` fills them, then the engine's own summarize() (which needs no zod) counts.
 * Returns null for anything it cannot vouch for (an invalid spec, a model it cannot build): the caller then loads
 * the validator and uses summaryRows(). tests/unit/kit/summaryLite.test.ts checks it equals summaryRows() for
 * every demo of the book and of the fixture page.
 */
import { summarize } from '../../../engine/spec/summarize';
import type { ModelSpec } from '../../../engine/spec/schema';
import { canonicalLayer } from '../../../engine/layers/registry';
import type { SpecInput } from '../controls/types';
import type { SummaryRows } from './summaryRows';

const MLP_DEFAULTS = { hiddenActivation: 'relu', outputActivation: 'sigmoid', dropout: 0 };

export function summaryRowsLite(spec: SpecInput): SummaryRows | null {
  const model = spec.model as Record<string, unknown> | undefined;
  if (!model) return null;
  let full: ModelSpec;
  if (model.kind === 'mlp') full = { ...MLP_DEFAULTS, ...model } as unknown as ModelSpec;
  else if (model.kind === 'layers' && Array.isArray(model.layers))
    full = { ...model, layers: (model.layers as never[]).map((l) => canonicalLayer(l)) } as unknown as ModelSpec;
  else return null;
  const pretrained = full.pretrained as { freeze?: boolean } | undefined;
  if (pretrained) full = { ...full, pretrained: { ...pretrained, freeze: pretrained.freeze ?? true } } as ModelSpec;
  const input = (spec.data as { input?: 'flat' | 'image' } | undefined)?.input ?? 'flat';
  try {
    const s = summarize({ data: { input }, model: full });
    if (s.layers.some((l) => !Number.isFinite(l.params) || l.outputShape.some((d) => !Number.isInteger(d) || d <= 0))) return null;
    return { input: s.inputShape, layers: s.layers, total: s.totalParams };
  } catch {
    // A ModelShapeError, or a layer type it does not know: summaryRows() says which layer and why.
    return null;
  }
}
