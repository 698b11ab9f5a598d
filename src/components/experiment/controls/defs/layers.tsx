/**
 * The layer stack of a layer-list model, edited block by block (LayerEditor) with a live parameter table. Option
 * `presets`: whole stacks the reader can pick with one press, each with its label
 * (`{ control: 'layers', presets: [{ label: '4 blocks', layers: [...] }, …], presetsLabel: 'Start from' }`); the chip of
 * the stack shown is pressed.
 */
import { LayerEditor } from '../layers/LayerEditor';
import { decodeLayers, encodeLayers, encodeLayer, type LayerInput } from '../layers/codec';
import { setPath } from '../numberField';
import type { ControlDef, ControlProps } from '../types';

interface Preset {
  label: string;
  layers: LayerInput[];
}

const same = (a: unknown, b: LayerInput[]) => Array.isArray(a) && encodeLayers(a as LayerInput[]) === encodeLayers(b);

function Layers(props: ControlProps<LayerInput[]>) {
  const presets = (props.options.presets as Preset[] | undefined) ?? [];
  const label = (props.options.presetsLabel as string | undefined) ?? 'Start from';
  return (
    <div class="lc-layers-control">
      {presets.length > 0 && (
        <div class="lc-presets" role="group" aria-label={`${props.def.label}: presets`}>
          <span class="lc-presets__label">{label}</span>
          {presets.map((p) => (
            <button
              type="button"
              class="lc-chip"
              aria-pressed={same(props.value, p.layers)}
              onClick={() => props.onChange(p.layers.map((l) => ({ ...l })))}
            >
              {p.label}
            </button>
          ))}
        </div>
      )}
      <LayerEditor {...props} />
    </div>
  );
}

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
  Component: Layers,
};
