/** Interim editor: the stack in its compact text form (c32k3-max2-flat-d10softmax). */
import { Field } from '../Field';
import { decodeLayers, encodeLayers, type LayerInput } from './codec';
import type { ControlProps } from '../types';

export function LayerEditor({ def, value, error, onChange }: ControlProps<LayerInput[]>) {
  const text = Array.isArray(value) ? encodeLayers(value) : String(value ?? '');
  const parse = (t: string) => {
    const d = decodeLayers(t);
    return d.ok ? d.value : t;
  };
  return <Field label={def.label} inputMode="text" width="100%" value={text} parse={parse} error={error} onInput={(t) => onChange(parse(t))} />;
}
