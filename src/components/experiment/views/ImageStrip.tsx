/**
 * A 28×28 image drawn once per shift, moved as the engine's shift test moves it (vacated pixels black), each
 * under its shift in pixels. Canvas where there is one; nothing under jsdom (the numbers are in the tables).
 */
import { useEffect, useRef } from 'preact/hooks';

const SIDE = 28;

/** The image moved `dx` columns right and `dy` rows down; vacated pixels 0. */
export function shiftImage(pixels: ArrayLike<number>, dx: number, dy: number): Float32Array {
  const out = new Float32Array(SIDE * SIDE);
  for (let r = dy; r < SIDE; r++) for (let c = dx; c < SIDE; c++) out[r * SIDE + c] = pixels[(r - dy) * SIDE + (c - dx)];
  return out;
}

function Tile({ values }: { values: Float32Array }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext?.('2d');
    if (!ctx) return;
    const img = ctx.createImageData(SIDE, SIDE);
    values.forEach((v, p) => {
      const g = Math.round(255 * Math.min(1, Math.max(0, v)));
      img.data.set([g, g, g, 255], p * 4);
    });
    ctx.putImageData(img, 0, 0);
  }, [values]);
  return <canvas ref={ref} width={SIDE} height={SIDE} class="lc-strip__img" aria-hidden="true" />;
}

export function ImageStrip({
  pixels,
  shifts,
  direction,
}: {
  pixels: ArrayLike<number>;
  shifts: number[];
  direction: 'right' | 'down' | 'diagonal';
}) {
  if (typeof navigator !== 'undefined' && /\bjsdom\b/i.test(navigator.userAgent)) return null;
  return (
    <ol
      class="lc-strip"
      aria-label={`The image moved ${direction === 'diagonal' ? 'down and right' : direction} by ${shifts.join(', ')} pixels`}
    >
      {shifts.map((s) => (
        <li key={s}>
          <Tile values={shiftImage(pixels, direction === 'down' ? 0 : s, direction === 'right' ? 0 : s)} />
          <span>{s} px</span>
        </li>
      ))}
    </ol>
  );
}
