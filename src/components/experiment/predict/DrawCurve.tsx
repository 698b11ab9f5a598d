/**
 * The curve a reader expects, drawn on an empty chart: drag across it (mouse, pen, touch), or move each point with the
 * keyboard (each is a slider: ↑/↓ a twentieth of the range, Page ↑/↓ a fifth, Home/End the ends, ←/→ the next point).
 * Read-only once committed; then the run's own curve is drawn over it as it arrives. Plot-free SVG.
 */
import { useRef } from 'preact/hooks';
import { shown } from './outcome';

interface Props {
  /** The y range: [bottom, top]. */
  y: [number, number];
  /** The drawn values at evenly spaced fractions of the run, start to end. */
  values: number[];
  /** Called with new values while drawing; absent when read-only. */
  onChange?: (values: number[]) => void;
  /** The run's curve, as [fraction of the run, value] pairs. */
  actual?: [number, number][];
  /** The quantity, for labels: "the cost". */
  noun: string;
}

const W = 320;
const H = 150;
const PAD = { left: 48, right: 10, top: 10, bottom: 22 };

export function DrawCurve({ y: [lo, hi], values, onChange, actual, noun }: Props) {
  const svg = useRef<SVGSVGElement>(null);
  const handles = useRef<(SVGCircleElement | null)[]>([]);
  const n = values.length;
  const xAt = (k: number) => PAD.left + (n === 1 ? 1 : k / (n - 1)) * (W - PAD.left - PAD.right);
  const yAt = (v: number) => PAD.top + (1 - (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const clamp = (v: number) => Math.min(hi, Math.max(lo, v));
  const set = (k: number, v: number) => onChange?.(values.map((old, i) => (i === k ? clamp(v) : old)));

  /** The point nearest the pointer's x takes the pointer's y. */
  const drawAt = (e: PointerEvent) => {
    const box = svg.current?.getBoundingClientRect();
    if (!box || !onChange) return;
    const x = ((e.clientX - box.left) / box.width) * W;
    const yv = ((e.clientY - box.top) / box.height) * H;
    const k = Math.round(((x - PAD.left) / (W - PAD.left - PAD.right)) * (n - 1));
    if (k < 0 || k >= n) return;
    set(k, hi - ((yv - PAD.top) / (H - PAD.top - PAD.bottom)) * (hi - lo));
  };

  const onKey = (k: number) => (e: KeyboardEvent) => {
    const step = (hi - lo) / 20;
    const moves: Record<string, number> = { ArrowUp: step, ArrowDown: -step, PageUp: step * 4, PageDown: -step * 4 };
    if (e.key in moves) set(k, values[k] + moves[e.key]);
    else if (e.key === 'Home') set(k, lo);
    else if (e.key === 'End') set(k, hi);
    else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft')
      handles.current[Math.min(n - 1, Math.max(0, k + (e.key === 'ArrowRight' ? 1 : -1)))]?.focus();
    else return;
    e.preventDefault();
  };

  const line = (pts: [number, number][]) => pts.map(([x, v]) => `${x.toFixed(1)},${yAt(v).toFixed(1)}`).join(' ');
  const drawn = values.map((v, k) => [xAt(k), v] as [number, number]);
  const real = actual?.map(([f, v]) => [PAD.left + f * (W - PAD.left - PAD.right), v] as [number, number]);
  return (
    <svg
      ref={svg}
      class={`lc-predict__draw${onChange ? ' lc-predict__draw--live' : ''}`}
      viewBox={`0 0 ${W} ${H}`}
      role="group"
      aria-label={onChange ? `Draw ${noun} you expect, from the start of the run to its end` : `${noun}: your curve and the run's`}
      onPointerDown={(e) => {
        if (!onChange) return;
        (e.currentTarget as SVGSVGElement).setPointerCapture(e.pointerId);
        drawAt(e);
      }}
      onPointerMove={(e) => {
        if (onChange && (e.currentTarget as SVGSVGElement).hasPointerCapture(e.pointerId)) drawAt(e);
      }}
    >
      <line class="lc-predict__axis" x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} />
      <line class="lc-predict__axis" x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} />
      {[lo, (lo + hi) / 2, hi].map((v) => (
        <text class="lc-predict__tick" x={PAD.left - 10} y={yAt(v) + 4} text-anchor="end">
          {shown(v)}
        </text>
      ))}
      <text class="lc-predict__tick" x={PAD.left} y={H - 6}>
        start
      </text>
      <text class="lc-predict__tick" x={W - PAD.right} y={H - 6} text-anchor="end">
        end of the run
      </text>
      {real && real.length > 1 && <polyline class="lc-predict__actual" points={line(real)} />}
      <polyline class="lc-predict__drawn" points={line(drawn)} />
      {drawn.map(([x, v], k) => (
        <circle
          ref={(el) => {
            handles.current[k] = el;
          }}
          class="lc-predict__handle"
          cx={x}
          cy={yAt(v)}
          r={onChange ? 6 : 3}
          tabindex={onChange ? 0 : undefined}
          role={onChange ? 'slider' : undefined}
          aria-orientation={onChange ? 'vertical' : undefined}
          aria-label={onChange ? `${noun} at ${Math.round((n === 1 ? 1 : k / (n - 1)) * 100)} % of the run` : undefined}
          aria-valuemin={onChange ? lo : undefined}
          aria-valuemax={onChange ? hi : undefined}
          aria-valuenow={onChange ? Number(v.toPrecision(3)) : undefined}
          aria-valuetext={onChange ? shown(v) : undefined}
          onKeyDown={onChange ? onKey(k) : undefined}
        />
      ))}
    </svg>
  );
}
