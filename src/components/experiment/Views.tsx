/** The demo's views, in the order its config lists them, each from the view registry. */
import type { DemoState } from './state';
import { viewNamed } from './views/registry';
import { viewRefName, viewRefOptions, type ViewContext } from './views/types';

const DEFAULT_RUNS_SHOWN = 6;

/** The view context of a demo: what views may use of its state (reading the signals, so a render subscribes to them). */
export function viewContext(state: DemoState): ViewContext {
  const { config } = state;
  const spec = state.spec.value;
  return {
    demoId: config.id,
    spec,
    store: state.store,
    runs: state.runs.value.slice(-(config.runsShown ?? DEFAULT_RUNS_SHOWN)),
    current: state.current.value,
    unit: 'iterations' in spec.training.duration ? 'iteration' : 'step',
    file: (what) => `${config.id}-${what}`,
  };
}

export function Views({ state }: { state: DemoState }) {
  const { config } = state;
  const all = state.runs.value;
  const ctx = viewContext(state);
  const runs = ctx.runs;
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
