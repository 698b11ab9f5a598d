import { citedKeys } from '../../reference/bibliography';
import { termIdsIn } from '../../reference/glossary';
import { chaptersInOrder } from './chapters';

export type Use = { title: string; href: string };

/** Which chapters link each glossary term and cite each work, in reading order (read from the chapters' sources). */
export async function usage(): Promise<{ terms: Map<string, Use[]>; works: Map<string, Use[]> }> {
  const terms = new Map<string, Use[]>();
  const works = new Map<string, Use[]>();
  const add = (map: Map<string, Use[]>, key: string, use: Use) => {
    const list = map.get(key) ?? [];
    if (!list.some((u) => u.href === use.href)) list.push(use);
    map.set(key, list);
  };
  for (const { entry, href } of await chaptersInOrder()) {
    const body = entry.body ?? '';
    for (const id of termIdsIn(body)) add(terms, id, { title: entry.data.title, href: `${href}#term-${id}` });
    for (const k of citedKeys(body)) add(works, k, { title: entry.data.title, href: `${href}#ref-${k}` });
  }
  return { terms, works };
}
