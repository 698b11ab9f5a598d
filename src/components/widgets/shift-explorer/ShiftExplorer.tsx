/**
 * Shift an image, watch the maps follow: one fixed filter over a picture the reader picks, its map, and the map
 * max-pooled 2×2, for the picture as it is and moved sideways by a slider. The line under the pictures says, from
 * the arrays themselves, whether the filter's map moved with the picture (it does: convolution is equivariant) and
 * how much of the pooled map stayed put. Words come from the config; the arithmetic from shiftMath.ts.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { mapScale, mapToRgba, type MapScale } from '../../charts/featureMaps';
import { pixelsFromBase64, type Grid } from '../pool-explorer/poolMath';
import { shiftReport } from './shiftMath';
import '../../experiment/kit.css';
import './shift-explorer.css';

export interface ShiftExplorerConfig {
  id: string;
  title: string;
  /** Pictures the reader can pick: 784 bytes (28×28, 0–255) in base64 each. */
  images: { label: string; image: string }[];
  /** 3×3 filters the reader can pick. */
  filters: { label: string; kernel: number[][] }[];
  /** Largest shift, in pixels, either way (default 4). */
  maxShift?: number;
  text: {
    imageLegend: string;
    filterLegend: string;
    shiftLabel: string;
    /** Row headings: the picture as it is, and moved ({dx} is the shift, e.g. "2 px right"). */
    rows: [string, string];
    /** Column captions: picture, filter map, pooled map (with their sizes). */
    captions: [string, string, string];
    /** Templates: {dx}; {same}, {n}, {maxDiff} of the comparison. */
    mapFollows: string;
    pooledInPlace: string;
    /** When the shift is a multiple of the pool size: {cells} is the shift in pooled cells. */
    pooledFollows: string;
    unshifted: string;
  };
}

const fill = (t: string, v: Record<string, string | number>) => t.replace(/\{(\w+)\}/g, (m, k: string) => (k in v ? String(v[k]) : m));
const nf = new Intl.NumberFormat('en');

/** A map as grey pixels; the scale is shared by the two rows so that equal values look equal. */
function Picture({ grid, px, scale, label }: { grid: Grid; px: number; scale: MapScale; label: string }) {
  const draw = (canvas: HTMLCanvasElement | null) => {
    const ctx = canvas?.getContext?.('2d');
    if (!ctx) return;
    const img = ctx.createImageData(grid.w, grid.h);
    img.data.set(mapToRgba(grid.values, grid.h, grid.w, 1, 0, scale));
    ctx.putImageData(img, 0, 0);
  };
  return (
    <canvas
      ref={draw}
      class="lc-shiftx__pic"
      width={grid.w}
      height={grid.h}
      style={{ width: `${grid.w * px}px` }}
      data-label={label}
      role="img"
      aria-label={label}
    />
  );
}

/** One choice among labelled chips, in a fieldset with its legend. */
function Chips({ legend, labels, chosen, choose }: { legend: string; labels: string[]; chosen: number; choose: (i: number) => void }) {
  return (
    <fieldset class="lc-presets">
      <legend>{legend}</legend>
      {labels.map((label, i) => (
        <button type="button" class="lc-chip" aria-pressed={i === chosen} onClick={() => choose(i)}>
          {label}
        </button>
      ))}
    </fieldset>
  );
}

export default function ShiftExplorer({ config }: { config: ShiftExplorerConfig }) {
  const t = config.text;
  const maxShift = config.maxShift ?? 4;
  const [image, setImage] = useState(0);
  const [filter, setFilter] = useState(0);
  const [dx, setDx] = useState(1);
  // The slider is usable before the island hydrates, and hydration keeps its position without reading it: adopt it.
  const slider = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    const moved = Number(slider.current?.value);
    if (Number.isInteger(moved) && moved !== dx) setDx(moved);
    // Once, on hydration: later moves arrive through onInput.
  }, []);
  const picture = useMemo(() => pixelsFromBase64(config.images[image].image), [config, image]);
  const report = useMemo(() => shiftReport(picture, config.filters[filter].kernel, dx), [picture, config, filter, dx]);
  const where = dx === 0 ? t.unshifted : `${Math.abs(dx)} px ${dx > 0 ? 'right' : 'left'}`;
  const scales = {
    map: mapScale(report.base.map.values, report.base.map.h, report.base.map.w, 1, 0),
    pooled: mapScale(report.base.pooled.values, report.base.pooled.h, report.base.pooled.w, 1, 0),
  };
  const cmp = (c: { same: number; n: number; maxDiff: number }) => ({
    same: nf.format(c.same),
    n: nf.format(c.n),
    maxDiff: c.maxDiff.toFixed(2),
  });
  const rows = [
    { head: t.rows[0], view: report.base, key: 'base' },
    { head: fill(t.rows[1], { dx: where }), view: report.moved, key: 'moved' },
  ];
  return (
    <section class="lc-themed lc-panel lc-shiftx not-content" aria-label={config.title} data-widget="shift-explorer" data-id={config.id}>
      <h3 class="lc-experiment__title">{config.title}</h3>
      <Chips legend={t.imageLegend} labels={config.images.map((im) => im.label)} chosen={image} choose={setImage} />
      <Chips legend={t.filterLegend} labels={config.filters.map((f) => f.label)} chosen={filter} choose={setFilter} />
      <label class="lc-shiftx__shift">
        <span>
          {t.shiftLabel}: <output data-testid="shift-value">{where}</output>
        </span>
        <input
          ref={slider}
          type="range"
          min={-maxShift}
          max={maxShift}
          step={1}
          value={dx}
          onInput={(e) => setDx(Number((e.currentTarget as HTMLInputElement).value))}
        />
      </label>
      <div class="lc-shiftx__grid">
        <span />
        {t.captions.map((c) => (
          <span class="lc-shiftx__caption">{c}</span>
        ))}
        {rows.map((r) => (
          <>
            <span class="lc-shiftx__row">{r.head}</span>
            <Picture grid={r.view.picture} px={3} scale={{ kind: 'grey', min: 0, max: 1 }} label={`${r.head}: ${t.captions[0]}`} />
            <Picture grid={r.view.map} px={3} scale={scales.map} label={`${r.head}: ${t.captions[1]}`} />
            <Picture grid={r.view.pooled} px={6} scale={scales.pooled} label={`${r.head}: ${t.captions[2]}`} />
          </>
        ))}
      </div>
      <ul class="lc-shiftx__summary" aria-live="polite" data-testid="shift-explorer-summary">
        <li>{fill(t.mapFollows, { dx: where, ...cmp(report.mapFollows) })}</li>
        <li>{fill(t.pooledInPlace, { dx: where, ...cmp(report.pooledInPlace) })}</li>
        {report.pooledFollows && dx !== 0 && (
          <li>{fill(t.pooledFollows, { dx: where, cells: Math.abs(dx / 2), ...cmp(report.pooledFollows) })}</li>
        )}
      </ul>
    </section>
  );
}
