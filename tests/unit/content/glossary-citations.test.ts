/**
 * The glossary (src/reference/glossary.ts) and the bibliography (src/reference/bibliography.ts) against the pages
 * that use them: every <Term id> and <Cite k> in the MDX exists, a chapter links each term once (its first use),
 * every chapter that cites a work ends with `## References` and <References />, whose list is exactly the keys it
 * cites, and every entry is complete (a definition, a link, related entries and sources that exist).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../helpers/files';
import { BIBLIOGRAPHY, citeLabel, citedKeys, isBibKey, referenceOrder, type BibKey, type Work } from '../../../src/reference/bibliography';
import { GLOSSARY, isGlossaryId, termIdsIn, type GlossaryEntry } from '../../../src/reference/glossary';

const pages = filesUnder('src/content/docs', /\.mdx$/).map((file) => ({ file, source: readFileSync(file, 'utf8') }));
const chapters = pages.filter(({ file }) => file.includes('/chapters/'));
/** What a reader sees of a source: no fenced code, no inline code (a <Term> there is an example, not a use). */
const prose = (source: string) => source.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');

describe('glossary terms in the pages', () => {
  it('every <Term id> is a glossary entry', () => {
    const used = pages.flatMap(({ file, source }) => termIdsIn(prose(source)).map((id) => ({ file, id })));
    expect(used.length).toBeGreaterThan(40);
    expect(used.filter(({ id }) => !isGlossaryId(id))).toEqual([]);
  });

  it('a chapter links each term once, at its first use, and imports Term', () => {
    for (const { file, source } of chapters) {
      const ids = termIdsIn(prose(source));
      expect(
        ids.filter((id, i) => ids.indexOf(id) !== i),
        file,
      ).toEqual([]);
      if (ids.length) expect(source, file).toMatch(/import Term from '\.\.\/\.\.\/\.\.\/components\/book\/Term\.astro';/);
    }
  });

  it('every chapter links some terms, and the terms the issue names are all linked somewhere', () => {
    for (const { file, source } of chapters) expect(termIdsIn(prose(source)).length, file).toBeGreaterThanOrEqual(5);
    const linked = new Set(chapters.flatMap(({ source }) => termIdsIn(prose(source))));
    const named = [
      'logit',
      'cross-entropy',
      'validation-set',
      'stratified-split',
      'stride',
      'padding',
      'receptive-field',
      'weight-sharing',
      'equivariance',
      'inference-mode',
      'he-init',
      'glorot-init',
      'leaky-relu',
      'calibration',
      'ece',
      'temperature-scaling',
      'linear-probe',
      'early-stopping',
      'dropout',
      'l2',
      'augmentation',
      'backend',
      'seed',
    ];
    expect(named.filter((id) => !linked.has(id))).toEqual([]);
  });

  it('a term is not linked inside a heading, a learner’s box or another link', () => {
    for (const { file, source } of pages) {
      const text = prose(source);
      expect(
        text.split('\n').filter((l) => /^#{1,6}\s.*<Term\b/.test(l)),
        file,
      ).toEqual([]);
      for (const box of text.matchAll(/<blockquote[\s\S]*?<\/blockquote>/g)) expect(termIdsIn(box[0]), file).toEqual([]);
      expect(text.match(/\[[^\]]*<Term\b[^\]]*\]\(/g), file).toBeNull();
    }
  });
});

describe('glossary entries', () => {
  const entries = Object.entries(GLOSSARY) as [string, GlossaryEntry][];

  it('has at least the terms the issue asks for', () => {
    expect(entries.length).toBeGreaterThanOrEqual(30);
  });

  it('every entry has a term and a short definition of one or two sentences, in plain text', () => {
    for (const [id, e] of entries) {
      expect(id, id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(e.term.trim().length, id).toBeGreaterThan(1);
      expect(e.definition.trim().length, id).toBeGreaterThanOrEqual(30);
      expect(e.definition.length, id).toBeLessThanOrEqual(260);
      expect(e.definition, id).toMatch(/[.)]$/);
      // Shown in a tooltip and read as a description: no markup.
      expect(e.definition, id).not.toMatch(/<\/?[a-z][^>]*>|[*`$\\]/i);
    }
  });

  it('related entries and sources exist, and no entry refers to itself', () => {
    for (const [id, e] of entries) {
      for (const s of e.see ?? []) {
        expect(isGlossaryId(s), `${id} → ${s}`).toBe(true);
        expect(s, id).not.toBe(id);
      }
      for (const k of e.cite ?? []) expect(isBibKey(k), `${id} → ${k}`).toBe(true);
    }
  });

  it('terms are unique', () => {
    const terms = entries.map(([, e]) => e.term.toLowerCase());
    expect(terms.filter((t, i) => terms.indexOf(t) !== i)).toEqual([]);
  });
});

describe('citations and References', () => {
  it('every <Cite k> in the pages is a work of the bibliography', () => {
    const used = pages.flatMap(({ file, source }) => citedKeys(prose(source)).map((k) => ({ file, k })));
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter(({ k }) => !isBibKey(k))).toEqual([]);
  });

  it('every chapter cites works and ends with its References, which list exactly the keys it cites', () => {
    for (const { file, source } of chapters) {
      const keys = citedKeys(prose(source));
      expect(keys.length, file).toBeGreaterThanOrEqual(3);
      // The last section: "## References" and the list, built by <References /> from the same keys.
      expect(source.trimEnd(), file).toMatch(/\n## References\n\n<References \/>$/);
      expect(source, file).toMatch(/import References from '\.\.\/\.\.\/\.\.\/components\/book\/References\.astro';/);
      expect(source, file).toMatch(/import Cite from '\.\.\/\.\.\/\.\.\/components\/book\/Cite\.astro';/);
      // What the list shows: each cited key once, sorted; nothing that is not cited.
      const listed = referenceOrder(keys as BibKey[]);
      expect([...listed].sort(), file).toEqual([...new Set(keys)].sort());
    }
  });

  it('no chapter keeps a free-text citation that a <Cite> should carry', () => {
    for (const { file, source } of chapters) {
      const text = prose(source).replace(/<Quote\b[^>]*\/>/g, '');
      // "Zhang, "Title", ICML 2019" or "Cover and Thomas, …, 2006" as a link or plain text.
      expect(text.match(/\[[A-Z][a-z]+(,| and| et al\.)[^\]]*(19|20)\d\d[^\]]*\]\(http/g), file).toBeNull();
      expect(text, file).not.toMatch(/\bet al\.,? (19|20)\d\d/);
    }
  });

  it('each work has authors, a year or a label, a title, a venue and a link; the issue’s works are all there', () => {
    for (const [k, w] of Object.entries(BIBLIOGRAPHY) as [BibKey, Work][]) {
      expect(w.authors.length, k).toBeGreaterThan(0);
      expect(w.year ?? w.label, k).toBeTruthy();
      expect(w.title.length, k).toBeGreaterThan(3);
      expect(w.venue.length, k).toBeGreaterThan(3);
      expect(w.url, k).toMatch(/^https:\/\//);
      if (w.doi) expect(w.doi, k).toMatch(/^10\.\d{4,}\//);
      if (w.arxiv) expect(w.arxiv, k).toMatch(/^\d{4}\.\d{4,5}$/);
      if (w.url.includes('doi.org')) expect(w.url, k).toBe(`https://doi.org/${w.doi}`);
      if (w.url.includes('arxiv.org')) expect(w.url, k).toBe(`https://arxiv.org/abs/${w.arxiv}`);
    }
    for (const k of [
      'he2015',
      'glorot2010',
      'srivastava2014',
      'guo2017',
      'naeini2015',
      'alain2016',
      'zhang2019',
      'springenberg2015',
      'prechelt1998',
      'smith2017',
      'xiao2017',
      'szegedy2016',
    ])
      expect(isBibKey(k), k).toBe(true);
  });

  it('in-text labels follow author–year', () => {
    expect(citeLabel('zhang2019')).toBe('Zhang 2019');
    expect(citeLabel('glorot2010')).toBe('Glorot & Bengio 2010');
    expect(citeLabel('he2015')).toBe('He et al. 2015');
    expect(citeLabel('chollet2015')).toBe('Chollet et al. 2015');
  });

  it('citedKeys reads each key once, in order of first citation', () => {
    expect(citedKeys('a <Cite k="he2015" /> b <Cite k="zhang2019" loc="§2" /> c <Cite k="he2015" />')).toEqual(['he2015', 'zhang2019']);
  });
});
