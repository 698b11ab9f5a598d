/**
 * The layer arithmetic written out for the current stack: each layer's output size from
 * (n − k + 2p)/s + 1 (rounded down) and its parameter count from its shape, worked with the numbers, and
 * checked against the engine's own summary (the parameter table): ✓ where they agree. Before any training.
 */
import { useEffect } from 'preact/hooks';
import { useMounted } from '../../useMounted';
import { summaryRowsLite } from '../summaryLite';
import type { LayerSummary } from '../../../../engine/spec/summarize';
import { formatCount } from '../../../charts/theme';
import type { WorkedRow } from '../../../../engine/layers/def';
import { layerDef } from '../../../../engine/layers/registry';
import { loadValidator, validator } from '../../validation';
import type { ViewDef } from '../types';
import '../analysis.css';

interface MathsOptions {
  caption?: string;
}

type LayerIn = { type: string } & Record<string, unknown>;
const fmt = formatCount;

/** One layer worked out: the size sum, the parameter sum, and the results. */
export interface WorkedLayer extends WorkedRow {
  name: string;
}

/**
 * Works out every layer with the arithmetic a reader writes by hand (each layer type's `worked` in engine/layers/),
 * starting from `input` ([28, 28, 1] or [784]); the view checks each result against the engine's summary.
 */
export function workLayers(layers: LayerIn[], input: number[], names: string[]): WorkedLayer[] {
  let shape = input;
  return layers.map((layer, i) => {
    const def = layerDef(layer.type);
    const row: WorkedRow = def ? def.worked(def.canonical(layer) as never, shape) : { size: 'unchanged', shape, params: 'none', count: 0 };
    shape = row.shape;
    return { name: names[i], ...row };
  });
}

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

export const view: ViewDef<MathsOptions> = {
  name: 'layerMaths',
  Component: ({ ctx, options }) => {
    // The first render matches the server's placeholder (hydration), even if the validator is already loaded.
    // Server and first render: the lite summary (no zod); the validator loads only when that cannot vouch.
    const mounted = useMounted();
    const v = mounted ? validator.value : null;
    const spec = ctx.spec;
    const lite = v ? null : summaryRowsLite(spec);
    useEffect(() => {
      if (!v && !lite) void loadValidator();
    });
    if (!v && !lite) return <p class="lc-figure__empty">Working out the layers…</p>;
    const rows = v ? v.summaryRows(spec) : lite!;
    if (!rows.input || spec.model?.kind !== 'layers')
      return <p class="lc-figure__empty">{rows.failure?.message ?? 'Fix the layers above to see their arithmetic.'}</p>;
    const engine: LayerSummary[] = rows.layers;
    const worked = workLayers(
      (spec.model.layers as LayerIn[]).slice(0, engine.length),
      rows.input,
      engine.map((l) => l.name),
    );
    const total = worked.reduce((a, w) => a + w.count, 0);
    const agree = (i: number) => same(worked[i].shape, engine[i].outputShape) && worked[i].count === engine[i].params;
    return (
      <div class="lc-params lc-figure__table lc-maths">
        <table data-testid="layer-maths">
          <caption>{options.caption ?? 'Each layer worked out by hand, checked against the parameter table'}</caption>
          <thead>
            <tr>
              <th scope="col">layer</th>
              <th scope="col">output size</th>
              <th scope="col">shape</th>
              <th scope="col">parameters</th>
              <th scope="col">matches</th>
            </tr>
          </thead>
          <tbody>
            {worked.map((w, i) => (
              <tr>
                <th scope="row">{w.name}</th>
                <td data-label="output size">{w.size}</td>
                <td data-label="shape">{w.shape.join('×')}</td>
                <td data-label="parameters">{w.params}</td>
                <td data-label="matches" data-match={agree(i) ? 'yes' : 'no'}>
                  {agree(i) ? '✓' : `✗ engine: ${engine[i].outputShape.join('×')}, ${fmt(engine[i].params)}`}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">total</th>
              <td colSpan={2} />
              <td data-label="parameters" data-testid="maths-total">
                {fmt(total)}
              </td>
              <td data-label="matches" data-match={total === rows.total ? 'yes' : 'no'}>
                {total === rows.total ? '✓' : `✗ engine: ${fmt(rows.total)}`}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    );
  },
};
