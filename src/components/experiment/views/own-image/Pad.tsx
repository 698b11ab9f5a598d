/**
 * Where the reader makes their picture: a canvas to draw on (mouse, pen, touch; or by keyboard: arrow keys move the
 * pen, Space puts it down or lifts it), a pen and an eraser with a brush size, Clear, a photo from a file (chosen or
 * dropped; decoded in the page with createImageBitmap, never sent anywhere), or a test image drawn on it to edit.
 * Every change hands the canvas's pixels to `onPicture`.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';

/** A picture as RGBA bytes, with where it came from in words ("your drawing", "photo.jpg, 4032×3024 px"). */
export interface Picture {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  origin: string;
}

/** What the view may ask of the pad. */
export interface PadApi {
  /** Draws a 28 × 28 image in [0, 1] (a test image) over the whole canvas, light on black as the dataset has it. */
  showImage(pixels: Float32Array, origin: string): void;
}

interface PadProps {
  onPicture(picture: Picture): void;
  api: { current: PadApi | null };
}

/** The drawing canvas's side in canvas pixels (shown at up to this many CSS px). */
export const PAD_SIDE = 280;
/** A photo is drawn with its longest side at most this many canvas pixels. */
const PHOTO_SIDE = 560;

type Rgb = [number, number, number];

/** False under jsdom (the unit tests), whose canvas only logs "not implemented": the pad then draws nothing. */
export const canDraw = () => typeof navigator === 'undefined' || !/\bjsdom\b/i.test(navigator.userAgent);
const css = ([r, g, b]: Rgb) => `rgb(${r}, ${g}, ${b})`;

export function Pad({ onPicture, api }: PadProps) {
  const id = useId();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [tool, setTool] = useState<'pen' | 'eraser'>('pen');
  const [brush, setBrush] = useState(22);
  /** The paper's colour (what the eraser paints) and the ink's. */
  const paper = useRef<Rgb>([255, 255, 255]);
  const ink = useRef<Rgb>([0, 0, 0]);
  const origin = useRef('your drawing');
  const [message, setMessage] = useState('');
  const [dragging, setDragging] = useState(false);
  /** The keyboard pen: where it is (canvas px) and whether it is down. */
  const [cursor, setCursor] = useState<{ x: number; y: number; down: boolean; shown: boolean }>({
    x: PAD_SIDE / 2,
    y: PAD_SIDE / 2,
    down: false,
    shown: false,
  });
  const last = useRef<{ x: number; y: number } | null>(null);
  const emitTimer = useRef<number | null>(null);
  const settings = useRef({ tool, brush });
  settings.current = { tool, brush };

  const ctx2d = () => (canDraw() ? (canvas.current?.getContext('2d', { willReadFrequently: true }) ?? null) : null);

  /** Hands the pixels over; while a stroke goes on, at most every 150 ms. */
  function emit(now = false) {
    const send = () => {
      emitTimer.current = null;
      const c = canvas.current;
      const g = ctx2d();
      if (!c || !g) return;
      onPicture({ rgba: g.getImageData(0, 0, c.width, c.height).data, width: c.width, height: c.height, origin: origin.current });
    };
    if (now) {
      if (emitTimer.current !== null) window.clearTimeout(emitTimer.current);
      send();
    } else if (emitTimer.current === null) emitTimer.current = window.setTimeout(send, 150);
  }

  function reset(width = PAD_SIDE, height = PAD_SIDE, colour: Rgb = [255, 255, 255]) {
    const c = canvas.current;
    if (!c) return null;
    c.width = width;
    c.height = height;
    paper.current = colour;
    ink.current = colour[0] + colour[1] + colour[2] > 382 ? [0, 0, 0] : [255, 255, 255];
    const g = ctx2d();
    if (g) {
      g.fillStyle = css(colour);
      g.fillRect(0, 0, width, height);
    }
    return g;
  }

  useEffect(() => {
    reset();
    emit(true);
    api.current = {
      showImage(pixels, from) {
        const g = reset(PAD_SIDE, PAD_SIDE, [0, 0, 0]);
        if (!g) return;
        const cell = PAD_SIDE / 28;
        for (let i = 0; i < 28; i++) {
          for (let j = 0; j < 28; j++) {
            const v = Math.round(pixels[i * 28 + j] * 255);
            g.fillStyle = `rgb(${v}, ${v}, ${v})`;
            g.fillRect(j * cell, i * cell, cell, cell);
          }
        }
        origin.current = from;
        setMessage('');
        emit(true);
      },
    };
    return () => {
      api.current = null;
      if (emitTimer.current !== null) window.clearTimeout(emitTimer.current);
    };
  }, []);

  /** A dot or a line segment to (x, y) in canvas px, in the pen's or the eraser's colour. */
  function paint(x: number, y: number, from: { x: number; y: number } | null) {
    const g = ctx2d();
    if (!g) return;
    const { tool: t, brush: b } = settings.current;
    const colour = css(t === 'pen' ? ink.current : paper.current);
    g.strokeStyle = g.fillStyle = colour;
    g.lineWidth = b;
    g.lineCap = g.lineJoin = 'round';
    g.beginPath();
    if (from) {
      g.moveTo(from.x, from.y);
      g.lineTo(x, y);
      g.stroke();
    } else {
      g.arc(x, y, b / 2, 0, 2 * Math.PI);
      g.fill();
    }
    if (!origin.current.includes('edited') && origin.current !== 'your drawing') origin.current = `${origin.current}, edited`;
    emit();
  }

  const at = (e: PointerEvent) => {
    const c = canvas.current!;
    const r = c.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * c.width) / r.width, y: ((e.clientY - r.top) * c.height) / r.height };
  };

  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0 && e.pointerType === 'mouse') return;
    e.preventDefault();
    canvas.current?.setPointerCapture?.(e.pointerId);
    const p = at(e);
    paint(p.x, p.y, null);
    last.current = p;
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!last.current) return;
    const p = at(e);
    paint(p.x, p.y, last.current);
    last.current = p;
  };
  const onPointerUp = () => {
    if (!last.current) return;
    last.current = null;
    emit(true);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const c = canvas.current;
    if (!c) return;
    const step = Math.max(4, Math.round(brush / 2)) * (e.shiftKey ? 4 : 1);
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    if (e.key in moves) {
      e.preventDefault();
      const [dx, dy] = moves[e.key];
      const next = { x: Math.min(c.width, Math.max(0, cursor.x + dx)), y: Math.min(c.height, Math.max(0, cursor.y + dy)) };
      if (cursor.down) paint(next.x, next.y, cursor);
      setCursor({ ...cursor, ...next, shown: true });
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      if (!cursor.down) paint(cursor.x, cursor.y, null);
      else emit(true);
      setCursor({ ...cursor, down: !cursor.down, shown: true });
    } else if (e.key === 'Escape' && cursor.down) {
      setCursor({ ...cursor, down: false });
      emit(true);
    }
  };

  async function loadFile(file: File | undefined) {
    if (!file) return;
    if (!file.type.startsWith('image/')) {
      setMessage(`${file.name} is not a picture (its type is ${file.type || 'unknown'}): choose a photo or an image file.`);
      return;
    }
    try {
      const bitmap = await createImageBitmap(file);
      const [bw, bh] = [bitmap.width, bitmap.height];
      const scale = Math.min(1, PHOTO_SIDE / Math.max(bw, bh));
      const w = Math.max(1, Math.round(bw * scale));
      const h = Math.max(1, Math.round(bh * scale));
      const g = reset(w, h);
      if (!g) return;
      g.imageSmoothingQuality = 'high';
      g.drawImage(bitmap, 0, 0, w, h);
      bitmap.close();
      // The eraser paints the photo's own background: the median colour of its border.
      paper.current = borderColour(g.getImageData(0, 0, w, h).data, w, h);
      ink.current = paper.current[0] + paper.current[1] + paper.current[2] > 382 ? [0, 0, 0] : [255, 255, 255];
      origin.current = `${file.name}, ${bw === w ? '' : `${bw}×${bh} px shown at `}${w}×${h} px`;
      setMessage('');
      emit(true);
    } catch {
      setMessage(`${file.name} could not be read as a picture by this browser: try a PNG or JPEG.`);
    }
  }

  const clear = () => {
    reset();
    origin.current = 'your drawing';
    setMessage('');
    emit(true);
  };

  const c = canvas.current;
  const pct = (v: number, of: number | undefined) => `${(100 * v) / (of || PAD_SIDE)}%`;
  return (
    <div class="lc-own__pad">
      <div
        class={`lc-own__paper${dragging ? ' lc-own__paper--drop' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void loadFile(e.dataTransfer?.files[0]);
        }}
      >
        <canvas
          ref={canvas}
          class="lc-own__canvas"
          width={PAD_SIDE}
          height={PAD_SIDE}
          tabIndex={0}
          role="application"
          aria-roledescription="drawing area"
          aria-label="Your picture: draw here, or drop a photo"
          aria-describedby={`${id}-keys`}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onKeyDown={onKeyDown}
          onFocus={() => setCursor({ ...cursor, shown: true })}
          onBlur={() => setCursor({ ...cursor, shown: false, down: false })}
        />
        {cursor.shown && (
          <span
            class={`lc-own__cursor${cursor.down ? ' lc-own__cursor--down' : ''}`}
            aria-hidden="true"
            style={{
              left: pct(cursor.x, c?.width),
              top: pct(cursor.y, c?.height),
              width: pct(brush, c?.width),
              height: pct(brush, c?.height),
            }}
          />
        )}
      </div>
      <p id={`${id}-keys`} class="lc-field__hint">
        Keyboard: arrow keys move the pen (with Shift, further), Space puts it down or lifts it.
        {cursor.shown ? (cursor.down ? ' The pen is down.' : ' The pen is up.') : ''}
      </p>
      <div class="lc-own__tools">
        <fieldset class="lc-own__tool">
          <legend>Tool</legend>
          <label>
            <input type="radio" name={`${id}-tool`} checked={tool === 'pen'} onChange={() => setTool('pen')} /> Pen
          </label>
          <label>
            <input type="radio" name={`${id}-tool`} checked={tool === 'eraser'} onChange={() => setTool('eraser')} /> Eraser
          </label>
        </fieldset>
        <Range label="Brush" unit="px" min={4} max={60} step={2} value={brush} onValue={setBrush} valueText={(v) => `${v} px`} />
        <button type="button" class="lc-button" onClick={clear}>
          Clear
        </button>
        <label class="lc-own__upload">
          <span>Upload a photo</span>
          <input
            type="file"
            accept="image/*"
            onChange={(e) => {
              void loadFile(e.currentTarget.files?.[0]);
              e.currentTarget.value = '';
            }}
          />
        </label>
      </div>
      {message && (
        <p class="lc-field__error" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}

interface RangeProps {
  label: string;
  unit: string;
  min: number;
  max: number;
  step?: number;
  value: number;
  onValue(value: number): void;
  /** What a screen reader says for a value ("2 px right"). */
  valueText(value: number): string;
}

/** A labelled slider with its value shown beside its name (the value is not a live region: the slider says it). */
export function Range({ label, unit, min, max, step = 1, value, onValue, valueText }: RangeProps) {
  const id = useId();
  return (
    <div class="lc-own__range">
      <label for={id}>
        {label}{' '}
        <span class="lc-own__value" aria-hidden="true">
          {value} {unit}
        </span>
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-valuetext={valueText(value)}
        onInput={(e) => onValue(Number(e.currentTarget.value))}
      />
    </div>
  );
}

/** The median colour of a picture's outer ring of pixels. */
function borderColour(rgba: Uint8ClampedArray, w: number, h: number): Rgb {
  const rs: number[] = [];
  const gs: number[] = [];
  const bs: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (y > 0 && y < h - 1 && x > 0 && x < w - 1) continue;
      const o = (y * w + x) * 4;
      rs.push(rgba[o]);
      gs.push(rgba[o + 1]);
      bs.push(rgba[o + 2]);
    }
  }
  const median = (v: number[]) => v.sort((a, b) => a - b)[v.length >> 1] ?? 255;
  return [median(rs), median(gs), median(bs)];
}
