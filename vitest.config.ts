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
  },
});
