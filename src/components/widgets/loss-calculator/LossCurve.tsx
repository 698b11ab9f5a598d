/**
 * The calculator's chart: −ln p against p (and, if the config asks, the squared error (1 − p)², dashed, with a
 * small legend), the region below the threshold (where accuracy counts a mistake)
 * shaded, the worked table's points as rings and the reader's p as a dot. Plain SVG sized to its container
 * (no Plot: it is one curve), so text stays legible on a phone.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { exampleLoss, formatLoss, formatP, formatSquared, lossPath, squaredError } from './calc';
import type { LossCalculatorConfig } from './types';

const HEIGHT = 230;
const M = { top: 28, right: 14, bottom: 38, left: 42 };
const MAX_LOSS = 7.5;

interface Props {
  p: number;
  threshold: number;
  points: number[];
  text: LossCalculatorConfig['text'];
}

export function LossCurve({ p, threshold, points, text }: Props) {
  const holder = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(560);
  useEffect(() => {
    const el = holder.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(([e]) => setWidth(Math.max(260, Math.floor(e.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const pw = width - M.left - M.right;
  const ph = HEIGHT - M.top - M.bottom;
  const x = (q: number) => M.left + q * pw;
  const y = (loss: number) => M.top + ph - (Math.min(loss, MAX_LOSS) / MAX_LOSS) * ph;
  const loss = exampleLoss(p);
  const off = loss > MAX_LOSS;
  const labelLeft = p > 0.6;
  const narrow = width < 420;
  return (
    <div ref={holder} class="lc-calc__chart">
      <svg
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        role="img"
        aria-label={`${text.chartLabel} p = ${formatP(p)}, −ln p = ${formatLoss(loss)}${text.squared ? `, (1 − p)² = ${formatSquared(squaredError(p))}` : ''}.`}
      >
        <rect class="lc-calc__region--wrong" x={x(0)} y={M.top} width={x(threshold) - x(0)} height={ph} />
        <rect class="lc-calc__region--right" x={x(threshold)} y={M.top} width={x(1) - x(threshold)} height={ph} />
        <text class="lc-calc__region-label" x={(x(0) + x(threshold)) / 2} y={M.top - 8} text-anchor="middle">
          {text.regions.wrong}
        </text>
        <text class="lc-calc__region-label" x={(x(threshold) + x(1)) / 2} y={M.top - 8} text-anchor="middle">
          {text.regions.right}
        </text>
        {[0, 2, 4, 6].map((v) => (
          <g>
            <line class="lc-calc__grid" x1={M.left} x2={M.left + pw} y1={y(v)} y2={y(v)} />
            <text class="lc-calc__tick" x={M.left - 6} y={y(v) + 4} text-anchor="end">
              {v}
            </text>
          </g>
        ))}
        {(narrow ? [0, 0.5, 1] : [0, 0.25, 0.5, 0.75, 1]).map((v) => (
          <text class="lc-calc__tick" x={x(v)} y={M.top + ph + 16} text-anchor="middle">
            {v}
          </text>
        ))}
        <line class="lc-calc__threshold" x1={x(threshold)} x2={x(threshold)} y1={M.top} y2={M.top + ph} />
        <line class="lc-calc__axis" x1={M.left} x2={M.left + pw} y1={M.top + ph} y2={M.top + ph} />
        <text class="lc-calc__axis-label" x={M.left + pw} y={HEIGHT - 4} text-anchor="end">
          {text.xLabel}
        </text>
        <text class="lc-calc__axis-label" x={12} y={M.top + ph / 2} text-anchor="middle" transform={`rotate(-90 12 ${M.top + ph / 2})`}>
          {text.yLabel}
        </text>
        <g transform={`translate(${M.left} ${M.top})`}>
          <path class="lc-calc__curve" d={lossPath(pw, ph, MAX_LOSS, Math.exp(-MAX_LOSS))} />
          {text.squared && (
            <path class="lc-calc__curve lc-calc__curve--squared" data-curve="squared" d={lossPath(pw, ph, MAX_LOSS, 0, 40, squaredError)} />
          )}
        </g>
        {text.squared && (
          <g class="lc-calc__legend" transform={`translate(${M.left + pw - 8} ${M.top + 14})`}>
            {[
              { label: text.yLabel, squared: false },
              { label: text.squared.curveLabel, squared: true },
            ].map((e, k) => (
              <g transform={`translate(0 ${k * 16})`}>
                <line class={`lc-calc__curve${e.squared ? ' lc-calc__curve--squared' : ''}`} x1={-22} x2={0} y1={-4} y2={-4} />
                <text class="lc-calc__curve-label" x={-28} y={0} text-anchor="end">
                  {e.label}
                </text>
              </g>
            ))}
          </g>
        )}
        {points.map((q) => (
          <circle class="lc-calc__ring" cx={x(q)} cy={y(exampleLoss(q))} r={4.5} />
        ))}
        <circle class={`lc-calc__dot${p > threshold ? ' lc-calc__dot--right' : ''}`} cx={x(p)} cy={y(loss)} r={6} />
        <text
          class="lc-calc__dot-label"
          x={x(p) + (labelLeft ? -10 : 10)}
          y={Math.max(M.top + 12, y(loss) + (off ? 14 : -8))}
          text-anchor={labelLeft ? 'end' : 'start'}
        >
          {off ? `↑ ${formatLoss(loss)}` : formatLoss(loss)}
        </text>
      </svg>
    </div>
  );
}
