/**
 * A chart with its text alternative and exports: "Show data" reveals the plotted numbers as a real table;
 * CSV, SVG and PNG downloads. The chart itself comes from a pure builder (data in, DOM node out).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { ariaGroups } from '../charts/ariaGroups';
import { svgMarkup } from '../charts/svgMarkup';
import { toCsv, type Table } from '../charts/tables';
import { saveBlob, saveText, svgToPng } from './download';
import { createThrottle } from './throttle';
import { TableView } from './TableView';
import { pageStore } from './store/runStore';

/** The Plot-based builders, loaded on the first draw (a page's first paint does not pay for Plot). */
export type Plots = typeof import('../charts/plots');
let plots: Promise<Plots> | null = null;
let loaded: Plots | null = null;
/** Islands waiting for the builders (usePlots), told once they have loaded. */
const waiting = new Set<(p: Plots) => void>();
/** Starts loading the chart builders (idempotent). */
export const loadPlots = (): Promise<Plots> =>
  (plots ??= import('../charts/plots').then((m) => {
    loaded = m;
    for (const tell of waiting) tell(m);
    waiting.clear();
    return m;
  }));

/** What the reader does first on a page: any of these starts loading the chart builders. */
const FIRST_TOUCH = ['pointerdown', 'keydown', 'input', 'change', 'drop'] as const;
let touchArmed = false;
function loadOnFirstTouch() {
  if (touchArmed || typeof document === 'undefined') return;
  touchArmed = true;
  const go = () => {
    for (const t of FIRST_TOUCH) document.removeEventListener(t, go, true);
    void loadPlots();
  };
  for (const t of FIRST_TOUCH) document.addEventListener(t, go, { capture: true, passive: true });
}

/**
 * The chart builders once loaded, else null. They load when a run is on the page (one started, or kept from an
 * earlier visit), when the reader first touches the page (a click, a key, a file dropped), when a chart has data
 * to draw (ChartFigure), or at once with `now`: not with the page, so a reader who only reads never downloads
 * Plot (issue #23 §4). Every caller re-renders once they have loaded.
 */
export function usePlots(now = false): Plots | null {
  const [p, setP] = useState<Plots | null>(loaded);
  const runs = p ? 0 : pageStore().runs.value.length;
  useEffect(() => {
    if (p) return;
    if (loaded) return setP(loaded);
    waiting.add(setP);
    loadOnFirstTouch();
    return () => void waiting.delete(setP);
  }, []);
  useEffect(() => {
    if (!p && (now || runs > 0)) void loadPlots();
  }, [now, runs > 0]);
  return p;
}

interface ChartFigureProps {
  title: string;
  /** Draws the chart: builders in, DOM node out. */
  build: (plots: Plots, doc: Document, width: number) => Element;
  /** The plotted numbers; a function is called only when the reader shows the data or downloads the CSV. */
  table: Table | (() => Table);
  /** Base name of exported files. */
  filename: string;
  caption?: string;
  /** Shown instead of an empty chart frame until there is something to plot. */
  emptyText?: string;
  /** Controls of the chart itself (e.g. a zoom), shown under its title. */
  tools?: ComponentChildren;
}

/**
 * Narrowest width a chart is drawn at (px). A chart is drawn at its container's width, so its text keeps the size
 * the builders give it (a chart drawn wider and scaled down to fit would shrink its text below 11 px).
 */
const MIN_WIDTH = 200;

/** Rebuilding a Plot chart on every record would waste frames: while a run streams, redraw this often. */
const REDRAW_MS = 250;

export function ChartFigure({ title, build, table, filename, caption, emptyText, tools }: ChartFigureProps) {
  // Tables are built on demand: a run streaming records must not rebuild a hidden table on every one.
  const tableNow = () => (typeof table === 'function' ? table() : table);
  const id = useId();
  const holder = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  const [showData, setShowData] = useState(false);
  const latest = useRef({ build, width, emptyText });
  latest.current = { build, width, emptyText };
  /** The holder’s clientWidth as the resize observer last saw it (null before its first report, 0 while hidden). */
  const measured = useRef<number | null>(null);
  /** A redraw asked for while the tab was hidden, to do once it is visible again. */
  const missed = useRef(false);
  const redraw = useMemo(
    () =>
      createThrottle(() => {
        // A hidden tab draws nothing (training goes on); the chart catches up when the reader comes back.
        if (document.hidden) {
          missed.current = true;
          return;
        }
        const el = holder.current;
        const { build: draw, width: w, emptyText: empty } = latest.current;
        if (!el) return;
        if (empty) el.replaceChildren();
        else
          void loadPlots().then((p) => {
            // The holder's own width when it is laid out: as the resize observer last read it, or read now before the
            // observer's first report (reading clientWidth on every redraw forced a layout of the whole page in
            // the middle of a run's records: the longest main-thread task while training, issue #23 §4).
            const cw = measured.current || el.clientWidth;
            el.replaceChildren(ariaGroups(draw(p, document, cw > 0 ? Math.max(MIN_WIDTH, cw) : w)));
          });
      }, REDRAW_MS),
    [],
  );
  useEffect(() => {
    const onVisibility = () => {
      if (document.hidden || !missed.current) return;
      missed.current = false;
      redraw.request();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      redraw.cancel();
    };
  }, [redraw]);

  useEffect(() => {
    const el = holder.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(([entry]) => {
      // Layout is fresh when the observer reports: reading clientWidth here costs nothing.
      measured.current = el.clientWidth;
      setWidth(Math.max(MIN_WIDTH, Math.floor(entry.contentRect.width)));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Every render (new data, new width, new theme) asks for a redraw; the throttle spaces them out.
  useEffect(() => redraw.request());

  /** The chart's root (Plot returns a figure with a legend, or a bare svg). */
  const svgOf = () => holder.current?.firstElementChild ?? null;
  const colors = () => {
    const cs = getComputedStyle(holder.current!);
    return { fg: cs.color, bg: cs.getPropertyValue('--lc-bg').trim() || '#ffffff' };
  };
  const downloadSvg = () => {
    const svg = svgOf();
    if (!svg) return;
    const { fg, bg } = colors();
    saveText(svgMarkup(svg, { color: fg, background: bg }), `${filename}.svg`, 'image/svg+xml');
  };
  const downloadPng = async () => {
    const svg = svgOf();
    if (!svg) return;
    const { fg, bg } = colors();
    const markup = svgMarkup(svg, { color: fg, background: bg });
    // Size from the exported markup, which includes the legend.
    const size = (attr: string) => Number(new RegExp(`<svg[^>]*\\s${attr}="([\\d.]+)"`).exec(markup)?.[1] ?? 0);
    saveBlob(await svgToPng(markup, size('width') || width, size('height') || 300, bg), `${filename}.png`);
  };

  return (
    <figure class="lc-figure" aria-labelledby={`${id}-title`}>
      <div class="lc-figure__bar">
        <h4 id={`${id}-title`} class="lc-figure__title">
          {title}
        </h4>
        <div class="lc-figure__actions">
          <button
            type="button"
            class="lc-link"
            aria-expanded={showData}
            aria-controls={`${id}-table`}
            onClick={() => setShowData(!showData)}
          >
            {showData ? 'Hide data' : 'Show data'}
          </button>
          <button
            type="button"
            class="lc-link"
            onClick={() => saveText(toCsv(tableNow()), `${filename}.csv`, 'text/csv')}
            disabled={!!emptyText}
          >
            CSV
          </button>
          <button type="button" class="lc-link" onClick={downloadSvg} disabled={!!emptyText}>
            SVG
          </button>
          <button type="button" class="lc-link" onClick={() => void downloadPng()} disabled={!!emptyText}>
            PNG
          </button>
        </div>
      </div>
      {tools}
      {emptyText && <p class="lc-figure__empty">{emptyText}</p>}
      <div ref={holder} class="lc-figure__chart" hidden={!!emptyText} aria-hidden={showData ? 'true' : undefined} />
      {caption && <figcaption>{caption}</figcaption>}
      <div id={`${id}-table`} class="lc-figure__table" hidden={!showData}>
        {showData && <TableView table={tableNow()} caption={`${title}: data`} captionClass="sr-only" />}
      </div>
    </figure>
  );
}
