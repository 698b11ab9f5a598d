/**
 * Predict, then see (issue 25 §1): before a demo's first run the reader may commit a prediction — one of the config's
 * options, or the curve they expect, drawn on an empty chart — and after the run one sentence, computed from the
 * run, sets it beside what happened; a drawn curve is overlaid by the run's own. Skippable, never blocks Train,
 * remembered per demo in this browser only. The words come from the demo config (`predict`).
 */
import { useEffect, useId, useState } from 'preact/hooks';
import type { Run } from '../store/run';
import { compare, runMatches, type PredictConfig, type Prediction } from './compare';
import { DrawCurve } from './DrawCurve';
import { outcomeOf } from './outcome';
import { readKept, writeKept, type Kept } from './storage';
import './predict.css';

interface Props {
  config: PredictConfig;
  demoId: string;
  /** The demo's current run (null before the first). */
  run: Run | null;
  /** 'iteration' or 'step'. */
  unit: string;
}

const DEFAULT_POINTS = 11;

export function Predict({ config, demoId, run, unit }: Props) {
  const id = useId();
  // Read after mount: the server rendered the question, and so must the first client render (hydration).
  const [kept, setKept] = useState<Kept | null>(null);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    setKept(readKept(demoId));
    setLoaded(true);
  }, [demoId]);
  const [choice, setChoice] = useState<string | null>(null);
  const [drawing, setDrawing] = useState(false);
  const [y0, y1] = config.draw?.y ?? [0, 1];
  const [curve, setCurve] = useState<number[]>(() => Array.from({ length: config.draw?.points ?? DEFAULT_POINTS }, () => (y0 + y1) / 2));
  const [touched, setTouched] = useState(false);
  // A run already under way when the reader commits is not compared: the prediction is about the next one.
  const [before, setBefore] = useState<string | null>(null);

  const keep = (k: Kept | null) => {
    setKept(k);
    writeKept(demoId, k);
    setBefore(run?.id ?? null);
  };

  if (loaded && kept && 'skipped' in kept) {
    return (
      <div class="lc-predict lc-predict--closed">
        <p>
          You skipped the prediction.{' '}
          <button type="button" class="lc-link" onClick={() => keep(null)}>
            Predict
          </button>
        </p>
      </div>
    );
  }

  if (loaded && kept && 'prediction' in kept) {
    const p = kept.prediction;
    const chosen = 'option' in p ? config.options.find((o) => o.id === p.option) : null;
    const other = run && run.id !== before && !runMatches(config, run.spec);
    const compared = run && run.id !== before && !other ? run : null;
    void compared?.version.value; // redraw as records arrive
    const outcome = compared ? outcomeOf(compared, config.metric) : null;
    const ended = compared?.phase.value === 'ended';
    const verdict = outcome && ended ? compare(config, p, outcome, unit, unit === 'step') : null;
    const first = outcome?.values[0]?.step ?? 0;
    const span = Math.max(1, (outcome?.values.at(-1)?.step ?? 1) - first);
    const actual = outcome?.values.map((v) => [(v.step - first) / span, v.value] as [number, number]);
    return (
      <div class="lc-predict lc-predict--kept" data-testid="prediction">
        <p class="lc-predict__mine">
          <strong>Your prediction:</strong> {chosen ? `${config.noun} will ${chosen.label}.` : `the curve you drew.`}{' '}
          <button type="button" class="lc-link" onClick={() => keep(null)}>
            Change
          </button>
        </p>
        {'curve' in p && <DrawCurve y={[y0, y1]} values={p.curve} actual={actual} noun={config.noun} />}
        <p class="lc-predict__verdict" aria-live="polite" data-testid="verdict" data-held={verdict ? String(verdict.held) : undefined}>
          {verdict
            ? verdict.sentence
            : compared
              ? 'Training… the comparison comes when the run ends.'
              : other
                ? `${config.when!.hint}, then press Train to check.`
                : 'Press Train to see.'}
        </p>
      </div>
    );
  }

  const commit = (prediction: Prediction) => keep({ prediction, at: Date.now() });
  return (
    // Named "Predict first", not by the question, which may hold words of the demo's own controls ("iterations").
    <div class="lc-predict" role="group" aria-label="Predict first">
      <p class="lc-predict__title" id={`${id}-q`}>
        <strong>Predict first.</strong> {config.question}
      </p>
      <fieldset class="lc-predict__options">
        <legend class="sr-only">{config.question}</legend>
        {config.options.map((o) => (
          <label class="lc-predict__option">
            <input type="radio" name={`${id}-choice`} value={o.id} checked={choice === o.id} onChange={() => setChoice(o.id)} />
            {` ${config.noun} will ${o.label}`}
          </label>
        ))}
      </fieldset>
      {config.draw && (
        <div class="lc-predict__drawing">
          <button type="button" class="lc-link" aria-expanded={drawing} onClick={() => setDrawing(!drawing)}>
            {drawing ? 'Hide the drawing' : 'Or draw the curve you expect'}
          </button>
          {drawing && (
            <DrawCurve
              y={[y0, y1]}
              values={curve}
              noun={config.noun}
              onChange={(v) => {
                setCurve(v);
                setTouched(true);
              }}
            />
          )}
        </div>
      )}
      <p class="lc-predict__actions">
        <button type="button" class="lc-button" disabled={!choice} onClick={() => choice && commit({ option: choice })}>
          Commit this answer
        </button>
        {config.draw && drawing && (
          <button type="button" class="lc-button" disabled={!touched} onClick={() => commit({ curve })}>
            Commit my curve
          </button>
        )}
        <button type="button" class="lc-link" onClick={() => keep({ skipped: true })}>
          Skip
        </button>
        <span class="lc-predict__note">Kept in this browser only. Train works either way.</span>
      </p>
    </div>
  );
}
