import { describe, expect, it } from 'vitest';
import {
  binLabel,
  calibrationInput,
  expectedCalibrationError,
  reliabilityBins,
  reliabilityChart,
  reliabilityTable,
  reliabilityTipText,
  type CalibrationInput,
} from '../../../src/components/charts/reliabilityChart';
import { eceChart, eceRows, eceTable, eceTipText } from '../../../src/components/charts/eceChart';
import { compactCount, PALETTE } from '../../../src/components/charts/theme';
import { axisTexts, markGroups, newDocument, nonFinite } from './dom';

/** Hand-worked: bins 0, 1, 5, 8, 9 hold 1, 2, 1, 1, 3 examples. */
const topLabel: CalibrationInput = {
  kind: 'top-label',
  confidence: [0.05, 0.15, 0.15, 0.95, 0.95, 0.95, 0.85, 0.55],
  correct: [false, false, true, true, true, false, true, false],
};
const binary: CalibrationInput = { kind: 'binary', pPositive: [0.1, 0.2, 0.7, 0.9, 1.0], labels: [0, 1, 1, 0, 1] };

describe('reliabilityBins', () => {
  it('counts, averages confidence and accuracy per bin (empty bins kept)', () => {
    const bins = reliabilityBins(topLabel);
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.count)).toEqual([1, 2, 0, 0, 0, 1, 0, 0, 1, 3]);
    expect(bins[1]).toMatchObject({ lo: 0.1, hi: 0.2, count: 2, accuracy: 0.5 });
    expect(bins[1].confidence).toBeCloseTo(0.15, 12);
    expect(bins[9].confidence).toBeCloseTo(0.95, 12);
    expect(bins[9].accuracy).toBeCloseTo(2 / 3, 12);
    expect(bins[2].confidence).toBeNaN();
    expect(bins[2].accuracy).toBeNaN();
  });

  it('bins binary p(positive) against the fraction of positives; 1 falls in the last bin, 0.5 in the upper half', () => {
    const bins = reliabilityBins(binary, 2);
    expect(bins.map((b) => b.count)).toEqual([2, 3]);
    expect(bins[0].accuracy).toBe(0.5);
    expect(bins[1].accuracy).toBeCloseTo(2 / 3, 12);
    expect(bins[1].confidence).toBeCloseTo(2.6 / 3, 12);
    expect(reliabilityBins({ kind: 'binary', pPositive: [0.5], labels: [1] }, 2).map((b) => b.count)).toEqual([0, 1]);
  });

  it('skips non-finite probabilities and clamps the rest to [0, 1]', () => {
    const bins = reliabilityBins({ kind: 'top-label', confidence: [NaN, 1.2, -0.1, Infinity], correct: [1, 1, 0, 1] }, 4);
    expect(bins.map((b) => b.count)).toEqual([1, 0, 0, 1]);
  });
});

describe('expectedCalibrationError', () => {
  it('is Σ (n_b/n)·|acc_b − conf_b| (hand-computed)', () => {
    // (1·0.05 + 2·0.35 + 1·0.55 + 1·0.15 + 3·|2/3 − 0.95|) / 8 = 2.3 / 8
    expect(expectedCalibrationError(topLabel)).toBeCloseTo(0.2875, 12);
    // (2·|0.5 − 0.15| + 3·|2/3 − 2.6/3|) / 5 = (0.7 + 0.6) / 5
    expect(expectedCalibrationError(binary, 2)).toBeCloseTo(0.26, 12);
    expect(expectedCalibrationError(reliabilityBins(binary, 2))).toBeCloseTo(0.26, 12);
  });

  it('is 0 for a calibrated set and NaN for no examples', () => {
    expect(expectedCalibrationError({ kind: 'top-label', confidence: [0.75, 0.75, 0.75, 0.75], correct: [1, 1, 1, 0] })).toBeCloseTo(0, 12);
    expect(expectedCalibrationError({ kind: 'binary', pPositive: [], labels: [] })).toBeNaN();
  });
});

describe('calibrationInput', () => {
  it('reads one output as binary and several as top-label (arg-max vs label)', () => {
    const b = calibrationInput([[0.2], [0.9]], [0, 1]);
    expect(b.kind).toBe('binary');
    const m = calibrationInput(
      [
        [0.1, 0.7, 0.2],
        [0.5, 0.3, 0.2],
        [0.2, 0.2, 0.6],
      ],
      [1, 2, 2],
    );
    expect(m.kind).toBe('top-label');
    if (m.kind !== 'top-label') return;
    expect(Array.from(m.confidence)).toEqual([0.7, 0.5, 0.6]);
    expect(Array.from(m.correct)).toEqual([1, 0, 1]);
  });
});

describe('reliabilityChart', () => {
  const chart = reliabilityChart(topLabel, { document: newDocument(), width: 500 });

  it('draws a dot and a gap rule per non-empty bin, a histogram bar per non-empty bin, and the diagonal', () => {
    expect(chart.querySelectorAll('g.lc-calib-dot circle')).toHaveLength(5);
    expect(chart.querySelectorAll('g.lc-calib-gap line, g.lc-calib-gap path')).toHaveLength(5);
    expect(chart.querySelectorAll('g.lc-calib-hist rect')).toHaveLength(5);
    expect(chart.querySelectorAll('g.lc-calib-diagonal line, g.lc-calib-diagonal path')).toHaveLength(1);
    expect(chart.querySelector('g.lc-calib-dot circle')!.getAttribute('fill')).toBe(PALETTE[0]);
  });

  it('shows the ECE and bin counts, and names them in the aria label', () => {
    expect(chart.querySelector('g.lc-ece text')!.textContent).toBe('ECE 0.2875 · 8 examples');
    expect(Array.from(chart.querySelectorAll('g.lc-calib-count text')).map((t) => t.textContent)).toEqual(['1', '2', '1', '1', '3']);
    expect(chart.querySelector('svg[aria-label]')!.getAttribute('aria-label')).toContain('ECE 0.2875');
    expect(Array.from(chart.querySelectorAll('span')).map((s) => s.textContent)).toContain('perfect calibration');
  });

  it('puts each dot at (mean confidence, accuracy): the 3-example bin sits below the diagonal', () => {
    const dots = Array.from(chart.querySelectorAll('g.lc-calib-dot circle'));
    const last = dots[dots.length - 1];
    expect(last.querySelector('title')!.textContent).toBe('confidence 0.9–1.0\n3 examples\nmean confidence 0.9500\naccuracy 0.6667');
  });

  it('labels binary axes as p(positive) and fraction positive', () => {
    const b = reliabilityChart(binary, { document: newDocument(), bins: 5 });
    const text = Array.from(b.querySelectorAll('text'))
      .map((t) => t.textContent)
      .join(' ');
    expect(text).toContain('p(positive)');
    expect(text).toContain('fraction positive');
  });

  it('renders with no predictions, without counts', () => {
    const empty = reliabilityChart({ kind: 'top-label', confidence: [], correct: [] }, { document: newDocument() });
    expect(empty.querySelectorAll('g.lc-calib-dot circle')).toHaveLength(0);
    expect(empty.querySelector('g.lc-ece text')!.textContent).toBe('no predictions yet');
  });

  it('leaves out counts when bins are too narrow to hold them', () => {
    const narrow = reliabilityChart(topLabel, { document: newDocument(), width: 320, bins: 20 });
    expect(narrow.querySelectorAll('g.lc-calib-count text')).toHaveLength(0);
  });
});

describe('reliability helpers and table', () => {
  it('reads out a bin, singular or plural, and an empty one', () => {
    const bins = reliabilityBins(topLabel);
    expect(reliabilityTipText(bins[0])).toBe('confidence 0.0–0.1\n1 example\nmean confidence 0.0500\naccuracy 0.0000');
    expect(reliabilityTipText(bins[2])).toBe('confidence 0.2–0.3\nno examples');
    expect(reliabilityTipText(reliabilityBins(binary, 2)[0], 'binary')).toBe(
      'p(positive) 0.0–0.5\n2 examples\nmean confidence 0.1500\nfraction positive 0.5000',
    );
  });

  it('formats counts and bin ranges', () => {
    expect([987, 1204, 10_000, 12_345].map(compactCount)).toEqual(['987', '1.2k', '10k', '12k']);
    expect(binLabel({ lo: 0.1, hi: 0.2 })).toBe('0.1–0.2');
    expect(binLabel({ lo: 0.05, hi: 0.1 })).toBe('0.05–0.10');
  });

  it('tabulates every bin with blanks for empty ones', () => {
    const t = reliabilityTable(reliabilityBins(topLabel));
    expect(t.columns).toEqual(['confidence bin', 'examples', 'mean confidence', 'accuracy', 'gap']);
    expect(t.rows[1]).toEqual(['0.1–0.2', 2, 0.15, 0.5, 0.35]);
    expect(t.rows[2]).toEqual(['0.2–0.3', 0, '', '', '']);
    expect(t.rows[9]).toEqual(['0.9–1.0', 3, 0.95, 0.6667, -0.2833]);
    expect(reliabilityTable(reliabilityBins(binary, 2), 'binary').columns[3]).toBe('fraction positive');
  });
});

describe('eceChart', () => {
  const runs = [
    {
      id: 'a',
      label: 'no dropout',
      current: false,
      points: [
        { epoch: 1, ece: 0.02 },
        { epoch: 2, ece: 0.05 },
        { epoch: 3, ece: 0.09 },
      ],
    },
    {
      id: 'b',
      label: 'dropout 0.5',
      current: true,
      points: [
        { epoch: 1, ece: 0.03 },
        { epoch: 2, ece: NaN },
        { epoch: 3, ece: 0.025 },
      ],
    },
  ];

  it('draws one line per run, earlier runs faded, with a legend of run labels', () => {
    const chart = eceChart(runs, { document: newDocument() });
    expect(chart.querySelectorAll('g.lc-ece-line-previous path')).toHaveLength(1);
    expect(chart.querySelectorAll('g.lc-ece-line-current path')).toHaveLength(1);
    expect(chart.querySelector('g.lc-ece-line-previous')!.getAttribute('stroke-opacity')).toBe('0.35');
    expect(chart.querySelectorAll('g.lc-ece-dot circle')).toHaveLength(5);
    expect(Array.from(chart.querySelectorAll('span')).map((s) => s.textContent)).toEqual(['no dropout', 'dropout 0.5']);
  });

  it('drops non-finite points, reads out and tabulates', () => {
    expect(eceRows(runs)).toHaveLength(5);
    expect(eceTipText(eceRows(runs)[1])).toBe('no dropout\nepoch 2\nECE 0.0500');
    expect(eceTable(runs)).toEqual({
      columns: ['epoch', 'no dropout · ECE', 'dropout 0.5 · ECE'],
      rows: [
        [1, 0.02, 0.03],
        [2, 0.05, NaN],
        [3, 0.09, 0.025],
      ],
    });
  });

  it('renders with no runs: an empty frame from 0 to 0.1 with only the zero baseline, no legend', () => {
    const empty = eceChart([], { document: newDocument() });
    expect(empty.tagName.toLowerCase()).toBe('svg');
    expect(empty.getAttribute('aria-label')).toBe('Expected calibration error per evaluation, 0 runs');
    expect(markGroups(empty)).toEqual(['rule']);
    expect(empty.querySelectorAll('g.lc-ece-line-current, g.lc-ece-line-previous, g.lc-ece-dot, circle')).toHaveLength(0);
    const ticks = axisTexts(empty, 'y-axis tick label');
    expect([ticks[0], ticks.at(-1)]).toEqual(['0.00', '0.10']);
    expect(axisTexts(empty, 'x-axis tick label')).toEqual([]);
    expect(nonFinite(empty)).toEqual([]);
  });
});
