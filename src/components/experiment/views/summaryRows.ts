/**
 * Layer rows for the parameter table from a spec that may be invalid: every layer up to the first one that
 * cannot be built, computed by the engine's summarize(). Loaded lazily with the validator (it needs zod).
 */
import { z } from '../../../engine/spec/zod';
import { ModelShapeError, summarize, type LayerSummary } from '../../../engine/spec/summarize';
import { dataSchema, modelSchema, type ModelSpec } from '../../../engine/spec/schema';
import type { SpecInput } from '../controls/types';

export interface SummaryRows {
  input: number[] | null;
  layers: LayerSummary[];
  total: number;
  /** The first layer that cannot be built, and why. */
  failure?: { layer: number; message: string };
}

/** All a summary needs: the model and the input shape (an invalid learning rate must not hide the table). */
const modelPart = z.object({ data: dataSchema.pick({ input: true }), model: modelSchema });

/** Layer rows for a spec that may be invalid: every layer up to the first one that cannot be built. */
export function summaryRows(spec: SpecInput): SummaryRows {
  const parsed = modelPart.safeParse(spec);
  if (!parsed.success) return { input: null, layers: [], total: 0 };
  const full = parsed.data;
  try {
    const s = summarize(full);
    return { input: s.inputShape, layers: s.layers, total: s.totalParams };
  } catch (e) {
    if (!(e instanceof ModelShapeError) || full.model.kind !== 'layers')
      return { input: null, layers: [], total: 0, failure: { layer: 0, message: String((e as Error).message) } };
    const prefix = summarize({ ...full, model: { ...full.model, layers: full.model.layers.slice(0, e.layer) } as ModelSpec });
    return { input: prefix.inputShape, layers: prefix.layers, total: prefix.totalParams, failure: { layer: e.layer, message: e.message } };
  }
}
