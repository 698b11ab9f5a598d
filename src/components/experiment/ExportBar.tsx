/** Sharing: copy as Keras or PyTorch code, copy a link that restores this demo, and an embed snippet for course pages. */
import { useRef, useState } from 'preact/hooks';
import { copyText } from './download';
import { overridesFrom, writeDemoState } from './controls/hash';
import type { SpecInput } from './controls/types';
import { embedSnippet, embedUrl, fallbackHeight, readTask } from './embed';
import { settingsTitle } from './settingsTitle';
import { loadValidator } from './validation';
import { KeptRuns } from './persist/KeptRuns';
import { saveBlob } from './download';
import type { Run } from './store/run';

export { embedUrl };

/** What the bar needs of an island: an Experiment's DemoState has it, and so does a sweep. */
export interface Shareable {
  config: { id: string; title: string; spec: SpecInput };
  /** The current settings (the demo's spec with the reader's or the link's changes). */
  spec: { value: SpecInput };
  /** Known to be invalid. */
  invalid: { value: boolean };
  /** The demo's newest run (an Experiment's; a sweep has none here): its trained weights can be downloaded. */
  current?: { value: Run | null };
}

/** This demo's part of a URL hash for its current settings ('' when they are the demo's own). */
function demoHash(state: Shareable): string {
  try {
    return writeDemoState('', state.config.id, overridesFrom(state.config.spec, state.spec.value));
  } catch {
    return '';
  }
}

/** `keras`: offer "Copy as Keras code" and "Copy as PyTorch code" (one network; a sweep trains several). */
export function ExportBar({ state, keras = true }: { state: Shareable; keras?: boolean }) {
  const [said, setSaid] = useState('');
  /** Set once the reader has downloaded this run's weights: the copied code then loads them. */
  const [weightsFile, setWeightsFile] = useState<string | undefined>(undefined);
  const run = state.current?.value ?? null;
  // Read for the subscription: the button turns on when the run's first records arrive, off while it loads.
  void run?.version.value;
  const trained = !!run?.handle && run.phase.value !== 'loading' && run.steps.length > 0;
  const root = useRef<HTMLDivElement>(null);
  const id = state.config.id;
  const hash = demoHash(state);
  /** The Keras or PyTorch script of the current settings (validator and exporter load on the click). */
  const copyCode = async (framework: 'Keras' | 'PyTorch') => {
    const [v, code] = await Promise.all([
      loadValidator(),
      framework === 'Keras'
        ? import('../../engine/spec/keras').then((m) => m.toKeras)
        : import('../../engine/spec/pytorch').then((m) => m.toPyTorch),
    ]);
    // With downloaded weights, the code is that run's (its spec, which the settings may since have left) and loads them.
    const r = v.parseSpec(weightsFile && run ? run.spec : state.spec.value);
    if (r.ok) await copy(`${framework} code${weightsFile ? ` (loading ${weightsFile})` : ''}`, code(r.spec, { weightsFile }));
    else setSaid(`Fix the settings first: ${r.issues[0].message}.`);
  };
  /** The run's current weights as a .npz (numpy arrays named by layer, in Keras' order), saved by the browser. */
  const downloadWeights = async () => {
    if (!run?.handle) return;
    try {
      const [v, npz, snap] = await Promise.all([loadValidator(), import('../../engine/model/npz'), run.handle.snapshot()]);
      const r = v.parseSpec(run.spec);
      if (!r.ok) throw new Error(r.issues[0].message);
      const file = `${id}-weights.npz`;
      saveBlob(
        new Blob(
          [
            npz.weightsNpz(
              r.spec,
              snap.params.map((p) => p.values),
            ) as BlobPart,
          ],
          { type: 'application/zip' },
        ),
        file,
      );
      setWeightsFile(file);
      setSaid(`Weights after step ${snap.step.toLocaleString('en')} saved as ${file}. Code you copy now loads them.`);
    } catch (err) {
      setSaid(`Could not save the weights: ${err instanceof Error ? err.message : String(err)}.`);
    }
  };
  const copy = async (what: string, text: string) => {
    await copyText(text);
    setSaid(`${what} copied to the clipboard.`);
  };
  /** The iframe and its resizing script; a task prompt on this page's link (an embed page's) travels with it. */
  const snippet = () => {
    const demo = root.current?.closest('[data-demo]');
    return embedSnippet({
      src: embedUrl(id, hash, location.origin, readTask(location.search)),
      title: settingsTitle(state.config.title, state.config.spec, state.spec.value),
      origin: location.origin,
      height: fallbackHeight(demo?.getBoundingClientRect().height ?? 0),
    });
  };
  return (
    <div class="lc-export" ref={root}>
      {keras && (
        <button type="button" class="lc-link" disabled={state.invalid.value} onClick={() => void copyCode('Keras')}>
          Copy as Keras code
        </button>
      )}
      {keras && (
        <button type="button" class="lc-link" disabled={state.invalid.value} onClick={() => void copyCode('PyTorch')}>
          Copy as PyTorch code
        </button>
      )}
      {keras && (
        <button
          type="button"
          class="lc-link"
          disabled={!trained}
          title={trained ? undefined : 'Train first: there are no trained weights yet.'}
          onClick={() => void downloadWeights()}
        >
          Download weights (.npz)
        </button>
      )}
      <button type="button" class="lc-link" onClick={() => void copy('Link', location.href)}>
        Copy link
      </button>
      <button type="button" class="lc-link" onClick={() => void copy('Embed code', snippet())}>
        Copy embed code
      </button>
      <a class="lc-link" href={embedUrl(id, hash)}>
        Open alone
      </a>
      <span class="lc-export__id">
        id <code>{id}</code>
      </span>
      <p class="lc-export__said" role="status" aria-live="polite">
        {said}
      </p>
      <KeptRuns />
    </div>
  );
}
