import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { deadUnitsMeter } from '../../../src/components/charts/deadUnitsMeter';
import { lossChart } from '../../../src/components/charts/lossChart';
import { svgMarkup } from '../../../src/components/charts/svgMarkup';
import { makeRun, newDocument } from './dom';

const parse = (xml: string) => new JSDOM(xml, { contentType: 'image/svg+xml' }).window.document;

describe('svgMarkup', () => {
  const doc = newDocument();
  const chart = lossChart([makeRun('a', 'lr 0.54', false), makeRun('b', 'lr 0.1', true)], {
    document: doc,
    metric: 'cost',
    width: 400,
    height: 300,
  });

  it('writes a standalone, well-formed SVG with currentColor inlined', () => {
    const xml = svgMarkup(chart, { color: '#222222' });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    expect(xml).not.toMatch(/currentColor/i);
    expect(xml).not.toContain('var(--plot-background)');
    expect(xml).toContain('#222222');
    const parsed = parse(xml);
    expect(parsed.querySelector('parsererror')).toBeNull();
    expect(parsed.documentElement.getAttribute('xmlns') ?? parsed.documentElement.namespaceURI).toBe('http://www.w3.org/2000/svg');
  });

  it('keeps the legends as SVG above the plot (metrics, and the runs of a narrow chart) and paints a background', () => {
    const svg = parse(svgMarkup(chart, { color: '#222222', background: '#ffffff' })).documentElement;
    // Two legend rows at 400 px: the metrics and the first run, then the second run.
    expect(svg.getAttribute('height')).toBe('352');
    const legend = Array.from(svg.querySelectorAll(':scope > g > text')).map((t) => t.textContent);
    expect(legend).toEqual(['train cost', 'validation cost', '1 lr 0.54', '2 lr 0.1 (current)']);
    expect(svg.querySelector(':scope > g')!.getAttribute('font-size')).toBe('12');
    expect(svg.querySelector(':scope > rect')!.getAttribute('fill')).toBe('#ffffff');
    expect(svg.querySelector(':scope > svg')!.getAttribute('y')).toBe('52');
  });

  it('accepts a legend swatch svg (what querySelector("svg") finds first) and a bare colour string', () => {
    const swatch = chart.querySelector('span svg')!;
    const xml = svgMarkup(swatch, 'rgb(232, 232, 234)');
    expect(xml).toContain('lr 0.54');
    expect(xml).toContain('rgb(232, 232, 234)');
    // A light text colour gets a dark background, so the file stays readable.
    expect(parse(xml).documentElement.querySelector(':scope > rect')!.getAttribute('fill')).toBe('#17181c');
  });

  it('drops hover tips and handles plain SVG charts', () => {
    const meter = deadUnitsMeter({ units: 2, dead: [true, false] }, { document: doc });
    const svg = parse(svgMarkup(meter, { color: 'black', background: 'none' })).documentElement;
    expect(svg.querySelector(':scope > rect')).toBeNull();
    expect(svg.querySelectorAll('rect.lc-unit-dead')).toHaveLength(1);
    expect(svg.querySelector('rect.lc-unit-dead')!.getAttribute('fill')).toBe('black');
  });
});
