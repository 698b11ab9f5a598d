import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/e2e/browser';

const PORT = Number(process.env.E2E_PORT ?? 4329);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // Two cores: one browser at a time keeps the training workloads honest and the run stable.
  workers: 1,
  retries: 0,
  // The list as it runs, then seconds per spec file (tests/e2e/durations-reporter.ts).
  reporter: [['list'], ['./tests/e2e/durations-reporter.ts']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: chromiumLaunchOptions(),
    trace: 'off',
    // The built pages register a service worker; only tests/e2e/offline.spec.ts lets it run, so that every other
    // test sees the network as the page asks for it (request routing, failed downloads).
    serviceWorkers: 'block',
  },
  webServer: {
    // Serves the production build (`npm run build` runs first in `npm test`).
    command: `node scripts/serve-dist.mjs ${PORT} dist`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
