import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

/**
 * What makes a page a chapter of the book. Starlight's own `title` is the chapter title;
 * reference pages (e.g. "About the data") simply omit this block.
 */
export const chapterSchema = z.object({
  /** The puzzle this chapter answers, as one sentence in the learner's own words, e.g. "Why is my cost stuck at 0.6439?" */
  question: z.string().min(8).max(160),
  /** Two or three sentences on what the reader will see and understand by the end. Shown on the landing page. */
  summary: z.string().min(20).max(400),
  /** Position in reading order (0 first). Drives the sidebar, prev/next links and the landing page list. */
  order: z.number().int().min(0),
  /** Estimated reading time in minutes, including running the demos. */
  readingTime: z.number().int().positive(),
  /** What the reader should already know: plain phrases or links to earlier chapters, e.g. "the chain rule". */
  prerequisites: z.array(z.string().min(1)).default([]),
});

export type ChapterMeta = z.infer<typeof chapterSchema>;

export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({
      extend: z.object({
        /** Chapter metadata; present on chapters, absent on reference pages. */
        chapter: chapterSchema.optional(),
      }),
    }),
  }),
};
