import { describe, expect, it } from 'vitest';
import {
  exampleLoss,
  formatLoss,
  formatP,
  formatSquared,
  lossPath,
  parseProbability,
  pToSlider,
  sideOf,
  sliderToP,
  squaredError,
} from '../../../src/components/widgets/loss-calculator/calc';
import { lossCalculator } from '../../../src/demos/loss-accuracy';

describe('the loss calculator’s arithmetic', () => {
  it('reproduces the thread’s worked numbers from −ln p', () => {
    expect([0.4, 0.1, 0.01, 0.001].map((p) => formatLoss(exampleLoss(p)))).toEqual(['0.92', '2.30', '4.61', '6.91']);
    expect(exampleLoss(1)).toBe(-0);
    expect(formatLoss(exampleLoss(0))).toBe('∞');
  });

  it('gives the squared error (1 − p)² beside it: below 1 for every p > 0, never written as 1 when it is less', () => {
    expect([0.4, 0.1, 0.01, 0.001, 1].map((p) => formatSquared(squaredError(p)))).toEqual(['0.36', '0.81', '0.9801', '0.998', '0']);
    for (const p of [1e-3, 1e-6, 1e-9, 1e-15]) {
      expect(squaredError(p)).toBeLessThan(1);
      expect(formatSquared(squaredError(p))).not.toBe('1');
    }
    expect(formatSquared(squaredError(1e-9))).toBe('0.9999…');
    expect(formatSquared(NaN)).toBe('—');
    // The squared error's curve stays in the bottom 1/7.5 of the loss axis.
    const pts = lossPath(100, 75, 7.5, 0, 10, squaredError)
      .split(/[ML]/)
      .filter(Boolean)
      .map((s) => s.split(',').map(Number));
    expect(pts.every(([, y]) => y >= 65 && y <= 75)).toBe(true);
  });

  it('places p against the threshold', () => {
    expect([0.9, 0.5, 0.4999].map((p) => sideOf(p))).toEqual(['right', 'tie', 'wrong']);
    expect(sideOf(0.6, 0.7)).toBe('wrong');
  });

  it('reads what a reader types, and says why when it is not a probability', () => {
    expect(parseProbability(' 0.001 ')).toEqual({ ok: true, p: 0.001 });
    expect(parseProbability('1e-3')).toEqual({ ok: true, p: 0.001 });
    expect(parseProbability('.4')).toEqual({ ok: true, p: 0.4 });
    expect(parseProbability('40%')).toEqual({ ok: true, p: 0.4 });
    expect(parseProbability('0,25')).toEqual({ ok: true, p: 0.25 });
    expect(parseProbability('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseProbability('abc')).toEqual({ ok: false, reason: 'nan' });
    expect(parseProbability('1.5')).toEqual({ ok: false, reason: 'range' });
    expect(parseProbability('-0.1')).toEqual({ ok: false, reason: 'range' });
    expect(parseProbability('0')).toEqual({ ok: false, reason: 'zero' });
  });

  it('writes probabilities without float noise and maps the log slider both ways', () => {
    expect([0.4, 0.1 + 0.2, 0.001, 0.000015].map(formatP)).toEqual(['0.4', '0.3', '0.001', '1.5e-5']);
    // 1000 slider positions over four decades: within 0.2 % of p.
    for (const p of [0.0001, 0.001, 0.01, 0.4, 1]) expect(Math.abs(Math.log10(sliderToP(pToSlider(p)) / p))).toBeLessThan(0.002);
    expect(pToSlider(0.001)).toBe(250);
  });

  it('draws the curve inside its box, steepest near 0', () => {
    const d = lossPath(100, 50, 7.5, 0.001, 10);
    const pts = d
      .split(/[ML]/)
      .filter(Boolean)
      .map((s) => s.split(',').map(Number));
    expect(pts).toHaveLength(11);
    expect(pts.every(([x, y]) => x >= 0 && x <= 100 && y >= 0 && y <= 50)).toBe(true);
    expect(pts[pts.length - 1]).toEqual([100, 50]);
  });

  it('the chapter’s config fills every sentence it uses', () => {
    expect(lossCalculator.rows).toEqual([0.4, 0.1, 0.01, 0.001]);
    expect(lossCalculator.text.wrong).toContain('{p}');
    expect(lossCalculator.text.columns).toHaveLength(3);
    expect(lossCalculator.text.squared?.column).toContain('(1 − p)²');
  });
});
