import { getCollection, type CollectionEntry } from 'astro:content';
import type { ChapterMeta } from '../../content.config';
import { siteHref } from '../site/base';

export type Chapter = { entry: CollectionEntry<'docs'>; meta: ChapterMeta; href: string };

/** Every page that declares a `chapter` block, in reading order. */
export async function chaptersInOrder(base?: string): Promise<Chapter[]> {
  const docs = await getCollection('docs', (entry) => entry.data.chapter !== undefined);
  return docs
    .map((entry) => ({ entry, meta: entry.data.chapter as ChapterMeta, href: siteHref(`${entry.id}/`, base) }))
    .sort((a, b) => a.meta.order - b.meta.order);
}
