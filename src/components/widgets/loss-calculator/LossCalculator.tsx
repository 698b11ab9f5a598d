/**
 * One example's loss, live: the reader sets p, the predicted probability of the example's true class, and
 * sees −ln p computed (and, if the config asks, the squared error (1 − p)² beside it), which side of the decision threshold p falls on, a curve of −ln p with the point on
 * it, and a worked table they can extend. Generic: every word comes from the config.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { exampleLoss, formatLoss, formatP, formatSquared, parseProbability, pToSlider, sideOf, sliderToP, squaredError } from './calc';
import { LossCurve } from './LossCurve';
import type { LossCalculatorConfig } from './types';
import '../../experiment/kit.css';
import './loss-calculator.css';

const fill = (s: string, p: number, threshold: number) => s.replaceAll('{p}', formatP(p)).replaceAll('{threshold}', String(threshold));

export default function LossCalculator({ config }: { config: LossCalculatorConfig }) {
  const threshold = config.threshold ?? 0.5;
  const t = config.text;
  const [typed, setTyped] = useState(formatP(config.initial));
  const [p, setP] = useState(config.initial);
  const [added, setAdded] = useState<number[]>([]);
  const parsed = parseProbability(typed);
  const error = parsed.ok ? '' : t.errors[parsed.reason].replaceAll('{value}', typed.trim());
  const id = `lc-calc-${config.id}`;
  const loss = exampleLoss(p);
  const squared = squaredError(p);
  const side = sideOf(p, threshold);

  const onText = (text: string) => {
    setTyped(text);
    const r = parseProbability(text);
    if (r.ok) setP(r.p);
  };
  const onSlider = (pos: number) => {
    const next = Number(sliderToP(pos).toPrecision(2));
    setP(next);
    setTyped(formatP(next));
  };
  const rows = [...config.rows.map((q) => ({ p: q, mine: false })), ...added.map((q) => ({ p: q, mine: true }))];

  // The server-rendered inputs take typing before the island hydrates (on a slow page, seconds after it scrolls
  // into view), and hydration keeps the DOM's values without reading them: adopt what the reader typed or dragged.
  const textRef = useRef<HTMLInputElement>(null);
  const sliderRef = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    const text = textRef.current?.value;
    const pos = sliderRef.current?.value;
    if (text !== undefined && text !== typed) onText(text);
    else if (pos !== undefined && pos !== String(pToSlider(p))) onSlider(Number(pos));
    // Once, on hydration: later input arrives through the handlers.
  }, []);

  return (
    <section class="lc-experiment lc-calc not-content" aria-label={config.title} data-calculator={config.id}>
      <header class="lc-experiment__head">
        <h3 class="lc-experiment__title">{config.title}</h3>
      </header>
      <div class="lc-calc__top">
        <div class="lc-field lc-calc__field">
          <label for={`${id}-p`}>{t.inputLabel}</label>
          <div class="lc-field__row">
            <input
              ref={textRef}
              id={`${id}-p`}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              spellcheck={false}
              size={8}
              value={typed}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={`${id}-hint ${id}-error`}
              onInput={(e) => onText((e.currentTarget as HTMLInputElement).value)}
            />
            <input
              ref={sliderRef}
              type="range"
              class="lc-calc__slider"
              min={0}
              max={1000}
              step={1}
              value={pToSlider(p)}
              aria-label={t.sliderLabel}
              aria-valuetext={`p = ${formatP(p)}`}
              onInput={(e) => onSlider(Number((e.currentTarget as HTMLInputElement).value))}
            />
          </div>
          {t.hint && (
            <p id={`${id}-hint`} class="lc-field__hint">
              {t.hint}
            </p>
          )}
          <p id={`${id}-error`} class="lc-field__error" role="alert" hidden={!error}>
            {error}
          </p>
        </div>
        <div class="lc-calc__result">
          <div class="lc-calc__losses">
            <p class="lc-calc__loss">
              <span class="lc-calc__loss-label">{t.lossLabel}</span>{' '}
              <output for={`${id}-p`} aria-live="polite" class="lc-calc__value" title={`−ln(${formatP(p)}) = ${loss}`}>
                −ln({formatP(p)}) = <strong data-loss>{formatLoss(loss)}</strong>
              </output>
            </p>
            {t.squared && (
              <p class="lc-calc__loss lc-calc__loss--squared">
                <span class="lc-calc__loss-label">{t.squared.label}</span>{' '}
                <output for={`${id}-p`} aria-live="polite" class="lc-calc__value" title={`(1 − ${formatP(p)})² = ${squared}`}>
                  (1 − {formatP(p)})² = <strong data-squared>{formatSquared(squared)}</strong>
                </output>
              </p>
            )}
          </div>
          <p class={`lc-calc__side lc-calc__side--${side}`} data-side={side}>
            {fill(t[side], p, threshold)}
          </p>
        </div>
      </div>
      <LossCurve p={p} threshold={threshold} points={rows.map((r) => r.p)} text={t} />
      <div class="lc-figure__table lc-calc__table">
        <table>
          <caption>{t.tableCaption}</caption>
          <thead>
            <tr>
              {t.columns.map((c, k) => (
                <>
                  <th scope="col">{c}</th>
                  {k === 1 && t.squared && <th scope="col">{t.squared.column}</th>}
                </>
              ))}
              <th scope="col">
                <span class="sr-only">{t.remove}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.p}-${i}`} data-p={r.p}>
                <th scope="row">{formatP(r.p)}</th>
                <td>{formatLoss(exampleLoss(r.p))}</td>
                {t.squared && <td>{formatSquared(squaredError(r.p))}</td>}
                <td>{t.sides[sideOf(r.p, threshold)]}</td>
                <td>
                  {r.mine && (
                    <button
                      type="button"
                      class="lc-link"
                      aria-label={`${t.remove} p = ${formatP(r.p)}`}
                      onClick={() => setAdded(added.filter((_, k) => k !== i - config.rows.length))}
                    >
                      {t.remove}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="lc-buttons">
        <button type="button" class="lc-button" disabled={!!error || rows.some((r) => r.p === p)} onClick={() => setAdded([...added, p])}>
          {t.add.replaceAll('{p}', formatP(p))}
        </button>
      </div>
    </section>
  );
}
