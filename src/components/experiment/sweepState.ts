/**
 * A sweep's state: the settings a link gives it (the URL hash, as for every demo: `#lr-sweep:it=300`), validated
 * like a demo's, and the runs it trains in turn in the page's run store, one per value of the swept control (its
 * spec the control's `apply` of the value, its label the control's own wording). Knows nothing about rendering.
 */
import { computed, signal } from '@preact/signals';
import type { ParseResult } from '../../engine/spec/parse';
import { applyOverrides, labelFromOverrides, readDemoLink } from './controls/hash';
import { controlNamed } from './controls/registry';
import type { ControlDef, Overrides, SpecInput } from './controls/types';
import { pageStore } from './store/runStore';
import type { Run } from './store/run';
import type { SweepConfig } from './types';
import { loadValidator, validator } from './validation';

/** The control a sweep sets, run by run; an Error names a control the registry does not have. */
export function sweptControl(config: SweepConfig): ControlDef<unknown> {
  const def = controlNamed(config.control);
  if (!def) throw new Error(`sweep ${config.id}: no control named ${config.control}`);
  return def;
}

/** The value as the control words it, e.g. 0.0075 → "0.0075", { shift: 2, flip: true } → "shift 2px + flip". */
export function sweptValue(def: ControlDef<unknown>, value: unknown): string {
  return def.format && typeof value !== 'string' ? def.format(value) : String(value);
}

/** One run of a sweep: its spec (the control's `apply` of the value to `base`), label and overrides. */
export function sweepRuns(
  config: SweepConfig,
  base: SpecInput,
  overrides: Overrides = {},
): { value: unknown; spec: SpecInput; label: string; overrides: Overrides }[] {
  const def = sweptControl(config);
  return config.values.map((value) => {
    const spec = structuredClone(base);
    def.apply(spec, value);
    const own = { [def.name]: value };
    return { value, spec, label: labelFromOverrides(own), overrides: { ...overrides, ...own } };
  });
}

/** "learning rates", "batch sizes": what the sweep counts. */
export const plural = (noun: string) => `${noun}s`;

export function createSweep(config: SweepConfig) {
  const def = sweptControl(config);
  const store = pageStore();
  const overrides = signal<Overrides>({});
  // The sweep's id is the spec's (one definition: the config's).
  const base = { ...config.spec, id: config.id } as SpecInput;
  const spec = computed<SpecInput>(() => applyOverrides(base, overrides.value));
  const parsed = computed<ParseResult | null>(() => validator.value?.parseSpec(spec.value) ?? null);
  const invalid = computed(() => parsed.value !== null && !parsed.value.ok);
  /** Why the link's settings cannot be used: what it could not read, and the first problem of what it could. */
  const linkIssues = signal<string[]>([]);
  const problem = computed(() =>
    parsed.value && !parsed.value.ok ? (parsed.value.issues[0]?.message ?? 'the settings are not valid') : '',
  );
  const runs = computed(() => store.runs.value.filter((r) => r.demoId === config.id));
  const status = signal(`Ready. Press Run sweep to train at each ${def.noun} in turn.`);
  const running = signal(false);
  let active: Run | null = null;
  let cancelled = false;

  return {
    config,
    /** The control it sweeps. */
    control: def,
    store,
    overrides,
    spec,
    invalid,
    problem,
    linkIssues,
    runs,
    status,
    running,
    /** Takes the settings of this sweep's part of a URL hash; the swept control stays the sweep's own. */
    readLink(hash: string) {
      const { overrides: read, issues } = readDemoLink(hash, config.id);
      const messages = issues.map((i) => i.message);
      if (read[def.name] !== undefined) {
        delete read[def.name];
        messages.push(`the sweep sets the ${def.noun} itself`);
      }
      overrides.value = read;
      linkIssues.value = messages;
      if (Object.keys(read).length) void loadValidator();
    },
    async run() {
      if (running.value) return;
      running.value = true;
      cancelled = false;
      await loadValidator();
      if (!parsed.value?.ok) {
        running.value = false;
        status.value = `This link’s settings cannot be trained: ${problem.value}.`;
        return;
      }
      store.clear((r) => r.demoId === config.id);
      const planned = sweepRuns(config, spec.value, overrides.value);
      const what = def.noun.charAt(0).toUpperCase() + def.noun.slice(1);
      for (const [i, r] of planned.entries()) {
        if (cancelled) break;
        active = store.create(config.id, r.spec, { label: r.label, overrides: r.overrides });
        const stopProgress = active.progress.subscribe((p) => {
          if (p) status.value = `${what} ${sweptValue(def, r.value)} (${i + 1} of ${planned.length}): iteration ${p.step} of ${p.total}`;
        });
        store.start(active);
        const done = await store.whenEnded(active);
        stopProgress();
        if (done.ended.value?.reason === 'error') status.value = done.ended.value.message;
        store.release(done);
      }
      active = null;
      running.value = false;
      status.value = cancelled ? 'Sweep stopped.' : `Sweep finished: ${runs.value.length} ${plural(def.noun)}.`;
    },
    stop() {
      cancelled = true;
      if (active) store.stop(active);
    },
    dispose() {
      cancelled = true;
      if (active) store.release(active);
    },
  };
}

export type SweepState = ReturnType<typeof createSweep>;
