/**
 * The instructor catalogue (src/components/book/catalogue.ts): it lists every demo, sweep and gallery id of the
 * registry, each once; every expected result's reference keys exist; run sizes follow the training arithmetic; a
 * demo missing from demo-costs.json reads as not measured; the printable figures are SVG with no script.
 */
import { describe, expect, it } from 'vitest';
import { allDemos, allGalleries, allSweeps } from '../../../src/demos';
import { catalogue, duration, expectedKeys, fillExpected, gpuEstimate } from '../../../src/components/book/catalogue';
import { printFigures } from '../../../src/components/book/figures';
import { EMBED_HEIGHTS, EXPECTED } from '../../../src/reference/catalogue';
import { lookup } from '../../../src/reference/lookup';
import { assertSpec } from '../../../src/engine/spec/parse';
import { totalSteps } from '../../../src/engine/spec/arithmetic';

const ORIGIN = 'https://book.example';
const entries = catalogue(ORIGIN, ['/chapters/learning-rate/', '/chapters/loss-accuracy/', '/chapters/depth/', '/chapters/pooling/']);

describe('instructor catalogue', () => {
  it('lists every demo, sweep and gallery id of the registry, each once', () => {
    const registry = [...allDemos, ...allSweeps, ...allGalleries].map((c) => c.id);
    const ids = entries.map((e) => e.id);
    expect([...ids].sort()).toEqual([...registry].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('orders chapters as given, then the pages not given (the reference pages)', () => {
    const hrefs = [...new Set(entries.map((e) => e.chapter.href))];
    expect(hrefs.slice(0, 4)).toEqual(['/chapters/learning-rate/', '/chapters/loss-accuracy/', '/chapters/depth/', '/chapters/pooling/']);
    expect(hrefs.slice(4)).toContain('/about/kit/');
  });

  it('expected results name demos that exist and reference figures that exist', () => {
    const ids = [...allDemos, ...allSweeps].map((d) => d.id);
    for (const [id, e] of Object.entries(EXPECTED)) {
      expect(ids, id).toContain(id);
      const keys = expectedKeys(e.text);
      expect(keys.length, id).toBeGreaterThan(0);
      expect(keys.filter((k) => lookup(k) === undefined)).toEqual([]);
      expect(fillExpected(e.text)).not.toMatch(/[{}]/);
    }
    expect(fillExpected('{learning-rate.learner.finalCost}')).toBe(String(lookup('learning-rate.learner.finalCost')));
    expect(fillExpected('{pooling.stacks.course.validationAccuracy|range|3}')).toMatch(/^0\.\d{3}–0\.\d{3}$/);
    expect(() => fillExpected('{no.such.key}')).toThrow(/no such figure/);
  });

  it('run sizes follow the training arithmetic; a sweep adds its runs', () => {
    const stuck = entries.find((e) => e.id === 'lr-stuck')!;
    expect(stuck.size).toMatchObject({
      runs: 1,
      steps: 2500,
      samples: 2500 * 209,
      batch: 'full',
      train: 209,
      duration: { iterations: 2500 },
    });
    const pool = entries.find((e) => e.id === 'pool-with')!;
    expect(pool.size!.steps).toBe(totalSteps(assertSpec(allDemos.find((d) => d.id === 'pool-with')!.spec)));
    expect(pool.size).toMatchObject({ batch: 32, train: 3000, duration: { epochs: 5 } });
    const sweep = entries.find((e) => e.id === 'lr-sweep')!;
    expect(sweep.size).toMatchObject({ runs: 6, steps: 6000 });
  });

  it('says "not measured" where demo-costs.json has no entry, and never invents a time', () => {
    const measured = (lookup('demo-costs.demos') as Record<string, unknown> | undefined) ?? {};
    for (const e of entries.filter((x) => x.kind !== 'gallery')) {
      if (Object.hasOwn(measured, e.id)) expect(e.measured, e.id).not.toBeNull();
      else expect(e.measured, e.id).toBeNull();
    }
  });

  it('GPU figures are estimates, and tiny dense networks are said to run on the CPU', () => {
    const stuck = assertSpec(allDemos.find((d) => d.id === 'lr-stuck')!.spec);
    expect(gpuEstimate([stuck]).kind).toBe('cpu');
    const pool = entries.find((e) => e.id === 'pool-with')!;
    expect(pool.gpu!.kind).toBe('estimate');
    // 470 steps of the course CNN at batch 32: the H100 step time, never below it.
    if (pool.gpu!.kind === 'estimate') expect(pool.gpu!.seconds).toBeCloseTo((470 * 5.6) / 1000, 5);
  });

  it('embed snippets: an iframe of the embed page with a title and a height, and the resize script', () => {
    for (const e of entries) {
      expect(e.embed.snippet).toContain(`<iframe src="${ORIGIN}/embed/${e.id}/"`);
      expect(e.embed.snippet).toMatch(/ title="[^"]+"/);
      expect(e.embed.snippet).toContain(`height="${e.embed.height}"`);
      expect(e.embed.height).toBeGreaterThanOrEqual(480);
      expect(e.embed.href).toBe(`/embed/${e.id}/`);
    }
    const ids = entries.map((e) => e.id);
    expect(Object.keys(EMBED_HEIGHTS).filter((id) => !ids.includes(id))).toEqual([]);
    expect(entries.find((e) => e.id === 'lr-stuck')!.embed.height).toBe(EMBED_HEIGHTS['lr-stuck']);
  });

  it('durations read as a reader reads them', () => {
    expect(duration(0.4)).toBe('< 1 s');
    expect(duration(3.8)).toBe('4 s');
    expect(duration(235)).toBe('3 min 55 s');
    expect(duration(1800)).toBe('30 min');
    expect(duration(7500)).toBe('2 h 5 min');
  });

  it('printable figures are SVG drawn from the reference data, with no script', () => {
    const figures = printFigures();
    expect(figures.map((f) => f.id)).toEqual(['fig-lr-survey', 'fig-loss-accuracy', 'fig-pooling-spread']);
    for (const f of figures) {
      expect(f.svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(f.svg).not.toMatch(/<script|on\w+=/i);
      expect(f.svg).toContain(`<title id="${f.id}-t">`);
    }
    const survey = figures[0];
    // One bar per seed of the survey.
    expect(survey.svg.match(/<rect x=[^>]+><title>seed /g)?.length).toBe((lookup('learning-rate.survey.runs') as unknown[]).length);
    expect(survey.caption).toContain(String(lookup('learning-rate.survey.allDead')));
    expect(figures[2].svg).toContain('CNN with max-pooling');
  });
});
