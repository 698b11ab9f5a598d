/**
 * The toolchain a fresh `npm install` gives: `astro check` must be able to load its checker, and the Node that
 * `npm run` uses must be one Astro accepts. A broken transitive install (mismatched @emnapi halves) made
 * `@astrojs/check` throw on import, which Astro reported as "missing"; this catches it before a reader does.
 * The engine's WebGPU kernels read tfjs internals of one release (`WRITTEN_FOR_TFJS`): that release must be the one
 * installed, and package.json must pin it exactly so that no install moves it.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { WRITTEN_FOR_TFJS } from '../../../src/engine/kernels/webgpu/direct';

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
        if (existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).name === name)
          return JSON.parse(readFileSync(file, 'utf8')).version as string;
      }
      throw new Error(`no package.json for ${name}`);
    };
    expect(version('@emnapi/runtime')).toBe(version('@emnapi/core'));
  });

  describe(`tfjs is the release the WebGPU kernels were written for (${WRITTEN_FOR_TFJS}, src/engine/kernels/webgpu/direct.ts)`, () => {
    const TFJS = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu'];

    it('is the installed @tensorflow/tfjs, tfjs-core and tfjs-backend-webgpu, with one tfjs-core for both', () => {
      const installed = (name: string) => JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')).version as string;
      expect(Object.fromEntries([...TFJS, '@tensorflow/tfjs-core'].map((n) => [n, installed(n)]))).toEqual({
        '@tensorflow/tfjs': WRITTEN_FOR_TFJS,
        '@tensorflow/tfjs-backend-webgpu': WRITTEN_FOR_TFJS,
        '@tensorflow/tfjs-core': WRITTEN_FOR_TFJS,
      });
      // A second copy of tfjs-core (nested under either package) would be a second engine: the WebGPU backend
      // would register on it, not on the one the engine's kernels talk to.
      const core = (from: string) =>
        createRequire(join(process.cwd(), 'node_modules', from, 'package.json')).resolve('@tensorflow/tfjs-core');
      expect(core('@tensorflow/tfjs-backend-webgpu')).toBe(core('@tensorflow/tfjs'));
    });

    it('is pinned exactly in package.json (no ^ or ~ range lets npm install another release)', () => {
      const deps = JSON.parse(readFileSync('package.json', 'utf8')).dependencies as Record<string, string>;
      expect(Object.fromEntries(TFJS.map((n) => [n, deps[n]]))).toEqual(Object.fromEntries(TFJS.map((n) => [n, WRITTEN_FOR_TFJS])));
    });
  });
});
