/**
 * Every demo in the book: its authored spec is valid (islands trust it until the validator loads), every
 * control and view it names is registered, and ids are unique (they key the URL hash and /embed/<id>/).
 */
import { describe, expect, it } from 'vitest';
import { allDemos, allSweeps } from '../../../src/demos';
import { sweepRuns } from '../../../src/components/experiment/sweepState';
import { parseSpec } from '../../../src/engine/spec/parse';
import { controlNamed } from '../../../src/components/experiment/controls/registry';
import { controlRefName } from '../../../src/components/experiment/controls/types';
import { viewNamed, withViewNeeds } from '../../../src/components/experiment/views/registry';
import { viewRefName } from '../../../src/components/experiment/views/types';

describe('demo configs', () => {
  it('exist, with unique ids', () => {
    const ids = [...allDemos, ...allSweeps].map((d) => d.id);
    expect(ids.length).toBeGreaterThan(3);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const demo of allDemos) {
    it(`${demo.id}: valid spec, registered controls and views`, () => {
      const r = parseSpec(withViewNeeds(demo.spec, demo.views));
      expect(r.ok ? [] : r.issues).toEqual([]);
      expect(demo.controls.map(controlRefName).filter((n) => !controlNamed(n))).toEqual([]);
      expect(demo.views.map(viewRefName).filter((n) => !viewNamed(n))).toEqual([]);
      expect(demo.chapter.href).toMatch(/^\/[a-z0-9/-]+\/$/);
    });
  }

  for (const sweep of allSweeps) {
    it(`${sweep.id}: valid spec at every value of ${sweep.control}`, () => {
      for (const run of sweepRuns(sweep, sweep.spec)) {
        const r = parseSpec(run.spec);
        expect(r.ok ? [] : r.issues).toEqual([]);
      }
    });
  }
});
