/**
 * The generic experiment island: a spec plus which controls and views to show. Thin: controls and views come
 * from registries, runs live in the page's run store, charts come from pure builders, training happens in the
 * shared worker.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { overridesFrom, readDemoLink, writeDemoState } from './controls/hash';
import { createDemoState } from './state';
import { pageStore } from './store/runStore';
import { Controls } from './Controls';
import { StatusLine } from './StatusLine';
import { RunButtons } from './RunButtons';
import { LiveContext } from './live';
import { Views } from './Views';
import { Predict } from './predict/Predict';
import { ExportBar } from './ExportBar';
import type { DemoConfig } from './types';
import './kit.css';
import './experiment.css';

export default function Experiment({ config }: { config: DemoConfig }) {
  const state = useMemo(() => createDemoState(config, pageStore()), [config.id]);

  useEffect(() => () => state.dispose(), [state]);

  // Until the island is live its server-rendered controls do nothing (aria-disabled, read-only), yet stay in the
  // tab order; the status line says "Loading…".
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);

  // Restore settings from the URL hash after hydration: the server rendered the chapter's defaults, and
  // Preact keeps server-rendered input values while hydrating, so this must be a change after mount.
  // What a link sets but cannot be read is said, not silently dropped; the demo keeps its own value for it.
  const [linkIssues, setLinkIssues] = useState<string[]>([]);
  useEffect(() => {
    const { overrides, issues } = readDemoLink(location.hash, config.id);
    if (Object.keys(overrides).length) state.overrides.value = overrides;
    setLinkIssues(issues.map((i) => i.message));
  }, [state]);

  // The URL hash follows this demo's settings, so "Copy link" (or the address bar) shares them.
  const overrides = state.overrides.value;
  useEffect(() => {
    // Only what really differs from the chapter's settings, so a link stays short and canonical.
    const hash = writeDemoState(location.hash, config.id, overridesFrom(config.spec, state.spec.value));
    if (hash !== location.hash) history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  }, [overrides]);

  return (
    <section class="lc-experiment not-content" aria-label={config.title} data-demo={config.id}>
      <header class="lc-experiment__head">
        <h3 class="lc-experiment__title">{config.title}</h3>
      </header>
      <fieldset class="lc-live" aria-disabled={live ? undefined : 'true'}>
        <legend class="sr-only">{live ? 'Experiment controls' : 'Experiment controls (loading)'}</legend>
        <LiveContext.Provider value={live}>
          <Controls state={state} />
        </LiveContext.Provider>
        <RunButtons state={state} live={live} />
      </fieldset>
      {linkIssues.length > 0 && (
        <p class="lc-link-issues" role="note">
          This link’s settings could not all be read (
          {linkIssues
            .slice(0, 3)
            .map((m) => (m.length > 160 ? `${m.slice(0, 160)}…` : m))
            .join('; ')}
          {linkIssues.length > 3 ? `; and ${linkIssues.length - 3} more` : ''}); the demo uses its own values for those.
        </p>
      )}
      <StatusLine state={state} live={live} />
      {config.predict && (
        <Predict
          config={config.predict}
          demoId={config.id}
          run={state.current.value}
          unit={'iterations' in state.spec.value.training.duration ? 'iteration' : 'step'}
        />
      )}
      <Views state={state} />
      <ExportBar state={state} />
    </section>
  );
}
