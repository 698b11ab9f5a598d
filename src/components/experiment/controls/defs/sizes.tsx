/** MLP layer sizes in the course's notation, e.g. [784, 7, 1]; only for MLP models. */
import { MAX_MLP_SIZES, shown } from '../../../../engine/spec/vocabulary';
import { Field, sizesOrText } from '../Field';
import { setPath } from '../numberField';
import type { ControlDef, ControlProps } from '../types';

const list = (v: unknown) => (Array.isArray(v) ? `[${v.join(', ')}]` : String(v ?? ''));

function Sizes({ def, value, error, onChange }: ControlProps<number[]>) {
  return <Field label={def.label} inputMode="text" width="12em" value={list(value)} parse={sizesOrText} error={error} onInput={(t) => onChange(sizesOrText(t))} />;
}

export const control: ControlDef<number[]> = {
  name: 'sizes',
  order: 20,
  key: 'sizes',
  label: 'Layer sizes',
  noun: 'layer sizes',
  short: '',
  paths: () => ['model.sizes', 'model.outputActivation'],
  appliesTo: (spec) => spec.model?.kind === 'mlp',
  read: (spec) => (spec.model?.kind === 'mlp' ? spec.model.sizes : undefined),
  apply: (spec, value) => {
    if (spec.model?.kind === 'mlp') setPath(spec, 'model.sizes', Array.isArray(value) ? [...value] : value);
  },
  encode: (v) => v.join('-'),
  decode: (text) => {
    const parts = text.trim().split(/[-,]/);
    if (parts.length > MAX_MLP_SIZES) return { ok: false, message: `layer sizes can list at most ${MAX_MLP_SIZES} numbers, got ${parts.length}` };
    return parts.every((p) => /^\d+$/.test(p))
      ? { ok: true, value: parts.map(Number) }
      : { ok: false, message: `layer sizes must be whole numbers joined by "-", like 784-7-1, got ${shown(text)}` };
  },
  format: list,
  Component: Sizes,
};
