/** Data augmentation: random shifts of up to n pixels and horizontal flips of each training batch. */
import { useId } from 'preact/hooks';
import { shown } from '../../../../engine/spec/vocabulary';
import { setPath } from '../numberField';
import { FieldError } from '../../FieldError';
import type { ControlDef, ControlProps } from '../types';

export interface Augment {
  shift: number;
  flip: boolean;
}

const OFF: Augment = { shift: 0, flip: false };

function AugmentControl({ def, value, error, onChange }: ControlProps<Augment>) {
  const id = useId();
  const a = value && typeof value === 'object' ? value : OFF;
  return (
    <fieldset class="lc-field lc-group">
      <legend>{def.label}</legend>
      <div class="lc-field__row">
        <label class="lc-inline" for={`${id}-shift`}>
          Shift up to
          <select
            id={`${id}-shift`}
            class="lc-select"
            value={String(a.shift)}
            onChange={(e) => onChange({ ...a, shift: Number((e.currentTarget as HTMLSelectElement).value) })}
          >
            {[0, 1, 2, 3, 4].map((n) => (
              <option value={String(n)}>{n === 0 ? 'no shift' : `${n} px`}</option>
            ))}
          </select>
        </label>
        <label class="lc-inline">
          <input
            type="checkbox"
            checked={a.flip}
            onChange={(e) => onChange({ ...a, flip: (e.currentTarget as HTMLInputElement).checked })}
          />
          Flip left–right
        </label>
      </div>
      <FieldError message={error} />
    </fieldset>
  );
}

export const control: ControlDef<Augment> = {
  name: 'augment',
  order: 100,
  key: 'aug',
  label: 'Data augmentation',
  noun: 'data augmentation',
  short: 'augment',
  paths: () => ['training.augment'],
  // Each training batch is augmented as it is drawn: a change reaches a run in progress at its next step.
  live: true,
  read: (spec) => ({ ...OFF, ...((spec.training as { augment?: Partial<Augment> } | undefined)?.augment ?? {}) }),
  apply: (spec, value) => setPath(spec, 'training.augment', value),
  // "s2f": shift 2 and flip; "s0": off.
  encode: (v) => `s${v.shift}${v.flip ? 'f' : ''}`,
  decode: (text) => {
    const m = /^s(\d)(f?)$/.exec(text.trim());
    return m
      ? { ok: true, value: { shift: Number(m[1]), flip: m[2] === 'f' } }
      : { ok: false, message: `data augmentation must look like s2 or s2f (shift 0–4 pixels, f to flip), got ${shown(text)}` };
  },
  format: (v) =>
    v.shift === 0 && !v.flip ? 'off' : [v.shift ? `shift ${v.shift}px` : '', v.flip ? 'flip' : ''].filter(Boolean).join(' + '),
  Component: AugmentControl,
};
