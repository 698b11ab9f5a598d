/** Early stopping on validation loss, restoring the best weights; the value is the patience (0: off). */
import { useId } from 'preact/hooks';
import { decodeNumber, numberOrText } from '../codec';
import { setPath } from '../numberField';
import { FieldError } from '../../FieldError';
import type { ControlDef, ControlProps, SpecInput } from '../types';

type Training = { earlyStopping?: { patience: number; restoreBest?: boolean } };

function EarlyStopping({ def, value, error, onChange }: ControlProps<number>) {
  const id = useId();
  const on = value !== 0 && value !== undefined;
  return (
    <fieldset class="lc-field lc-group">
      <legend>{def.label}</legend>
      <div class="lc-field__row">
        <label class="lc-inline">
          <input type="checkbox" checked={on} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked ? 3 : 0)} />
          Stop when validation loss stops improving
        </label>
        {on && (
          <label class="lc-inline" for={`${id}-patience`}>
            patience
            <input
              id={`${id}-patience`}
              type="text"
              inputMode="numeric"
              style={{ width: '3.5em' }}
              value={String(value)}
              aria-invalid={error ? 'true' : undefined}
              onInput={(e) => onChange(numberOrText((e.currentTarget as HTMLInputElement).value))}
            />
            evaluations
          </label>
        )}
      </div>
      <FieldError message={error} />
    </fieldset>
  );
}

export const control: ControlDef<number> = {
  name: 'earlyStopping',
  order: 110,
  key: 'es',
  label: 'Early stopping',
  noun: 'early-stopping patience',
  short: 'early stop',
  paths: () => ['training.earlyStopping'],
  read: (spec: SpecInput) => (spec.training as Training | undefined)?.earlyStopping?.patience ?? 0,
  apply: (spec, value) => setPath(spec, 'training.earlyStopping', value === 0 ? undefined : { patience: value, restoreBest: true }),
  encode: String,
  decode: decodeNumber('early-stopping patience'),
  format: (v) => (v === 0 ? 'off' : `patience ${v}`),
  Component: EarlyStopping,
};
