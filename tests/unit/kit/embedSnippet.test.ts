import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  acceptedHeight,
  embedSnippet,
  embedUrl,
  fallbackHeight,
  HEIGHT_MESSAGE,
  readTask,
  resizeScript,
  TASK_MAX,
} from '../../../src/components/experiment/embed';

const BOOK = 'https://book.example';

/**
 * Runs the snippet's script as the instructor's page would, with two of the book's iframes on it and one
 * iframe of someone else's; returns a function that delivers a message event and the iframes' styles.
 */
function hostPage(origin = BOOK) {
  const frames = [0, 1].map(() => ({ contentWindow: {}, style: { height: '' } }));
  const listeners: ((e: unknown) => void)[] = [];
  const document = { querySelectorAll: (sel: string) => (sel === 'iframe[data-learning-curves]' ? frames : []) };
  runInNewContext(resizeScript(origin), {
    document,
    addEventListener: (type: string, fn: (e: unknown) => void) => type === 'message' && listeners.push(fn),
  });
  expect(listeners).toHaveLength(1);
  const send = (e: { origin: string; source: unknown; data: unknown }) => listeners.forEach((fn) => fn(e));
  return { frames, send };
}

describe('the resizing script of the embed snippet', () => {
  it('gives each of the book’s iframes the height its own page reports', () => {
    const { frames, send } = hostPage();
    send({ origin: BOOK, source: frames[1].contentWindow, data: { type: HEIGHT_MESSAGE, height: 1234.2 } });
    expect(frames.map((f) => f.style.height)).toEqual(['', '1235px']);
    send({ origin: BOOK, source: frames[0].contentWindow, data: { type: HEIGHT_MESSAGE, height: 978 } });
    expect(frames.map((f) => f.style.height)).toEqual(['978px', '1235px']);
  });

  it('ignores another origin, another window, another message and an implausible height', () => {
    const { frames, send } = hostPage();
    const ok = { origin: BOOK, source: frames[0].contentWindow, data: { type: HEIGHT_MESSAGE, height: 900 } };
    send({ ...ok, origin: 'https://evil.example' });
    send({ ...ok, origin: `${BOOK}.evil.example` });
    send({ ...ok, source: {} });
    send({ ...ok, source: null });
    send({ ...ok, data: { type: 'other', height: 900 } });
    send({ ...ok, data: null });
    send({ ...ok, data: 'learning-curves:height' });
    for (const height of [Number.NaN, Infinity, -5, 0, 50, 1e9, '12px', null]) send({ ...ok, data: { type: HEIGHT_MESSAGE, height } });
    expect(frames.map((f) => f.style.height)).toEqual(['', '']);
    send(ok);
    expect(frames[0].style.height).toBe('900px');
  });

  it('keeps an origin with quotes or "</script>" inside its string', () => {
    const script = resizeScript('https://x.example/"</script><script>alert(1)</script>');
    expect(script).not.toContain('</script');
    const { frames, send } = hostPage('https://x.example/"</script>');
    send({ origin: 'https://x.example/"</script>', source: frames[0].contentWindow, data: { type: HEIGHT_MESSAGE, height: 500 } });
    expect(frames[0].style.height).toBe('500px');
  });
});

describe('embedSnippet', () => {
  const snippet = embedSnippet({
    src: `${BOOK}/embed/lr-stuck/#lr-stuck:sizes=784-20-1`,
    title: 'The learner’s network: [784, 20, 1] "quoted" <b>',
    origin: BOOK,
    height: 1050,
  });

  it('is an iframe with the title, a fallback height and a marker, then the resizing script', () => {
    expect(snippet).toMatch(/^<iframe src="https:\/\/book\.example\/embed\/lr-stuck\/#lr-stuck:sizes=784-20-1" /);
    // ASCII only, so that a course page in any encoding shows the same title.
    expect(snippet).toContain('title="The learner&#x2019;s network: [784, 20, 1] &quot;quoted&quot; &lt;b&gt;"');
    expect(snippet).toMatch(/^[\x20-\x7e\n]*$/);
    expect(snippet).toContain(' height="1050" ');
    expect(snippet).toContain(' data-learning-curves>');
    expect(snippet).toContain(`<script>${resizeScript(BOOK)}</script>`);
    expect(snippet.match(/<script>/g)).toHaveLength(1);
  });

  it('escapes a hostile link in the src attribute', () => {
    const s = embedSnippet({ src: `${BOOK}/embed/x/#"><script>alert(1)</script>`, title: 't', origin: BOOK, height: 600 });
    expect(s).toContain('src="https://book.example/embed/x/#&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(s.match(/<script>/g)).toHaveLength(1);
  });
});

describe('embed helpers', () => {
  it('builds embed URLs with an optional task', () => {
    expect(embedUrl('lr-stuck')).toBe('/embed/lr-stuck/');
    expect(embedUrl('lr-stuck', '#lr-stuck:it=300', BOOK)).toBe(`${BOOK}/embed/lr-stuck/#lr-stuck:it=300`);
    expect(embedUrl('lr-stuck', '#lr-stuck:it=300', BOOK, 'Try lr = 1 & explain')).toBe(
      `${BOOK}/embed/lr-stuck/?task=Try%20lr%20%3D%201%20%26%20explain#lr-stuck:it=300`,
    );
  });

  it('reads the task as text: trimmed, control characters dropped, cut at TASK_MAX', () => {
    expect(readTask('?task=Try%20lr%20%3D%201%20%26%20explain')).toBe('Try lr = 1 & explain');
    expect(readTask('?task=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E')).toBe('<img src=x onerror=alert(1)>');
    expect(readTask('?task=a%00b%0Ac')).toBe('ab\nc');
    expect(readTask('')).toBe('');
    expect(readTask('?other=1')).toBe('');
    // A broken escape reads as text (U+FFFD), never throws.
    expect(readTask('?task=%E0%A4%A')).toBe('\ufffd%A');
    expect(readTask(`?task=${'x'.repeat(5000)}`)).toHaveLength(TASK_MAX);
  });

  it('picks a fallback height from the demo’s own height, within bounds', () => {
    expect(fallbackHeight(760)).toBe(1000);
    expect(fallbackHeight(761)).toBe(1000);
    expect(fallbackHeight(781)).toBe(1050);
    expect(fallbackHeight(10)).toBe(480);
    expect(fallbackHeight(1e6)).toBe(4000);
    expect(fallbackHeight(Number.NaN)).toBe(1000);
  });

  it('accepts only plausible heights from a message', () => {
    expect(acceptedHeight(978.1)).toBe(979);
    expect(acceptedHeight('978')).toBe(978);
    for (const v of [undefined, null, 'x', -1, 99, 20_001, Infinity]) expect(acceptedHeight(v)).toBeNull();
  });
});
