/**
 * What this browser keeps of the page's runs, in one line beside each demo's export bar and in the gallery:
 * "Your runs on this page use 3.2 MB of this browser's storage" and a "Forget my runs" button; or that runs will
 * not be kept (storage missing or blocked), or that the storage is full (the page works as before).
 */
import { useRef } from 'preact/hooks';
import { mb } from '../store/archive';
import { pageKeeper } from '../store/keep';
import { pageStore } from '../store/runStore';
import { useMounted } from '../useMounted';
import './kept.css';

export function KeptRuns() {
  const mounted = useMounted();
  const line = useRef<HTMLParagraphElement>(null);
  // The server renders nothing: what is kept is known in the browser only.
  const keeper = mounted ? (pageStore(), pageKeeper()) : null;
  if (!keeper) return null;
  const { archive } = keeper;
  const state = archive.state.value;
  const usage = archive.usage.value;
  const problem = archive.problem.value;
  const anyRuns = keeper.store.runs.value.length > 0;
  const back = keeper.restoredCount.value;
  const forget = async () => {
    await keeper.forgetPage();
    line.current?.focus();
  };
  let text = '';
  if (state === 'unavailable') {
    if (anyRuns)
      text =
        'Your runs will not be kept after a reload: this browser does not let the page store them (a private window, or site data blocked).';
  } else if (usage.runs > 0) {
    const cameBack = back > 0 ? `${back} run${back === 1 ? '' : 's'} came back from your last visit. ` : '';
    text = `${cameBack}Your runs on this page use ${mb(usage.page)} of this browser’s storage (the book keeps at most ${mb(archive.budget)}; the oldest runs go first).`;
  } else if (keeper.forgotten.value) {
    text = 'Forgotten: this browser keeps none of this page’s runs now. The runs on screen go when you leave; new runs will be kept.';
  }
  if (problem) text = text ? `${text} ${problem}` : problem;
  if (!text) return null;
  return (
    <p class="lc-kept" ref={line} tabIndex={-1} data-testid="kept-runs">
      <span>{text}</span>
      {state !== 'unavailable' && usage.runs > 0 && (
        <button type="button" class="lc-link" onClick={() => void forget()}>
          Forget my runs
        </button>
      )}
    </p>
  );
}
