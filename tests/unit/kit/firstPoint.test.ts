/**
 * When an empty learning-curve chart gets its first point (issue 27, item 11): curves of evaluations at the end of
 * epoch 1 (step 154 at batch 2 on 308 images), batch curves at step 1, step-wise evaluations at their interval.
 */
import { describe, expect, it } from 'vitest';
import { assertSpec, stepsPerEpoch } from '../../../src/engine/spec/parse';
import { firstPointAt, firstPointText } from '../../../src/components/experiment/views/firstPoint';
import { confidenceDemo } from '../../../src/demos/loss-accuracy';
import { stuckDemo } from '../../../src/demos/learning-rate';
import { lrPuzzle } from '../spec/fixtures';

describe('firstPointAt', () => {
  const confidence = assertSpec(confidenceDemo.spec);

  it('counts steps per epoch as the engine does (one definition: engine/spec/arithmetic.ts), the last batch smaller', () => {
    expect(
      stepsPerEpoch(
        assertSpec({ ...lrPuzzle, data: { ...lrPuzzle.data, train: 209 }, training: { batchSize: 64, duration: { epochs: 2 } } }),
      ),
    ).toBe(4);
    expect(stepsPerEpoch(assertSpec(stuckDemo.spec))).toBe(1);
  });

  it('puts the first point of per-epoch evaluation curves at the end of epoch 1', () => {
    expect(stepsPerEpoch(confidence)).toBe(154);
    const first = firstPointAt(confidence, ['train', 'validation'])!;
    expect(first).toEqual({ step: 154, endOfEpoch: 1 });
    expect(firstPointText(first, 'loss', 'step')).toBe('The first point of the loss curve comes at the end of epoch 1 (step 154).');
  });

  it('puts batch curves at step 1, and step-wise evaluations at their interval', () => {
    expect(firstPointAt(confidence, ['batch', 'validation'])).toEqual({ step: 1, endOfEpoch: null });
    // The learning-rate chapter's cost chart: training costs recorded from step 1.
    expect(firstPointAt(assertSpec(stuckDemo.spec), ['train', 'validation', 'test'])).toEqual({ step: 1, endOfEpoch: null });
    // Only its test set, evaluated every 100 iterations.
    const testOnly = firstPointAt(assertSpec(stuckDemo.spec), ['test'])!;
    expect(testOnly).toEqual({ step: 100, endOfEpoch: null });
    expect(firstPointText(testOnly, 'cost', 'iteration')).toBe('The first point of the cost curve comes at iteration 100.');
  });

  it('gives no point for splits the run never records, and none past the run’s end', () => {
    expect(firstPointAt(assertSpec(stuckDemo.spec), ['validation'])).toBeNull();
    const short = assertSpec({
      ...lrPuzzle,
      training: { batchSize: 'full', duration: { iterations: 30 } },
      record: { every: 10, evaluate: { steps: 100 } },
    });
    expect(firstPointAt(short, ['test'])).toEqual({ step: 30, endOfEpoch: null });
  });
});
