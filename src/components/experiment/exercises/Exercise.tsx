/**
 * One exercise, checked against the reader's runs on this page (issue 25 §2): the task, then what their newest runs of
 * the demo showed, each in a sentence, and "Done" once one meets it. Nothing is stored or sent; the worked answer
 * stays in the chapter's prose (a collapsible block after the island). Words come from the config.
 */
import { useEffect, useState } from 'preact/hooks';
import { pageStore } from '../store/runStore';
import type { Run } from '../store/run';
import { checkRuns, type ExerciseConfig } from './check';
import './exercise.css';

const SHOWN = 3;

const unitOf = (run: { spec: unknown }) => {
  const d = (run.spec as { training?: { duration?: object } }).training?.duration;
  return d && 'iterations' in d ? 'iteration' : 'step';
};

export default function Exercise({ config, n }: { config: ExerciseConfig; n: number }) {
  // The store exists only in the browser; the server renders the exercise with no runs.
  const [runs, setRuns] = useState<Run[]>([]);
  useEffect(() => {
    const store = pageStore();
    const update = () => setRuns([...store.runs.value]);
    update();
    const offRuns = store.runs.subscribe(update);
    return offRuns;
  }, []);
  // Re-check when any run of the demo records something or ends.
  const [, tick] = useState(0);
  useEffect(() => {
    const offs = runs
      .filter((r) => r.demoId === config.demo)
      .flatMap((r) => [r.version.subscribe(() => tick((t) => t + 1)), r.phase.subscribe(() => tick((t) => t + 1))]);
    return () => offs.forEach((off) => off());
  }, [runs]);
  const { done, checks } = checkRuns(config, runs, unitOf);
  return (
    <section class="lc-exercise not-content" aria-label={`Exercise ${n}`} data-exercise={config.id} data-done={done ? 'true' : 'false'}>
      <p class="lc-exercise__prompt">
        <strong>Exercise {n}.</strong> {config.prompt}
      </p>
      <div class="lc-exercise__check" aria-live="polite">
        {checks.length === 0 ? (
          <p class="lc-exercise__none">No run of that demo on this page yet: train it above, then come back.</p>
        ) : (
          <>
            {done && <p class="lc-exercise__done">✓ One of your runs meets it.</p>}
            <ul>
              {checks.slice(0, SHOWN).map((c) => (
                <li data-eligible={String(c.eligible)} data-met={String(c.done)}>
                  {c.sentence}
                </li>
              ))}
            </ul>
            {checks.length > SHOWN && <p class="lc-exercise__more">And {checks.length - SHOWN} older runs.</p>}
          </>
        )}
      </div>
    </section>
  );
}
