/** Learning rate: a logarithmic slider, an exact field and optional presets; changes reach a running run at once. */
import { Field } from '../Field';
import { decodeNumber, numberOrText } from '../codec';
import { setPath } from '../numberField';
import type { ControlDef, ControlProps } from '../types';

const LOG_MIN = -4;
const LOG_MAX = 1;

export function formatLr(lr: number): string {
  return String(Number(lr.toPrecision(4)));
}

function LearningRate({ def, value, error, onChange, options }: ControlProps<number>) {
  const lr = typeof value === 'number' ? value : 0.01;
  const presets = (options.presets as number[] | undefined) ?? [];
  return (
    <div class="lc-lr">
      <Field
        label={def.label}
        value={typeof value === 'string' ? value : formatLr(lr)}
        error={error}
        onInput={(t) => onChange(numberOrText(t))}
      >
        <input
          type="range"
          class="lc-lr__slider"
          aria-label="Learning rate (logarithmic slider)"
          min={LOG_MIN}
          max={LOG_MAX}
          step={0.01}
          value={Math.log10(Math.min(10 ** LOG_MAX, Math.max(10 ** LOG_MIN, lr)))}
          aria-valuetext={formatLr(lr)}
          onInput={(e) => onChange(Number((10 ** Number((e.currentTarget as HTMLInputElement).value)).toPrecision(2)))}
        />
      </Field>
      {presets.length > 0 && (
        <div class="lc-presets" role="group" aria-label="Learning-rate presets">
          {presets.map((p) => (
            <button type="button" class="lc-chip" aria-pressed={p === lr} onClick={() => onChange(p)}>
              {formatLr(p)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

export const control: ControlDef<number> = {
  name: 'learningRate',
  order: 10,
  key: 'lr',
  label: 'Learning rate α',
  noun: 'learning rate',
  short: 'lr',
  paths: () => ['optimizer.learningRate'],
  live: true,
  rule: { min: 0, minExclusive: true, max: 1000 },
  read: (spec) => spec.optimizer?.learningRate,
  apply: (spec, value) => setPath(spec, 'optimizer.learningRate', value),
  encode: String,
  decode: decodeNumber('learning rate'),
  format: formatLr,
  Component: LearningRate,
};
