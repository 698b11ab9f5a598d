// @vitest-environment jsdom
/**
 * A gallery that hydrates after runs were trained (client:idle, client:visible): the server rendered it empty,
 * with its chart holders `hidden`; Preact keeps server attributes while hydrating, so a first client render that
 * already saw the runs left the charts hidden for good. The gallery must render the server's empty state first,
 * then show the runs.
 */
import { describe, expect, it, vi } from 'vitest';
import { h, hydrate, render } from 'preact';
import { act } from 'preact/test-utils';
import { renderToString } from 'preact-render-to-string';
import Gallery from '../../../src/components/experiment/Gallery';
import { loadPlots } from '../../../src/components/experiment/ChartFigure';
import { pageStore } from '../../../src/components/experiment/store/runStore';
import { applyMessage } from '../../../src/components/experiment/store/run';
import { lrPuzzle } from '../spec/fixtures';

// The page's shared worker, replaced by a stand-in (nothing trains here).
vi.mock('../../../src/components/experiment/store/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/components/experiment/store/client')>();
  const { fakeWorker: fake } = await import('../helpers/fakeWorker');
  const client = fake().client();
  return { ...actual, sharedClient: () => client, restartSharedClient: () => client };
});

const config = { id: 'g', title: 'Runs', demos: ['demo-a'], chapter: { title: 'A chapter', href: '/chapters/a/' } };

describe('Gallery hydrated after runs exist', () => {
  it('shows its charts and the runs, not the server’s hidden empty frames', async () => {
    const html = renderToString(h(Gallery, { config }));
    expect(html).toContain('No runs yet.');
    expect(html).toMatch(/class="lc-figure__chart" hidden/);

    // Another island trained a run before this one hydrated.
    const run = pageStore().create('demo-a', lrPuzzle, { label: 'lr 1', overrides: { learningRate: 1 } });
    for (let n = 1; n <= 3; n++)
      applyMessage(run, {
        type: 'run-event',
        runId: run.id,
        event: { type: 'step', record: { step: n, epoch: n, loss: 1 / n, accuracy: 0.5, learningRate: 1 } },
      });

    const root = document.createElement('div');
    root.innerHTML = html;
    document.body.append(root);
    await act(async () => {
      hydrate(h(Gallery, { config }), root);
    });
    expect(root.querySelector('[role="status"]')!.textContent).toContain('1 run kept.');
    const holders = [...root.querySelectorAll('.lc-figure__chart')];
    expect(holders).toHaveLength(3);
    for (const el of holders) expect(el.hasAttribute('hidden')).toBe(false);
    expect(root.querySelectorAll('.lc-figure__empty')).toHaveLength(0);
    // The charts draw once Plot has loaded; unmounting cancels any redraw still pending (none may outlive the test).
    await loadPlots();
    await act(() => render(null, root));
  });
});
