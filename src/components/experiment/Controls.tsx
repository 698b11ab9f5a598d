/** The demo's knobs: learning rate (log slider, exact field, presets), duration, batch size, seed, layer sizes. */
import type { DemoState } from './state';
import { Field, numberOrText, sizesOrText } from './Field';
import type { SpecOverrides } from '../../engine/spec/hash';

const LOG_MIN = -4;
const LOG_MAX = 1;

function formatLr(lr: number): string {
  return String(Number(lr.toPrecision(4)));
}

export function Controls({ state }: { state: DemoState }) {
  const { config, issues } = state;
  const spec = state.spec.value;
  const raw = state.overrides.value as Record<string, unknown>;
  const lrRaw = raw.learningRate;
  const lr = typeof lrRaw === 'number' ? lrRaw : typeof spec.optimizer.learningRate === 'number' ? spec.optimizer.learningRate : 0.01;
  const set = <K extends keyof SpecOverrides>(key: K, v: unknown) => state.setOverride(key, v as SpecOverrides[K]);
  const duration = spec.training.duration as { iterations?: number; epochs?: number };
  const has = (c: string) => config.controls.includes(c as never);
  const errors = issues.value;

  return (
    <fieldset class="lc-controls">
      <legend class="sr-only">Settings for {config.title}</legend>
      {has('learningRate') && (
        <div class="lc-lr">
          <Field label="Learning rate α" value={typeof lrRaw === 'string' ? lrRaw : formatLr(lr)} error={errors.learningRate} onInput={(t) => set('learningRate', numberOrText(t))}>
            <input
              type="range"
              class="lc-lr__slider"
              aria-label="Learning rate (logarithmic slider)"
              min={LOG_MIN}
              max={LOG_MAX}
              step={0.01}
              value={Math.log10(Math.min(10 ** LOG_MAX, Math.max(10 ** LOG_MIN, lr)))}
              aria-valuetext={formatLr(lr)}
              onInput={(e) => set('learningRate', Number((10 ** Number((e.currentTarget as HTMLInputElement).value)).toPrecision(2)))}
            />
          </Field>
          {config.presets && (
            <div class="lc-presets" role="group" aria-label="Learning-rate presets">
              {config.presets.map((p) => (
                <button type="button" class="lc-chip" aria-pressed={p === lr} onClick={() => set('learningRate', p)}>
                  {formatLr(p)}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
      <div class="lc-controls__row">
        {has('iterations') && (
          <Field label="Iterations" inputMode="numeric" value={String(duration.iterations ?? '')} error={errors.iterations} onInput={(t) => set('iterations', numberOrText(t))} />
        )}
        {has('epochs') && (
          <Field label="Epochs" inputMode="numeric" value={String(duration.epochs ?? '')} error={errors.iterations} onInput={(t) => set('epochs', numberOrText(t))} />
        )}
        {has('batchSize') && (
          <Field
            label="Batch size"
            inputMode="text"
            hint='a number, or "full"'
            value={String(spec.training.batchSize)}
            parse={(t) => (t.trim() === 'full' ? 'full' : numberOrText(t))}
            error={errors.batchSize}
            onInput={(t) => set('batchSize', t.trim() === 'full' ? 'full' : numberOrText(t))}
          />
        )}
        {has('seed') && (
          <Field label="Seed" inputMode="numeric" value={String(spec.seed ?? 1)} error={errors.seed} onInput={(t) => set('seed', numberOrText(t))} />
        )}
        {has('sizes') && spec.model.kind === 'mlp' && (
          <Field
            label="Layer sizes"
            inputMode="text"
            width="9em"
            value={Array.isArray(spec.model.sizes) ? `[${spec.model.sizes.join(', ')}]` : String(spec.model.sizes)}
            parse={sizesOrText}
            error={errors.sizes}
            onInput={(t) => set('sizes', sizesOrText(t))}
          />
        )}
      </div>
      {errors[''] && (
        <p class="lc-field__error" role="alert">
          {errors['']}
        </p>
      )}
    </fieldset>
  );
}
