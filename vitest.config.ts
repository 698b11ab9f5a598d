import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    // The tfjs CPU backend is slow; the learning-rate puzzle test trains 2500 full-batch steps.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // tfjs keeps one global engine per process: run test files in separate forks.
    pool: 'forks',
    // Vitest leaves a core free by default: one fork on the 2-core CI machine. Two forks there take the suite from
    // ~170 s to ~120 s (the browser suite runs after vitest, not beside it).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
