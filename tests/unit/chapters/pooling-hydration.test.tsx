// @vitest-environment jsdom
/**
 * A page with several demos (the pooling chapter): an island hydrated after another island has loaded the
 * validator must still match its server-rendered HTML (both render the table's rows now). The parameter table and the layer arithmetic used to
 * render their tables at once, and Preact hydrated them into the next figure's wrapper, unstyled.
 */
import { describe, expect, it } from 'vitest';
import { h, hydrate } from 'preact';
import { act } from 'preact/test-utils';
import { renderToString } from 'preact-render-to-string';
import { RunStore } from '../../../src/components/experiment/store/runStore';
import { createDemoState } from '../../../src/components/experiment/state';
import { loadValidator } from '../../../src/components/experiment/validation';
import { Views } from '../../../src/components/experiment/Views';
import { mathsDemo, withPoolDemo } from '../../../src/demos/pooling';
import { fakeWorker } from '../helpers/fakeWorker';

describe('hydrating demos after the validator has loaded', () => {
  it.each([
    ['params and curves', withPoolDemo, 'param-total'],
    ['layer maths', mathsDemo, 'maths-total'],
  ])('%s: every view lands in its own element', async (_name, config, total) => {
    const fake = fakeWorker();
    const state = () => createDemoState(config, new RunStore(fake.client));
    // The server renders without the validator, yet with the table's rows (views/summaryLite.ts, zod-free), so that
    // nothing grows when the island hydrates.
    const html = renderToString(h(Views, { state: state() }));
    expect(html).toContain(`data-testid="${total}"`);
    // Another island on the page has loaded it by the time this one hydrates.
    await loadValidator();
    const root = document.createElement('div');
    root.innerHTML = html;
    document.body.append(root);
    await act(async () => {
      hydrate(h(Views, { state: state() }), root);
    });
    const views = root.querySelector('.lc-views')!;
    for (const table of views.querySelectorAll('table[data-testid="param-table"], table[data-testid="layer-maths"]')) {
      expect(table.parentElement!.classList.contains('lc-params'), table.outerHTML.slice(0, 80)).toBe(true);
    }
    expect(views.querySelectorAll('table[data-testid="param-table"], table[data-testid="layer-maths"]')).toHaveLength(1);
    // The curves' wrapper holds only its two figures.
    for (const pair of views.querySelectorAll('.lc-pair')) expect(pair.querySelector('table[data-testid]')).toBeNull();
    expect(root.querySelector(`[data-testid="${total}"]`)!.textContent).toBe('113,386');
  });
});
