/**
 * A learning-rate sweep's state: the settings a link gives it (the URL hash, as for every demo: `#lr-sweep:it=300`),
 * validated like a demo's, and the runs it trains in turn in the page's run store. Knows nothing about rendering.
 */
import { computed, signal } from '@preact/signals';
import type { ParseResult } from '../../engine/spec/parse';
import { applyOverrides, readDemoLink } from './controls/hash';
import { controlNamed } from './controls/registry';
import type { Overrides, SpecInput } from './controls/types';
import { pageStore } from './store/runStore';
import type { Run } from './store/run';
import type { SweepConfig } from './types';
import { loadValidator, validator } from './validation';

/** The setting a sweep sets for itself, run by run. */
const SWEPT = 'learningRate';

export function createSweep(config: SweepConfig) {
  const store = pageStore();
  const overrides = signal<Overrides>({});
  const spec = computed<SpecInput>(() => applyOverrides(config.spec, overrides.value));
  const parsed = computed<ParseResult | null>(() => validator.value?.parseSpec(spec.value) ?? null);
  const invalid = computed(() => parsed.value !== null && !parsed.value.ok);
  /** Why the link's settings cannot be used: what it could not read, and the first problem of what it could. */
  const linkIssues = signal<string[]>([]);
  const problem = computed(() => (parsed.value && !parsed.value.ok ? parsed.value.issues[0]?.message ?? 'the settings are not valid' : ''));
  const runs = computed(() => store.runs.value.filter((r) => r.demoId === config.id));
  const status = signal('Ready. Press Run sweep to train at each learning rate in turn.');
  const running = signal(false);
  let active: Run | null = null;
  let cancelled = false;

  return {
    config,
    store,
    overrides,
    spec,
    invalid,
    problem,
    linkIssues,
    runs,
    status,
    running,
    /** Takes the settings of this sweep's part of a URL hash; the learning rate stays the sweep's own. */
    readLink(hash: string) {
      const { overrides: read, issues } = readDemoLink(hash, config.id);
      const messages = issues.map((i) => i.message);
      if (read[SWEPT] !== undefined) {
        delete read[SWEPT];
        messages.push(`the sweep sets the ${controlNamed(SWEPT)?.noun ?? 'learning rate'} itself`);
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
      const base = spec.value;
      for (const [i, lr] of config.learningRates.entries()) {
        if (cancelled) break;
        const runSpec = { ...base, optimizer: { type: 'sgd' as const, ...base.optimizer, learningRate: lr } };
        active = store.create(config.id, runSpec, { label: `lr ${lr}`, overrides: { ...overrides.value, [SWEPT]: lr } });
        const stopProgress = active.progress.subscribe((p) => {
          if (p) status.value = `Learning rate ${lr} (${i + 1} of ${config.learningRates.length}): iteration ${p.step} of ${p.total}`;
        });
        store.start(active);
        const done = await store.whenEnded(active);
        stopProgress();
        if (done.ended.value?.reason === 'error') status.value = done.ended.value.message;
        store.release(done);
      }
      active = null;
      running.value = false;
      status.value = cancelled ? 'Sweep stopped.' : `Sweep finished: ${runs.value.length} learning rates.`;
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
