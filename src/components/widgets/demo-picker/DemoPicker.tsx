/**
 * Several demos behind one row of choices: the reader picks a variant and sees that demo. Every demo stays
 * mounted (hidden when not chosen), so a run keeps going, or stays paused, while another variant is shown,
 * and each keeps its own URL-hash settings, embed page and runs (a gallery compares them all). A demo named in
 * the URL hash is chosen first.
 */
import { useEffect, useState } from 'preact/hooks';
import Experiment from '../../experiment/Experiment';
import { readDemoState } from '../../experiment/controls/hash';
import type { DemoConfig } from '../../experiment/types';
import '../../experiment/kit.css';
import './demo-picker.css';

export interface DemoPickerConfig {
  id: string;
  /** Names the row of choices, e.g. "Variant". */
  legend: string;
  /** The demos to choose from; each chip shows its shortTitle (else its title). */
  demos: DemoConfig[];
}

export default function DemoPicker({ config }: { config: DemoPickerConfig }) {
  const [chosen, setChosen] = useState(config.demos[0]?.id);
  // The demo the link names, read as the demo itself reads it (a percent-encoded hash included). Read while the
  // picker first renders in the browser: the demos' own effects run before the picker's and may tidy the hash (a
  // demo whose link settings were all unreadable drops its part), which must not lose the reader's choice.
  const [named] = useState(() =>
    typeof location === 'undefined' ? undefined : config.demos.find((d) => readDemoState(location.hash, d.id) !== null)?.id,
  );
  // Chosen after hydration, so the page first matches the HTML built without the hash.
  useEffect(() => {
    if (named) setChosen(named);
  }, []);
  return (
    <div class="lc-themed lc-picker not-content" data-picker={config.id}>
      <div class="lc-presets lc-picker__choices" role="group" aria-label={config.legend}>
        <span class="lc-picker__legend" aria-hidden="true">
          {config.legend}:
        </span>
        {config.demos.map((d) => (
          <button
            type="button"
            class="lc-chip"
            aria-pressed={d.id === chosen}
            aria-controls={`${config.id}-${d.id}`}
            onClick={() => setChosen(d.id)}
          >
            {d.shortTitle ?? d.title}
          </button>
        ))}
      </div>
      {config.demos.map((d) => (
        <div id={`${config.id}-${d.id}`} hidden={d.id !== chosen}>
          <Experiment config={d} />
        </div>
      ))}
    </div>
  );
}
