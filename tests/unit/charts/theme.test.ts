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

  it('gives train, validation, test and batch distinct colours', () => {
    expect(Object.keys(SPLIT_COLORS)).toEqual(['train', 'validation', 'test', 'batch']);
    expect(new Set(Object.values(SPLIT_COLORS)).size).toBe(4);
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

describe('count, percent and shape formatting', () => {
  it('writes counts with thousands separators, compact counts, percentages and shapes', async () => {
    const { compactCount, formatCount, formatPercent, formatShape } = await import('../../../src/components/charts/theme');
    expect([0, 784, 21_632, 1_234_567, -5408, 12.6].map(formatCount)).toEqual(['0', '784', '21,632', '1,234,567', '-5,408', '13']);
    expect(formatCount(NaN)).toBe('NaN');
    expect([987, 1204, 10_000, 12_345].map(compactCount)).toEqual(['987', '1.2k', '10k', '12k']);
    expect(formatPercent(0.80312)).toBe('80.3%');
    expect(formatPercent(0.5, 0)).toBe('50%');
    expect(formatPercent(NaN)).toBe('—');
    expect(formatShape([26, 26, 32])).toBe('26×26×32');
    expect(formatShape([784])).toBe('784');
  });
});
