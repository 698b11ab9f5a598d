/**
 * Printable figures of the book's reference runs, for slides and handouts: SVG markup written at build time from the
 * reference data (src/reference/*.json), no script and no chart library at run time. Black on white with one accent
 * colour, dashes and marker shapes as well as colour, text at 12 px: it prints, projects and reads in grey.
 * StaticFigure.astro puts one on a page with its caption and a download link.
 */
import { lookup } from '../../reference/lookup';

export interface PrintFigure {
  id: string;
  title: string;
  /** One or two sentences saying what the figure shows, with its numbers. */
  caption: string;
  /** Where the numbers come from: the reference file and the script that writes it. */
  source: string;
  svg: string;
}

const INK = '#1b1b1b';
const GRID = '#d4d4d4';
const MUTED = '#5c5c5c';
const BLUE = '#1f5fa8';
const ORANGE = '#c2410c';
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif" font-size="12"';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r = (n: number) => Math.round(n * 10) / 10;
const nf = new Intl.NumberFormat('en');

function svgDoc(id: string, width: number, height: number, title: string, desc: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-t ${id}-d" ${FONT}>` +
    `<title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(desc)}</desc>` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>${body}</svg>`
  );
}

interface Axis {
  label: string;
  min: number;
  max: number;
  ticks: number[];
  format?: (v: number) => string;
}

interface Series {
  name: string;
  points: [number, number][];
  color: string;
  dash?: string;
  marker?: 'circle' | 'square';
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const scale = (a: Axis, from: number, to: number) => (v: number) => from + ((v - a.min) / (a.max - a.min)) * (to - from);

/** Axes, grid and tick labels of a panel; returns the markup and the two scales. */
function axes(box: Box, x: Axis, y: Axis): { body: string; sx: (v: number) => number; sy: (v: number) => number } {
  const sx = scale(x, box.x, box.x + box.w);
  const sy = scale(y, box.y + box.h, box.y);
  const fx = x.format ?? String;
  const fy = y.format ?? String;
  let body = '';
  for (const t of y.ticks) {
    body += `<line x1="${box.x}" x2="${box.x + box.w}" y1="${r(sy(t))}" y2="${r(sy(t))}" stroke="${GRID}" stroke-width="1"/>`;
    body += `<text x="${box.x - 6}" y="${r(sy(t)) + 4}" text-anchor="end" fill="${INK}">${esc(fy(t))}</text>`;
  }
  for (const t of x.ticks) {
    body += `<line x1="${r(sx(t))}" x2="${r(sx(t))}" y1="${box.y + box.h}" y2="${box.y + box.h + 4}" stroke="${INK}"/>`;
    body += `<text x="${r(sx(t))}" y="${box.y + box.h + 17}" text-anchor="middle" fill="${INK}">${esc(fx(t))}</text>`;
  }
  body += `<line x1="${box.x}" x2="${box.x + box.w}" y1="${box.y + box.h}" y2="${box.y + box.h}" stroke="${INK}"/>`;
  body += `<text x="${box.x + box.w / 2}" y="${box.y + box.h + 34}" text-anchor="middle" fill="${INK}">${esc(x.label)}</text>`;
  body += `<text x="${box.x - 6}" y="${box.y - 24}" text-anchor="start" fill="${INK}" font-weight="600">${esc(y.label)}</text>`;
  return { body, sx, sy };
}

function marker(kind: Series['marker'], x: number, y: number, color: string): string {
  if (kind === 'square')
    return `<rect x="${r(x - 3)}" y="${r(y - 3)}" width="6" height="6" fill="#ffffff" stroke="${color}" stroke-width="1.5"/>`;
  if (kind === 'circle') return `<circle cx="${r(x)}" cy="${r(y)}" r="3" fill="${color}"/>`;
  return '';
}

/** A line panel: axes, one path per series (with markers), an optional legend row above the plot. */
function linePanel(box: Box, x: Axis, y: Axis, series: Series[]): string {
  const { body, sx, sy } = axes(box, x, y);
  let out = body;
  for (const s of series) {
    const d = s.points.map(([px, py], i) => `${i ? 'L' : 'M'}${r(sx(px))},${r(sy(py))}`).join('');
    out += `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`;
    out += s.points.map(([px, py]) => marker(s.marker, sx(px), sy(py), s.color)).join('');
  }
  // Legend, right-aligned above the plot.
  let lx = box.x + box.w;
  for (const s of [...series].reverse()) {
    const w = s.name.length * 6.6 + 34;
    lx -= w;
    out += `<line x1="${r(lx)}" x2="${r(lx + 22)}" y1="${box.y - 14}" y2="${box.y - 14}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`;
    out += marker(s.marker, lx + 11, box.y - 14, s.color);
    out += `<text x="${r(lx + 27)}" y="${box.y - 10}" fill="${INK}">${esc(s.name)}</text>`;
  }
  return out;
}

const ticks = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 1e6) / 1e6);

interface EpochRow {
  epoch: number;
  trainLoss: number;
  validationLoss: number;
  validationAccuracy: number;
}

/** Loss and accuracy: the from-scratch run of the loss-accuracy chapter, epoch by epoch. */
export function lossCurvesFigure(): PrintFigure {
  const rows = lookup('loss-accuracy.scratch.epochs') as EpochRow[];
  const best = lookup('loss-accuracy.scratch.best') as { epoch: number; validationLoss: number };
  const last = rows.at(-1)!;
  const epochs = rows.length;
  const lossMax = Math.ceil(Math.max(...rows.map((e) => Math.max(e.trainLoss, e.validationLoss))) * 2) / 2;
  const accs = rows.map((e) => e.validationAccuracy);
  const x: Axis = { label: 'epoch', min: 1, max: epochs, ticks: [1, ...ticks(5, epochs, 5)] };
  const width = 640;
  const top: Box = { x: 56, y: 52, w: 560, h: 180 };
  const bottom: Box = { x: 56, y: 334, w: 560, h: 100 };
  let body = linePanel(top, x, { label: 'loss (cross-entropy)', min: 0, max: lossMax, ticks: ticks(0, lossMax, 0.5) }, [
    { name: 'training', points: rows.map((e) => [e.epoch, e.trainLoss]), color: INK, dash: '6 4' },
    { name: 'validation', points: rows.map((e) => [e.epoch, e.validationLoss]), color: ORANGE, marker: 'circle' },
  ]);
  // The epoch of lowest validation loss, marked.
  const bx = scale(x, top.x, top.x + top.w)(best.epoch);
  body += `<line x1="${r(bx)}" x2="${r(bx)}" y1="${top.y}" y2="${top.y + top.h}" stroke="${MUTED}" stroke-dasharray="2 3"/>`;
  body += `<text x="${r(bx) + 4}" y="${top.y + 12}" fill="${MUTED}">lowest validation loss, epoch ${best.epoch}</text>`;
  const accLo = Math.floor(Math.min(...accs) * 10) / 10;
  const accHi = Math.min(1, Math.ceil(Math.max(...accs) * 10) / 10);
  body += linePanel(
    bottom,
    x,
    { label: 'validation accuracy', min: accLo, max: accHi, ticks: ticks(accLo, accHi, 0.1), format: (v) => `${Math.round(v * 100)} %` },
    [{ name: 'validation accuracy', points: rows.map((e) => [e.epoch, e.validationAccuracy]), color: BLUE, marker: 'square' }],
  );
  const title = 'Validation loss rises while validation accuracy stays flat';
  const caption = `T-shirt or shirt, 308 training images, batch size 2, seed 1. Validation loss is lowest at epoch ${best.epoch} (${best.validationLoss.toFixed(3)}) and ${last.validationLoss.toFixed(3)} at epoch ${last.epoch}; validation accuracy stays between ${Math.round(Math.min(...accs) * 100)} % and ${Math.round(Math.max(...accs) * 100)} %.`;
  return {
    id: 'fig-loss-accuracy',
    title,
    caption,
    source: 'src/reference/loss-accuracy.json (scratch), written by npm run reference -- loss-accuracy',
    svg: svgDoc('fig-loss-accuracy', width, 480, title, caption, body),
  };
}

interface SurveyRun {
  seed: number;
  deadUnits: number;
  cost: number;
}

/** The learning-rate chapter's seed survey: dead hidden units per seed at learning rate 1, and the learner's run. */
export function lrSurveyFigure(): PrintFigure {
  const runs = lookup('learning-rate.survey.runs') as SurveyRun[];
  const iterations = lookup('learning-rate.survey.iterations') as number;
  const allDead = lookup('learning-rate.survey.allDead') as number;
  const learner = lookup('learning-rate.learner') as { seed: number; finalCost: number; deadUnits: number; iterations: number };
  const width = 640;
  const box: Box = { x: 56, y: 52, w: 560, h: 190 };
  const maxSeed = Math.max(...runs.map((s) => s.seed));
  const x: Axis = { label: 'seed', min: -0.5, max: maxSeed + 0.5, ticks: ticks(0, maxSeed, 5).filter((t) => t <= maxSeed) };
  const { body: axesBody, sx, sy } = axes(box, x, { label: 'dead hidden units (of 7)', min: 0, max: 7, ticks: ticks(0, 7, 1) });
  let body = axesBody;
  const bw = (box.w / (maxSeed + 1)) * 0.7;
  for (const s of runs) {
    const all = s.deadUnits === 7;
    const h = sy(0) - sy(s.deadUnits);
    body += `<rect x="${r(sx(s.seed) - bw / 2)}" y="${r(sy(s.deadUnits))}" width="${r(bw)}" height="${r(Math.max(h, 0))}" fill="${all ? INK : '#ffffff'}" stroke="${all ? INK : ORANGE}" stroke-width="1.5"><title>seed ${s.seed}: ${s.deadUnits} dead, cost ${s.cost}</title></rect>`;
  }
  // The learner's seed, marked.
  const lx = sx(learner.seed);
  body += `<text x="${r(lx)}" y="${box.y - 6}" text-anchor="middle" fill="${ORANGE}" font-weight="600">learner’s seed ${learner.seed} ▼</text>`;
  // Legend under the axis title.
  const ly = box.y + box.h + 52;
  body += `<rect x="${box.x}" y="${ly - 9}" width="10" height="10" fill="${INK}"/><text x="${box.x + 15}" y="${ly}" fill="${INK}">all 7 dead: cost stuck at H(prior)</text>`;
  body += `<rect x="${box.x + 250}" y="${ly - 9}" width="10" height="10" fill="#ffffff" stroke="${ORANGE}" stroke-width="1.5"/><text x="${box.x + 265}" y="${ly}" fill="${INK}">some units alive: it still learns</text>`;
  const title = `Learning rate 1: dead hidden units after ${iterations} iterations, for each of ${runs.length} seeds`;
  const caption = `The learner’s network [784, 7, 1] at learning rate 1 on the CPU: all seven hidden units die for ${allDead} of ${runs.length} seeds (${Math.round((allDead / runs.length) * 100)} %). With the learner’s seed ${learner.seed}, the cost stays at ${learner.finalCost} for all ${nf.format(learner.iterations)} iterations.`;
  return {
    id: 'fig-lr-survey',
    title,
    caption,
    source: 'src/reference/learning-rate.json (survey, learner), written by npm run reference -- learning-rate',
    svg: svgDoc('fig-lr-survey', width, 320, title, caption, body),
  };
}

interface Spread {
  min: number;
  max: number;
  mean: number;
}

/** Names of the pooling chapter's reference stacks, as its tables call them. */
const STACK_NAMES: Record<string, string> = {
  dense: 'dense only',
  'dense-shift2': 'dense only, shifted training images',
  course: 'CNN with max-pooling',
  noPool: 'CNN without pooling',
  avg2: 'CNN, average pooling 2×2',
  stride2: 'CNN, stride-2 convolutions',
  dense10k: 'dense only, 10,000 images',
  course10k: 'CNN with max-pooling, 10,000 images',
};

/** The pooling chapter's spread table: training and validation accuracy of each network over its seeds. */
export function poolingSpreadFigure(): PrintFigure {
  const stacks = lookup('pooling.stacks') as Record<
    string,
    { seeds: number; parameters: number; trainAccuracy: Spread; validationAccuracy: Spread }
  >;
  const names = Object.keys(stacks);
  const rowH = 34;
  const width = 640;
  const box: Box = { x: 250, y: 44, w: 360, h: names.length * rowH };
  const values = names.flatMap((n) => [
    stacks[n].trainAccuracy.min,
    stacks[n].validationAccuracy.min,
    stacks[n].trainAccuracy.max,
    stacks[n].validationAccuracy.max,
  ]);
  const lo = Math.floor(Math.min(...values) * 20) / 20;
  const hi = Math.ceil(Math.max(...values) * 20) / 20;
  const x: Axis = {
    label: 'accuracy after training (min–max over seeds, mark at the mean)',
    min: lo,
    max: hi,
    ticks: ticks(lo, hi, 0.05),
    format: (v) => `${Math.round(v * 100)} %`,
  };
  const sx = scale(x, box.x, box.x + box.w);
  let body = '';
  for (const t of x.ticks) {
    body += `<line x1="${r(sx(t))}" x2="${r(sx(t))}" y1="${box.y}" y2="${box.y + box.h}" stroke="${GRID}"/>`;
    body += `<text x="${r(sx(t))}" y="${box.y + box.h + 17}" text-anchor="middle" fill="${INK}">${esc(x.format!(t))}</text>`;
  }
  body += `<line x1="${box.x}" x2="${box.x + box.w}" y1="${box.y + box.h}" y2="${box.y + box.h}" stroke="${INK}"/>`;
  body += `<text x="${box.x + box.w / 2}" y="${box.y + box.h + 34}" text-anchor="middle" fill="${INK}">${esc(x.label)}</text>`;
  names.forEach((n, i) => {
    const s = stacks[n];
    const yc = box.y + i * rowH + rowH / 2;
    body += `<text x="${box.x - 10}" y="${yc - 2}" text-anchor="end" fill="${INK}">${esc(STACK_NAMES[n] ?? n)}</text>`;
    body += `<text x="${box.x - 10}" y="${yc + 12}" text-anchor="end" fill="${MUTED}">${nf.format(s.parameters)} parameters · ${s.seeds} seed${s.seeds === 1 ? '' : 's'}</text>`;
    const range = (sp: Spread, dy: number, color: string, filled: boolean) =>
      `<line x1="${r(sx(sp.min))}" x2="${r(sx(sp.max))}" y1="${yc + dy}" y2="${yc + dy}" stroke="${color}" stroke-width="3" stroke-linecap="round"/>` +
      (filled
        ? `<circle cx="${r(sx(sp.mean))}" cy="${yc + dy}" r="4.5" fill="${color}"/>`
        : `<rect x="${r(sx(sp.mean) - 4)}" y="${yc + dy - 4}" width="8" height="8" fill="#ffffff" stroke="${color}" stroke-width="1.5"/>`);
    body += range(s.trainAccuracy, -6, MUTED, false);
    body += range(s.validationAccuracy, 6, BLUE, true);
  });
  // Legend.
  body += `<rect x="${box.x}" y="${box.y - 26}" width="8" height="8" fill="#ffffff" stroke="${MUTED}" stroke-width="1.5"/><text x="${box.x + 13}" y="${box.y - 18}" fill="${INK}">training subset</text>`;
  body += `<circle cx="${box.x + 130}" cy="${box.y - 22}" r="4.5" fill="${BLUE}"/><text x="${box.x + 139}" y="${box.y - 18}" fill="${INK}">validation (1,000 images)</text>`;
  const mean = (name: string) => (stacks[name] ? `${(stacks[name].validationAccuracy.mean * 100).toFixed(1)} %` : '–');
  const title = 'Pooling: accuracy of each network over its seeds';
  const caption =
    `Fashion-MNIST, 3,000 training images (10,000 where named), 5 epochs, Adam, on the CPU. Mean validation accuracy ` +
    `with max-pooling against dense only: ${mean('course')} and ${mean('dense')} on 3,000 images, ${mean('course10k')} and ${mean('dense10k')} on 10,000.`;
  return {
    id: 'fig-pooling-spread',
    title,
    caption,
    source: 'src/reference/pooling.json (stacks), written by npm run reference -- pooling',
    svg: svgDoc('fig-pooling-spread', width, box.y + box.h + 48, title, caption, body),
  };
}

/** Every printable figure, in chapter order. */
export function printFigures(): PrintFigure[] {
  return [lrSurveyFigure(), lossCurvesFigure(), poolingSpreadFigure()];
}
