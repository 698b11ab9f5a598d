/**
 * Embedding a demo in a course page: the snippet "Copy embed code" gives (an iframe and a small script) sizes the
 * iframe to the embed page, from the height messages that page posts, on a host page of another origin (a server
 * of the test's own on another port); each iframe takes only its own page's height, and nothing from another
 * origin, even a message from the iframe's own window once it shows another site. The iframe's title and the
 * embed page's heading name the link's settings; a link's task prompt shows as text, never as HTML.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Frame, type Locator, type Page } from '@playwright/test';
import { cspGuard } from './csp-guard';
import { demo } from './demo';

const TASK = 'Set the learning rate to 1. <img src=x onerror="window.__pwned=1"> Why does the cost stop at 0.644?';

async function copyEmbed(page: Page, path: string, id: string): Promise<string> {
  await page.goto(path);
  const d = await demo(page, id);
  await d.getByRole('button', { name: 'Copy embed code' }).click();
  await expect(d.getByText('Embed code copied to the clipboard.')).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The embed page's own height, as it measures it, and the iframe's height on the host page. */
const inner = (f: Frame) => f.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
const outer = (iframe: Locator) => iframe.evaluate((el) => Math.round(el.getBoundingClientRect().height));

let server: Server | null = null;
test.afterEach(() => {
  server?.close();
  server = null;
});

/** A course site on another port of this machine (another origin, and like the book a local one): path → HTML. */
async function courseSite(pages: Record<string, string>): Promise<string> {
  server = createServer((req, res) => {
    const body = pages[req.url ?? ''];
    // No charset: a course page that declares no encoding is read as windows-1252.
    if (body === undefined) res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
    else res.writeHead(200, { 'content-type': 'text/html' }).end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function frameOf(page: Page, id: string): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes(`/embed/${id}/`))).toBe(true);
  const frame = page.frames().find((f) => f.url().includes(`/embed/${id}/`))!;
  await expect(frame.locator('astro-island', { has: frame.locator(`[data-demo="${id}"]`) })).not.toHaveAttribute('ssr', /.*/, {
    timeout: 30_000,
  });
  return frame;
}

test('the snippet sizes each iframe to its own embed page on a page of another origin, and takes nothing else', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // From a chapter page, with shared settings and a task; and from an embed page.
  const stuck = await copyEmbed(page, `/chapters/learning-rate/?task=${encodeURIComponent(TASK)}#lr-stuck:sizes=784-20-1`, 'lr-stuck');
  const explode = await copyEmbed(page, '/embed/lr-explode/#lr-explode:lr=1', 'lr-explode');
  expect(stuck).toMatch(/^<iframe [^>]*\bdata-learning-curves><\/iframe>\n<script>(?:(?!<\/script)[\s\S])+<\/script>$/);

  const book = new URL(baseURL!).origin;
  const host = await courseSite({
    '/week-3/': `<!doctype html><html lang="en"><head><title>Week 3</title></head><body style="margin:0;width:900px"><h1>Week 3</h1>${stuck}<p>Then:</p>${explode}</body></html>`,
    // Another site the first iframe is sent to at the end: it posts a height from that iframe's own window.
    '/elsewhere/':
      '<!doctype html><p>elsewhere</p><script>parent.postMessage({ type: "learning-curves:height", height: 333 }, "*"); document.title = "sent";</script>',
  });
  expect(host).not.toBe(book);
  const guard = await cspGuard(page);
  await page.goto(`${host}/week-3/`);
  const [stuckFrame, explodeFrame] = [page.locator('iframe').nth(0), page.locator('iframe').nth(1)];
  await expect(stuckFrame).toHaveAttribute('title', 'The learner’s network: [784, 20, 1], full-batch gradient descent');
  await expect(explodeFrame).toHaveAttribute('title', 'A truly exploding run: linear hidden layer, learning rate 1');
  const fallback = Number(await stuckFrame.getAttribute('height'));

  const a = await frameOf(page, 'lr-stuck');
  await explodeFrame.scrollIntoViewIfNeeded();
  const b = await frameOf(page, 'lr-explode');
  // Each iframe is exactly as tall as its own page, and the two pages differ: no height went to the wrong iframe.
  await expect.poll(async () => (await outer(stuckFrame)) - (await inner(a))).toBe(0);
  await expect.poll(async () => (await outer(explodeFrame)) - (await inner(b))).toBe(0);
  const [ha, hb] = [await outer(stuckFrame), await outer(explodeFrame)];
  expect(ha).toBeGreaterThan(hb + 100);
  expect(ha).toBeGreaterThan(720);
  // The height attribute, for a page that strips the script, fits the untrained demo.
  expect(fallback).toBeGreaterThanOrEqual(ha);

  // The embed page names the shared settings and shows the task as text.
  await expect(a.locator('h1')).toHaveText('The learner’s network: [784, 20, 1], full-batch gradient descent');
  await expect(a.locator('.lc-task')).toHaveText(`Your task: ${TASK}`);
  expect(await a.locator('.lc-task img').count()).toBe(0);
  expect(await a.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  // The page grows (a run's charts, an opened table) and shrinks: the iframe follows.
  await a.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<div id="grow" style="height:400px"></div>'));
  await expect.poll(() => outer(stuckFrame)).toBe(ha + 400);
  await a.evaluate(() => document.getElementById('grow')!.remove());
  await expect.poll(() => outer(stuckFrame)).toBe(ha);
  expect(await a.evaluate(() => (globalThis as { __cspViolations?: string[] }).__cspViolations ?? ['no guard'])).toEqual([]);
  expect(guard.problems.consoleErrors).toEqual([]);

  // Another origin's height message is ignored: from the host page itself, and from the iframe's own window once
  // it shows another site (same sender, other origin).
  await page.evaluate(() => postMessage({ type: 'learning-curves:height', height: 300 }, '*'));
  await a.evaluate((url) => location.assign(url), `${host}/elsewhere/`);
  await expect.poll(() => page.frames().some((f) => f.url() === `${host}/elsewhere/`)).toBe(true);
  await expect
    .poll(() =>
      page
        .frames()
        .find((f) => f.url() === `${host}/elsewhere/`)!
        .title(),
    )
    .toBe('sent');
  await page.waitForTimeout(300);
  expect(await outer(stuckFrame)).toBe(ha);
});
