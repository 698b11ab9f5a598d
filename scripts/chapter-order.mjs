// Reads `chapter.order` from each chapter's frontmatter so the sidebar follows reading order.
// The content collection schema (src/content.config.ts) validates the same field at build time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';

/** @param {string} source */
export function readFrontmatter(source) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
  return match ? /** @type {Record<string, any>} */ (yaml.load(match[1]) ?? {}) : {};
}

/**
 * Sidebar link slugs for every chapter in `dir`, sorted by `chapter.order`.
 * @param {string} dir
 * @returns {string[]}
 */
export function chapterSidebarItems(dir) {
  const chapters = readdirSync(dir)
    .filter((f) => /\.mdx?$/.test(f))
    .map((file) => {
      const data = readFrontmatter(readFileSync(join(dir, file), 'utf8'));
      const order = data.chapter?.order;
      if (typeof order !== 'number') throw new Error(`${join(dir, file)}: frontmatter needs chapter.order (a number)`);
      return { order, slug: `${dir.split('/').pop()}/${file.replace(/\.mdx?$/, '')}` };
    });
  return chapters.sort((a, b) => a.order - b.order).map((c) => c.slug);
}
