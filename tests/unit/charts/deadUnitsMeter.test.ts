import { describe, expect, it } from 'vitest';
import { deadCount, deadUnitsMeter, deadUnitsText } from '../../../src/components/charts/deadUnitsMeter';
import { newDocument } from './dom';

describe('deadUnitsMeter', () => {
  it('draws 7 squares, all filled, for 7 of 7 dead units', () => {
    const layer = { units: 7, dead: Array(7).fill(true), deadUnits: 7 };
    const svg = deadUnitsMeter(layer, { document: newDocument() });
    const rects = Array.from(svg.querySelectorAll('rect.lc-unit'));
    expect(rects).toHaveLength(7);
    expect(rects.filter((r) => r.getAttribute('fill') === 'currentColor')).toHaveLength(7);
    expect(svg.querySelector('.lc-dead-text')!.textContent).toBe('7 of 7 hidden units dead');
    expect(svg.getAttribute('aria-label')).toBe('7 of 7 hidden units dead');
    expect(svg.getAttribute('role')).toBe('img');
  });

  it('fills only the dead units, in place', () => {
    const svg = deadUnitsMeter({ units: 4, dead: [false, true, false, true] }, { document: newDocument() });
    const rects = Array.from(svg.querySelectorAll('rect.lc-unit'));
    expect(rects.map((r) => r.getAttribute('fill'))).toEqual(['none', 'currentColor', 'none', 'currentColor']);
    expect(rects.map((r) => r.classList.contains('lc-unit-dead'))).toEqual([false, true, false, true]);
    expect(rects[1].querySelector('title')!.textContent).toBe('unit 2: dead');
    expect(svg.querySelector('.lc-dead-text')!.textContent).toBe('2 of 4 hidden units dead');
  });

  it('wraps squares onto rows that fit the width', () => {
    const svg = deadUnitsMeter({ units: 40, dead: Array(40).fill(false) }, { document: newDocument(), width: 180, cell: 14 });
    const ys = new Set(Array.from(svg.querySelectorAll('rect.lc-unit')).map((r) => r.getAttribute('y')));
    expect(ys.size).toBe(4); // 10 per row at 14 + 4 px
  });

  it('draws a proportional bar when only the count is known', () => {
    const svg = deadUnitsMeter({ units: 512, deadUnits: 128 }, { document: newDocument(), width: 401 });
    expect(svg.querySelectorAll('rect.lc-unit')).toHaveLength(0);
    expect(Number(svg.querySelector('rect.lc-dead-bar-fill')!.getAttribute('width'))).toBe(100);
  });
});

describe('deadUnitsText', () => {
  it('counts from the flags, else the count', () => {
    expect(deadUnitsText({ units: 7, dead: [true, false, true, false, false, false, false] })).toBe('2 of 7 hidden units dead');
    expect(deadUnitsText({ units: 300, deadUnits: 0 })).toBe('0 of 300 hidden units dead');
    expect(deadUnitsText({ units: 1, deadUnits: 1 })).toBe('1 of 1 hidden unit dead');
    expect(deadUnitsText({ units: 8, deadUnits: 2 }, 'channel')).toBe('2 of 8 channels dead');
    expect(deadUnitsText({ units: 5 })).toBe('5 hidden units; dead units not measured');
    expect(deadCount({ units: 5 })).toBeNull();
  });
});
