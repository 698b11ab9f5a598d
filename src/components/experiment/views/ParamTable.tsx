/**
 * The model's layers as Keras' model.summary() prints them — output shape, numbers out, parameters, total —
 * computed by the engine's summarize() from the spec as the reader edits it, before any training. A layer
 * that cannot be built shows its message on its own row.
 */
import { z } from 'zod';
import { ModelShapeError, summarize, type LayerSummary } from '../../../engine/spec/summarize';
import { dataSchema, modelSchema, type ModelSpec } from '../../../engine/spec/schema';
import type { SpecInput } from '../controls/types';

const nf = new Intl.NumberFormat('en');
const shape = (s: number[]) => s.join('×');
const count = (s: number[]) => s.reduce((a, b) => a * b, 1);

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
    if (!(e instanceof ModelShapeError) || full.model.kind !== 'layers') return { input: null, layers: [], total: 0, failure: { layer: 0, message: String((e as Error).message) } };
    const prefix = summarize({ ...full, model: { ...full.model, layers: full.model.layers.slice(0, e.layer) } as ModelSpec });
    return { input: prefix.inputShape, layers: prefix.layers, total: prefix.totalParams, failure: { layer: e.layer, message: e.message } };
  }
}

interface ParamTableProps {
  spec: SpecInput;
  caption?: string;
  /** Shown instead of the table while the model's settings do not validate. */
  empty?: string;
  /** Leaves out the "numbers out" column (the output shape says it too), for a table beside an editor. */
  compact?: boolean;
}

export function ParamTable({ spec, caption = 'Layers, shapes and parameters', empty = 'Fix the settings above to see the model’s layers.', compact = false }: ParamTableProps) {
  const rows = summaryRows(spec);
  if (!rows.input) return <p class="lc-figure__empty">{rows.failure?.message ?? empty}</p>;
  const biggest = rows.layers.reduce((best, l, i) => (l.params > (rows.layers[best]?.params ?? -1) ? i : best), -1);
  return (
    <div class={`lc-params lc-figure__table${compact ? ' lc-params--compact' : ''}`}>
      <table data-testid="param-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">layer</th>
            <th scope="col">output shape</th>
            {!compact && <th scope="col">numbers out</th>}
            <th scope="col">parameters</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">input</th>
            <td>{shape(rows.input)}</td>
            {!compact && <td>{nf.format(count(rows.input))}</td>}
            <td>0</td>
          </tr>
          {rows.layers.map((l, i) => (
            <tr class={i === biggest && rows.total > 0 ? 'lc-params__biggest' : undefined}>
              <th scope="row">
                {l.name}
                {l.activation ? ` (${l.activation})` : ''}
              </th>
              <td>{shape(l.outputShape)}</td>
              {!compact && <td>{nf.format(count(l.outputShape))}</td>}
              <td>{nf.format(l.params)}</td>
            </tr>
          ))}
          {rows.failure && (
            <tr class="lc-params__error">
              <th scope="row">layer {rows.failure.layer + 1}</th>
              <td colSpan={compact ? 2 : 3} role="alert">
                {rows.failure.message}
              </td>
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">total</th>
            <td colSpan={compact ? 1 : 2} />
            <td data-testid="param-total">{nf.format(rows.total)}</td>
          </tr>
        </tfoot>
      </table>
      {biggest >= 0 && rows.total > 0 && (
        <p class="lc-params__note">
          {rows.layers[biggest].name} holds {Math.round((100 * rows.layers[biggest].params) / rows.total)}% of the parameters.
        </p>
      )}
    </div>
  );
}
