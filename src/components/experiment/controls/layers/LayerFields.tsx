/**
 * The editable fields of one layer row: numbers and sizes in text fields that keep what the reader typed while
 * it is not valid (Field), padding and activation as menus. Each field shows the spec's message about it.
 */
import { useId } from 'preact/hooks';
import { ACTIVATIONS } from '../../../../engine/spec/vocabulary';
import { FieldError } from '../../FieldError';
import { Field } from '../Field';
import type { LayerInput } from './codec';
import { fieldsOf, readNumber, readSize, sizeText } from './stack';

const LABELS: Record<string, string> = {
  filters: 'Filters',
  kernel: 'Kernel',
  stride: 'Stride',
  padding: 'Padding',
  activation: 'Activation',
  pool: 'Pool size',
  units: 'Units',
  rate: 'Rate',
  momentum: 'Momentum',
};

const MENUS: Record<string, readonly string[]> = { padding: ['valid', 'same'], activation: ACTIVATIONS };

/** A size in its field: 3 → "3", [3, 5] → "3×5". */
const sizeField = (v: unknown) => (v === undefined ? '' : sizeText(v, false));

interface ChoiceProps {
  label: string;
  value: unknown;
  options: readonly string[];
  error?: string;
  onValue(value: string): void;
}

function Choice({ label, value, options, error, onValue }: ChoiceProps) {
  const id = useId();
  const text = String(value ?? '');
  return (
    <div class="lc-field">
      <label for={id}>{label}</label>
      <select
        id={id}
        class="lc-select"
        value={text}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onValue((e.currentTarget as HTMLSelectElement).value)}
      >
        {(options.includes(text) ? options : [text, ...options]).map((o) => (
          <option value={o}>{o}</option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

interface LayerFieldsProps {
  layer: LayerInput;
  /** The spec's message for each field, if any. */
  errors: Record<string, string>;
  /** Sets one field; `undefined` clears an optional one (a pool's stride). */
  onField(name: string, value: unknown): void;
}

export function LayerFields({ layer, errors, onField }: LayerFieldsProps) {
  const names = fieldsOf(layer.type);
  if (names.length === 0) return null;
  const pooling = layer.type.endsWith('Pooling2d');
  return (
    <div class="lc-layer__fields">
      {names.map((name) => {
        const value = layer[name];
        const error = errors[name];
        if (MENUS[name])
          return (
            <Choice key={name} label={LABELS[name]} value={value} options={MENUS[name]} error={error} onValue={(v) => onField(name, v)} />
          );
        if (name === 'kernel' || name === 'stride' || name === 'pool') {
          const optional = pooling && name === 'stride';
          const parse = (t: string) => readSize(t, optional);
          return (
            <Field
              key={name}
              label={LABELS[name]}
              inputMode="text"
              width="3.5em"
              value={sizeField(value)}
              placeholder={optional ? sizeField(layer.pool ?? 2) : undefined}
              parse={parse}
              error={error}
              onInput={(t) => onField(name, parse(t))}
            />
          );
        }
        return (
          <Field
            key={name}
            label={LABELS[name]}
            inputMode={name === 'rate' || name === 'momentum' ? 'decimal' : 'numeric'}
            width={name === 'filters' ? '3.5em' : '4.5em'}
            value={value === undefined ? '' : String(value)}
            parse={readNumber}
            error={error}
            onInput={(t) => onField(name, readNumber(t))}
          />
        );
      })}
    </div>
  );
}
