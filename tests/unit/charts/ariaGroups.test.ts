/** Plot's aria-label'd <g> elements get role="group", so the labels are valid ARIA (axe: aria-prohibited-attr). */
import { describe, expect, it } from 'vitest';
import { ariaGroups } from '../../../src/components/charts/ariaGroups';
import { lossChart } from '../../../src/components/charts/lossChart';
import { makeRun, newDocument } from './dom';

describe('ariaGroups', () => {
  it('gives every labelled <g> of a Plot chart the role group, and leaves other roles alone', () => {
    const chart = lossChart([makeRun('a', 'lr 0.1', true)], { document: newDocument(), metric: 'cost', width: 500 });
    const labelled = () => Array.from(chart.querySelectorAll('g[aria-label]'));
    expect(labelled().length).toBeGreaterThan(2);
    expect(labelled().some((g) => !g.hasAttribute('role'))).toBe(true);
    labelled()[0].setAttribute('role', 'img');
    expect(ariaGroups(chart)).toBe(chart);
    expect(labelled().map((g) => g.getAttribute('role'))).toEqual([
      'img',
      ...labelled()
        .slice(1)
        .map(() => 'group'),
    ]);
  });
});
