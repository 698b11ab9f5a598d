/**
 * The layer arithmetic written out for the current stack: each layer's output size from
 * (n − k + 2p)/s + 1 (rounded down) and its parameter count from its shape, worked with the numbers, and
 * checked against the engine's own summary (the parameter table): ✓ where they agree. Before any training.
 */
import { useEffect, useState } from 'preact/hooks';
import type { LayerSummary } from '../../../../engine/spec/summarize';
import { formatCount } from '../../../charts/theme';
import { loadValidator, validator } from '../../validation';
import type { ViewDef } from '../types';
import '../analysis.css';

interface MathsOptions {
  caption?: string;
}

type LayerIn = { type: string } & Record<string, unknown>;
const pair = (v: unknown, d: number): [number, number] => (Array.isArray(v) ? [Number(v[0]), Number(v[1])] : [Number(v ?? d), Number(v ?? d)]);
const fmt = formatCount;

/** One layer worked out: the size sum, the parameter sum, and the results. */
export interface WorkedLayer {
  name: string;
  size: string;
  shape: number[];
  params: string;
  count: number;
}

/** Works out every layer from the formulas alone (no engine code), starting from `input` ([28, 28, 1] or [784]). */
export function workLayers(layers: LayerIn[], input: number[], names: string[]): WorkedLayer[] {
  let shape = input;
  return layers.map((layer, i) => {
    const name = names[i];
    if (layer.type === 'conv2d' || layer.type === 'maxPooling2d' || layer.type === 'averagePooling2d') {
      const conv = layer.type === 'conv2d';
      const k = pair(conv ? layer.kernel : layer.pool, 2);
      const s = pair(conv ? layer.stride : (layer.stride ?? layer.pool), conv ? 1 : 2);
      const [n, m, c] = shape;
      let size: string;
      let out: number[];
      if (layer.padding === 'same') {
        out = [Math.ceil(n / s[0]), Math.ceil(m / s[1])];
        size = `same padding: ⌈${n}/${s[0]}⌉ = ${out[0]}`;
      } else {
        out = [Math.floor((n - k[0]) / s[0]) + 1, Math.floor((m - k[1]) / s[1]) + 1];
        const exact = (n - k[0]) / s[0] + 1;
        size = `(${n} − ${k[0]} + 2·0)/${s[0]} + 1 = ${Number.isInteger(exact) ? exact : `${exact.toFixed(1)} → ${out[0]}`}`;
      }
      const f = conv ? Number(layer.filters) : c;
      shape = [out[0], out[1], f];
      const count = conv ? k[0] * k[1] * c * f + f : 0;
      const params = conv ? `${k[0]}·${k[1]}·${c}·${f} + ${f} = ${fmt(count)}` : 'none: it only compares or averages';
      return { name, size, shape, params, count };
    }
    if (layer.type === 'flatten') {
      const n = shape.reduce((a, b) => a * b, 1);
      const size = `${shape.join('·')} = ${fmt(n)}`;
      shape = [n];
      return { name, size, shape, params: 'none', count: 0 };
    }
    if (layer.type === 'dense') {
      const units = Number(layer.units);
      const count = shape[0] * units + units;
      const params = `${fmt(shape[0])}·${units} + ${units} = ${fmt(count)}`;
      shape = [units];
      return { name, size: `${units} units`, shape, params, count };
    }
    return { name, size: 'unchanged', shape, params: 'none', count: 0 };
  });
}

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

export const view: ViewDef<MathsOptions> = {
  name: 'layerMaths',
  Component: ({ ctx, options }) => {
    // The first render matches the server's placeholder (hydration), even if the validator is already loaded.
    const [mounted, setMounted] = useState(false);
    useEffect(() => {
      setMounted(true);
      void loadValidator();
    }, []);
    const v = mounted ? validator.value : null;
    const spec = ctx.state.spec.value;
    if (!v) return <p class="lc-figure__empty">Working out the layers…</p>;
    const rows = v.summaryRows(spec);
    if (!rows.input || spec.model?.kind !== 'layers') return <p class="lc-figure__empty">{rows.failure?.message ?? 'Fix the layers above to see their arithmetic.'}</p>;
    const engine: LayerSummary[] = rows.layers;
    const worked = workLayers((spec.model.layers as LayerIn[]).slice(0, engine.length), rows.input, engine.map((l) => l.name));
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
              <td data-label="parameters" data-testid="maths-total">{fmt(total)}</td>
              <td data-label="matches" data-match={total === rows.total ? 'yes' : 'no'}>{total === rows.total ? '✓' : `✗ engine: ${fmt(rows.total)}`}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    );
  },
};
