/**
 * The kit fixture page (/test/kit/, src/fixtures/kit.ts) stands in for the book's demos in the browser suite's
 * training, stress, CSP and accessibility checks. It must hold every registered control and view, every island
 * the book's pages hydrate, and nothing invalid; this fails when a new entry has no fixture.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../helpers/files';
import { CONTROLS } from '../../../src/components/experiment/controls/registry';
import { controlRefName } from '../../../src/components/experiment/controls/types';
import { VIEWS, withViewNeeds } from '../../../src/components/experiment/views/registry';
import { viewRefName } from '../../../src/components/experiment/views/types';
import { allDemos, allSweeps } from '../../../src/demos';
import { fixtureDemos, galleryFixture, sweepFixture } from '../../../src/fixtures/kit';
import { parseSpec } from '../../../src/engine/spec/parse';
import { summarize } from '../../../src/engine/spec/summarize';

const PAGE = 'src/pages/test/kit.astro';

/** Components hydrated with a `client:` directive in a source file. */
const islandsIn = (source: string) => new Set([...source.matchAll(/<([A-Z]\w*)\s+client:/g)].map((m) => m[1]));

describe('kit fixture page', () => {
  it('shows every registered control', () => {
    const used = new Set(fixtureDemos.flatMap((d) => d.controls.map(controlRefName)));
    expect(CONTROLS.map((c) => c.name).filter((n) => !used.has(n))).toEqual([]);
  });

  it('shows every registered view', () => {
    const used = new Set(fixtureDemos.flatMap((d) => d.views.map(viewRefName)));
    expect(VIEWS.map((v) => v.name).filter((n) => !used.has(n))).toEqual([]);
  });

  it('hydrates every island that a page of the book hydrates', () => {
    const book = [
      ...filesUnder('src/content/docs', /\.mdx$/),
      ...filesUnder('src/pages', /\.astro$/).filter((f) => !f.startsWith(join('src/pages/test'))),
    ];
    const wanted = new Set(book.flatMap((f) => [...islandsIn(readFileSync(f, 'utf8'))]));
    expect(wanted.size).toBeGreaterThanOrEqual(5);
    const shown = islandsIn(readFileSync(PAGE, 'utf8'));
    expect([...wanted].filter((c) => !shown.has(c))).toEqual([]);
  });

  it('has valid, tiny specs and ids of its own', () => {
    for (const demo of fixtureDemos) {
      const r = parseSpec(withViewNeeds(demo.spec, demo.views));
      expect(r.ok ? [] : r.issues, demo.id).toEqual([]);
      if (!r.ok) continue;
      // Tiny: a run of any fixture reads at most 64 training images and has under 20,000 parameters.
      expect(r.spec.data.train, demo.id).toBeLessThanOrEqual(64);
      expect(summarize(r.spec).totalParams, demo.id).toBeLessThan(20_000);
    }
    expect(parseSpec(sweepFixture.spec).ok).toBe(true);
    const ids = [...fixtureDemos, sweepFixture, galleryFixture].map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    const book = new Set([...allDemos, ...allSweeps].map((d) => d.id));
    expect(ids.filter((id) => book.has(id))).toEqual([]);
  });
});
