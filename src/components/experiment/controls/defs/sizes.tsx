/**
 * MLP layer sizes in the course's notation, e.g. [784, 7, 1]; only for MLP models. Option `presets`: lists the
 * reader can pick with one press (`{ control: 'sizes', presets: [[784, 20, 7, 5, 1], …] }`).
 */
import { MAX_MLP_SIZES, shown } from '../../../../engine/spec/vocabulary';
import { Field, sizesOrText } from '../Field';
import { setPath } from '../numberField';
import type { ControlDef, ControlProps } from '../types';

const list = (v: unknown) => (Array.isArray(v) ? `[${v.join(', ')}]` : String(v ?? ''));

const same = (a: unknown, b: readonly number[]) => Array.isArray(a) && a.length === b.length && a.every((v, i) => v === b[i]);

function Sizes({ def, value, error, onChange, options }: ControlProps<number[]>) {
  const presets = (options.presets as number[][] | undefined) ?? [];
  return (
    <div class="lc-sizes">
      <Field
        label={def.label}
        inputMode="text"
        width="min(100%, 20em)"
        value={list(value)}
        parse={sizesOrText}
        error={error}
        onInput={(t) => onChange(sizesOrText(t))}
      />
      {presets.length > 0 && (
        <div class="lc-presets" role="group" aria-label="Layer-size presets">
          {presets.map((p) => (
            <button type="button" class="lc-chip" aria-pressed={same(value, p)} onClick={() => onChange([...p])}>
              {list(p)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
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
    if (parts.length > MAX_MLP_SIZES)
      return { ok: false, message: `layer sizes can list at most ${MAX_MLP_SIZES} numbers, got ${parts.length}` };
    return parts.every((p) => /^\d+$/.test(p))
      ? { ok: true, value: parts.map(Number) }
      : { ok: false, message: `layer sizes must be whole numbers joined by "-", like 784-7-1, got ${shown(text)}` };
  },
  format: list,
  Component: Sizes,
};
