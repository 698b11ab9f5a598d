/**
 * Deploy anywhere: astro.config.mjs takes `site` and `base` from SITE and BASE (scripts/build/site.mjs), with the
 * local preview as the default; the service worker's list of files is written under the same base.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { baseFrom, DEFAULT_SITE, siteConfig, siteFrom } from '../../../scripts/build/site.mjs';
import { shellOf } from '../../../scripts/build/offline.mjs';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('SITE and BASE', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('default to the local preview at /', () => {
    expect(siteConfig({})).toEqual({ site: 'http://127.0.0.1:4321', base: '/' });
    expect(siteConfig({ SITE: '', BASE: '' })).toEqual({ site: DEFAULT_SITE, base: '/' });
  });

  it('take a GitHub Pages project site', () => {
    expect(siteConfig({ SITE: 'https://example.github.io', BASE: '/learning-curves/' })).toEqual({
      site: 'https://example.github.io',
      base: '/learning-curves/',
    });
  });

  it('normalise the slashes', () => {
    expect(siteFrom('https://book.example.org/')).toBe('https://book.example.org');
    expect(baseFrom('learning-curves')).toBe('/learning-curves/');
    expect(baseFrom('/courses//dl/')).toBe('/courses/dl/');
    expect(baseFrom('/')).toBe('/');
  });

  it('refuse what is not a site or a path', () => {
    expect(() => siteFrom('example.github.io')).toThrow(/absolute URL/);
    expect(() => siteFrom('ftp://example.org')).toThrow(/http/);
    expect(() => siteFrom('https://example.org/?x=1')).toThrow(/query/);
    expect(() => baseFrom('/a/../b/')).toThrow(/plain path/);
    expect(() => baseFrom('/a b/')).toThrow(/plain path/);
  });

  it('reach astro.config.mjs', async () => {
    vi.stubEnv('SITE', 'https://example.github.io');
    vi.stubEnv('BASE', '/learning-curves/');
    const { default: config } = await import('../../../astro.config.mjs');
    expect(config.site).toBe('https://example.github.io');
    expect(config.base).toBe('/learning-curves/');
  });

  it('put the service worker’s files under the base', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-site-'));
    mkdirSync(join(dir, 'chapters', 'pooling'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<p>home</p>');
    writeFileSync(join(dir, 'chapters', 'pooling', 'index.html'), '<p>pooling</p>');
    expect(shellOf(dir, '/learning-curves/').urls).toEqual(['/learning-curves/chapters/pooling/', '/learning-curves/']);
  });
});
