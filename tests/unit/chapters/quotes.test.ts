/**
 * Quotations from the forum threads live in one place (src/reference/threads.ts) with their thread and speaker's
 * role; the chapters show them with <Quote id="…" />. Every id a page uses exists, every quotation is used, and each
 * names a known thread and one of the three roles. (Whether the words are verbatim is checked against the threads
 * by hand before a quotation lands: the threads are not part of the project.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../helpers/files';
import { QUOTES, THREADS } from '../../../src/reference/threads';

const used = filesUnder('src/content/docs', /\.mdx$/).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/<Quote\s+id="([^"]+)"/g)].map((m) => ({ file, id: m[1] })),
);

describe('quotations from the threads', () => {
  it('every <Quote id> in the pages is a known quotation', () => {
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter(({ id }) => !Object.hasOwn(QUOTES, id))).toEqual([]);
  });

  it('every quotation is used by a page', () => {
    const ids = new Set(used.map((u) => u.id));
    expect(Object.keys(QUOTES).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('each names its thread and the speaker’s role', () => {
    for (const [id, q] of Object.entries(QUOTES)) {
      expect(Object.keys(THREADS), id).toContain(q.thread);
      expect(['learner', 'course mentor', 'answerer'], id).toContain(q.speaker);
      expect(q.text.trim().length, id).toBeGreaterThan(5);
      // The words alone: the page supplies the quotation marks.
      expect(q.text, id).not.toMatch(/^["“]|["”]$/);
    }
    // A course mentor answers on the course forum; anyone else who answered is an answerer, on either.
    for (const [id, q] of Object.entries(QUOTES)) {
      if (q.speaker === 'course mentor') expect(THREADS[q.thread].where, id).toBe('course forum');
    }
  });

  it('a quotation is used in the chapter that answers its thread', () => {
    for (const { file, id } of used) {
      const chapter = `/chapters/${file
        .split('/')
        .at(-1)!
        .replace(/\.mdx$/, '')}/`;
      expect(THREADS[QUOTES[id as keyof typeof QUOTES].thread].chapters, `${file}: ${id}`).toContain(chapter);
    }
  });
});
