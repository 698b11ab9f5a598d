import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
import type { Page } from '@playwright/test';

/** The axe rules whose outcome depends on colours: all that changes between the light and the dark theme. */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** Every rule axe knows, its experimental ones (off by default, e.g. label-content-name-mismatch) included. */
export const ALL_RULES = axe.getRules().map((r) => r.ruleId);

/**
 * axe's serious and critical violations on the page as it is now, one line each (rule, help, elements); only
 * `rules` when given (e.g. COLOUR_RULES for a second theme, whose structure axe has already checked; ALL_RULES
 * for every rule, the experimental ones too), and only inside `include` (a selector) when given.
 */
export async function seriousViolations(page: Page, { rules, include }: { rules?: string[]; include?: string } = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  // withRules runs exactly these, experimental ones included.
  if (rules) builder = builder.withRules(rules);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * Switches the page to a colour theme without reloading: Starlight's pages read `data-theme`, the embed and
 * fixture pages the system setting.
 */
export async function setTheme(page: Page, theme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: theme });
  await page.evaluate((t) => {
    if (document.documentElement.hasAttribute('data-theme')) document.documentElement.dataset.theme = t;
  }, theme);
}
