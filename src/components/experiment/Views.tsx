/** The demo's views, in the order its config lists them, each from the view registry. */
import type { DemoState } from './state';
import { viewNamed } from './views/registry';
import { viewRefName, viewRefOptions, type ViewContext } from './views/types';

const DEFAULT_RUNS_SHOWN = 6;

export function Views({ state }: { state: DemoState }) {
  const { config } = state;
  const all = state.runs.value;
  const runs = all.slice(-(config.runsShown ?? DEFAULT_RUNS_SHOWN));
  const ctx: ViewContext = {
    state,
    runs,
    current: state.current.value,
    unit: 'iterations' in state.spec.value.training.duration ? 'iteration' : 'step',
    file: (what) => `${config.id}-${what}`,
  };
  return (
    <div class="lc-views">
      {config.views.map((ref) => {
        const def = viewNamed(viewRefName(ref));
        return def ? <def.Component key={viewRefName(ref)} ctx={ctx} options={viewRefOptions(ref)} /> : null;
      })}
      {all.length > runs.length && (
        <p class="lc-views__note">
          The charts show the newest {runs.length} of this demo’s {all.length} runs.
        </p>
      )}
    </div>
  );
}
