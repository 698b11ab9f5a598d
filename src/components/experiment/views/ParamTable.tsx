/**
 * The model's layers as Keras' model.summary() prints them — output shape, numbers out, parameters, total —
 * computed by the engine's summarize() from the spec as the reader edits it, before any training. A layer
 * that cannot be built shows its message on its own row.
 */
import { useEffect } from 'preact/hooks';
import type { SpecInput } from '../controls/types';
import { loadValidator, validator } from '../validation';

const nf = new Intl.NumberFormat('en');
const shape = (s: number[]) => s.join('×');
const count = (s: number[]) => s.reduce((a, b) => a * b, 1);

export function ParamTable({ spec, caption = 'Layers, shapes and parameters' }: { spec: SpecInput; caption?: string }) {
  useEffect(() => void loadValidator(), []);
  const v = validator.value;
  if (!v) return <p class="lc-figure__empty">Computing the layers…</p>;
  const rows = v.summaryRows(spec);
  if (!rows.input) return <p class="lc-figure__empty">{rows.failure?.message ?? 'Fix the settings above to see the model’s layers.'}</p>;
  const biggest = rows.layers.reduce((best, l, i) => (l.params > (rows.layers[best]?.params ?? -1) ? i : best), -1);
  return (
    <div class="lc-params lc-figure__table">
      <table data-testid="param-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">layer</th>
            <th scope="col">output shape</th>
            <th scope="col">numbers out</th>
            <th scope="col">parameters</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">input</th>
            <td>{shape(rows.input)}</td>
            <td>{nf.format(count(rows.input))}</td>
            <td>0</td>
          </tr>
          {rows.layers.map((l, i) => (
            <tr class={i === biggest && rows.total > 0 ? 'lc-params__biggest' : undefined}>
              <th scope="row">
                {l.name}
                {l.activation ? ` (${l.activation})` : ''}
              </th>
              <td>{shape(l.outputShape)}</td>
              <td>{nf.format(count(l.outputShape))}</td>
              <td>{nf.format(l.params)}</td>
            </tr>
          ))}
          {rows.failure && (
            <tr class="lc-params__error">
              <th scope="row">layer {rows.failure.layer + 1}</th>
              <td colSpan={3} role="alert">
                {rows.failure.message}
              </td>
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">total</th>
            <td colSpan={2} />
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
