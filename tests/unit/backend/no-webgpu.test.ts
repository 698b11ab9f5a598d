/**
 * Choosing a backend where WebGPU is missing (no navigator.gpu), has no adapter (requestAdapter answers null) or
 * fails to answer: training falls through to the next backend and the reason says which case it was. In Node
 * there is no WebGL either, so the CPU is chosen.
 */
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine/backend';

const scopeWith = (requestAdapter: () => Promise<unknown>) => ({ navigator: { gpu: { requestAdapter } } });

describe('initBackend without WebGPU', () => {
  it('navigator.gpu absent', async () => {
    const info = await initBackend('auto', { navigator: {} });
    expect(info).toMatchObject({ name: 'cpu', reason: 'CPU, because WebGPU is not available in this browser; WebGL is not available' });
  });

  it('an adapter of null, even when WebGPU is asked for by name', async () => {
    for (const preference of ['auto', 'webgpu'] as const) {
      const info = await initBackend(
        preference,
        scopeWith(async () => null),
      );
      expect(info).toMatchObject({ name: 'cpu', reason: 'CPU, because no WebGPU adapter; WebGL is not available' });
    }
  });

  it('requestAdapter rejecting counts as no adapter', async () => {
    const info = await initBackend(
      'auto',
      scopeWith(async () => Promise.reject(new Error('GPU process crashed'))),
    );
    expect(info.reason).toBe('CPU, because no WebGPU adapter; WebGL is not available');
  });
});
