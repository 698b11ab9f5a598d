import { defineConfig } from 'vitest/config';

/** Reference measurements for the chapters (slow: minutes on a CPU). Run: npx vitest run -c scripts/reference/vitest.config.ts */
export default defineConfig({
  test: { include: ['scripts/reference/**/*.ref.ts'], environment: 'node', testTimeout: 6 * 3600_000, pool: 'forks' },
});
