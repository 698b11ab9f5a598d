#!/usr/bin/env node
/**
 * Page weight before interaction (issue #23 §4): for every built page (chapters, about pages, /embed/<id>/ for
 * every demo, the landing page), the gzip size of the JavaScript a reader's browser loads with the page scrolled
 * to the end (so every `client:visible` island hydrates) and nothing clicked; optionally the cumulative layout
 * shift over that visit (PerformanceObserver 'layout-shift', without shifts after input).
 *
 *   node scripts/bench/page-weight.mjs [--dist=dist] [--only=/embed/,/chapters/] [--cls] [--budget=60] [--json]
 *
 * Serves --dist itself (as scripts/serve-dist.mjs does, no compression), drives headless Chromium
 * (`/usr/bin/chromium`, or CHROMIUM_PATH) and gzips each JS file it saw requested (page, workers, dynamic
 * imports) with zlib's default level: what a server's gzip would send. Deterministic: it depends on the build only.
 * Prints a table (kB = 1000 bytes) and exits 1 when a page is over --budget (kB), if given.
 */
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, ...v] = a.replace(/^--/, '').split('=');
    return [k, v.join('=') || 'true'];
  }),
);
const dist = resolve(args.get('dist') ?? 'dist');
const only = (args.get('only') ?? '').split(',').filter(Boolean);
const budgetKb = args.has('budget') ? Number(args.get('budget')) : undefined;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

/** Every page of the build (dist/**\/index.html) as URL paths, without the test fixture. */
export function builtPages(root) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (!(dir === root && ['_astro', 'pagefind', 'data', 'test'].includes(name))) walk(full);
      } else if (name === 'index.html') {
        const rel = relative(root, dir).split(sep).join('/');
        out.push(rel ? `/${rel}/` : '/');
      }
    }
  };
  walk(root);
  return out.sort();
}

const gz = new Map();
/** gzip bytes of a built file (memoised). */
export function gzipBytes(root, urlPath) {
  const file = join(root, decodeURIComponent(urlPath));
  if (!gz.has(file)) gz.set(file, existsSync(file) ? gzipSync(readFileSync(file)).length : 0);
  return gz.get(file);
}

function serve(root) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(root) || !existsSync(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, origin: `http://127.0.0.1:${server.address().port}` })));
}

const CLS_SCRIPT = `window.__lcShifts = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__lcShifts.push([e.startTime, e.value, (e.sources || []).map((s) => s.node && s.node.className ? String(s.node.className) : (s.node ? s.node.nodeName : '?')).join(' | ')]); }).observe({ type: 'layout-shift', buffered: true });`;

/**
 * Loads `path`, scrolls to the end in steps, waits for every island to hydrate and the network to go quiet;
 * returns the JS files requested (URL paths) with their gzip sizes and, with `cls`, the layout shifts.
 */
export async function measurePage(page, origin, root, path, { cls = false } = {}) {
  const js = new Set();
  const onRequest = (req) => {
    const url = new URL(req.url());
    if (url.origin === origin && /\.m?js$/.test(url.pathname)) js.add(url.pathname);
  };
  page.on('request', onRequest);
  try {
    await page.goto(origin + path, { waitUntil: 'load' });
    // Scroll to the end a screen at a time, so each client:visible island sees the viewport.
    for (let i = 0; i < 200; i++) {
      const done = await page.evaluate(() => {
        window.scrollBy(0, window.innerHeight * 0.8);
        return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
      });
      await page.waitForTimeout(60);
      if (done) break;
    }
    await page
      .waitForFunction(() => [...document.querySelectorAll('astro-island')].every((i) => !i.hasAttribute('ssr')), undefined, {
        timeout: 30_000,
      })
      .catch(() => {});
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.waitForTimeout(300);
    const files = [...js].map((p) => ({ path: p, gzip: gzipBytes(root, p) })).sort((a, b) => b.gzip - a.gzip);
    const shifts = cls ? await page.evaluate(() => window.__lcShifts) : [];
    return { path, files, gzip: files.reduce((s, f) => s + f.gzip, 0), cls: shifts.reduce((s, [, v]) => s + v, 0), shifts };
  } finally {
    page.off('request', onRequest);
  }
}

export async function launch() {
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

async function main() {
  if (!existsSync(join(dist, 'index.html')))
    throw new Error(`no build in ${dist}: run \`npm run build\` (or astro build --outDir …) first`);
  const pages = builtPages(dist).filter((p) => !only.length || only.some((o) => p.startsWith(o)));
  const { server, origin } = await serve(dist);
  const browser = await launch();
  const results = [];
  try {
    for (const path of pages) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      if (args.has('cls')) await page.addInitScript(CLS_SCRIPT);
      try {
        results.push(await measurePage(page, origin, dist, path, { cls: args.has('cls') }));
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (args.has('json')) {
    console.log(JSON.stringify(results, null, 1));
  } else {
    const kb = (n) => (n / 1000).toFixed(1);
    console.log(`| page | JS gzip kB | files | largest |${args.has('cls') ? ' CLS |' : ''}`);
    console.log(`| --- | ---: | ---: | --- |${args.has('cls') ? ' ---: |' : ''}`);
    for (const r of results) {
      const big = r.files
        .slice(0, 3)
        .map((f) => `${f.path.replace(/^\/_astro\//, '')} ${kb(f.gzip)}`)
        .join(', ');
      console.log(`| ${r.path} | ${kb(r.gzip)} | ${r.files.length} | ${big} |${args.has('cls') ? ` ${r.cls.toFixed(3)} |` : ''}`);
    }
    const max = results.reduce((m, r) => (r.gzip > m.gzip ? r : m), { gzip: 0, path: '' });
    console.log(`\n${results.length} pages; heaviest ${max.path} ${kb(max.gzip)} kB gzip JS before interaction.`);
  }
  if (budgetKb !== undefined) {
    const over = results.filter((r) => r.gzip > budgetKb * 1000);
    if (over.length) {
      console.error(`over ${budgetKb} kB: ${over.map((r) => `${r.path} ${(r.gzip / 1000).toFixed(1)}`).join(', ')}`);
      process.exit(1);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
