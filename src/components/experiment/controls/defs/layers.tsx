/** The layer stack of a layer-list model, edited block by block (LayerEditor) with a live parameter table. */
import { LayerEditor } from '../layers/LayerEditor';
import { decodeLayers, encodeLayers, encodeLayer, type LayerInput } from '../layers/codec';
import { setPath } from '../numberField';
import type { ControlDef } from '../types';

export const control: ControlDef<LayerInput[]> = {
  name: 'layers',
  order: 25,
  key: 'layers',
  label: 'Layers',
  noun: 'layers',
  short: '',
  paths: () => ['model.layers', 'data.input'],
  appliesTo: (spec) => spec.model?.kind === 'layers',
  read: (spec) => (spec.model?.kind === 'layers' ? (spec.model.layers as LayerInput[]) : undefined),
  apply: (spec, value) => {
    if (spec.model?.kind === 'layers') setPath(spec, 'model.layers', Array.isArray(value) ? value.map((l) => ({ ...l })) : value);
  },
  encode: encodeLayers,
  decode: decodeLayers,
  format: (layers) => (Array.isArray(layers) ? layers.map(encodeLayer).join(' ') : String(layers)),
  Component: LayerEditor,
};
