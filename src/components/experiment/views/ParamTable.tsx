/**
 * The model's layers as Keras' model.summary() prints them — output shape, numbers out, parameters, total —
 * computed by the engine's summarize() from the spec as the reader edits it, before any training. A layer
 * that cannot be built shows its message on its own row.
 */
import { useEffect } from 'preact/hooks';
import type { SpecInput } from '../controls/types';
import { loadValidator, validator } from '../validation';
import { largestParamLayer, largestParamText, paramTable } from '../../charts/paramTable';

interface ParamTableProps {
  spec: SpecInput;
  caption?: string;
  /** Shown instead of the table while the model's settings do not validate. */
  empty?: string;
  /** Leaves out the "numbers out" column (the output shape says it too), for a table beside an editor. */
  compact?: boolean;
}

/** The "numbers out" column of `paramTable`. */
const NUMBERS_OUT = 2;

export function ParamTable({ spec, caption = 'Layers, shapes and parameters', empty = 'Fix the settings above to see the model’s layers.', compact = false }: ParamTableProps) {
  useEffect(() => void loadValidator(), []);
  const v = validator.value;
  if (!v) return <p class="lc-figure__empty">Computing the layers…</p>;
  const rows = v.summaryRows(spec);
  if (!rows.input) return <p class="lc-figure__empty">{rows.failure?.message ?? empty}</p>;
  const summary = { inputShape: rows.input, layers: rows.layers, totalParams: rows.total };
  const table = paramTable(summary);
  const keep = <T,>(cells: T[]) => (compact ? cells.filter((_, i) => i !== NUMBERS_OUT) : cells);
  const body = table.rows.slice(0, -1).map(keep);
  const total = table.rows[table.rows.length - 1];
  const biggest = largestParamLayer(summary);
  const width = keep(table.columns).length;
  return (
    <div class={`lc-params lc-figure__table${compact ? ' lc-params--compact' : ''}`}>
      <table data-testid="param-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {keep(table.columns).map((c) => (
              <th scope="col">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.map((row, i) => (
            // Row 0 is the input; layer k is row k + 1.
            <tr class={biggest && i === biggest.index + 1 ? 'lc-params__biggest' : undefined}>
              <th scope="row">{row[0]}</th>
              {row.slice(1).map((cell) => (
                <td>{cell === '' ? '0' : cell}</td>
              ))}
            </tr>
          ))}
          {rows.failure && (
            <tr class="lc-params__error">
              <th scope="row">layer {rows.failure.layer + 1}</th>
              <td colSpan={width - 1} role="alert">
                {rows.failure.message}
              </td>
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{total[0]}</th>
            <td colSpan={width - 2} />
            <td data-testid="param-total">{total[3]}</td>
          </tr>
        </tfoot>
      </table>
      {biggest && <p class="lc-params__note">{largestParamText(summary)}.</p>}
    </div>
  );
}
