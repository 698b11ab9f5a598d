import { describe, expect, it } from 'vitest';
import { contrastRatio, formatValue, luminance, PALETTE, round4, SPLIT_COLORS } from '../../../src/components/charts/theme';

describe('palette', () => {
  it('every line colour has ≥ 3:1 contrast on white and on near-black backgrounds', () => {
    for (const c of PALETTE) {
      expect(contrastRatio(c, '#ffffff'), c).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(c, '#17181c'), c).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(c, '#000000'), c).toBeGreaterThanOrEqual(3);
    }
  });

  it('gives train, validation and test distinct colours', () => {
    expect(new Set(Object.values(SPLIT_COLORS)).size).toBe(3);
  });

  it('reads luminance from hex and rgb()', () => {
    expect(luminance('#fff')).toBeCloseTo(1);
    expect(luminance('rgb(0, 0, 0)')).toBe(0);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(luminance('papayawhip')).toBeNaN();
  });
});

describe('number formatting', () => {
  it('rounds to 4 decimals and keeps tiny values visible', () => {
    expect(round4(0.693147)).toBe(0.6931);
    expect(round4(NaN)).toBeNaN();
    expect(formatValue(0.693147)).toBe('0.6931');
    expect(formatValue(0.000012345)).toBe('0.00001234');
    expect(formatValue(0)).toBe('0.0000');
  });
});
