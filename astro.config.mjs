// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { chapterSidebarItems } from './scripts/chapter-order.mjs';
import { contentSecurityPolicy } from './scripts/build/csp.mjs';
import { offline } from './scripts/build/offline.mjs';
import { siteConfig } from './scripts/build/site.mjs';

/**
 * Display math scrolls sideways on narrow screens; a scrollable region must be reachable by keyboard,
 * so each `.katex-display` becomes focusable (tabindex 0) with an accessible name.
 */
function rehypeFocusableMath() {
  /** @param {any} node */
  const visit = (node) => {
    const cls = node.properties?.className;
    if (node.type === 'element' && Array.isArray(cls) && cls.includes('katex-display')) {
      node.properties.tabIndex = 0;
      node.properties.role = 'group';
      node.properties.ariaLabel = 'Equation (scrolls sideways)';
    }
    node.children?.forEach(visit);
  };
  return visit;
}

// Where the book is served: SITE and BASE from the environment (scripts/build/site.mjs; README, "Hosting"), by
// default the local preview at http://127.0.0.1:4321/.
const { site, base } = siteConfig();

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  site,
  base,
  markdown: {
    processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex, rehypeFocusableMath] }),
  },
  integrations: [
    starlight({
      title: 'Learning Curves',
      description:
        'An interactive deep-learning textbook: every chapter answers a learner’s puzzle with prose, math and real networks that train in your browser.',
      customCss: ['katex/dist/katex.min.css', './src/styles/book.css'],
      lastUpdated: false,
      pagination: true,
      components: {
        // The search button's accessible name contains what it shows ("Search Ctrl K"): WCAG 2.5.3.
        Search: './src/components/site/Search.astro',
      },
      sidebar: [
        // Reading order comes from each chapter's `chapter.order` frontmatter (see src/content.config.ts).
        { label: 'Chapters', items: chapterSidebarItems('src/content/docs/chapters') },
        { label: 'Reference', items: [{ autogenerate: { directory: 'about' } }] },
      ],
    }),
    preact(),
    // Starlight adds this integration itself when none is given; given here to leave the test-only pages out.
    sitemap({ filter: (page) => !new URL(page).pathname.includes('/test/') }),
    // Registers the service worker on production pages; writes sw.js with this build's files.
    offline(),
    // Last: hashes the inline scripts of the finished pages.
    contentSecurityPolicy(),
  ],
  vite: {
    optimizeDeps: {
      // Pre-bundle tfjs up front, otherwise `astro dev` discovers it mid-training and reloads the page.
      include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu', '@observablehq/plot', 'zod'],
    },
    worker: {
      // ES-module workers let the WebGPU backend be a lazily imported chunk.
      format: 'es',
    },
  },
});
