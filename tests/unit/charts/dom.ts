/** A fresh jsdom document for chart builders (they take `document` explicitly, so no global DOM is needed). */
import { JSDOM } from 'jsdom';
import type { RunSeries } from '../../../src/components/charts/series';

export function newDocument(): Document {
  return new JSDOM('<!doctype html><html><body></body></html>').window.document;
}

/** A run with train cost at steps 1..n (falling from `start`) and validation cost every `every` steps. */
export function makeRun(id: string, label: string, current: boolean, n = 10, start = 1, every = 5): RunSeries {
  const points: RunSeries['points'] = [];
  for (let s = 1; s <= n; s++) {
    points.push({ step: s, epoch: s / n, metric: 'train cost', value: start / s });
    points.push({ step: s, epoch: s / n, metric: 'train accuracy', value: 1 - 0.5 / s });
    if (s % every === 0) points.push({ step: s, epoch: s / n, metric: 'validation cost', value: start / s + 0.1 });
  }
  return { id, label, current, points };
}
