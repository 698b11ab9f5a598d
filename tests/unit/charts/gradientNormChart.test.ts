import { describe, expect, it } from 'vitest';
import {
  formatTick,
  gradientNormChart,
  gradNormRows,
  symlogTicks,
  type GradNormRecord,
} from '../../../src/components/charts/gradientNormChart';
import { PALETTE } from '../../../src/components/charts/theme';
import { newDocument } from './dom';

const NAMES = ['W1', 'b1', 'W2', 'b2'];
/** W1 and b1 die at step 30; W2/b2 keep a small gradient. */
const records: GradNormRecord[] = Array.from({ length: 10 }, (_, k) => {
  const step = (k + 1) * 10;
  return { step, params: NAMES.map((name, j) => ({ name, gradNorm: j < 2 && step >= 30 ? 0 : 0.5 / (step * (j + 1)) })) };
});

describe('gradientNormChart', () => {
  const chart = gradientNormChart(records, { document: newDocument(), firstZero: { step: 30, label: '‖dW1‖ = 0 from iteration 30' } });
  const svg = chart.querySelector(':scope > svg') ?? chart;

  it('draws one line per parameter, coloured in order', () => {
    const lines = Array.from(chart.querySelectorAll('g.lc-gradnorm-line path'));
    expect(lines).toHaveLength(4);
    expect(lines.map((p) => p.getAttribute('stroke'))).toEqual(PALETTE.slice(0, 4));
    expect(Array.from(chart.querySelectorAll('span')).map((s) => s.textContent)).toEqual(NAMES);
  });

  it('puts the first-zero rule at the given step, with its label', () => {
    const rule = chart.querySelector('g.lc-first-zero line')!;
    expect(rule).not.toBeNull();
    // x of step 30 on a linear axis from 10 to 100: marginLeft + (30−10)/90 of the frame.
    const x1 = Number(rule.getAttribute('x1'));
    const w = Number(svg.getAttribute('width'));
    const ticks = Array.from(svg.querySelectorAll('g[aria-label="x-axis tick"] path'))
      .map((p) => /translate\(([\d.]+)/.exec(p.getAttribute('transform')!)![1])
      .map(Number);
    expect(x1).toBeGreaterThan(ticks[0]);
    expect(x1).toBeLessThan(w / 2);
    expect(chart.querySelector('g.lc-first-zero-label text')!.textContent).toBe('‖dW1‖ = 0 from iteration 30');
  });

  it('uses a symlog axis with 0 and powers of ten as ticks', () => {
    const labels = Array.from(svg.querySelectorAll('g[aria-label="y-axis tick label"] text')).map((t) => t.textContent);
    expect(labels[0]).toBe('0');
    expect(labels).toContain('0.01');
    expect(labels.every((l) => l === '0' || /^(1e-\d+|0\.0*1|1|10+)$/.test(l!))).toBe(true);
  });

  it('renders with no records', () => {
    expect(gradientNormChart([], { document: newDocument() }).querySelectorAll('g.lc-gradnorm-line path')).toHaveLength(0);
  });

  it('with one step so far: whole-step x ticks from 0, and each norm a dot inside the frame below a labelled tick', () => {
    const one = gradientNormChart(
      [
        {
          step: 1,
          params: [
            { name: 'W1', gradNorm: 0.3 },
            { name: 'b1', gradNorm: 0.02 },
            { name: 'W2', gradNorm: 0 },
          ],
        },
      ],
      { document: newDocument() },
    );
    const s = one.querySelector(':scope > svg')!;
    expect(Array.from(s.querySelectorAll('g[aria-label="x-axis tick label"] text')).map((t) => t.textContent)).toEqual(['0', '1']);
    const yLabels = Array.from(s.querySelectorAll('g[aria-label="y-axis tick label"] text')).map((t) => t.textContent);
    expect(yLabels.at(-1)).toBe('1');
    const tickY = (label: string) =>
      Number(
        /translate\([\d.]+,([\d.]+)\)/.exec(
          Array.from(s.querySelectorAll('g[aria-label="y-axis tick label"] text'))
            .find((t) => t.textContent === label)!
            .getAttribute('transform')!,
        )![1],
      );
    const dots = Array.from(one.querySelectorAll('g.lc-gradnorm-point circle')).map((c) => Number(c.getAttribute('cy')));
    expect(dots).toHaveLength(3);
    // Inside the frame: between the top tick (1) and the bottom one (0), none on the frame's edge.
    for (const y of dots) {
      expect(y).toBeGreaterThan(tickY('1'));
      expect(y).toBeLessThanOrEqual(tickY('0'));
    }
  });

  it('draws no dots once every parameter has a line', () => {
    expect(chart.querySelectorAll('g.lc-gradnorm-point circle')).toHaveLength(0);
  });

  it('leaves out the rule when there is no first zero', () => {
    const none = gradientNormChart(records, { document: newDocument() });
    expect(none.querySelector('g.lc-first-zero')).toBeNull();
  });
});

describe('gradient helpers', () => {
  it('builds symlog ticks from the smallest positive value', () => {
    expect(symlogTicks(3e-4, 2)).toEqual({ constant: 1e-4, ticks: [0, 1e-4, 1e-3, 1e-2, 1e-1, 1] });
    expect(symlogTicks(NaN, 0)).toEqual({ constant: 1, ticks: [0, 1] });
    expect(symlogTicks(1e-12, 100).ticks.length).toBeLessThanOrEqual(8);
  });

  it('formats ticks', () => {
    expect([0, 1e-6, 0.01, 0.1, 1, 100, 1e5].map(formatTick)).toEqual(['0', '1e-6', '0.01', '0.1', '1', '100', '1e5']);
  });

  it('drops non-finite norms', () => {
    expect(
      gradNormRows([
        {
          step: 1,
          params: [
            { name: 'W1', gradNorm: NaN },
            { name: 'b1', gradNorm: 0 },
          ],
        },
      ]),
    ).toEqual([{ step: 1, name: 'b1', gradNorm: 0 }]);
  });
});
