/**
 * Whether the engine uses its own kernels (fused WebGPU Adam, split-reduction filter gradient, faster CPU
 * matmul) or tfjs' stock ones. On by default; the bench turns them off to measure the difference.
 */
let enabled = true;

export function setEngineKernels(on: boolean): void {
  enabled = on;
}

export function engineKernelsEnabled(): boolean {
  return enabled;
}
