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

/**
 * Whether a run whose first layers are frozen computes their outputs once per set and trains only the rest on them
 * (train/cached-features.ts). On by default; the bench and the tests turn it off to compare with the full forward
 * pass every step.
 */
let featureCache = true;

export function setFeatureCache(on: boolean): void {
  featureCache = on;
}

export function featureCacheEnabled(): boolean {
  return featureCache;
}
