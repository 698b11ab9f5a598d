// @vitest-environment jsdom
/**
 * The numbers the calibration views print come from src/metrics, not from the lazily loaded chart chunk: with
 * the chunk never arriving (mocked to hang), the reliability, temperature and probabilities views still show their
 * captions and tables, worked out by hand here.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { newRun } from '../../../src/components/experiment/store/run';
import { viewNamed } from '../../../src/components/experiment/views/registry';
import type { ViewContext } from '../../../src/components/experiment/views/types';
import type { SetMetrics } from '../../../src/engine/train/evaluate';
import { kitMlpDemo } from '../../../src/demos/kit';

// The chart chunk (Plot and every builder) never loads in this file.
const plotsRequested = vi.fn();
vi.mock('../../../src/components/charts/plots', () => {
  plotsRequested();
  return new Promise(() => undefined);
});

const set = (probabilities: number[], labels: number[]): SetMetrics => ({
  loss: NaN,
  accuracy: NaN,
  n: labels.length,
  outputs: 1,
  probabilities: Float32Array.from(probabilities),
  labels: Uint8Array.from(labels),
});

/*
 * Validation: p(positive) 0.9 for four examples, three positive.
 *   ECE (10 bins): one bin, conf 0.9, fraction positive 0.75 → 0.150.
 *   Temperature: σ(ln 9 / T) = 3/4 → T = ln 9 / ln 3 = 2.
 *   Confidence: one mistake (the negative, p(true) = 0.1: not below 0.1, not near 0.5).
 * Test: p(positive) 0.9 (positive) and 0.2 (negative): ECE 10 bins = ½·|1 − 0.9| + ½·|0 − 0.2| = 0.150;
 *   after ÷ 2: σ(ln 9 / 2) = 0.75 and σ(ln 0.25 / 2) = 1/3 → ECE ½·0.25 + ½·(1/3) = 0.292; accuracy 100 % both.
 */
function ctx(): ViewContext {
  const run = newRun('r1', kitMlpDemo.id, 'as set up', {}, kitMlpDemo.spec, null);
  run.evals.push({ step: 10, epoch: 1, validation: set([0.9, 0.9, 0.9, 0.9], [1, 1, 1, 0]), test: set([0.9, 0.2], [1, 0]) });
  run.version.value++;
  return {
    demoId: kitMlpDemo.id,
    spec: kitMlpDemo.spec,
    store: null as unknown as ViewContext['store'],
    runs: [run],
    current: run,
    unit: 'step',
    file: (w) => `t-${w}`,
  };
}

function show(view: string, options: Record<string, unknown> = {}) {
  const root = document.createElement('div');
  document.body.append(root);
  act(() => render(h(viewNamed(view)!.Component, { ctx: ctx(), options }), root));
  return root;
}

describe('views print their numbers before the chart chunk loads', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('reliability: the expected calibration error', async () => {
    const root = show('reliability');
    expect(root.querySelector('figcaption')?.textContent).toBe('Expected calibration error: 0.150');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 300));
    });
    // Asked for, never arrived: nothing drawn, the caption still there.
    expect(plotsRequested).toHaveBeenCalled();
    expect(root.querySelector('.lc-figure__chart')?.childElementCount).toBe(0);
    expect(root.querySelector('figcaption')?.textContent).toBe('Expected calibration error: 0.150');
  });

  it('temperature: T, and the table of loss, calibration error and accuracy before and after', () => {
    const root = show('temperature');
    expect(root.querySelector('[data-temperature]')?.getAttribute('data-temperature')).toBe('2.0000');
    expect(root.textContent).toContain('T = 2.00, fitted on the 4 validation examples, applied to the 2 test examples.');
    const rows = [...root.querySelectorAll('.lc-temperature__table tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    // Loss before: (−ln 0.9 − ln 0.8) / 2 = 0.164; after: (−ln 0.75 − ln (2/3)) / 2 = 0.347.
    expect(rows).toContainEqual(['loss (cross-entropy)', '0.164', '0.347']);
    expect(rows).toContainEqual(['expected calibration error', '0.150', '0.292']);
    expect(rows).toContainEqual(['accuracy', '100.0 %', '100.0 %']);
  });

  it('probabilities: the story of the mistakes', () => {
    const root = show('probabilities', { mistakes: 0 });
    expect(root.querySelector('figcaption')?.textContent).toBe('Mistakes: 1, of which 0 confident (p(true) < 0.1) and 0 near 0.5.');
  });
});
