/** The optimiser, with Keras' default hyper-parameters. */
import { useId } from 'preact/hooks';
import { shown } from '../../../../engine/spec/vocabulary';
import { setPath } from '../numberField';
import { FieldError } from '../../FieldError';
import type { ControlDef, ControlProps } from '../types';

const OPTIMIZERS = ['sgd', 'momentum', 'rmsprop', 'adam'] as const;
type Optimizer = (typeof OPTIMIZERS)[number];
const NAMES: Record<Optimizer, string> = { sgd: 'SGD', momentum: 'SGD + momentum 0.9', rmsprop: 'RMSprop', adam: 'Adam' };

function OptimizerSelect({ def, value, error, onChange }: ControlProps<Optimizer>) {
  const id = useId();
  return (
    <div class="lc-field">
      <label for={id}>{def.label}</label>
      <select
        id={id}
        class="lc-select"
        value={String(value ?? 'sgd')}
        aria-invalid={error ? 'true' : undefined}
        onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {OPTIMIZERS.map((o) => (
          <option value={o}>{NAMES[o]}</option>
        ))}
      </select>
      <FieldError message={error} />
    </div>
  );
}

export const control: ControlDef<Optimizer> = {
  name: 'optimizer',
  order: 15,
  key: 'opt',
  label: 'Optimiser',
  noun: 'optimiser',
  short: '',
  paths: () => ['optimizer.type', 'optimizer.momentum'],
  read: (spec) => (spec.optimizer?.type ?? 'sgd') as Optimizer,
  apply: (spec, value) => setPath(spec, 'optimizer.type', value),
  encode: String,
  decode: (text) =>
    (OPTIMIZERS as readonly string[]).includes(text.trim().toLowerCase())
      ? { ok: true, value: text.trim().toLowerCase() as Optimizer }
      : { ok: false, message: `optimiser must be one of ${OPTIMIZERS.join(', ')}, got ${shown(text)}` },
  format: (v) => NAMES[v] ?? v,
  Component: OptimizerSelect,
};
