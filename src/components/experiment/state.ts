/**
 * One Experiment island's state: the reader's overrides (validated live), the demo's runs in the page's run
 * store, and the actions its buttons call. Knows nothing about rendering.
 */
import { batch, computed, effect, signal } from '@preact/signals';
import type { ParseResult } from '../../engine/spec/parse';
import type { ExperimentSpecInput } from '../../engine/spec/schema';
import { applyOverrides, labelFromOverrides } from './controls/hash';
import { messagesByControl } from './controls/messages';
import { controlNamed } from './controls/registry';
import { controlRefName, type Overrides } from './controls/types';
import { specPatch } from '../../engine/train/patch';
import type { RunStore } from './store/runStore';
import type { Run } from './store/run';
import { withViewNeeds } from './views/registry';
import type { DemoConfig } from './types';
import { loadValidator, validator } from './validation';

export type { Phase } from './store/run';

export function createDemoState(config: DemoConfig, store: RunStore, initial: Overrides = {}) {
  const shownControls = config.controls.map(controlRefName);
  const overrides = signal<Overrides>(initial);
  // The demo's id is the spec's (one definition: the config's); a spec need not repeat it.
  const base: ExperimentSpecInput = { ...config.spec, id: config.id };
  const spec = computed<ExperimentSpecInput>(() => applyOverrides(base, overrides.value));
  /** The validated spec, or null until the validator has loaded (the authored spec is trusted until then). */
  const parsed = computed<ParseResult | null>(() => validator.value?.parseSpec(spec.value) ?? null);
  /** Known to be invalid (false while the validator is still loading). */
  const invalid = computed(() => parsed.value !== null && !parsed.value.ok);
  // Whatever the reader changes (or a shared link sets) is checked: load the validator then.
  const stopLoading = effect(() => {
    if (Object.keys(overrides.value).length > 0) void loadValidator();
  });
  /** Messages in the reader's words, keyed by the control they belong beside; '' for issues no shown control owns. */
  const issues = computed<Record<string, string>>(() =>
    parsed.value && !parsed.value.ok ? messagesByControl(parsed.value.issues, spec.value, config.spec, shownControls) : {},
  );
  /** This demo's runs, oldest first. */
  const runs = computed(() => store.runs.value.filter((r) => r.demoId === config.id));
  const current = computed<Run | null>(() => runs.value[runs.value.length - 1] ?? null);
  const phase = computed(() => current.value?.phase.value ?? 'idle');
  /** Overrides of the previous run, to label the next one by what changed. */
  let lastOverrides: Overrides | undefined;

  /** Bumped by Reset and unmount: a Train pressed just before them must not start a run after them. */
  let generation = 0;

  /** A new run of the current settings, once they are known to be valid. */
  async function newRun(): Promise<Run | null> {
    const asked = generation;
    await loadValidator();
    if (asked !== generation || !parsed.value?.ok) return null;
    const previous = current.value;
    if (previous) store.release(previous);
    // A run kept from an earlier visit labels the next one as a run of this visit would.
    const before = runs.value.length ? (lastOverrides ?? previous?.overrides) : undefined;
    const label = labelFromOverrides(overrides.value, before) || labelFromOverrides(overrides.value) || 'as set up';
    lastOverrides = overrides.value;
    return store.create(config.id, withViewNeeds(spec.value, config.views), {
      label,
      overrides: overrides.value,
      group: config.shortTitle ?? config.id,
    });
  }

  return {
    config,
    store,
    overrides,
    spec,
    parsed,
    invalid,
    issues,
    runs,
    current,
    phase,
    /** Trains from fresh weights; earlier runs stay on the charts, faded. */
    train: async () => {
      const run = await newRun();
      if (run) store.start(run);
    },
    pause: () => current.value && store.pause(current.value),
    resume: () => current.value && store.start(current.value),
    /**
     * One iteration of the run in progress, or of a new paused run when there is none. A finished run stays
     * finished: Step does not throw it away for a new one (Train again does, and says so).
     */
    step: async () => {
      if (current.value?.phase.value === 'ended') return;
      const run = current.value ?? (await newRun());
      if (run) store.step(run);
    },
    /** Back to the chapter's settings, this demo's runs cleared. */
    reset: () => {
      generation++;
      batch(() => {
        store.clear((r) => r.demoId === config.id);
        overrides.value = {};
      });
      lastOverrides = undefined;
    },
    setOverride(name: string, value: unknown) {
      const next = { ...overrides.value };
      if (value === undefined) delete next[name];
      else next[name] = value;
      overrides.value = next;
      // A live control (learning rate, dropout, L2, augmentation) reaches a run in progress at its next step:
      // "change it mid-run". The control's own apply says what changes in the run's spec; only that is sent.
      const def = controlNamed(name);
      const run = current.value;
      if (def?.live && run && parsed.value?.ok && run.phase.value !== 'ended') {
        // Back to the demo's own setting: the value its spec has.
        const now = value ?? def.read(spec.value);
        const next = structuredClone(run.spec);
        if (now !== undefined && (!def.appliesTo || def.appliesTo(next))) {
          def.apply(next, now);
          store.update(run, name, now, specPatch(run.spec, next));
        }
      }
    },
    dispose: () => {
      generation++;
      stopLoading();
      const run = current.value;
      if (run) store.release(run);
    },
  };
}

export type DemoState = ReturnType<typeof createDemoState>;
