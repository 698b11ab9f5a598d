import { describe, expect, it } from 'vitest';
import { galleryBars, galleryChart, galleryTable, galleryValueText, type GalleryRun } from '../../../src/components/charts/galleryChart';
import { SPLIT_COLORS } from '../../../src/components/charts/theme';
import { chartSvg, markGroups, newDocument, nonFinite } from './dom';

const runs: GalleryRun[] = [
  {
    id: 'a',
    label: 'no pooling',
    params: 693_962,
    secondsPerEpoch: 12.345,
    final: { trainLoss: 0.05, valLoss: 0.41, trainAcc: 0.99, valAcc: 0.9 },
  },
  {
    id: 'b',
    label: 'max pooling, dropout 0.5',
    params: 101_770,
    secondsPerEpoch: 4.2,
    final: { trainLoss: 0.21, valLoss: 0.25, trainAcc: 0.93, valAcc: 0.91 },
    highlighted: true,
  },
  { id: 'c', label: 'still training', final: { trainLoss: 0.6 } },
];

describe('galleryBars', () => {
  it('gives a train and a validation bar per run, NaN where missing', () => {
    const bars = galleryBars(runs, 'accuracy');
    expect(bars.map((b) => [b.id, b.split, b.value])).toEqual([
      ['a', 'train', 0.99],
      ['a', 'validation', 0.9],
      ['b', 'train', 0.93],
      ['b', 'validation', 0.91],
      ['c', 'train', NaN],
      ['c', 'validation', NaN],
    ]);
    expect(galleryBars(runs, 'loss')[4].value).toBe(0.6);
  });
});

describe('galleryChart', () => {
  const chart = galleryChart(runs, { document: newDocument(), metric: 'accuracy', width: 375 });

  it('draws the measured bars in split colours, the highlighted run strong and the others faded', () => {
    const strong = Array.from(chart.querySelectorAll('g.lc-gallery-bar:not(.lc-gallery-bar-faded) rect'));
    const faded = Array.from(chart.querySelectorAll('g.lc-gallery-bar-faded rect'));
    expect(strong).toHaveLength(2);
    expect(faded).toHaveLength(2);
    expect(strong.map((r) => r.getAttribute('fill'))).toEqual([SPLIT_COLORS.train, SPLIT_COLORS.validation]);
    expect(chart.querySelector('g.lc-gallery-bar-faded')!.getAttribute('fill-opacity')).toBe('0.4');
    expect(chart.querySelectorAll('g.lc-gallery-highlight rect')).toHaveLength(2);
    expect(Array.from(chart.querySelectorAll('span')).map((s) => s.textContent)).toEqual(['train', 'validation']);
  });

  it('labels each run above its bars, the highlighted one in bold', () => {
    const labels = Array.from(chart.querySelectorAll('g.lc-gallery-label text')).map((t) => t.firstChild!.textContent);
    expect(labels.sort()).toEqual(['max pooling, dropout 0.5', 'no pooling', 'still training']);
    const bold = chart.querySelector('g.lc-gallery-label[font-weight="bold"] text')!;
    expect(bold.firstChild!.textContent).toBe('max pooling, dropout 0.5');
    expect(bold.querySelector('title')!.textContent).toBe('max pooling, dropout 0.5 (highlighted)');
  });

  it('shortens a label that would not fit the width, keeping it whole in the title', () => {
    const long = 'max pooling, dropout 0.5, learning rate 0.001, batch 64, seed 3';
    const c = galleryChart([{ id: 'x', label: long, final: {} }], { document: newDocument(), metric: 'loss', width: 320 });
    const t = c.querySelector('g.lc-gallery-label text')!;
    expect(t.firstChild!.textContent!.length).toBeLessThanOrEqual(44);
    expect(t.firstChild!.textContent!.endsWith('…')).toBe(true);
    expect(t.querySelector('title')!.textContent).toBe(long);
  });

  it('writes values at the bar ends and "not measured" where a value is missing', () => {
    const values = Array.from(chart.querySelectorAll('g.lc-gallery-value text')).map((t) => t.textContent);
    expect(values).toEqual(['99.0%', '90.0%', '93.0%', '91.0%', 'not measured', 'not measured']);
  });

  it('orders runs top to bottom as given, with longer bars for higher values', () => {
    const rects = Array.from(chart.querySelectorAll('g.lc-gallery-bar rect'));
    const y = (r: Element) =>
      Number(r.getAttribute('y')) +
      Number(/translate\([-\d.]+,([-\d.]+)/.exec(r.closest('g[transform]')?.getAttribute('transform') ?? '')?.[1] ?? 0);
    const [aTrain, , bTrain] = [...rects].sort((p, q) => y(p) - y(q));
    expect(Number(aTrain.getAttribute('width'))).toBeGreaterThan(Number(bTrain.getAttribute('width')));
  });

  it('draws loss on a scale from 0 with values to 4 decimals, and nothing highlighted fades nothing', () => {
    const loss = galleryChart(
      runs.map((r) => ({ ...r, highlighted: false })),
      { document: newDocument(), metric: 'loss' },
    );
    expect(loss.querySelectorAll('g.lc-gallery-bar-faded rect')).toHaveLength(0);
    expect(loss.querySelectorAll('g.lc-gallery-bar rect')).toHaveLength(5);
    expect(Array.from(loss.querySelectorAll('g.lc-gallery-value text')).map((t) => t.textContent)).toContain('0.4100');
  });

  it('renders with no runs: the legend and one empty row, no bars, labels or values', () => {
    const empty = galleryChart([], { document: newDocument(), metric: 'accuracy' });
    expect(Array.from(empty.querySelectorAll('span')).map((s) => s.textContent)).toEqual(['train', 'validation']);
    const svg = chartSvg(empty);
    expect(svg.getAttribute('aria-label')).toBe('Final train and validation accuracy of 0 runs');
    expect(svg.getAttribute('height')).toBe('104');
    expect(markGroups(svg)).toEqual([]);
    expect(svg.querySelectorAll('rect, g.lc-gallery-bar, g.lc-gallery-highlight, g.lc-gallery-label, g.lc-gallery-value')).toHaveLength(0);
    expect(nonFinite(empty)).toEqual([]);
  });
});

describe('a gallery of runs with a test set instead of a validation set', () => {
  it('names the held-out bars, legend and columns "test", in the test colour', () => {
    const chart = galleryChart(runs, { document: newDocument(), metric: 'accuracy', width: 375, heldOut: 'test' });
    expect(Array.from(chart.querySelectorAll('span')).map((s) => s.textContent)).toEqual(['train', 'test']);
    const strong = Array.from(chart.querySelectorAll('g.lc-gallery-bar:not(.lc-gallery-bar-faded) rect'));
    expect(strong.map((r) => r.getAttribute('fill'))).toEqual([SPLIT_COLORS.train, SPLIT_COLORS.test]);
    expect(
      galleryBars(runs, 'loss', 'test')
        .map((b) => b.split)
        .slice(0, 2),
    ).toEqual(['train', 'test']);
    expect(galleryTable(runs, 'test').columns).toEqual([
      'run',
      'parameters',
      's/epoch',
      'train loss',
      'test loss',
      'train acc',
      'test acc',
      'gap',
    ]);
  });
});

describe('galleryTable', () => {
  it('lists parameters, s/epoch, final numbers and the train − validation accuracy gap', () => {
    expect(galleryTable(runs)).toEqual({
      columns: ['run', 'parameters', 's/epoch', 'train loss', 'val loss', 'train acc', 'val acc', 'gap'],
      rows: [
        ['no pooling', '693,962', 12.35, 0.05, 0.41, 0.99, 0.9, 0.09],
        ['max pooling, dropout 0.5', '101,770', 4.2, 0.21, 0.25, 0.93, 0.91, 0.02],
        ['still training', '', '', 0.6, '', '', '', ''],
      ],
    });
    expect(galleryValueText(0.9123, 'accuracy')).toBe('91.2%');
    expect(galleryValueText(NaN, 'loss')).toBe('not measured');
  });
});
