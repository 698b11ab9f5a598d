import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { bestEpoch, bestEpochMarks, sweetSpotMarks, sweetSpotText } from '../../../src/components/charts/bestEpoch';
import { lossRows } from '../../../src/components/charts/lossChart';
import { makeRun, markGroups, newDocument, nonFinite } from './dom';

const val = [
  { epoch: 1, step: 100, value: 0.6 },
  { epoch: 2, step: 200, value: 0.4 },
  { epoch: 3, step: 300, value: NaN },
  { epoch: 4, step: 400, value: 0.35 },
  { epoch: 5, step: 500, value: 0.35 },
  { epoch: 6, step: 600, value: 0.5 },
];

describe('bestEpoch', () => {
  it('finds the lowest validation loss, the first on a tie, skipping non-finite values', () => {
    expect(bestEpoch(val)).toEqual({ epoch: 4, step: 400, value: 0.35 });
    expect(bestEpoch([])).toBeNull();
    expect(bestEpoch([{ epoch: 1, value: NaN }])).toBeNull();
  });

  it('reads only the asked metric from series points', () => {
    const run = makeRun('a', 'lr 0.1', true, 10, 1, 5); // validation cost at steps 5 and 10, falling
    expect(bestEpoch(run.points)).toMatchObject({ step: 10, metric: 'validation cost' });
    expect(bestEpoch(run.points, 'train cost')).toMatchObject({ step: 10, value: 0.1 });
  });
});

describe('bestEpochMarks', () => {
  it('gives one mark per run with validation points (RunSeries fit as they are)', () => {
    const runs = [
      makeRun('a', 'lr 0.54', false, 10, 2),
      makeRun('b', 'lr 0.1', true),
      { id: 'c', label: 'none', current: true, points: [] },
    ];
    const marks = bestEpochMarks(runs);
    expect(marks.map((m) => [m.id, m.step, m.current])).toEqual([
      ['a', 10, false],
      ['b', 10, true],
    ]);
    expect(sweetSpotText({ id: 'x', label: 'dropout 0.5', epoch: 7, step: 700, value: 0.25123, current: true })).toBe(
      'dropout 0.5: lowest validation loss 0.2512 at epoch 7',
    );
    expect(sweetSpotText({ id: 'x', label: '', epoch: 7, step: 700, value: 0.25, current: true }, 'step')).toBe(
      'lowest validation loss 0.2500 at iteration 700',
    );
  });
});

describe('sweetSpotMarks', () => {
  it('draws a rule, a ring at (epoch, loss) and a "best" label for the current run in a loss plot', () => {
    const marks = [
      { id: 'a', label: 'old', epoch: 2, step: 200, value: 0.5, current: false },
      { id: 'b', label: 'new', epoch: 4, step: 400, value: 0.35, current: true },
    ];
    const rows = lossRows([makeRun('b', 'new', true, 6)], 'cost');
    const svg = Plot.plot({
      document: newDocument(),
      x: { domain: [0, 6] },
      y: { domain: [0, 1] },
      marks: [Plot.line(rows, { x: 'epoch', y: 'value' }), ...sweetSpotMarks(marks, { x: 'epoch' })],
    });
    expect(svg.querySelectorAll('g.lc-sweet-rule line')).toHaveLength(2);
    const rings = Array.from(svg.querySelectorAll('g.lc-sweet-dot circle'));
    expect(rings).toHaveLength(2);
    expect(rings[1].querySelector('title')!.textContent).toBe('new: lowest validation loss 0.3500 at epoch 4');
    expect(Array.from(svg.querySelectorAll('g.lc-sweet-label text')).map((t) => t.textContent)).toEqual(['best: epoch 4']);
    const [faint, strong] = Array.from(svg.querySelectorAll('g.lc-sweet-rule'));
    expect(Number(faint.getAttribute('stroke-opacity'))).toBeLessThan(Number(strong.getAttribute('stroke-opacity')));
    // The ring of epoch 4 sits right of the ring of epoch 2.
    expect(Number(rings[1].getAttribute('cx'))).toBeGreaterThan(Number(rings[0].getAttribute('cx')));
  });

  it('labels a sweet spot near the right edge leftwards, so the label is not cut off', () => {
    // Validation losses fall to the run's last evaluation (epoch 1 of 1).
    const [mark] = bestEpochMarks([makeRun('b', 'new', true, 10)]);
    expect(mark.epoch).toBe(1);
    expect(mark.end?.epoch).toBe(1);
    const label = (m: typeof mark) => {
      const svg = Plot.plot({ document: newDocument(), x: { domain: [0, 1] }, y: { domain: [0, 1] }, marks: sweetSpotMarks([m]) });
      return svg.querySelector('g.lc-sweet-label')!;
    };
    expect(label(mark).getAttribute('text-anchor')).toBe('end');
    expect(label({ ...mark, epoch: 0.2 }).getAttribute('text-anchor')).toBe('start');
    // Without a known right edge, labels read rightwards as before.
    expect(label({ ...mark, end: undefined }).getAttribute('text-anchor')).toBe('start');
  });

  it('names the metric it marks: the lowest test loss where runs have no validation set', () => {
    const run = makeRun('b', 'new', true, 10);
    const [mark] = bestEpochMarks(
      [{ ...run, points: run.points.map((p) => ({ ...p, metric: p.metric.replace('validation', 'test') })) }],
      'test cost',
    );
    expect(sweetSpotText(mark)).toBe('new: lowest test loss 0.2000 at epoch 1');
  });

  it('leaves out marks without a step on an iteration axis, and renders with none', () => {
    const m = sweetSpotMarks([{ id: 'a', label: '', epoch: 1, value: 0.3, current: true }], { x: 'step' });
    const svg = Plot.plot({ document: newDocument(), marks: m });
    expect(svg.querySelectorAll('g.lc-sweet-dot circle')).toHaveLength(0);
    // No sweet spots at all: the marks draw nothing, not a rule, ring or label at a made-up place.
    const none = Plot.plot({ document: newDocument(), marks: sweetSpotMarks([]) });
    expect(markGroups(none)).toEqual([]);
    expect(none.querySelectorAll('.lc-sweet-rule, .lc-sweet-dot, .lc-sweet-label, line, circle, path')).toHaveLength(0);
    expect(Array.from(none.querySelectorAll('text')).map((t) => t.textContent)).toEqual(['value', 'epoch']);
    expect(nonFinite(none)).toEqual([]);
  });
});
