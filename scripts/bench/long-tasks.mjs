#!/usr/bin/env node
/**
 * The longest main-thread task while the learning-rate chapter's first demo trains its default run (issue #23 §4),
 * and what it was: PerformanceObserver 'longtask' entries over the run, plus a sampled CPU profile (CDP) whose
 * samples inside each task over 50 ms are summed by function (self time), to name the task.
 *
 *   node scripts/bench/long-tasks.mjs [--dist=dist] [--backend=auto] [--rounds=1] [--profile]
 *
 * --all: sum the profile over the whole run, not only inside the long tasks (the machine's load blurs their edges).
 * Several --dist=A,B builds are run interleaved (A, B, A, B…), so a shared machine's load falls on both alike.
 */
import { launch } from './page-weight.mjs';
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, ...v] = a.replace(/^--/, '').split('=');
    return [k, v.join('=') || 'true'];
  }),
);
const dists = (args.get('dist') ?? 'dist').split(',').map((d) => resolve(d));
const backend = args.get('backend') ?? 'auto';
const rounds = Number(args.get('rounds') ?? 1);
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

function serve(root) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(root) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, origin: `http://127.0.0.1:${server.address().port}` })));
}

const LONG = `window.__lt=[];new PerformanceObserver((l)=>{for(const e of l.getEntries())window.__lt.push([e.startTime,e.duration])}).observe({type:'longtask',buffered:true});`;

async function once(browser, origin) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(LONG);
  const cdp = await page.context().newCDPSession(page);
  try {
    await page.goto(`${origin}/chapters/learning-rate/${backend === 'auto' ? '' : `?backend=${backend}`}`);
    const d = page.locator('[data-demo="lr-stuck"]');
    await d.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () => {
        const i = document.querySelector('[data-demo="lr-stuck"]')?.closest('astro-island');
        return i && !i.hasAttribute('ssr');
      },
      undefined,
      { timeout: 60_000 },
    );
    const status = await d.getByRole('status').first().elementHandle();
    const train = d.getByRole('button', { name: /^Train/ });
    await train.waitFor();
    if (args.has('profile')) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const since = await page.evaluate(() => performance.now());
    const t0 = Date.now();
    await train.click();
    await page.waitForFunction((el) => /^Done: Iteration/.test(el?.textContent ?? ''), status, { polling: 'raf', timeout: 300_000 });
    const doneMs = Date.now() - t0;
    const tasks = (await page.evaluate(() => window.__lt)).filter(([s]) => s >= since);
    const longest = Math.max(0, ...tasks.map(([, d]) => d));
    let named = '';
    if (args.has('profile')) {
      const { profile } = await cdp.send('Profiler.stop');
      // Profile times are µs on the same clock as performance.timeOrigin-relative times? Use offsets from the first sample.
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const self = new Map();
      let t = profile.startTime;
      const big = tasks.filter(([, d]) => d >= 50);
      // Profile timestamps are monotonic µs; tasks are ms since navigation. Align on the profile's start ≈ `since`.
      const toPerf = (us) => since + (us - profile.startTime) / 1000;
      profile.samples.forEach((id, i) => {
        t += profile.timeDeltas[i];
        const at = toPerf(t);
        if (!args.has('all') && !big.some(([s, d]) => at >= s - 2 && at <= s + d + 2)) return;
        const n = byId.get(id);
        const f = n.callFrame;
        const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + 1);
      });
      named = [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([k, n]) => `${k} ×${n}`)
        .join('; ');
    }
    return { doneMs, longest, over50: tasks.filter(([, d]) => d >= 50).map(([, d]) => Math.round(d)), named };
  } finally {
    await page.close();
  }
}

const servers = await Promise.all(dists.map(serve));
const browser = await launch();
try {
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < dists.length; i++) {
      const res = await once(browser, servers[i].origin);
      console.log(
        `${dists[i]} round ${r + 1}: done ${(res.doneMs / 1000).toFixed(1)} s, longest task ${res.longest.toFixed(0)} ms, tasks ≥ 50 ms: [${res.over50.join(', ')}]${res.named ? `\n   in them: ${res.named}` : ''}`,
      );
    }
  }
} finally {
  await browser.close();
  for (const s of servers) s.server.close();
}
