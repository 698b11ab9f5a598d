import { defineConfig } from 'vitest/config';

/**
 * Reference measurements quoted in chapters (slow: minutes to hours on a CPU; run on purpose, never by `npm test`).
 * Run one: npx vitest run -c scripts/reference/vitest.config.ts scripts/reference/<name>.ref.ts
 */
export default defineConfig({
  test: {
    root: '.',
    include: ['scripts/reference/**/*.ref.ts'],
    environment: 'node',
    testTimeout: 6 * 3_600_000,
    pool: 'forks',
  },
});
