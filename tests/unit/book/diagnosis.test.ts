/**
 * The "Diagnose your training" page's links (src/reference/diagnosis.ts): each opens a chapter page that exists,
 * names in its hash only demos of that chapter, and each demo's part decodes without issues — with the hash reader the
 * demos use — into settings the demo shows as controls and that make a valid experiment. The section each link names
 * is a heading of the chapter.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allDemos, allGalleries, allSweeps } from '../../../src/demos';
import { DIAGNOSES, splitLink, type DiagnosisLink } from '../../../src/reference/diagnosis';
import { applyOverrides, demoIdsIn, readDemoLink } from '../../../src/components/experiment/controls/hash';
import { controlNamed } from '../../../src/components/experiment/controls/registry';
import { controlRefName } from '../../../src/components/experiment/controls/types';
import { parseSpec } from '../../../src/engine/spec/parse';

const configs = [...allDemos, ...allSweeps, ...allGalleries];

function check(link: DiagnosisLink) {
  const { path, hash } = splitLink(link.href);
  expect(path).toMatch(/^\/chapters\/[a-z0-9-]+\/$/);
  const file = `src/content/docs${path.replace(/\/$/, '')}.mdx`;
  expect(existsSync(file), file).toBe(true);
  const headings = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => /^#{2,3} /.test(l))
    .map((l) => l.replace(/^#+ /, '').trim());
  expect(headings).toContain(link.section);

  const ids = demoIdsIn(hash);
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) {
    const config = configs.find((c) => c.id === id);
    expect(config, `no demo ${id}`).toBeDefined();
    expect(config!.chapter.href, `${id} is not on ${path}`).toBe(path);
    const { overrides, issues } = readDemoLink(hash, id);
    expect(issues).toEqual([]);
    expect(Object.keys(overrides).length).toBeGreaterThan(0);
    if ('controls' in config!) {
      // The link sets only what the reader sees as a control of that demo.
      const shown = config.controls.map(controlRefName);
      expect(Object.keys(overrides).filter((name) => !shown.includes(name))).toEqual([]);
    }
    if ('spec' in config!) {
      const r = parseSpec(applyOverrides(config.spec, overrides));
      expect(r.ok ? [] : r.issues).toEqual([]);
    }
  }
  if (link.shows) {
    expect(ids).toContain(link.shows.demo);
    const demo = allDemos.find((d) => d.id === link.shows!.demo)!;
    const labels = demo.controls.map(controlRefName).map((n) => controlNamed(n)?.label);
    expect(labels).toContain(link.shows.field);
  }
}

describe('diagnosis links', () => {
  it('cover every chapter with demos, with unique row ids', () => {
    const ids = DIAGNOSES.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    const chapters = new Set(allDemos.map((d) => d.chapter.href).filter((h) => h.startsWith('/chapters/')));
    expect([...chapters].filter((c) => !DIAGNOSES.some((d) => d.chapter.href === c))).toEqual([]);
  });

  for (const d of DIAGNOSES) {
    it(`${d.id}: the links open demos of “${d.chapter.title}” with valid settings`, () => {
      expect(splitLink(d.reproduce.href).path).toBe(d.chapter.href);
      check(d.reproduce);
      if (d.fix) check(d.fix);
    });
  }

  it('a broken link would be caught: an unknown key and an out-of-range value', () => {
    expect(readDemoLink('#lr-stuck:rate=1', 'lr-stuck').issues).not.toEqual([]);
    const stuck = allDemos.find((d) => d.id === 'lr-stuck')!;
    const { overrides } = readDemoLink('#lr-stuck:it=0', 'lr-stuck');
    expect(parseSpec(applyOverrides(stuck.spec, overrides)).ok).toBe(false);
  });
});
