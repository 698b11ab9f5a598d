/**
 * The parameter table's first paint needs no zod (issue #23 §4): summaryRowsLite() must give exactly what the
 * validator's summaryRows() gives for every demo's authored spec (book and fixture page), and vouch for nothing
 * it cannot build (the validator then loads and names the layer).
 */
import { describe, expect, it } from 'vitest';
import { allDemos } from '../../../src/demos';
import { fixtureDemos } from '../../../src/fixtures/kit';
import { summaryRows } from '../../../src/components/experiment/views/summaryRows';
import { summaryRowsLite } from '../../../src/components/experiment/views/summaryLite';
import type { SpecInput } from '../../../src/components/experiment/controls/types';

describe('summaryRowsLite', () => {
  const demos = [...allDemos, ...fixtureDemos];
  it.each(demos.map((d) => [d.id, d.spec] as const))('%s: same rows as the validator', (_id, spec) => {
    const lite = summaryRowsLite(spec as SpecInput);
    expect(lite).not.toBeNull();
    expect(lite).toEqual(summaryRows(spec as SpecInput));
  });

  it('vouches for nothing it cannot build', () => {
    const flatConv = {
      data: { input: 'flat' },
      model: { kind: 'layers', layers: [{ type: 'conv2d', filters: 4, kernel: 3 }] },
    } as unknown as SpecInput;
    expect(summaryRowsLite(flatConv)).toBeNull();
    expect(summaryRows(flatConv).failure).toBeDefined();
    const unknown = { model: { kind: 'layers', layers: [{ type: 'lstm', units: 4 }] } } as unknown as SpecInput;
    expect(summaryRowsLite(unknown)).toBeNull();
    const zeroUnits = { model: { kind: 'mlp', sizes: [784, 0, 1] } } as unknown as SpecInput;
    expect(summaryRowsLite(zeroUnits)).toBeNull();
  });
});
