import { defineConfig } from 'vitest/config';

/** Reference measurements quoted in chapters (slow; run on purpose, never by `npm test`). */
export default defineConfig({
  test: {
    root: '.',
    include: ['scripts/reference/**/*.ref.ts'],
    environment: 'node',
    testTimeout: 3_600_000,
    pool: 'forks',
  },
});
