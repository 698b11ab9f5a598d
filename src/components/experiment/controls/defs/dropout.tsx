/**
 * Dropout rate. MLPs: after every hidden layer (`model.dropout`). Layer-list models: one dropout layer right
 * before the final dense layer (the classifier); rate 0 removes it.
 */
import { numberFieldControl, setPath } from '../numberField';
import type { SpecInput } from '../types';

type Layers = { type: string; rate?: number }[];
const layersOf = (spec: SpecInput): Layers | null => (spec.model?.kind === 'layers' ? (spec.model.layers as Layers) : null);

function read(spec: SpecInput): number | undefined {
  const layers = layersOf(spec);
  if (!layers) return (spec.model as { dropout?: number } | undefined)?.dropout ?? 0;
  const before = layers[layers.length - 2];
  return before?.type === 'dropout' ? before.rate : 0;
}

function apply(spec: SpecInput, value: unknown): void {
  const layers = layersOf(spec);
  if (!layers) return setPath(spec, 'model.dropout', value);
  const out = [...layers];
  const hasDropout = out[out.length - 2]?.type === 'dropout';
  if (hasDropout) out.splice(out.length - 2, 1);
  if (value !== 0) out.splice(out.length - 1, 0, { type: 'dropout', rate: value as number });
  setPath(spec, 'model.layers', out);
}

export const control = numberFieldControl({
  name: 'dropout',
  order: 80,
  key: 'drop',
  label: 'Dropout rate',
  noun: 'dropout rate',
  short: 'dropout',
  path: 'model.dropout',
  hint: '0 is off; 0 ≤ rate < 1',
  rule: { min: 0, max: 1, maxExclusive: true },
  // The training step reads it afresh each time: a change reaches a run in progress at its next step.
  live: true,
  paths: (spec) => {
    const layers = layersOf(spec);
    return layers ? [`model.layers.${layers.length - 2}.rate`] : ['model.dropout'];
  },
  read,
  apply,
});
