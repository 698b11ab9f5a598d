/** The demo's controls, in the order its config lists them, each from the control registry. */
import { controlNamed } from './controls/registry';
import { controlRefName, controlRefOptions } from './controls/types';
import type { DemoState } from './state';
import { FieldError } from './FieldError';

export function Controls({ state }: { state: DemoState }) {
  const { config } = state;
  const spec = state.spec.value;
  const errors = state.issues.value;
  return (
    <fieldset class="lc-controls">
      <legend class="sr-only">Settings for {config.title}</legend>
      <div class="lc-controls__row">
        {config.controls.map((ref) => {
          const def = controlNamed(controlRefName(ref));
          if (!def || (def.appliesTo && !def.appliesTo(spec))) return null;
          const raw = state.overrides.value[def.name];
          return (
            <div class={`lc-control lc-control--${def.name}`} key={def.name}>
              <def.Component
                def={def}
                value={typeof raw === 'string' ? raw : def.read(spec)}
                error={errors[def.name]}
                onChange={(v) => state.setOverride(def.name, v)}
                options={controlRefOptions(ref)}
                spec={spec}
              />
            </div>
          );
        })}
      </div>
      <FieldError message={errors['']} />
    </fieldset>
  );
}
