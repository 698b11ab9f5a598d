/**
 * The headless-Chromium part of `npm run bench --browser`: (1) the learning-rate chapter's default run
 * from the built site, click to done, click to first metrics and the longest main-thread task while
 * training, per backend choice; (2) the workloads of the Node bench on the page's WebGL / WebGPU / CPU.
 * Needs `npm run build` first (serves dist/, whose data/ holds the shards) and a Chromium.
 */
import { chromium, type Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { chromiumLaunchOptions } from '../../tests/e2e/browser';
import type { BenchReport, BenchRow } from './report';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.gz': 'application/gzip',
};

/** Serves `benchDir` under /bench/ and the built site (dist/) elsewhere, on 127.0.0.1. */
function serve(dist: string, benchDir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    const [root, rel] = path.startsWith('/bench/') ? [benchDir, path.slice('/bench/'.length)] : [dist, path];
    let file = join(root, rel);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => ok({ server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` })),
  );
}

interface ChapterRun {
  backend: string;
  badge: string;
  reason: string;
  clickToFirstMetricsMs: number;
  clickToDoneMs: number;
  longestTaskMs: number;
}

const LONG_TASKS = `window.__lcLongTasks = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lcLongTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });`;

async function chapterRun(page: Page, origin: string, backend: string, timeoutMs: number): Promise<ChapterRun> {
  await page.goto(`${origin}/chapters/learning-rate/${backend === 'auto' ? '' : `?backend=${backend}`}`);
  const d = page.locator('[data-demo="lr-stuck"]');
  await d.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    () => {
      const island = document.querySelector('[data-demo="lr-stuck"]')?.closest('astro-island');
      return island != null && !island.hasAttribute('ssr');
    },
    undefined,
    { timeout: 60_000 },
  );
  const status = d.getByRole('status').first();
  const train = d.getByRole('button', { name: /^Train/ });
  await train.waitFor();
  const clickAt = await page.evaluate(() => performance.now());
  const t0 = Date.now();
  await train.click();
  await page.waitForFunction((el) => /Iteration \d+/.test(el?.textContent ?? ''), await status.elementHandle(), {
    polling: 'raf',
    timeout: timeoutMs,
  });
  const first = Date.now() - t0;
  await page.waitForFunction((el) => /^Done: Iteration/.test(el?.textContent ?? ''), await status.elementHandle(), {
    polling: 'raf',
    timeout: timeoutMs,
  });
  const done = Date.now() - t0;
  const longest = await page.evaluate(
    (since) =>
      Math.max(
        0,
        ...(window as unknown as { __lcLongTasks: [number, number][] }).__lcLongTasks.filter(([s]) => s >= since).map(([, d]) => d),
      ),
    clickAt,
  );
  const badge = d.locator('.lc-badge');
  return {
    backend,
    badge: (await badge.textContent()) ?? '',
    reason: (await badge.getAttribute('title')) ?? '',
    clickToFirstMetricsMs: first,
    clickToDoneMs: done,
    longestTaskMs: longest,
  };
}

export async function runBrowserBench(opts: {
  dist: string;
  benchDir: string;
  chapterBackends: string[];
  workloadBackends: string[];
  only: string[];
  cnnSteps: number;
  log: (s: string) => void;
}): Promise<BenchReport> {
  const { server, origin } = await serve(resolve(opts.dist), resolve(opts.benchDir));
  const browser = await chromium.launch({ ...chromiumLaunchOptions(), headless: true });
  const report: BenchReport = {
    where: 'headless Chromium',
    date: new Date().toISOString(),
    machine: '',
    versions: { chromium: browser.version() },
    adapters: {},
    flags: {},
    rows: [],
    notes: [],
    page: [],
  };
  try {
    for (const backend of opts.chapterBackends) {
      const page = await browser.newPage();
      await page.addInitScript(LONG_TASKS);
      try {
        const r = await chapterRun(page, origin, backend, 300_000);
        const line = `click to done ${(r.clickToDoneMs / 1000).toFixed(1)} s, to first metrics ${(r.clickToFirstMetricsMs / 1000).toFixed(2)} s, longest main-thread task ${r.longestTaskMs.toFixed(0)} ms; badge "${r.badge}" (${r.reason})`;
        report.page!.push({ name: `learning-rate chapter, default run (2500 iterations), ?backend=${backend}`, value: line });
        opts.log(`chapter ${backend}: ${line}`);
      } catch (err) {
        report.notes.push(`chapter run with ?backend=${backend} failed: ${(err as Error).message.split('\n')[0]}`);
      } finally {
        await page.close();
      }
    }
    for (const backend of opts.workloadBackends) {
      const page = await browser.newPage();
      try {
        await page.goto(`${origin}/bench/index.html`);
        page.setDefaultTimeout(600_000);
        const r = await page.evaluate(
          ([b, only, steps]) =>
            (
              globalThis as unknown as {
                lcBench: (b: string, o: string[], s: number) => Promise<{ rows: BenchRow[]; adapter: string; reason: string }>;
              }
            ).lcBench(b, only, steps),
          [backend, opts.only, opts.cnnSteps] as const,
        );
        report.adapters[backend] = r.adapter;
        report.rows.push(...r.rows);
        for (const row of r.rows)
          opts.log(
            `${row.workload} on ${backend} (Chromium): engine ${(row.runs.engine.ms / row.runs.engine.steps).toFixed(1)} ms/step, fit ${(row.runs.fit.ms / row.runs.fit.steps).toFixed(1)}`,
          );
      } catch (err) {
        report.notes.push(`workloads on ${backend} in Chromium failed: ${(err as Error).message.split('\n')[0]}`);
        opts.log(`workloads on ${backend}: failed: ${(err as Error).message.split('\n')[0]}`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return report;
}
