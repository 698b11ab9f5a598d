/** Examples per gradient step, or "full" for full-batch gradient descent. */
import { shown } from '../../../../engine/spec/vocabulary';
import { Field } from '../Field';
import { decodeNumber, numberOrText } from '../codec';
import { setPath } from '../numberField';
import type { ControlDef, ControlProps } from '../types';

const read = (t: string) => (t.trim().toLowerCase() === 'full' ? 'full' : numberOrText(t));

function BatchSize({ def, value, error, onChange }: ControlProps<number | 'full'>) {
  return (
    <Field
      label={def.label}
      inputMode="text"
      hint='a number, or "full"'
      value={String(value ?? '')}
      parse={read}
      error={error}
      onInput={(t) => onChange(read(t))}
    />
  );
}

export const control: ControlDef<number | 'full'> = {
  name: 'batchSize',
  order: 50,
  key: 'bs',
  label: 'Batch size',
  noun: 'batch size',
  short: 'batch',
  paths: () => ['training.batchSize'],
  read: (spec) => spec.training?.batchSize,
  apply: (spec, value) => setPath(spec, 'training.batchSize', value),
  encode: String,
  decode: (text) => {
    if (text.trim().toLowerCase() === 'full') return { ok: true, value: 'full' };
    const n = decodeNumber('batch size')(text);
    return n.ok ? n : { ok: false, message: `batch size must be a whole number ≥ 1 or "full", got ${shown(text)}` };
  },
  Component: BatchSize,
};
