/** The service worker's list of kept files: every page and asset of the build, no data shard, named by content. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serviceWorker, shellOf, SHELL_PREFIX } from '../../../scripts/build/offline.mjs';

function build(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lc-shell-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const site = {
  'index.html': '<p>home',
  'chapters/a/index.html': '<p>a',
  '_astro/x.js': 'x',
  'pagefind/pagefind.js': 'p',
  'data/fashion-mnist/manifest.json': '{}',
  'data/fashion-mnist/train-00.abc.images.bin': 'bytes',
  'sw.js': 'old worker',
  _headers: 'h',
};

describe('offline shell', () => {
  it('keeps every page (by its folder address) and asset, but no data, no worker and no headers file', () => {
    const { urls } = shellOf(build(site));
    expect(urls).toEqual(['/_astro/x.js', '/chapters/a/', '/', '/pagefind/pagefind.js']);
  });

  it('is named by its contents: the same build the same name, a changed file another', () => {
    const a = shellOf(build(site)).version;
    expect(shellOf(build(site)).version).toBe(a);
    expect(shellOf(build({ ...site, '_astro/x.js': 'y' })).version).not.toBe(a);
    // Data changes alone do not replace the pages.
    expect(shellOf(build({ ...site, 'data/fashion-mnist/manifest.json': '{"v":2}' })).version).toBe(a);
  });

  it('writes the list and the cache name into the worker', () => {
    const sw = serviceWorker({ urls: ['/', '/a.js'], version: 'abcdef012345' });
    expect(sw).toContain('const SHELL = ["/","/a.js"];');
    expect(sw).toContain(`const CACHE = "${SHELL_PREFIX}abcdef012345";`);
    expect(sw).not.toMatch(/__(SHELL|CACHE|PREFIX)__/);
  });
});
