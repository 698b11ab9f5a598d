/**
 * The kernel tests skip their WebGPU half only where WebGPU may be missing: in CI (CI=true) or with
 * LC_REQUIRE_WEBGPU=1 an adapter and tfjs' WebGPU backend must be there (see ./webgpu.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setupWebGpu, webGpuRequiredBy, webGpuUnavailable } from './webgpu';

const required = webGpuRequiredBy();

describe('WebGPU for the kernel tests', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is required in CI and with LC_REQUIRE_WEBGPU=1; LC_REQUIRE_WEBGPU=0 opts out', () => {
    expect(webGpuRequiredBy({ CI: 'true' })).toBe('CI=true');
    expect(webGpuRequiredBy({ CI: '1' })).toBe('CI=1');
    expect(webGpuRequiredBy({ LC_REQUIRE_WEBGPU: '1' })).toBe('LC_REQUIRE_WEBGPU=1');
    expect(webGpuRequiredBy({ CI: 'true', LC_REQUIRE_WEBGPU: '0' })).toBe('');
    expect(webGpuRequiredBy({})).toBe('');
    expect(webGpuRequiredBy({ CI: '' })).toBe('');
    expect(webGpuRequiredBy({ CI: 'false' })).toBe('');
    expect(webGpuRequiredBy({ CI: '0' })).toBe('');
  });

  it('throws with the reason where WebGPU is required, and elsewhere skips with a loud warning', () => {
    expect(() => webGpuUnavailable('Dawn found no WebGPU adapter', '', { CI: 'true' })).toThrow(
      'WebGPU kernel tests FAILED, not skipped (CI=true requires WebGPU): Dawn found no WebGPU adapter',
    );
    expect(() => webGpuUnavailable('no backend', 'swiftshader', { LC_REQUIRE_WEBGPU: '1' })).toThrow(
      /LC_REQUIRE_WEBGPU=1 requires WebGPU\): no backend/,
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(webGpuUnavailable('Dawn found no WebGPU adapter', '', {})).toEqual({
      ok: false,
      why: 'WebGPU kernel tests SKIPPED: Dawn found no WebGPU adapter',
      adapter: '',
    });
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0][0])).toContain('!!! WebGPU kernel tests SKIPPED: Dawn found no WebGPU adapter');
  });

  it.skipIf(!required)(
    `finds an adapter and starts tfjs' WebGPU backend (required by ${required || 'nothing here: skipped'})`,
    async () => {
      // setupWebGpu throws with the reason when there is no adapter or backend; the test then fails with it.
      const gpu = await setupWebGpu();
      expect(gpu.ok).toBe(true);
      expect(gpu.adapter).not.toBe('');
    },
  );
});
