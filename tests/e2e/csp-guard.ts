import type { Page } from '@playwright/test';
import { watchPage } from './site';

/**
 * Records Content-Security-Policy violations from the first script on (the browser's `securitypolicyviolation`
 * events), the page's problems (console errors, failed and off-site requests), and every request that leaves
 * the page's own origin. Call before the first `goto`.
 */
export async function cspGuard(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = ((globalThis as { __cspViolations?: string[] }).__cspViolations = []);
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  const problems = watchPage(page);
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== new URL(page.url() === 'about:blank' ? r.url() : page.url()).origin)
      foreign.push(r.url());
  });
  return {
    problems,
    foreign,
    violations: () => page.evaluate(() => (globalThis as { __cspViolations?: string[] }).__cspViolations ?? []),
  };
}
