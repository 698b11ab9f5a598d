/**
 * Pooling by hand: a small feature map (a crop of a real one: a fixed filter run over a picture), pooled
 * 2×2. Hover, focus or arrow-key through the pooled cells to see each window and which value won (max) or
 * how the mean came out (average). Below, the contrast the learner asked about: blurring the picture itself
 * versus pooling the filter's map. Words come from the config; the arithmetic from poolMath.ts.
 */
import { useMemo, useState } from 'preact/hooks';
import { mapScale, mapToRgba } from '../../charts/featureMaps';
import { convolve, crop, pixelsFromBase64, pool, relu, type Grid, type PoolMode } from './poolMath';
import '../../experiment/kit.css';
import './pool-explorer.css';

export interface PoolExplorerConfig {
  id: string;
  title: string;
  /** The picture: 784 bytes (28×28, 0–255) in base64. */
  image: string;
  /** 3×3 filter run over the picture to make the feature map. */
  kernel: number[][];
  /** Top-left (row, column) of the explored block in the filter's map; even, so its windows are the full map's. */
  crop: { row: number; col: number };
  /** Side of the explored block (default 6) and of the pooling window (default 2). */
  size?: number;
  pool?: number;
  /** Words. Templates may use {rows}, {cols}, {values}, {value}, {winner}. */
  text: {
    /** What the block is, shown above it. */
    mapNote?: string;
    mapCaption: string;
    pooledCaption: string;
    maxLabel?: string;
    averageLabel?: string;
    hint?: string;
    explainMax?: string;
    explainAverage?: string;
    /** Max pooling when every value of the window is the same. */
    explainTie?: string;
    /** Heading and captions of the four pictures: picture, blurred picture, filter map, pooled filter map. */
    contrastTitle: string;
    captions: [string, string, string, string];
    /** Under the four pictures; may use {edgeMax}, {pooledMax}, {blurredMax}. */
    contrastNote?: string;
  };
}

const one = (v: number) => v.toFixed(1);
const fill = (t: string, v: Record<string, string>) => t.replace(/\{(\w+)\}/g, (m, k: string) => v[k] ?? m);

/** A map drawn as grey pixels, `px` screen pixels per value; `box` outlines a block (row, col, size) in it. */
function Picture({
  grid,
  caption,
  px,
  box,
}: {
  grid: Grid;
  caption: string;
  px: number;
  box?: { row: number; col: number; size: number };
}) {
  const draw = (canvas: HTMLCanvasElement | null) => {
    const ctx = canvas?.getContext?.('2d');
    if (!ctx) return;
    const img = ctx.createImageData(grid.w, grid.h);
    img.data.set(mapToRgba(grid.values, grid.h, grid.w, 1, 0, mapScale(grid.values, grid.h, grid.w, 1, 0)));
    ctx.putImageData(img, 0, 0);
  };
  return (
    <figure class="lc-pool__pic">
      <div class="lc-pool__frame">
        <canvas
          ref={draw}
          width={grid.w}
          height={grid.h}
          style={{ width: `${grid.w * px}px`, height: `${grid.h * px}px` }}
          aria-hidden="true"
        />
        {box && (
          <span
            class="lc-pool__box"
            aria-hidden="true"
            style={{
              left: `${box.col * px + 1}px`,
              top: `${box.row * px + 1}px`,
              width: `${box.size * px}px`,
              height: `${box.size * px}px`,
            }}
          />
        )}
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

export default function PoolExplorer({ config }: { config: PoolExplorerConfig }) {
  const size = config.size ?? 6;
  const k = config.pool ?? 2;
  const t = config.text;
  const data = useMemo(() => {
    const picture = pixelsFromBase64(config.image);
    const edges = relu(convolve(picture, config.kernel));
    const block = crop(edges, config.crop.row, config.crop.col, size);
    // The block as the reader reads it: one decimal, and pooled from exactly those numbers.
    const shown: Grid = { ...block, values: block.values.map((v) => Math.round(v * 10) / 10) };
    const blurred = pool(picture, k, 'average').grid;
    return {
      picture,
      edges,
      shown,
      blurred,
      blurredEdges: relu(convolve(blurred, config.kernel)),
      pooledEdges: pool(edges, k, 'max').grid,
    };
  }, [config]);
  const [mode, setMode] = useState<PoolMode>('max');
  // Start on the window with the strongest response: the most telling one.
  const [active, setActive] = useState(() => {
    const v = pool(data.shown, k, 'max').grid.values;
    return v.indexOf(Math.max(...v));
  });
  const { grid: pooled, cells } = pool(data.shown, k, mode);
  const cell = cells[active];
  const inWindow = new Set(cell.window.map(([r, c]) => r * size + c));
  const winner = cell.winner ? cell.winner[0] * size + cell.winner[1] : -1;
  const values = cell.window.map(([r, c]) => one(data.shown.values[r * size + c])).join(', ');
  const span = (a: number) => `${a * k + 1}–${a * k + k}`;
  const words = {
    rows: span(cell.row),
    cols: span(cell.col),
    values,
    value: mode === 'max' ? one(cell.value) : cell.value.toFixed(3).replace(/0+$/, '').replace(/\.$/, ''),
    winner: cell.winner ? `row ${cell.winner[0] + 1}, column ${cell.winner[1] + 1}` : '',
  };
  const tie = cell.window.every(([r, c]) => data.shown.values[r * size + c] === cell.value);
  const explain =
    mode === 'max' && tie
      ? fill(
          t.explainTie ?? 'Window rows {rows}, columns {cols}: max({values}) = {value}. All {n} values are equal: nothing is lost here.',
          { ...words, n: String(k * k) },
        )
      : mode === 'max'
        ? fill(
            t.explainMax ??
              'Window rows {rows}, columns {cols}: max({values}) = {value}. The value at {winner} wins; the other {others} are dropped.',
            { ...words, others: String(k * k - 1) },
          )
        : fill(t.explainAverage ?? 'Window rows {rows}, columns {cols}: mean({values}) = {value}. Every value counts a quarter.', words);
  const side = pooled.h;

  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    let next: number;
    if (moves[e.key]) {
      const [dr, dc] = moves[e.key];
      const [r, c] = [Math.min(side - 1, Math.max(0, cell.row + dr)), Math.min(side - 1, Math.max(0, cell.col + dc))];
      next = r * side + c;
    } else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = cells.length - 1;
    else return;
    e.preventDefault();
    setActive(next);
    (e.currentTarget as HTMLElement).querySelector<HTMLButtonElement>(`[data-cell="${next}"]`)?.focus();
  };

  const max = (g: Grid) => Math.max(...g.values).toFixed(2);
  return (
    <section class="lc-themed lc-panel lc-pool not-content" aria-label={config.title} data-widget="pool-explorer" data-id={config.id}>
      <h3 class="lc-experiment__title">{config.title}</h3>
      <div class="lc-presets" role="group" aria-label="Pooling">
        {(['max', 'average'] as const).map((m) => (
          <button type="button" class="lc-chip" aria-pressed={mode === m} onClick={() => setMode(m)}>
            {m === 'max' ? (t.maxLabel ?? 'Max pooling') : (t.averageLabel ?? 'Average pooling')}
          </button>
        ))}
      </div>
      {t.mapNote && <p class="lc-pool__hint">{t.mapNote}</p>}
      {t.hint && <p class="lc-pool__hint">{t.hint}</p>}
      <div class="lc-pool__grids">
        <table class="lc-pool__map">
          <caption>{t.mapCaption}</caption>
          <tbody>
            {Array.from({ length: size }, (_, r) => (
              <tr>
                {Array.from({ length: size }, (_, c) => {
                  const i = r * size + c;
                  return (
                    <td
                      class={[inWindow.has(i) && 'is-window', i === winner && 'is-winner'].filter(Boolean).join(' ') || undefined}
                      data-pos={i}
                    >
                      {one(data.shown.values[i])}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <span class="lc-pool__arrow" aria-hidden="true">
          →
        </span>
        <div class="lc-pool__out">
          <p class="lc-pool__caption" id={`${config.id}-pooled`}>
            {t.pooledCaption}
          </p>
          <div
            class="lc-pool__cells"
            role="group"
            aria-labelledby={`${config.id}-pooled`}
            onKeyDown={onKey}
            style={{ gridTemplateColumns: `repeat(${side}, 1fr)` }}
          >
            {cells.map((c, i) => (
              <button
                type="button"
                class="lc-pool__cell"
                data-cell={i}
                tabIndex={i === active ? 0 : -1}
                aria-pressed={i === active}
                aria-label={`row ${c.row + 1}, column ${c.col + 1}: ${mode === 'max' ? one(c.value) : c.value.toFixed(3)}`}
                onFocus={() => setActive(i)}
                onMouseEnter={() => setActive(i)}
                onClick={() => setActive(i)}
              >
                {mode === 'max' ? one(c.value) : c.value.toFixed(2)}
              </button>
            ))}
          </div>
        </div>
      </div>
      <p class="lc-pool__explain" aria-live="polite" data-testid="pool-explain">
        {explain}
      </p>
      <h4 class="lc-pool__subtitle">{t.contrastTitle}</h4>
      <div class="lc-pool__pics">
        <Picture grid={data.picture} caption={t.captions[0]} px={3} />
        <Picture grid={data.blurred} caption={t.captions[1]} px={6} />
        <Picture grid={data.edges} caption={t.captions[2]} px={3} box={{ ...config.crop, size }} />
        <Picture grid={data.pooledEdges} caption={t.captions[3]} px={6} />
      </div>
      {t.contrastNote && (
        <p class="lc-pool__hint">
          {fill(t.contrastNote, { edgeMax: max(data.edges), pooledMax: max(data.pooledEdges), blurredMax: max(data.blurredEdges) })}
        </p>
      )}
    </section>
  );
}
