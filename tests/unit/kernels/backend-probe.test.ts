import { describe, expect, it } from 'vitest';
import { stepCost, tinyModelBackend, TINY_STEP_MACS } from '../../../src/engine/backend-probe';
import type { BackendInfo } from '../../../src/engine/backend';
import { assertSpec } from '../../../src/engine/spec/parse';
import { learnerSpec } from '../../../src/demos/learning-rate';
import { courseCnn, denseOnly } from '../spec/fixtures';

const webgl: BackendInfo = { name: 'webgl', adapter: 'SwiftShader', fallbackAdapter: false, reason: 'WebGL' };

describe('backend per model', () => {
  it("estimates the learning-rate chapter's step: [784, 7, 1] on 209 images, forward and backward", () => {
    expect(stepCost(assertSpec(learnerSpec))).toEqual({ macs: 3 * 209 * (784 * 7 + 7 * 1), convolutions: false });
  });

  it('puts the tiny MLP on the CPU and says why', () => {
    const choice = tinyModelBackend(assertSpec(learnerSpec), webgl);
    expect(choice?.name).toBe('cpu');
    expect(choice?.reason).toMatch(/^CPU, because this model is tiny \(3\.4 million multiply-adds per step\): WebGL/);
  });

  it('keeps convolutions and big dense models on the GPU, and does nothing when the worker is on the CPU', () => {
    expect(tinyModelBackend(assertSpec(courseCnn()), webgl)).toBeNull();
    const big = assertSpec({ ...denseOnly, training: { batchSize: 256, duration: { epochs: 1 } } });
    expect(stepCost(big).macs).toBeGreaterThan(TINY_STEP_MACS);
    expect(tinyModelBackend(big, webgl)).toBeNull();
    expect(tinyModelBackend(assertSpec(learnerSpec), { ...webgl, name: 'cpu' })).toBeNull();
  });
});
