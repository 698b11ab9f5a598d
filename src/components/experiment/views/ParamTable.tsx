/**
 * The model's layers as Keras' model.summary() prints them — output shape, numbers out, parameters, total —
 * computed by the engine's summarize() from the spec as the reader edits it, before any training. A layer
 * that cannot be built shows its message on its own row.
 */
import { useEffect } from 'preact/hooks';
import { useMounted } from '../useMounted';
import { summaryRowsLite } from './summaryLite';
import type { SpecInput } from '../controls/types';
import { loadValidator, validator } from '../validation';
import { TableView } from '../TableView';
import { frozenText, largestParamLayer, largestParamText, nonTrainableText, paramTable } from '../../charts/paramTable';

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

export function ParamTable({
  spec,
  caption = 'Layers, shapes and parameters',
  empty = 'Fix the settings above to see the model’s layers.',
  compact = false,
}: ParamTableProps) {
  // The server renders the table from summaryRowsLite (no zod), so the first client render (hydration) must too,
  // even when another island on the page has already loaded the validator: a different element there would be
  // hydrated into the wrong node (the table ended up inside the next figure's wrapper, unstyled). The validator
  // (zod) loads only for a spec the lite summary cannot vouch for, or when the reader changes a setting.
  const mounted = useMounted();
  const v = mounted ? validator.value : null;
  const lite = v ? null : summaryRowsLite(spec);
  useEffect(() => {
    if (!v && !lite) void loadValidator();
  });
  if (!v && !lite) return <p class="lc-figure__empty">Computing the layers…</p>;
  const rows = v ? v.summaryRows(spec) : lite!;
  if (!rows.input) return <p class="lc-figure__empty">{rows.failure?.message ?? empty}</p>;
  const summary = { inputShape: rows.input, layers: rows.layers, totalParams: rows.total };
  const table = paramTable(summary);
  const keep = <T,>(cells: T[]) => (compact ? cells.filter((_, i) => i !== NUMBERS_OUT) : cells);
  const body = table.rows.slice(0, -1);
  const total = table.rows[table.rows.length - 1];
  const biggest = largestParamLayer(summary);
  const frozen = frozenText(summary);
  const untrained = nonTrainableText(summary);
  const columns = keep(table.columns);
  return (
    // On a phone, or squeezed beside an editor, wide layers (the course's 32-filter network) make the table scroll
    // sideways: a scrollable region must take keyboard focus (axe: scrollable-region-focusable).
    <div class={`lc-params lc-figure__table${compact ? ' lc-params--compact' : ''}`} tabIndex={0} role="region" aria-label={caption}>
      <TableView
        table={{ columns, rows: body.map((row) => keep(row).map((cell, k) => (k > 0 && cell === '' ? '0' : cell))) }}
        caption={caption}
        testId="param-table"
        // Row 0 is the input; layer k is row k + 1.
        rowClass={(i) => (biggest && i === biggest.index + 1 ? 'lc-params__biggest' : undefined)}
        extraRows={
          rows.failure && (
            <tr class="lc-params__error">
              <th scope="row">layer {rows.failure.layer + 1}</th>
              <td colSpan={columns.length - 1} role="alert">
                {rows.failure.message}
              </td>
            </tr>
          )
        }
        footer={
          <tr>
            <th scope="row">{total[0]}</th>
            <td colSpan={columns.length - 2} />
            <td data-testid="param-total">{total[3]}</td>
          </tr>
        }
      />
      {biggest && <p class="lc-params__note">{largestParamText(summary)}.</p>}
      {frozen && (
        <p class="lc-params__note" data-testid="param-frozen">
          {frozen}.
        </p>
      )}
      {untrained && (
        <p class="lc-params__note" data-testid="param-untrained">
          {untrained}.
        </p>
      )}
    </div>
  );
}
