/**
 * The toolchain a fresh `npm install` gives: `astro check` must be able to load its checker, and the Node that
 * `npm run` uses must be one Astro accepts. A broken transitive install (mismatched @emnapi halves) made
 * `@astrojs/check` throw on import, which Astro reported as "missing"; this catches it before a reader does.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

describe('toolchain', () => {
  it('@astrojs/check imports without throwing (astro check depends on it)', async () => {
    const mod = await import('@astrojs/check');
    expect(typeof mod.check).toBe('function');
  });

  it('runs on the Node version package.json declares (>= 22.12)', () => {
    const range = JSON.parse(readFileSync('package.json', 'utf8')).engines.node as string;
    const [wantMajor, wantMinor] = range.replace('>=', '').split('.').map(Number);
    const [major, minor] = process.versions.node.split('.').map(Number);
    expect(major > wantMajor || (major === wantMajor && minor >= wantMinor), `node ${process.versions.node} vs ${range}`).toBe(true);
  });

  it('the language server behind astro check sees one consistent @emnapi runtime', async () => {
    const fromTsx = createRequire(createRequire(import.meta.url).resolve('@astrojs/astro2tsx'));
    const version = (name: string) => {
      // Walk up from the package's entry to its package.json (its `exports` hide the file itself).
      for (let dir = dirname(fromTsx.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
        const file = join(dir, 'package.json');
        if (existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).name === name) return JSON.parse(readFileSync(file, 'utf8')).version as string;
      }
      throw new Error(`no package.json for ${name}`);
    };
    expect(version('@emnapi/runtime')).toBe(version('@emnapi/core'));
  });
});
