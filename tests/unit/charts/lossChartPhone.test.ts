/**
 * The learning-curve chart at phone width and with what a reader did mid-run (issue 27, item 6 and 9): run labels
 * move to a legend on narrow charts, a faded run on the reference line still shows, a zoom to the first steps,
 * markers for a learning rate changed mid-run, the reader's word for the cost, and text of at least 11 px.
 */
import { describe, expect, it } from 'vitest';
import { lossChart, metricLabel } from '../../../src/components/charts/lossChart';
import { NARROW_WIDTH } from '../../../src/components/charts/runLegend';
import { CHART_FONT_PX } from '../../../src/components/charts/theme';
import { axisTexts, chartSvg, makeRun, newDocument } from './dom';

const prev = makeRun('a', 'as set up', false, 10, 2);
const cur = makeRun('b', 'lr 1, seed 3', true, 10, 1);
const ref = { value: 0.6439737, label: 'H(p) = 0.6439737' };

describe('lossChart on a phone', () => {
  const phone = lossChart([prev, cur], { document: newDocument(), metric: 'cost', referenceLine: ref, width: 320 });
  const wide = lossChart([prev, cur], { document: newDocument(), metric: 'cost', referenceLine: ref, width: 640 });

  it('numbers the runs at their line ends and names them in a legend, leaving the plot its width', () => {
    expect(320).toBeLessThan(NARROW_WIDTH);
    expect(
      Array.from(phone.querySelectorAll('g.lc-run-label text'))
        .map((t) => t.textContent)
        .sort(),
    ).toEqual(['1', '2']);
    expect(Array.from(phone.querySelectorAll('.lc-run-legend .lc-run-swatch')).map((s) => s.textContent)).toEqual([
      '1 as set up',
      '2 lr 1, seed 3 (current)',
    ]);
    // The plot keeps most of the width: its x-axis ends within 30 px of the right edge (was 16 + 12 chars × 6 px).
    const svg = chartSvg(phone);
    const frameRight = Math.max(
      ...Array.from(svg.querySelectorAll('g[aria-label="x-axis tick"] path, g[aria-label="x-axis tick"] line')).map((t) =>
        Number(/translate\(([\d.]+)/.exec(t.getAttribute('transform') ?? '')?.[1] ?? 0),
      ),
    );
    expect(frameRight).toBeGreaterThan(320 - 30 - 40);
    // Wide charts keep the labels at the line ends, with no legend.
    expect(
      Array.from(wide.querySelectorAll('g.lc-run-label text'))
        .map((t) => t.textContent)
        .sort(),
    ).toEqual(['as set up', 'lr 1, seed 3']);
    expect(wide.querySelector('.lc-run-legend')).toBeNull();
  });

  it('draws a band of background under a faded run, above the dashed reference rule, so the run shows on it', () => {
    const groups = Array.from(chartSvg(phone).children).map((g) => g.getAttribute('class') ?? '');
    const rule = groups.findIndex((c) => c.includes('lc-reference'));
    const halo = groups.findIndex((c) => c.includes('lc-line-halo'));
    const faded = groups.findIndex((c) => c.includes('lc-line-previous'));
    expect(rule).toBeGreaterThanOrEqual(0);
    expect(halo).toBeGreaterThan(rule);
    expect(faded).toBeGreaterThan(halo);
    expect(phone.querySelectorAll('g.lc-line-halo path')).toHaveLength(2);
    expect(phone.querySelector('g.lc-line-halo')!.getAttribute('stroke')).toBe('var(--plot-background)');
    // No reference line, no band.
    expect(lossChart([prev, cur], { document: newDocument(), metric: 'cost', width: 320 }).querySelector('g.lc-line-halo')).toBeNull();
  });

  it('draws its text at CHART_FONT_PX (at least 11 px), not Plot’s 10 px', () => {
    expect(CHART_FONT_PX).toBeGreaterThanOrEqual(11);
    // Plot writes font-size="10" on its svg; the inline style, which wins over that attribute, sets the size.
    expect(chartSvg(phone).getAttribute('style')).toContain(`font-size: ${CHART_FONT_PX}px`);
    for (const t of chartSvg(phone).querySelectorAll('[font-size]')) expect(Number(t.getAttribute('font-size'))).toBeGreaterThanOrEqual(11);
  });
});

describe('lossChart zoom, change markers and words', () => {
  const long = makeRun('c', '', true, 2500, 1, 100);

  it('zooms to the first N steps: an axis from 0 to N and only the points in it', () => {
    const zoomed = lossChart([long], { document: newDocument(), metric: 'cost', width: 640, xMax: 100 });
    const ticks = axisTexts(zoomed, 'x-axis tick label').map((t) => Number(t.replace(/,/g, '')));
    expect(Math.max(...ticks)).toBe(100);
    const full = lossChart([long], { document: newDocument(), metric: 'cost', width: 640 });
    expect(Math.max(...axisTexts(full, 'x-axis tick label').map((t) => Number(t.replace(/,/g, ''))))).toBe(2500);
  });

  it('marks a change at its step with a rule and, for the current run, its label', () => {
    const changes = [
      { x: 500, label: 'lr → 1 at iteration 500', current: true },
      { x: 1200, label: 'lr → 0.5 at iteration 1,200', current: false },
    ];
    const chart = lossChart([long], { document: newDocument(), metric: 'cost', width: 640, changes });
    expect(chart.querySelectorAll('g.lc-change line')).toHaveLength(2);
    expect(Array.from(chart.querySelectorAll('g.lc-change-label text')).map((t) => t.textContent)).toEqual(['lr → 1 at iteration 500']);
    // Zoomed to the first 100 iterations, a change at 500 is off the axis: no marker.
    const zoomed = lossChart([long], { document: newDocument(), metric: 'cost', width: 640, changes, xMax: 100 });
    expect(zoomed.querySelectorAll('g.lc-change line, g.lc-change-label text')).toHaveLength(0);
  });

  it('names the cost in the reader’s word: legend, y label', () => {
    expect(metricLabel('validation cost', 'loss')).toBe('validation loss');
    expect(metricLabel('validation cost')).toBe('validation cost');
    const chart = lossChart([cur], { document: newDocument(), metric: 'cost', width: 640, kindLabel: 'loss' });
    expect(Array.from(chart.querySelectorAll('span')).map((s) => s.textContent)).toEqual(['train loss', 'validation loss']);
    expect(axisTexts(chart, 'y-axis label').join(' ')).toContain('loss');
    expect(chart.textContent).not.toContain('cost');
  });
});

describe('lossChart y-axis room at 12 px', () => {
  it('widens the left margin to fit cost ticks such as "0.690", which Plot’s 40 px would cut', async () => {
    const { tickLabelMargin } = await import('../../../src/components/charts/fitMargin');
    expect(tickLabelMargin(['0.5', '1.0'])).toBe(40);
    expect(tickLabelMargin(['0.690', '0.685'])).toBeGreaterThanOrEqual(11 + 5 * 7);
    const run = {
      id: 'r',
      label: '',
      current: true,
      points: Array.from({ length: 30 }, (_, k) => ({ step: k + 1, epoch: k + 1, metric: 'train cost', value: 0.6931 - k * 0.0017 })),
    };
    const chart = lossChart([run], { document: newDocument(), metric: 'cost', width: 320 });
    const labels = axisTexts(chart, 'y-axis tick label');
    expect(Math.max(...labels.map((l) => l.length))).toBeGreaterThanOrEqual(5);
    const tick = chartSvg(chart).querySelector('g[aria-label="y-axis tick"] path')!;
    const axisX = Number(/translate\(([\d.]+)/.exec(tick.getAttribute('transform') ?? '')?.[1]);
    expect(axisX).toBeGreaterThanOrEqual(tickLabelMargin(labels));
  });
});
