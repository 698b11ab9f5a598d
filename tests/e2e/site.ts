import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from '@playwright/test';

/** Every page of the built site (dist/**\/index.html), as URL paths like "/chapters/how-to-use/". */
export function builtPages(dist = 'dist'): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (!(dir === dist && ['_astro', 'pagefind', 'data'].includes(name))) walk(full);
      } else if (name === 'index.html') {
        const rel = relative(dist, dir).split(sep).join('/');
        out.push(rel ? `/${rel}/` : '/');
      }
    }
  };
  walk(dist);
  return out.sort();
}

export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
  offsiteRequests: string[];
}

/** Records console errors, failed requests and any request that leaves localhost. */
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { consoleErrors: [], failedRequests: [], offsiteRequests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => problems.consoleErrors.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => problems.failedRequests.push(`${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.failedRequests.push(`${res.url()} (HTTP ${res.status()})`);
  });
  page.on('request', (req) => {
    const url = new URL(req.url());
    const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (!local && !['data:', 'blob:'].includes(url.protocol)) problems.offsiteRequests.push(req.url());
  });
  return problems;
}

/** Sets Starlight's colour theme before any script runs. */
export async function useTheme(page: Page, theme: 'light' | 'dark') {
  await page.addInitScript((t) => {
    if (!localStorage.getItem('starlight-theme')) localStorage.setItem('starlight-theme', t);
  }, theme);
  await page.emulateMedia({ colorScheme: theme });
}
