// Screenshots of every built page: desktop (1280 px) and phone (375 px), light and dark.
// Usage: npm run build && npm run screenshots [-- /path/ …]   → screenshots/*.png (gitignored)
//        SCREENSHOT_TRAIN=lr-stuck SCREENSHOT_WAIT_MS=8000 npm run screenshots -- '/chapters/learning-rate/#lr-stuck:lr=1'
//        captures that demo mid-run.
// Serves dist/ itself on port 4330 unless SCREENSHOT_BASE is set.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';

const base = process.env.SCREENSHOT_BASE ?? 'http://127.0.0.1:4330';
const out = 'screenshots';
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
const args = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu'];

const { builtPages } = await import('../tests/e2e/site.ts').catch(() => ({ builtPages: null }));
const paths = process.argv.slice(2).length ? process.argv.slice(2) : builtPages ? builtPages() : ['/'];
const settle = Number(process.env.SCREENSHOT_WAIT_MS ?? 500);
const train = process.env.SCREENSHOT_TRAIN;

let server;
if (!process.env.SCREENSHOT_BASE) {
  server = spawn('node', ['scripts/serve-dist.mjs', '4330', 'dist'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
}

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath, args });
try {
  for (const path of paths) {
    for (const [label, width] of [
      ['desktop', 1280],
      ['phone', 375],
    ]) {
      for (const theme of ['light', 'dark']) {
        const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: theme });
        await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
        await page.goto(base + path, { waitUntil: 'networkidle' });
        if (train) {
          // SCREENSHOT_TRAIN=<demo-id>: start that demo and capture it mid-run.
          const demo = page.locator(`[data-demo="${train}"]`);
          await demo.scrollIntoViewIfNeeded();
          await page.waitForFunction((id) => !document.querySelector(`astro-island[ssr] [data-demo="${id}"]`), train);
          await demo.getByRole('button', { name: /^Train/ }).click();
        }
        await page.waitForTimeout(settle);
        const name = `${path.replace(/^\/|\/$/g, '').replace(/\//g, '_') || 'home'}.${label}.${theme}.png`;
        if (train) await page.locator(`[data-demo="${train}"]`).screenshot({ path: `${out}/${name.replace('.png', `.${train}.png`)}` });
        else await page.screenshot({ path: `${out}/${name}`, fullPage: true });
        console.log(`${out}/${name}`);
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  server?.kill();
}
