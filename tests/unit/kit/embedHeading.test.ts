// @vitest-environment jsdom
// @vitest-environment-options {"url": "http://127.0.0.1:4329/embed/lr-stuck/"}
/** The embed page's heading follows the link's settings, and a link's task shows as text, never as HTML. */
import { afterEach, describe, expect, it } from 'vitest';
import { followHeading, headingFor } from '../../../src/components/site/embedHeading';
import { stuckDemo } from '../../../src/demos/learning-rate';

function page(search: string, hash: string, spec: unknown = stuckDemo.spec) {
  history.replaceState(null, '', `/embed/lr-stuck/${search}${hash}`);
  document.body.innerHTML = `<h1 data-embed-id="lr-stuck" data-embed-title="${stuckDemo.title}" ${spec ? `data-embed-spec='${JSON.stringify(spec)}'` : ''}>${stuckDemo.title}</h1><p data-embed-task hidden><strong>Your task:</strong> <span></span></p>`;
  return followHeading(document, window);
}

let stop = () => {};
afterEach(() => stop());

describe('the embed page heading', () => {
  it('names the shared settings, and follows them as the demo rewrites the hash', () => {
    stop = page('', '#lr-stuck:sizes=784-20-1');
    expect(document.querySelector('h1')!.textContent).toBe('The learner’s network: [784, 20, 1], full-batch gradient descent');
    expect(document.title).toBe('The learner’s network: [784, 20, 1], full-batch gradient descent · Learning Curves');
    history.replaceState(null, '', '#lr-stuck:sizes=784-3-1&seed=2');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(document.querySelector('h1')!.textContent).toBe('The learner’s network: [784, 3, 1], full-batch gradient descent (seed 2)');
  });

  it('keeps the title for no settings, other demos’ settings, a gallery and an unreadable link', () => {
    expect(headingFor('lr-stuck', 'T', stuckDemo.spec, '')).toBe('T');
    expect(headingFor('lr-stuck', 'T', stuckDemo.spec, '#lr-explode:lr=1')).toBe('T');
    expect(headingFor('lr-stuck', 'T [784, 7, 1]', null, '#lr-stuck:sizes=784-20-1')).toBe('T [784, 7, 1]');
    expect(headingFor('lr-stuck', stuckDemo.title, stuckDemo.spec, '#lr-stuck:%E0%A4%A:;;sizes=x')).toBe(stuckDemo.title);
  });

  it('shows the task as text and leaves the box hidden without one', () => {
    stop = page(`?task=${encodeURIComponent('<img src=x onerror=alert(1)> Try lr 1')}`, '');
    const box = document.querySelector<HTMLElement>('[data-embed-task]')!;
    expect(box.hidden).toBe(false);
    expect(box.textContent).toBe('Your task: <img src=x onerror=alert(1)> Try lr 1');
    expect(box.querySelector('img')).toBeNull();
    stop();
    stop = page('', '');
    expect(document.querySelector<HTMLElement>('[data-embed-task]')!.hidden).toBe(true);
  });
});
